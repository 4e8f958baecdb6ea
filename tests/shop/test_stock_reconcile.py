"""The reconciliation task finds a level that disagrees with its ledger, once, and shows it
to the platform operator only."""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from shop import tasks
from shop.models import StockDrift
from tenancy.scope import all_stores
from tests.shop.factories import stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def drifted(store):
    """A lamp whose count was changed by a raw UPDATE, around the stock service."""
    lamp = stocked_variant(site=store.site, stock=4, title="Lamp")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE shop_stocklevel SET on_hand = on_hand + 3 WHERE variant_id = %s",
            [lamp.pk],
        )
    return lamp


def _open_drifts():
    with all_stores():
        return list(
            StockDrift.objects.filter(resolved=False).values_list(
                "variant_id", "expected_on_hand", "actual_on_hand", "expected_reserved"
            )
        )


def test_an_injected_drift_is_found_once_and_logged(drifted, store, other_store, caplog):
    stocked_variant(site=other_store.site, stock=2, title="Their lamp")  # agrees

    with caplog.at_level(logging.ERROR, logger="shop.services.stock.reconcile"):
        assert tasks.reconcile_stock_task.delay().get() == 1
    assert tasks.reconcile_stock_task.delay().get() == 0

    assert _open_drifts() == [(drifted.pk, 4, 7, 0)]
    assert "Stock drift" in caplog.text and drifted.sku in caplog.text
    with all_stores():
        assert StockDrift.objects.get().site_id == store.site.pk


def test_a_level_that_agrees_again_closes_its_drift(drifted):
    tasks.reconcile_stock_task.delay()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE shop_stocklevel SET on_hand = 4 WHERE variant_id = %s",
            [drifted.pk],
        )

    tasks.reconcile_stock_task.delay()

    assert _open_drifts() == []


def test_the_operator_sees_open_drifts_and_marks_one_resolved(drifted, operator_client):
    tasks.reconcile_stock_task.delay()
    url = reverse("shop_stock_drift")

    page = operator_client.get(url)
    assert page.status_code == 200
    assert drifted.sku in page.content.decode()

    with all_stores():
        drift = StockDrift.objects.get()
    done = operator_client.post(url, {"drift": drift.pk}, follow=True)

    assert _open_drifts() == []
    assert "marked resolved" in done.content.decode()
    assert operator_client.post(url, {"drift": "nope"}, follow=True).status_code == 200
    # Still drifting: the next run records it again for the operator.
    assert tasks.reconcile_stock_task.delay().get() == 1


def test_merchants_cannot_see_or_resolve_drifts(drifted, merchant_client):
    tasks.reconcile_stock_task.delay()
    url = reverse("shop_stock_drift")
    with all_stores():
        drift = StockDrift.objects.get()

    # Wagtail answers a refused admin page with a redirect to the dashboard and a message.
    refused = merchant_client.get(url, follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert drifted.sku not in refused.content.decode()
    merchant_client.post(url, {"drift": drift.pk})
    assert len(_open_drifts()) == 1
    assert "Stock drift" not in merchant_client.get(reverse("wagtailadmin_home")).content.decode()

"""Stock tasks in the CRM: one ticket per variant, opened when it runs low or sells out,
turned from low to sold out, closed with a note when restocked above its threshold."""

import pytest
from django.db import IntegrityError
from django.test import TestCase

from crm_bridge.models import Ticket
from crm_bridge.stock_tickets import sync_stock_ticket
from crm_bridge.tasks import sync_stock_ticket_task
from shop.models import StockMovement
from shop.services import adjust_stock
from tenancy.scope import all_stores, store_scope
from tests.shop.factories import stocked_variant

pytestmark = pytest.mark.django_db


def _move(variant, quantity):
    with store_scope([variant.site_id]), TestCase.captureOnCommitCallbacks(execute=True):
        adjust_stock(
            variant=variant,
            quantity=quantity,
            reason=StockMovement.Reason.ADJUSTMENT,
            note="Stock take",
        )


def _tickets(variant):
    with all_stores():
        return list(
            Ticket.objects.filter(variant=variant)
            .order_by("pk")
            .values("site_id", "kind", "status", "subject", "client_id")
        )


def test_running_low_opens_a_stock_ticket_in_the_variants_store(store):
    variant = stocked_variant(site=store.site, stock=9, title="Oak stool")

    _move(variant, -5)  # 4 left, the store's threshold is 5

    [ticket] = _tickets(variant)
    assert ticket["site_id"] == store.site.pk
    assert ticket["kind"] == Ticket.Kind.STOCK_LOW
    assert ticket["status"] == Ticket.Status.OPEN
    assert ticket["client_id"] is None
    assert ticket["subject"] == f"Low stock: Oak stool (SKU {variant.sku})"


def test_selling_out_turns_the_low_stock_ticket_into_a_sold_out_one(store):
    variant = stocked_variant(site=store.site, stock=9, title="Oak stool")
    _move(variant, -5)

    _move(variant, -4)

    [ticket] = _tickets(variant)
    assert ticket["kind"] == Ticket.Kind.STOCK_OUT
    assert ticket["subject"].startswith("Sold out: Oak stool")
    with store_scope([store.site.pk]):
        notes = Ticket.objects.get(variant=variant).notes
    assert "Now sold out (was low stock): 0 available" in notes


def test_selling_out_at_once_opens_one_sold_out_ticket(store):
    variant = stocked_variant(site=store.site, stock=30)

    _move(variant, -30)

    assert [t["kind"] for t in _tickets(variant)] == [Ticket.Kind.STOCK_OUT]


def test_restocking_above_the_threshold_closes_the_ticket_with_a_note(store):
    variant = stocked_variant(site=store.site, stock=3)
    _move(variant, -3)

    _move(variant, 2)  # back, but still low: the ticket stays open, now low
    [ticket] = _tickets(variant)
    assert (ticket["kind"], ticket["status"]) == (Ticket.Kind.STOCK_LOW, Ticket.Status.OPEN)

    _move(variant, 20)

    [ticket] = _tickets(variant)
    assert ticket["status"] == Ticket.Status.CLOSED
    with store_scope([store.site.pk]):
        notes = Ticket.objects.get(variant=variant).notes
    assert "Restocked: 22 available (threshold 5). Closed." in notes


def test_running_low_again_after_closing_opens_a_new_ticket(store):
    variant = stocked_variant(site=store.site, stock=2)
    _move(variant, -2)
    _move(variant, 20)

    with store_scope([store.site.pk]):
        Ticket.objects.filter(variant=variant).update(status=Ticket.Status.CLOSED)
    _move(variant, -20)

    assert [t["status"] for t in _tickets(variant)] == [Ticket.Status.CLOSED, Ticket.Status.OPEN]


def test_running_the_sync_twice_keeps_one_ticket(store):
    variant = stocked_variant(site=store.site, stock=1)
    _move(variant, -1)

    sync_stock_ticket_task(variant.pk, store.site.pk)
    sync_stock_ticket_task(variant.pk, store.site.pk)

    assert len(_tickets(variant)) == 1


def test_the_database_refuses_a_second_open_ticket_for_a_variant(store):
    variant = stocked_variant(site=store.site, stock=0)
    with store_scope([store.site.pk]):
        variant.refresh_from_db()
        sync_stock_ticket(variant=variant)
        with pytest.raises(IntegrityError):
            Ticket.objects.create(
                site_id=store.site.pk, kind=Ticket.Kind.STOCK_OUT, variant=variant, subject="x"
            )


def test_a_task_given_another_stores_id_writes_nothing(store, other_store):
    theirs = stocked_variant(site=other_store.site, stock=0)

    sync_stock_ticket_task(theirs.pk, store.site.pk)

    assert _tickets(theirs) == []


def test_the_merchant_sees_the_stock_ticket_in_the_crm_tickets_list(store, merchant_client):
    variant = stocked_variant(site=store.site, stock=1, title="Oak stool")
    _move(variant, -1)

    response = merchant_client.get("/admin/snippets/crm_bridge/ticket/")

    assert response.status_code == 200
    assert "Sold out: Oak stool" in response.content.decode()

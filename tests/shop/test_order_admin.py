"""Who may cancel an order in the admin, and what the order screens offer."""

import pytest
from django.test import TestCase
from django.urls import reverse

from shop.models import Order, StockLevel
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(store):
    lamp = stocked_variant(site=store.site, stock=4, title="Alpha Lamp")
    return place_test_order(lines=[(lamp, 1)])


def _status_and_stock(order):
    with store_scope([order.site_id]):
        order = Order.objects.get(pk=order.pk)
        return order.status, StockLevel.objects.get(variant__sku=order.lines.get().sku).on_hand


def _cancel(client, order):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("wagtailsnippets_shop_order:cancel", args=[order.pk]))


def test_support_staff_can_cancel_an_order(platform_client, store, order):
    platform_client.force_login(staff_member(store, Role.SUPPORT))

    response = _cancel(platform_client, order)

    assert response.status_code == 302
    assert _status_and_stock(order) == (Order.Status.CANCELLED, 4)


def test_an_editor_cannot_cancel_an_order(platform_client, store, order):
    platform_client.force_login(staff_member(store, Role.EDITOR))

    response = _cancel(platform_client, order)

    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    assert _status_and_stock(order) == (Order.Status.PENDING_PAYMENT, 3)


def test_the_cancel_button_goes_once_the_order_is_cancelled(merchant_client, order):
    edit_url = reverse("wagtailsnippets_shop_order:edit", args=[order.pk])
    cancel_url = reverse("wagtailsnippets_shop_order:cancel", args=[order.pk])
    assert cancel_url in merchant_client.get(edit_url).content.decode()

    _cancel(merchant_client, order)

    page = merchant_client.get(edit_url).content.decode()
    assert cancel_url not in page
    assert 'data-testid="order-status">Cancelled<' in page
    assert "already: its items went back in stock then" in (
        merchant_client.get(cancel_url).content.decode()
    )

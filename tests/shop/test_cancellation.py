"""Cancelling an order puts its stock back through the ledger, once, and the CRM follows.

Orders are cancelled in the admin as the store's owner, with the "Cancel order" action or
by choosing Cancelled on the order's edit screen; both go through
``shop.services.cancel_order``.
"""

from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from crm_bridge.models import Client, Ticket
from shop import services
from shop.exceptions import InvalidTransition
from shop.models import Order, StockLevel, StockMovement
from shop.signals import order_cancelled
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def lamp(store):
    return stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")


@pytest.fixture
def bulb(store):
    return stocked_variant(site=store.site, price="3.00", stock=10, title="Bulb")


@pytest.fixture
def order(lamp, bulb):
    return place_test_order(lines=[(lamp, 2), (bulb, 3)], email="ann@example.test")


def _on_hand(*variants):
    with store_scope([variants[0].site_id]):
        return tuple(StockLevel.objects.get(variant=variant).on_hand for variant in variants)


def _returns(order):
    with store_scope([order.site_id]):
        return sorted(
            StockMovement.objects.filter(
                order=order, reason=StockMovement.Reason.CANCELLATION
            ).values_list("variant_id", "quantity", "note", "created_by")
        )


def _cancel_url(order):
    return reverse("wagtailsnippets_shop_order:cancel", args=[order.pk])


def _edit_url(order):
    return reverse("wagtailsnippets_shop_order:edit", args=[order.pk])


def _post_cancel(client, order, **data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(_cancel_url(order), data, follow=True)


def _edit_form(client, order):
    return querydict_from_html(client.get(_edit_url(order)).content.decode(), "w-editor-form")


def _post_edit(client, order, data, **changes):
    data = data.copy()
    data.update(changes)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(_edit_url(order), data, follow=True)


def _reloaded(order):
    with store_scope([order.site_id]):
        return Order.objects.get(pk=order.pk)


def _crm(order):
    with store_scope([order.site_id]):
        return Client.objects.get(email=order.email), Ticket.objects.get(order=order)


def test_cancel_action_puts_the_stock_back_with_one_cancellation_row_per_line(
    merchant_client, merchant, order, lamp, bulb
):
    assert _on_hand(lamp, bulb) == (3, 7)

    response = _post_cancel(merchant_client, order, reason="Customer called")

    assert f"{order} cancelled: its items are back in stock." in response.content.decode()
    assert _reloaded(order).status == Order.Status.CANCELLED
    assert _on_hand(lamp, bulb) == (5, 10)
    note = f"{order} cancelled: Customer called"
    assert _returns(order) == sorted(
        [(lamp.pk, 2, note, merchant.pk), (bulb.pk, 3, note, merchant.pk)]
    )


def test_cancel_page_shows_the_lines_that_go_back_in_stock(merchant_client, order):
    response = merchant_client.get(_cancel_url(order))

    assert response.status_code == 200
    text = response.content.decode()
    assert "2 × Desk lamp" in text
    assert "Yes, cancel the order" in text
    assert _reloaded(order).status == Order.Status.PENDING_PAYMENT


def test_order_edit_screen_offers_the_cancel_action(merchant_client, order):
    assert _cancel_url(order) in merchant_client.get(_edit_url(order)).content.decode()


def test_cancelling_twice_returns_the_stock_once_and_says_so(merchant_client, order, lamp, bulb):
    _post_cancel(merchant_client, order)

    again = _post_cancel(merchant_client, order)

    assert f"{order} is already cancelled" in again.content.decode()
    assert _on_hand(lamp, bulb) == (5, 10)
    assert len(_returns(order)) == 2


def test_choosing_cancelled_on_the_edit_screen_cancels_through_the_service(
    merchant_client, order, lamp, bulb
):
    response = _post_edit(
        merchant_client, order, _edit_form(merchant_client, order), status="cancelled"
    )

    assert response.status_code == 200
    assert _reloaded(order).status == Order.Status.CANCELLED
    assert _on_hand(lamp, bulb) == (5, 10)
    assert [(variant, quantity) for variant, quantity, *_ in _returns(order)] == sorted(
        [(lamp.pk, 2), (bulb.pk, 3)]
    )


def test_edit_form_loaded_before_a_cancellation_cannot_cancel_again(
    merchant_client, order, lamp, bulb
):
    stale_form = _edit_form(merchant_client, order)
    _post_cancel(merchant_client, order)

    response = _post_edit(merchant_client, order, stale_form, status="cancelled")

    assert response.status_code == 200
    assert f"{order} is already cancelled" in response.content.decode()
    assert _on_hand(lamp, bulb) == (5, 10)
    assert len(_returns(order)) == 2


@pytest.mark.parametrize("stale", [False, True], ids=["fresh form", "form loaded before"])
def test_a_cancelled_order_cannot_be_moved_out_of_cancelled(merchant_client, order, lamp, stale):
    form = _edit_form(merchant_client, order)
    _post_cancel(merchant_client, order)
    if not stale:
        form = _edit_form(merchant_client, order)

    response = _post_edit(merchant_client, order, form, status="paid", note="Paid after all")

    assert response.status_code == 200
    assert _reloaded(order).status == Order.Status.CANCELLED
    assert _on_hand(lamp)[0] == 5
    assert len(_returns(order)) == 2
    with store_scope([order.site_id]):
        assert StockMovement.objects.filter(order=order).count() == 4  # 2 sales, 2 returns


def test_service_refuses_to_move_a_cancelled_order(order):
    with store_scope([order.site_id]):
        services.cancel_order(order=order)
        with pytest.raises(InvalidTransition, match="stays cancelled"):
            services.change_order_status(order=order, status=Order.Status.PAID)
    assert _reloaded(order).status == Order.Status.CANCELLED


def test_a_shipped_order_is_not_cancelled(merchant_client, order, lamp):
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
        services.change_order_status(order=order, status=Order.Status.SHIPPED)

    response = _post_cancel(merchant_client, order)

    assert "too late to cancel" in response.content.decode()
    assert _reloaded(order).status == Order.Status.SHIPPED
    assert _on_hand(lamp)[0] == 3


def test_cancellation_closes_the_ticket_and_leaves_total_spent(merchant_client, order, lamp):
    kept = place_test_order(lines=[(lamp, 1)], email="ann@example.test")
    client, _ = _crm(order)
    assert client.total_spent == order.total + kept.total

    _post_cancel(merchant_client, order)

    client, ticket = _crm(order)
    assert client.orders_count == 2
    assert client.total_spent == kept.total == Decimal("25.00")
    assert ticket.status == Ticket.Status.CLOSED
    assert _crm(kept)[1].status == Ticket.Status.OPEN


def test_order_cancelled_is_sent_only_after_commit(order):
    received = []

    def receiver(sender, order, **kwargs):
        received.append(order.pk)

    order_cancelled.connect(receiver, dispatch_uid="tests_order_cancelled")
    try:
        with store_scope([order.site_id]):
            with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
                services.cancel_order(order=order)
            assert received == []
            for callback in callbacks:
                callback()
    finally:
        order_cancelled.disconnect(dispatch_uid="tests_order_cancelled")
    assert received == [order.pk]


def test_another_stores_order_cannot_be_cancelled(platform_client, other_merchant, order, lamp):
    platform_client.force_login(other_merchant)

    response = platform_client.post(_cancel_url(order))

    assert response.status_code == 404
    assert _reloaded(order).status == Order.Status.PENDING_PAYMENT
    assert _on_hand(lamp)[0] == 3

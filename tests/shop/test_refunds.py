"""Refunds (``shop.services.refunds``): in full, by amount or by line, never more than was
paid, with a restock through the stock ledger, through the card provider when the order was
paid by card, and refunds made at the provider recorded once."""

from decimal import Decimal

import pytest

from shop import services
from shop.exceptions import PaymentProviderError, RefundRefused
from shop.models import Order, OrderEvent, Refund, StockLevel, StockMovement
from shop.services.refunds import REFUND_PROVIDERS
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db

S = Order.Status


@pytest.fixture
def goods(store):
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    bulb = stocked_variant(site=store.site, price="3.00", stock=9, title="Bulb")
    return lamp, bulb


@pytest.fixture
def order(goods):
    lamp, bulb = goods
    order = place_test_order(lines=[(lamp, 1), (bulb, 4)])
    assert order.total == Decimal("32.00") + order.shipping_total
    return order


@pytest.fixture
def card_provider(monkeypatch):
    """Card refunds recorded here instead of sent to Stripe; the registered provider is
    back after the test (later tests refund through the fake Stripe server)."""
    sent = []

    def provider(refund):
        sent.append((refund.pk, refund.amount))
        return f"re_{refund.pk}"

    monkeypatch.setitem(REFUND_PROVIDERS, "card", provider)
    return sent


def _reloaded(order):
    return Order.objects.get(pk=order.pk)


def _refund_events(order):
    return [e.data for e in OrderEvent.objects.filter(order=order, kind="refunded")]


def test_a_full_refund_gives_back_what_was_paid_and_makes_the_order_refunded(
    order, merchant, in_store_scope
):
    services.mark_paid(order=order)

    refund = services.refund(order=order, reason="Shopper changed their mind", user=merchant)

    order = _reloaded(order)
    assert refund.amount == order.total == order.refunded_total
    assert refund.status == Refund.Status.SUCCEEDED
    assert order.status == S.REFUNDED
    assert _refund_events(order) == [
        {"from": "paid", "to": "refunded", "refund": refund.pk, "amount": str(order.total)}
    ]


def test_a_partial_amount_keeps_the_status_and_says_partially_refunded(order, in_store_scope):
    services.mark_paid(order=order)

    services.refund(order=order, amount="5.50")

    order = _reloaded(order)
    assert order.refunded_total == Decimal("5.50")
    assert order.status == S.PAID
    assert order.status_label == "Paid · partially refunded"


def test_refunds_never_exceed_what_was_paid(order, in_store_scope):
    services.mark_paid(order=order)
    services.refund(order=order, amount="10.00")
    left = order.total - Decimal("10.00")

    for too_much in (left + Decimal("0.01"), "1e9", "99999999999999999999"):
        with pytest.raises(RefundRefused, match="more than can be refunded"):
            services.refund(order=order, amount=too_much)
    for nonsense in ("-1", "0", "abc", "NaN"):
        with pytest.raises(RefundRefused):
            services.refund(order=order, amount=nonsense)
    services.refund(order=order, amount=left)
    with pytest.raises(RefundRefused, match="refunded in full already"):
        services.refund(order=order, amount="0.01")

    assert _reloaded(order).refunded_total == order.total
    assert Refund.objects.filter(order=order).count() == 2


def test_an_unpaid_order_has_nothing_to_refund(order, in_store_scope):
    with pytest.raises(RefundRefused, match="not paid: there is nothing to refund"):
        services.refund(order=order)

    assert not Refund.objects.exists()


def test_a_refund_by_line_is_priced_from_the_snapshot_and_restocks_once(
    order, goods, in_store_scope
):
    lamp, bulb = goods
    services.mark_paid(order=order)
    _, bulb_line = order.lines.order_by("pk")

    refund = services.refund(order=order, lines={bulb_line.pk: 3}, restock=True, reason="Broken")

    assert refund.amount == Decimal("9.00")
    assert [(line.order_line_id, line.quantity, line.amount) for line in refund.lines.all()] == [
        (bulb_line.pk, 3, Decimal("9.00"))
    ]
    assert StockLevel.objects.get(variant=bulb).on_hand == 9 - 4 + 3
    assert StockLevel.objects.get(variant=lamp).on_hand == 4
    movement = StockMovement.objects.get(order=order, reason=StockMovement.Reason.RETURN)
    assert (movement.variant_id, movement.quantity) == (bulb.pk, 3)
    with pytest.raises(RefundRefused, match="Bulb: 1 unit\\(s\\) left to refund, not 2"):
        services.refund(order=order, lines={bulb_line.pk: 2}, restock=True)
    assert StockLevel.objects.get(variant=bulb).on_hand == 8


def test_a_refund_by_line_can_include_the_shipping(order, in_store_scope):
    services.mark_paid(order=order)
    lamp_line, _ = order.lines.order_by("pk")

    refund = services.refund(order=order, lines={lamp_line.pk: 1}, shipping=True)

    assert refund.amount == Decimal("20.00") + order.shipping_total
    assert not refund.restock


def test_lines_of_another_order_are_refused(order, goods, in_store_scope):
    lamp, _ = goods
    services.mark_paid(order=order)
    other = place_test_order(lines=[(lamp, 1)])

    with pytest.raises(RefundRefused, match="not one of"):
        services.refund(order=order, lines={other.lines.get().pk: 1}, restock=True)

    assert not Refund.objects.exists()
    assert StockLevel.objects.get(variant=lamp).on_hand == 3


def test_a_card_refund_goes_through_the_provider(order, card_provider, in_store_scope):
    Order.objects.filter(pk=order.pk).update(payment_method="card")
    services.mark_paid(order=order, actor="Stripe")

    refund = services.refund(order=order, amount="4.00")

    assert card_provider == [(refund.pk, Decimal("4.00"))]
    assert refund.provider_reference == f"re_{refund.pk}"
    assert _reloaded(order).refunded_total == Decimal("4.00")


def test_a_refused_card_refund_is_recorded_as_failed_and_changes_nothing_else(
    order, goods, in_store_scope, monkeypatch
):
    _, bulb = goods
    Order.objects.filter(pk=order.pk).update(payment_method="card")
    services.mark_paid(order=order, actor="Stripe")

    def refusing(refund):
        raise PaymentProviderError("The charge is disputed.")

    monkeypatch.setitem(REFUND_PROVIDERS, "card", refusing)
    with pytest.raises(PaymentProviderError, match="disputed"):
        services.refund(order=order, lines={order.lines.last().pk: 2}, restock=True)

    failed = Refund.objects.get(order=order)
    assert (failed.status, failed.failure_message) == ("failed", "The charge is disputed.")
    order = _reloaded(order)
    assert order.refunded_total == 0
    assert order.status == S.PAID
    assert StockLevel.objects.get(variant=bulb).on_hand == 5
    assert _refund_events(order) == []


def test_offline_orders_are_refunded_by_hand_without_a_provider(
    order, card_provider, in_store_scope
):
    services.mark_paid(order=order, via="bank_transfer")

    refund = services.refund(order=order, amount="1.00")

    assert card_provider == []
    assert (refund.status, refund.provider_reference) == ("succeeded", "")


def test_a_refund_made_at_the_provider_is_recorded_once(order, in_store_scope):
    Order.objects.filter(pk=order.pk).update(payment_method="card")
    services.mark_paid(order=order, actor="Stripe")

    first = services.record_provider_refund(
        order=order, amount="7.00", provider_reference="re_dash_1", reason="From the dashboard"
    )
    again = services.record_provider_refund(
        order=order, amount="7.00", provider_reference="re_dash_1"
    )

    assert first.pk == again.pk
    assert _reloaded(order).refunded_total == Decimal("7.00")
    event = OrderEvent.objects.get(order=order, kind="refunded")
    assert (event.by, event.data) == ("Stripe", {"refund": first.pk, "amount": "7.00"})


def test_a_cancelled_paid_order_is_refunded_and_stays_cancelled(order, in_store_scope):
    services.mark_paid(order=order)
    services.cancel_order(order=order, reason="Out of stock")

    services.refund(order=order)

    order = _reloaded(order)
    assert order.status == S.CANCELLED
    assert order.refund_state == "full"
    assert order.status_label == "Cancelled · refunded"

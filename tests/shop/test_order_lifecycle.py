"""Which status may follow which, the timeline each change writes, and payments recorded
once (``shop.services.lifecycle``, ADR 41)."""

import pytest
from django.test import TestCase
from django.urls import reverse

from shop import services
from shop.exceptions import InvalidTransition
from shop.models import Order, OrderEvent, StoreSettings
from shop.services import lifecycle
from shop.signals import order_event_recorded
from tenancy.scope import store_scope
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.test_views import CHECKOUT_FORM

pytestmark = pytest.mark.django_db

S = Order.Status


@pytest.fixture
def lamp(store):
    return stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")


def _order(lamp, **details):
    return place_test_order(lines=[(lamp, 1)], email="ann@example.test", **details)


def _reloaded(order) -> Order:
    with store_scope([order.site_id]):
        return Order.objects.get(pk=order.pk)


def _events(order) -> list[tuple[str, dict]]:
    """The order's timeline, without the emails it sent (tests/shop/test_order_emails.py)."""
    with store_scope([order.site_id]):
        events = OrderEvent.objects.filter(order=order).exclude(kind=OrderEvent.Kind.EMAIL_SENT)
        return [(e.kind, e.data) for e in events]


def test_placing_an_order_starts_its_timeline(lamp):
    order = _order(lamp)

    assert _events(order) == [(OrderEvent.Kind.PLACED, {})]
    with store_scope([order.site_id]):
        assert OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.PLACED).by == "Shopper"


def test_an_unpaid_order_is_not_shipped(lamp):
    order = _order(lamp)

    with store_scope([order.site_id]), pytest.raises(InvalidTransition) as refused:
        services.transition(order=order, status=S.SHIPPED)

    assert str(refused.value) == (
        f"Order #{order.number} is pending payment: it can become paid or cancelled, not shipped."
    )
    assert _reloaded(order).status == S.PENDING_PAYMENT


def test_a_paid_order_moves_forward_and_each_step_is_on_its_timeline(lamp, merchant):
    order = _order(lamp)

    with store_scope([order.site_id]):
        services.mark_paid(order=order, user=merchant, via="bank_transfer")
        services.transition(order=order, status=S.FULFILLED, user=merchant)
        services.transition(order=order, status=S.SHIPPED, user=merchant)
        services.transition(order=order, status=S.DELIVERED, user=merchant)
        with pytest.raises(InvalidTransition, match="can become refunded, not shipped"):
            services.transition(order=order, status=S.SHIPPED, user=merchant)
        timeline = list(OrderEvent.objects.filter(order=order).exclude(kind="email_sent"))

    assert [(e.kind, e.data.get("to")) for e in timeline] == [
        ("placed", None),
        ("payment_received", None),
        ("invoice_issued", None),
        ("status_changed", "fulfilled"),
        ("status_changed", "shipped"),
        ("status_changed", "delivered"),
    ]
    assert {e.user_id for e in timeline[1:] if e.kind != "invoice_issued"} == {merchant.pk}
    assert timeline[2].actor == "System"
    assert timeline[1].data == {"via": "bank_transfer"}


def test_a_payment_is_recorded_once_however_often_it_is_reported(lamp):
    order = _order(lamp)

    with store_scope([order.site_id]):
        first = services.mark_paid(order=order, actor="Stripe", reference="pi_1")
        again = services.mark_paid(order=order, actor="Stripe", reference="pi_1")

    assert first.paid_at == again.paid_at is not None
    assert [kind for kind, _ in _events(order)] == ["placed", "payment_received", "invoice_issued"]
    assert _reloaded(order).status == S.PAID


def test_cash_on_delivery_ships_before_it_is_paid_and_keeps_its_status_when_paid(lamp, store):
    StoreSettings.objects.filter(site=store.site).update(accepts_cash_on_delivery=True)
    order = _order(lamp, payment_method=Order.PaymentMethod.CASH_ON_DELIVERY)

    with store_scope([order.site_id]):
        services.transition(order=order, status=S.SHIPPED)
        services.mark_paid(order=order, via="cash")
        with pytest.raises(InvalidTransition):
            services.transition(order=order, status=S.PAID)

    order.refresh_from_db()
    assert order.status == S.SHIPPED and order.is_paid


def test_cancelled_and_refunded_orders_stay_as_they_are(lamp):
    cancelled, refunded = _order(lamp), _order(lamp)

    with store_scope([cancelled.site_id]):
        services.cancel_order(order=cancelled, reason="Shopper asked")
        services.mark_paid(order=refunded)
        services.transition(order=refunded, status=S.REFUNDED)
        for order in (cancelled, refunded):
            for status in (S.PAID, S.SHIPPED, S.PENDING_PAYMENT):
                with pytest.raises(InvalidTransition, match=r"stays cancelled|nothing more"):
                    services.transition(order=order, status=status)

    assert _events(cancelled)[-1] == (
        OrderEvent.Kind.CANCELLED,
        {"from": "pending_payment", "to": "cancelled"},
    )


def test_each_timeline_entry_is_announced_after_commit(lamp):
    order = _order(lamp)
    heard = []

    def listener(sender, event, **kwargs):
        heard.append(event.kind)

    order_event_recorded.connect(listener)
    try:
        with store_scope([order.site_id]):
            with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
                services.mark_paid(order=order)
            assert heard == []
            for callback in callbacks:
                callback()
    finally:
        order_event_recorded.disconnect(listener)

    assert heard == ["payment_received", "invoice_issued"]


def test_the_payment_reference_is_the_number_with_a_check_digit(lamp):
    order = _order(lamp)
    digits = [int(d) for d in order.payment_reference]

    checksum = sum(
        (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d for i, d in enumerate(reversed(digits))
    )
    assert order.payment_reference.startswith(str(order.number))
    assert len(order.payment_reference) == len(str(order.number)) + 1
    assert checksum % 10 == 0


def test_the_confirmation_page_says_where_to_pay_by_bank_transfer(store, shopper_client, lamp):
    StoreSettings.objects.filter(site=store.site).update(
        bank_account_holder="Harbour Goods AS",
        bank_name="Fjord Bank",
        bank_account_number="NO93 8601 1117 947",
        bank_bic="FJORNOKK",
    )
    shopper_client.post(reverse("shop:cart-add"), {"variant": lamp.pk, "quantity": 1})
    form = {**CHECKOUT_FORM, "checkout_token": issued_checkout_token(shopper_client)}

    response = shopper_client.post(reverse("shop:checkout"), form, follow=True)

    page = response.content.decode()
    order = response.context["order"]
    for shown in ("Harbour Goods AS", "Fjord Bank", "NO93 8601 1117 947", "FJORNOKK"):
        assert shown in page
    assert f'data-testid="payment-reference">{order.payment_reference}<' in page


def test_cash_on_delivery_is_offered_only_by_stores_that_take_it(store, shopper_client, lamp):
    shopper_client.post(reverse("shop:cart-add"), {"variant": lamp.pk, "quantity": 1})
    form = {
        **CHECKOUT_FORM,
        "checkout_token": issued_checkout_token(shopper_client),
        "payment_method": "cash_on_delivery",
    }

    refused = shopper_client.post(reverse("shop:checkout"), form)
    store_settings = StoreSettings.objects.get(site=store.site)
    store_settings.accepts_cash_on_delivery = True
    store_settings.save()  # as the settings screen does, which clears the store's cache
    accepted = shopper_client.post(reverse("shop:checkout"), form, follow=True)

    assert "That way of paying is not offered" in refused.content.decode()
    assert accepted.context.get("form") is None, accepted.context["form"].errors
    order = accepted.context["order"]
    assert order.payment_method == Order.PaymentMethod.CASH_ON_DELIVERY
    assert "in cash when your parcel arrives" in accepted.content.decode()


def _at(order, status) -> Order:
    """``order`` put at ``status`` as the lifecycle would have left it: paid unless it
    still waits for its payment."""
    paid_at = None if status == S.PENDING_PAYMENT else order.placed_at
    with store_scope([order.site_id]):
        Order.objects.filter(pk=order.pk).update(status=status, paid_at=paid_at)
        return Order.objects.get(pk=order.pk)


@pytest.mark.parametrize("target", list(S))
@pytest.mark.parametrize("start", list(S))
def test_every_move_of_the_table_is_made_and_every_other_refused(lamp, start, target):
    order = _at(_order(lamp), start)
    allowed = target in lifecycle.TRANSITIONS[start]

    with store_scope([order.site_id]):
        if start == target == S.CANCELLED:
            with pytest.raises(InvalidTransition, match="already cancelled"):
                services.transition(order=order, status=target)  # its stock went back once
            events = 1
        elif start == target:
            services.transition(order=order, status=target)  # nothing to do, nothing refused
            events = 1  # the order's placing
        elif allowed:
            services.transition(order=order, status=target)
            events = 2
        else:
            with pytest.raises(InvalidTransition) as refused:
                services.transition(order=order, status=target)
            message = str(refused.value)
            assert message.startswith(f"Order #{order.number} is {start.label.lower()}")
            if start not in (S.CANCELLED, S.REFUNDED):  # final: the message says so
                assert ("cancel" if target == S.CANCELLED else target.label.lower()) in message
            events = 1

    assert _reloaded(order).status == (target if allowed or start == target else start)
    with store_scope([order.site_id]):
        written = OrderEvent.objects.filter(order=order).exclude(kind="email_sent").count()
    assert written == events

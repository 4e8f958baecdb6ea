"""Card orders left unpaid are cancelled with their PaymentIntents and their stock returns;
refunds of card orders go to Stripe once."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from shop.exceptions import PaymentProviderError
from shop.models import Order, Payment, PaymentSettings, Refund, StockLevel
from shop.payments.refunds import refund_card_payment
from shop.tasks import cancel_abandoned_card_orders_task
from tenancy.scope import store_scope
from tests.shop.factories import stocked_variant
from tests.shop.payment_helpers import (
    ACCOUNT,
    card_checkout,
    deliver,
    intent_event,
    placed_card_order,
    the_order,
)
from tests.shop.shipping_factories import set_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def variant(card_store):
    return stocked_variant(site=card_store.site, price="25.00", stock=3, title="Wool blanket")


def _later(minutes=61):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def _order_and_stock(order, variant):
    with store_scope([order.site_id]):
        order.refresh_from_db()
        return order.status, StockLevel.objects.get(variant=variant).on_hand


def test_an_unpaid_card_order_is_cancelled_with_its_intent_once_its_time_is_up(
    card_store, variant, shopper_client, fake_stripe
):
    order, intent_id = placed_card_order(shopper_client, variant)

    assert cancel_abandoned_card_orders_task() == 0  # not yet
    with _later():
        assert cancel_abandoned_card_orders_task() == 1
        assert cancel_abandoned_card_orders_task() == 0  # run twice, cancelled once

    assert _order_and_stock(order, variant) == (Order.Status.CANCELLED, 3)
    assert fake_stripe.intents[intent_id]["status"] == "canceled"
    assert len(fake_stripe.calls_to("POST", f"/v1/payment_intents/{intent_id}/cancel")) == 1
    with store_scope([order.site_id]):
        assert Payment.objects.get(order=order).status == Payment.Status.CANCELED


def _card_order_in(store, *, hold_minutes, placed_at):
    """A card order of ``store`` (its hold time set to ``hold_minutes``) placed at
    ``placed_at``, its payment page opened."""
    set_store(store.site, reservation_minutes=hold_minutes)
    PaymentSettings.objects.update_or_create(
        site=store.site, defaults={"stripe_account_id": ACCOUNT}
    )
    variant = stocked_variant(site=store.site, price="25.00", stock=3, title="Wool blanket")
    with time_machine.travel(placed_at, tick=False):
        order, _ = placed_card_order(Client(HTTP_HOST=store.site.hostname), variant)
    return order


def _statuses(*orders) -> list[str]:
    statuses = []
    for order in orders:
        with store_scope([order.site_id]):
            order.refresh_from_db()
        statuses.append(order.status)
    return statuses


def test_each_store_cancels_unpaid_card_orders_after_its_own_hold_time(
    store, other_store, fake_stripe
):
    placed = timezone.now().replace(microsecond=0)
    slow = _card_order_in(store, hold_minutes=30, placed_at=placed)
    quick = _card_order_in(other_store, hold_minutes=20, placed_at=placed)
    waiting, cancelled = Order.Status.PENDING_PAYMENT, Order.Status.CANCELLED

    for minutes, seconds, expected in [
        (19, 59, [waiting, waiting]),
        (20, 1, [waiting, cancelled]),
        (29, 59, [waiting, cancelled]),
        (30, 1, [cancelled, cancelled]),
    ]:
        with time_machine.travel(placed + timedelta(minutes=minutes, seconds=seconds), tick=False):
            cancel_abandoned_card_orders_task()
        assert _statuses(slow, quick) == expected, f"after {minutes}:{seconds:02}"


def test_a_short_hold_time_still_leaves_the_payment_its_floor(store, fake_stripe, settings):
    settings.CARD_PAYMENT_MIN_TIME = timedelta(minutes=15)
    placed = timezone.now().replace(microsecond=0)
    order = _card_order_in(store, hold_minutes=5, placed_at=placed)

    with time_machine.travel(placed + timedelta(minutes=14, seconds=59), tick=False):
        assert cancel_abandoned_card_orders_task() == 0
    with time_machine.travel(placed + timedelta(minutes=15, seconds=1), tick=False):
        assert cancel_abandoned_card_orders_task() == 1
    assert _statuses(order) == [Order.Status.CANCELLED]


def test_an_order_paid_just_before_the_sweep_is_left_for_its_webhook(
    card_store, variant, shopper_client, fake_stripe
):
    order, intent_id = placed_card_order(shopper_client, variant)
    fake_stripe.confirm_in_browser(intent_id)

    with _later():
        assert cancel_abandoned_card_orders_task() == 0
    deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id))

    assert _order_and_stock(order, variant) == (Order.Status.PAID, 2)


def test_an_order_whose_payment_page_was_never_opened_is_cancelled_too(
    card_store, variant, shopper_client, fake_stripe
):
    card_checkout(shopper_client, variant)
    order = the_order(card_store)

    with _later():
        assert cancel_abandoned_card_orders_task() == 1

    assert _order_and_stock(order, variant) == (Order.Status.CANCELLED, 3)
    assert not fake_stripe.intents


def _paid_order(shopper_client, variant, fake_stripe):
    order, intent_id = placed_card_order(shopper_client, variant)
    fake_stripe.confirm_in_browser(intent_id)
    deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id))
    return order, intent_id


def test_a_card_refund_goes_to_stripe_once_for_the_orders_intent(
    card_store, variant, shopper_client, fake_stripe
):
    order, intent_id = _paid_order(shopper_client, variant, fake_stripe)
    with store_scope([order.site_id]):
        refund = Refund.objects.create(order=order, amount=Decimal("12.50"), reason="Scratched")

        first = refund_card_payment(refund)
        again = refund_card_payment(refund)  # a retry of the same refund

    assert first == again and first.startswith("re_")
    (sent,) = fake_stripe.refunds.values()
    assert sent["amount"] == 1250 and sent["payment_intent"] == intent_id
    keys = {c.idempotency_key for c in fake_stripe.calls_to("POST", "/v1/refunds")}
    assert keys == {f"refund-{refund.pk}"}


def test_a_refund_stripe_refuses_is_a_clear_error(card_store, variant, shopper_client, fake_stripe):
    order, _ = _paid_order(shopper_client, variant, fake_stripe)
    with store_scope([order.site_id]):
        refund = Refund.objects.create(order=order, amount=Decimal("31.00"))

        with pytest.raises(PaymentProviderError, match="Stripe refused the refund"):
            refund_card_payment(refund)


def test_an_unpaid_card_order_has_nothing_to_refund(
    card_store, variant, shopper_client, fake_stripe
):
    order, _ = placed_card_order(shopper_client, variant)
    with store_scope([order.site_id]):
        refund = Refund.objects.create(order=order, amount=Decimal("1.00"))

        with pytest.raises(PaymentProviderError, match="no card payment to refund"):
            refund_card_payment(refund)
    assert not fake_stripe.refunds

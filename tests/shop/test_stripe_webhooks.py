"""Stripe's webhook: only signed, fresh, untampered events of our keys and the store's
account are taken; each is handled once, whatever the order they come in, and state only
moves forward."""

import json
import time

import pytest
from django.urls import reverse

from shop.data.secrets import encrypt
from shop.models import (
    Order,
    OrderEvent,
    Payment,
    PaymentSettings,
    Refund,
    StockLevel,
    StripeEvent,
)
from shop.services import cancel_order
from shop.tasks import handle_stripe_event_task
from tenancy.scope import store_scope
from tests.fakestripe import webhooks
from tests.shop.factories import stocked_variant
from tests.shop.payment_helpers import deliver, intent_event, placed_card_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def variant(card_store):
    return stocked_variant(site=card_store.site, price="25.00", stock=3, title="Wool blanket")


@pytest.fixture
def paying(card_store, variant, shopper_client, fake_stripe):
    """A card order waiting for its payment: (order, intent id)."""
    return placed_card_order(shopper_client, variant)


def _kinds(order) -> list[str]:
    with store_scope([order.site_id]):
        return list(OrderEvent.objects.filter(order=order).values_list("kind", flat=True))


def _state(order):
    with store_scope([order.site_id]):
        order.refresh_from_db()
        return order.status, order.is_paid, Payment.objects.get(order=order).status


def _on_hand(variant) -> int:
    with store_scope([variant.site_id]):
        return StockLevel.objects.get(variant=variant).on_hand


def _succeeded(fake, intent_id):
    fake.confirm_in_browser(intent_id)
    return intent_event(fake, "payment_intent.succeeded", intent_id)


def test_a_signed_succeeded_event_marks_the_order_paid_once(paying, fake_stripe):
    order, intent_id = paying

    response = deliver(_succeeded(fake_stripe, intent_id))

    assert response.status_code == 200
    assert _state(order) == (Order.Status.PAID, True, Payment.Status.SUCCEEDED)
    assert _kinds(order).count(OrderEvent.Kind.PAYMENT_RECEIVED) == 1
    row = StripeEvent.objects.get()
    assert row.processed_at is not None and row.outcome == StripeEvent.Outcome.PROCESSED
    with store_scope([order.site_id]):
        received = OrderEvent.objects.get(kind=OrderEvent.Kind.PAYMENT_RECEIVED)
    assert received.actor == "Stripe"
    assert received.data == {"via": "card", "reference": intent_id}


@pytest.mark.parametrize(
    "forgery",
    ["expired", "wrong secret", "tampered body", "empty secret", "not json"],
)
def test_events_that_are_not_stripes_as_sent_are_refused_and_change_nothing(
    paying, fake_stripe, forgery
):
    order, intent_id = paying
    payload = _succeeded(fake_stripe, intent_id)
    if forgery == "expired":
        response = deliver(payload, timestamp=int(time.time()) - 301)
    elif forgery == "wrong secret":
        response = deliver(payload, secret="whsec_not_ours")
    elif forgery == "tampered body":
        tampered = json.dumps({**payload, "type": "payment_intent.canceled"}).encode()
        response = deliver(payload, body=tampered)
    elif forgery == "empty secret":
        response = deliver(payload, secret="")
    else:
        response = deliver(payload, body=b"not json")

    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert _state(order) == (Order.Status.PENDING_PAYMENT, False, Payment.Status.REQUIRES_PAYMENT)


def test_an_event_signed_299_seconds_ago_is_still_taken(paying, fake_stripe):
    order, intent_id = paying

    response = deliver(_succeeded(fake_stripe, intent_id), timestamp=int(time.time()) - 299)

    assert response.status_code == 200
    assert _state(order)[0] == Order.Status.PAID


def test_a_duplicate_delivery_is_acknowledged_and_ignored(paying, fake_stripe):
    order, intent_id = paying
    payload = _succeeded(fake_stripe, intent_id)

    first, second = deliver(payload), deliver(payload)

    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == b"duplicate"
    assert StripeEvent.objects.count() == 1
    assert _kinds(order).count(OrderEvent.Kind.PAYMENT_RECEIVED) == 1


def test_the_task_run_twice_handles_the_event_once(paying, fake_stripe):
    order, intent_id = paying
    deliver(_succeeded(fake_stripe, intent_id))

    assert handle_stripe_event_task(StripeEvent.objects.get().pk) == "already handled"
    assert _kinds(order).count(OrderEvent.Kind.PAYMENT_RECEIVED) == 1


def test_a_failure_after_the_success_leaves_the_order_paid(paying, fake_stripe):
    order, intent_id = paying
    failed = intent_event(fake_stripe, "payment_intent.payment_failed", intent_id)
    deliver(_succeeded(fake_stripe, intent_id))

    deliver(failed)

    assert _state(order) == (Order.Status.PAID, True, Payment.Status.SUCCEEDED)
    assert OrderEvent.Kind.PAYMENT_FAILED not in _kinds(order)


def test_a_failure_is_on_the_timeline_and_the_shopper_may_pay_again(
    paying, fake_stripe, shopper_client
):
    order, intent_id = paying
    fake_stripe.confirm_in_browser(intent_id, "pm_card_chargeDeclined")

    deliver(intent_event(fake_stripe, "payment_intent.payment_failed", intent_id))

    assert _state(order) == (Order.Status.PENDING_PAYMENT, False, Payment.Status.FAILED)
    assert OrderEvent.Kind.PAYMENT_FAILED in _kinds(order)
    page = shopper_client.get(reverse("shop:card-payment", args=[order.number]))
    assert "Your card was declined." in page.content.decode()
    deliver(_succeeded(fake_stripe, intent_id))
    assert _state(order) == (Order.Status.PAID, True, Payment.Status.SUCCEEDED)


def test_a_succeeded_event_whose_intent_is_not_succeeded_at_stripe_pays_nothing(
    paying, fake_stripe
):
    """Events are re-checked against the PaymentIntent as Stripe holds it now."""
    order, intent_id = paying

    deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id, status="succeeded"))

    assert _state(order)[:2] == (Order.Status.PENDING_PAYMENT, False)


def test_a_cancelled_intent_cancels_the_waiting_order_and_returns_its_stock(
    paying, fake_stripe, variant
):
    order, intent_id = paying
    fake_stripe.intents[intent_id]["status"] = "canceled"

    deliver(intent_event(fake_stripe, "payment_intent.canceled", intent_id))

    assert _state(order) == (Order.Status.CANCELLED, False, Payment.Status.CANCELED)
    assert _on_hand(variant) == 3


def test_a_cancellation_after_the_success_leaves_the_order_paid(paying, fake_stripe):
    order, intent_id = paying
    cancelled = intent_event(fake_stripe, "payment_intent.canceled", intent_id, status="canceled")
    deliver(_succeeded(fake_stripe, intent_id))

    deliver(cancelled)

    assert _state(order) == (Order.Status.PAID, True, Payment.Status.SUCCEEDED)


def test_a_payment_after_the_order_was_cancelled_takes_the_stock_again_when_it_is_there(
    paying, fake_stripe, variant
):
    order, intent_id = paying
    with store_scope([order.site_id]):
        cancel_order(order=order, actor="Stripe", reason="The card payment was not completed.")
    assert _on_hand(variant) == 3

    deliver(_succeeded(fake_stripe, intent_id))

    assert _state(order) == (Order.Status.PAID, True, Payment.Status.SUCCEEDED)
    assert _on_hand(variant) == 2
    assert not fake_stripe.refunds


def test_a_payment_after_the_order_was_cancelled_is_refunded_when_the_stock_is_gone(
    paying, fake_stripe, variant, card_store
):
    order, intent_id = paying
    with store_scope([order.site_id]):
        cancel_order(order=order, actor="Stripe", reason="The card payment was not completed.")
        StockLevel.objects.filter(variant=variant).update(on_hand=0)  # sold to others meanwhile
    payload = _succeeded(fake_stripe, intent_id)

    deliver(payload)
    deliver({**payload, "id": "evt_again"})  # Stripe sends it again under another id

    status, paid, _ = _state(order)
    assert (status, paid) == (Order.Status.CANCELLED, True)
    (refund,) = fake_stripe.refunds.values()
    assert refund["amount"] == 3000 and refund["payment_intent"] == intent_id  # 25.00 + 5.00
    with store_scope([order.site_id]):
        recorded = Refund.objects.get(order=order)
        note = OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.NOTE)
    assert recorded.provider_reference == refund["id"]
    assert recorded.status == Refund.Status.SUCCEEDED
    assert "Wool blanket (out of stock)" in note.message
    assert "refunded in full" in note.message
    assert _on_hand(variant) == 0


def test_events_of_the_other_mode_are_refused_and_recorded(paying, fake_stripe):
    order, intent_id = paying
    payload = {**_succeeded(fake_stripe, intent_id), "livemode": True}

    response = deliver(payload)

    assert response.status_code == 400
    row = StripeEvent.objects.get()
    assert row.outcome == StripeEvent.Outcome.REFUSED and row.processed_at is None
    assert _state(order)[0] == Order.Status.PENDING_PAYMENT
    assert deliver(payload).status_code == 400  # and again when Stripe retries


def test_events_of_another_account_are_refused(paying, fake_stripe):
    order, intent_id = paying
    fake_stripe.confirm_in_browser(intent_id)
    payload = intent_event(
        fake_stripe, "payment_intent.succeeded", intent_id, account="acct_someoneelse1"
    )

    assert deliver(payload).status_code == 400
    assert StripeEvent.objects.get().outcome == StripeEvent.Outcome.REFUSED
    assert _state(order)[0] == Order.Status.PENDING_PAYMENT


def test_events_about_payments_we_never_made_are_acknowledged_and_ignored(fake_stripe, db):
    payload = webhooks.event(
        "payment_intent.succeeded", {"id": "pi_unknown", "object": "payment_intent"}
    )

    assert deliver(payload).status_code == 200
    assert StripeEvent.objects.get().outcome == StripeEvent.Outcome.IGNORED


def test_a_refund_made_in_stripes_dashboard_is_recorded_once(paying, fake_stripe):
    order, intent_id = paying
    deliver(_succeeded(fake_stripe, intent_id))
    fake_stripe.refunds["re_dashboard"] = {
        "id": "re_dashboard",
        "object": "refund",
        "amount": 1000,
        "currency": "eur",
        "payment_intent": intent_id,
        "status": "succeeded",
        "metadata": {},
        "_account": "acct_alpha123456",
    }
    charge = fake_stripe.charge_of(intent_id)

    deliver(webhooks.event("charge.refunded", charge, account="acct_alpha123456"))
    deliver(webhooks.event("charge.refunded", charge, account="acct_alpha123456"))

    with store_scope([order.site_id]):
        order.refresh_from_db()
        (refund,) = Refund.objects.filter(order=order)
    assert refund.provider_reference == "re_dashboard"
    assert str(refund.amount) == "10.00"
    assert str(order.refunded_total) == "10.00"
    assert order.status == Order.Status.PAID
    assert _kinds(order).count(OrderEvent.Kind.REFUNDED) == 1


def test_a_dispute_puts_a_note_for_the_merchant_on_the_timeline(paying, fake_stripe):
    order, intent_id = paying
    deliver(_succeeded(fake_stripe, intent_id))
    dispute = {
        "id": "dp_123",
        "object": "dispute",
        "amount": 2500,
        "charge": fake_stripe.intents[intent_id]["latest_charge"],
        "payment_intent": intent_id,
        "reason": "fraudulent",
        "status": "needs_response",
    }

    deliver(webhooks.event("charge.dispute.created", dispute, account="acct_alpha123456"))

    with store_scope([order.site_id]):
        note = OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.NOTE)
    assert "disputes the card payment of 25.00 EUR (reason: fraudulent)" in note.message
    assert note.kind not in OrderEvent.SHOPPER_KINDS


def test_a_store_with_its_own_keys_gets_events_at_its_own_endpoint(
    store, variant, shopper_client, fake_stripe, settings
):
    PaymentSettings.objects.filter(site=store.site).delete()
    form_settings = PaymentSettings.objects.create(site=store.site, publishable_key="pk_test_own")
    form_settings.secret_key_encrypted = encrypt("sk_test_own")
    form_settings.webhook_secret_encrypted = encrypt("whsec_own")
    form_settings.save()
    fake_stripe.secret_keys.add("sk_test_own")
    order, intent_id = placed_card_order(shopper_client, variant)
    assert fake_stripe.intents[intent_id]["_account"] == ""
    own = reverse("shop:stripe-webhook-own-keys", args=[store.site.pk])
    payload = _succeeded(fake_stripe, intent_id)
    payload.pop("account", None)

    assert deliver(payload, path=own).status_code == 400  # signed with the platform's secret
    assert deliver(payload, path=own, secret="whsec_own").status_code == 200
    assert _state(order)[0] == Order.Status.PAID


def test_the_webhook_answers_on_platform_hosts_only(card_store, shopper_client):
    assert shopper_client.post(reverse("shop:stripe-webhook")).status_code == 404

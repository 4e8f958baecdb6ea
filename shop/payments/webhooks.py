"""Stripe's webhook: verified on the raw body, stored under the event's unique id, checked
against the keys (live or test) and the store's account, then handled in Celery once.

``receive_event`` runs in the request and only verifies, stores and enqueues;
``process_event`` runs in the task, in the store's scope, with the event row locked, so
two deliveries or two task runs handle an event once.
"""

import json
import logging
from dataclasses import dataclass

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone

from tenancy.scope import all_stores, store_scope

from ..data import Payment, PaymentSettings, StripeEvent
from ..signals import stripe_event_stored
from . import stripe_client
from .handlers import HANDLERS, handle_event, intent_id_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the endpoint answers: an HTTP status and a short word for Stripe's log."""

    status: int
    detail: str


def _verified(payload: bytes, signature: str, secret: str) -> dict | None:
    if not secret:
        return None
    try:
        # Verified on the raw body, within Stripe's default tolerance of 300 seconds.
        stripe.Webhook.construct_event(payload.decode("utf-8"), signature, secret)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(event, dict) or not isinstance(event.get("id"), str):
        return None
    return event


def _store(event: dict, *, own_keys_site_id: int | None) -> tuple[StripeEvent, bool]:
    """The event's row, made now (True) or already there (False)."""
    obj = (event.get("data") or {}).get("object") or {}
    try:
        with transaction.atomic():
            row = StripeEvent.objects.create(
                event_id=event["id"][:255],
                type=str(event.get("type", ""))[:100],
                livemode=bool(event.get("livemode")),
                account=str(event.get("account") or "")[:64],
                site_id_seen=own_keys_site_id,
                payload=event if isinstance(obj, dict) else {},
            )
    except IntegrityError:
        return StripeEvent.objects.get(event_id=event["id"][:255]), False
    return row, True


def _refuse(row: StripeEvent, detail: str) -> Receipt:
    row.outcome, row.detail = StripeEvent.Outcome.REFUSED, detail
    row.save(update_fields=["outcome", "detail"])
    logger.warning("Stripe event %s refused: %s", row.event_id, detail)
    return Receipt(400, detail)


def _ignore(row: StripeEvent, detail: str) -> Receipt:
    row.outcome, row.detail, row.processed_at = StripeEvent.Outcome.IGNORED, detail, timezone.now()
    row.save(update_fields=["outcome", "detail", "processed_at"])
    return Receipt(200, detail)


def _payment_named(row: StripeEvent) -> Payment | None:
    intent_id = intent_id_of(row.type, row.payload["data"]["object"])
    if not intent_id:
        return None
    return Payment.objects.filter(intent_id=intent_id).first()


def _check(row: StripeEvent, *, keys: stripe_client.StripeKeys, own_keys_site_id) -> Receipt:
    """Refuse what does not belong here, ignore what is not ours to handle."""
    if row.livemode != keys.livemode:
        mode = "live" if row.livemode else "test"
        return _refuse(row, f"a {mode}-mode event for keys of the other mode")
    if row.type not in HANDLERS:
        return _ignore(row, "not an event we handle")
    with all_stores():  # which store the event is about: its payment says
        payment = _payment_named(row)
    if payment is None:
        return _ignore(row, "no payment of ours")
    if own_keys_site_id is not None:
        expected = ""
        if payment.site_id != own_keys_site_id:
            return _refuse(row, "a payment of another store")
    else:
        settings = PaymentSettings.base_queryset().filter(site_id=payment.site_id).first()
        expected = settings.stripe_account_id if settings else ""
        if not expected or expected != payment.stripe_account:
            return _refuse(row, "the store's connected account changed since the payment")
    if row.account != expected:
        return _refuse(row, "an event of another Stripe account")
    row.site_id_seen = payment.site_id
    row.save(update_fields=["site_id_seen"])
    transaction.on_commit(lambda: stripe_event_stored.send(sender=StripeEvent, event=row))
    return Receipt(200, "queued")


@transaction.atomic
def receive_event(*, payload: bytes, signature: str, own_keys_site_id: int | None) -> Receipt:
    """Verify, store and enqueue one delivery. A repeated delivery answers as the first did
    and does nothing more."""
    if own_keys_site_id is None:
        keys = stripe_client.platform_keys()
    else:
        with store_scope([own_keys_site_id]):
            keys = stripe_client.keys_for_site(own_keys_site_id)
        if keys is not None and keys.account:
            keys = None
    if keys is None:
        return Receipt(404, "no webhook here")
    event = _verified(payload, signature, keys.webhook_secret)
    if event is None:
        return Receipt(400, "bad signature")
    row, new = _store(event, own_keys_site_id=own_keys_site_id)
    if not new:
        refused = row.outcome == StripeEvent.Outcome.REFUSED
        return Receipt(400 if refused else 200, "duplicate")
    return _check(row, keys=keys, own_keys_site_id=own_keys_site_id)


def process_event(*, event_id: int) -> str:
    """Handle a stored event once: its row is locked and marked processed in the same
    transaction as what it changed."""
    site_id = StripeEvent.objects.values_list("site_id_seen", flat=True).get(pk=event_id)
    if site_id is None:
        return "not for a store"
    with store_scope([site_id]), transaction.atomic():
        row = StripeEvent.objects.select_for_update().get(pk=event_id)
        if row.processed_at is not None or row.outcome != StripeEvent.Outcome.RECEIVED:
            return "already handled"
        payment = _payment_named(row)
        keys = stripe_client.keys_for_site(site_id)
        if payment is None or keys is None:
            detail = "the store no longer takes cards"
        else:
            detail = handle_event(event=row, payment=payment, keys=keys)
        row.outcome, row.detail = StripeEvent.Outcome.PROCESSED, detail[:255]
        row.processed_at = timezone.now()
        row.save(update_fields=["outcome", "detail", "processed_at"])
        return detail

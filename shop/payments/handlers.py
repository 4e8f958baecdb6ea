"""What each Stripe event does to our orders. Events come late, twice and out of order, so
each handler reads the PaymentIntent again from Stripe where the order of events matters,
and state only moves forward: a failure after a success leaves the order paid, a
cancellation never touches a paid order."""

from ..data import Order, OrderEvent, Payment, StripeEvent
from ..exceptions import InvalidTransition
from ..services.lifecycle import cancel_order, lock_order, mark_paid, record_event
from . import stripe_client
from .refunds import record_card_refund
from .services import accept_late_payment, advance_payment
from .stripe_client import StripeKeys, from_minor_units


def payment_succeeded(*, payment: Payment, keys: StripeKeys, obj: dict) -> str:
    intent = stripe_client.retrieve_intent(keys, payment.intent_id)
    if intent.status != "succeeded":
        return f"the intent is {intent.status} at Stripe"
    expected = stripe_client.to_minor_units(payment.amount, payment.currency)
    if intent.amount_received != expected or intent.currency != payment.currency.lower():
        record_event(
            order=payment.order,
            kind=OrderEvent.Kind.NOTE,
            actor="Stripe",
            message=f"Stripe received {intent.amount_received} {intent.currency} for this "
            f"order, not {expected}: check the payment in your Stripe dashboard.",
        )
        return "amount differs"
    advance_payment(payment=payment, status=Payment.Status.SUCCEEDED)
    order = lock_order(payment.order)
    if order.is_paid:
        return "already paid"
    if order.status == Order.Status.CANCELLED:
        accept_late_payment(order=order, payment=payment, keys=keys)
        return "paid after cancellation"
    mark_paid(order=order, actor="Stripe", via="card", reference=payment.intent_id)
    return "paid"


def payment_failed(*, payment: Payment, keys: StripeKeys, obj: dict) -> str:
    error = obj.get("last_payment_error") or {}
    message = error.get("message") or "The card payment failed."
    advance_payment(payment=payment, status=Payment.Status.FAILED, failure_message=message)
    order = lock_order(payment.order)
    if order.is_paid or order.status != Order.Status.PENDING_PAYMENT:
        return "order not waiting for payment"
    record_event(
        order=order,
        kind=OrderEvent.Kind.PAYMENT_FAILED,
        actor="Stripe",
        message=message,
        reference=payment.intent_id,
        code=error.get("code") or "",
    )
    return "failure recorded"


def payment_canceled(*, payment: Payment, keys: StripeKeys, obj: dict) -> str:
    intent = stripe_client.retrieve_intent(keys, payment.intent_id)
    if intent.status != "canceled":
        return f"the intent is {intent.status} at Stripe"
    advance_payment(payment=payment, status=Payment.Status.CANCELED)
    order = lock_order(payment.order)
    if order.is_paid or order.status != Order.Status.PENDING_PAYMENT:
        return "order not waiting for payment"
    try:
        cancel_order(order=order, actor="Stripe", reason="The card payment was cancelled.")
    except InvalidTransition:
        return "already cancelled"
    return "order cancelled"


def charge_refunded(*, payment: Payment, keys: StripeKeys, obj: dict) -> str:
    """Every succeeded refund of the intent, read from Stripe, recorded once by its id."""
    refunds = keys.client().v1.refunds.list({"payment_intent": payment.intent_id, "limit": 100})
    recorded = 0
    for refund in refunds.data:
        if refund.status != "succeeded":
            continue
        made = record_card_refund(
            order=payment.order,
            amount=from_minor_units(refund.amount, payment.currency),
            provider_reference=refund.id,
            reason=_metadata(refund).get("reason") or "Refunded through Stripe.",
        )
        recorded += made is not None
    return f"{recorded} refund(s) recorded"


def _metadata(stripe_object) -> dict:
    metadata = getattr(stripe_object, "metadata", None)
    return metadata.to_dict() if metadata else {}


def dispute_created(*, payment: Payment, keys: StripeKeys, obj: dict) -> str:
    amount = from_minor_units(obj.get("amount") or 0, payment.currency)
    reason = (obj.get("reason") or "unspecified").replace("_", " ")
    record_event(
        order=payment.order,
        kind=OrderEvent.Kind.NOTE,
        actor="Stripe",
        message=f"The shopper's bank disputes the card payment of {amount} "
        f"{payment.currency} (reason: {reason}). Answer it in your Stripe dashboard before "
        "its deadline, or the money goes back to the shopper.",
        dispute=obj.get("id", ""),
    )
    return "dispute noted"


HANDLERS = {
    "payment_intent.succeeded": payment_succeeded,
    "payment_intent.payment_failed": payment_failed,
    "payment_intent.canceled": payment_canceled,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": dispute_created,
}


def intent_id_of(event_type: str, obj: dict) -> str:
    """The PaymentIntent an event is about (the object itself, or the one a charge or a
    dispute belongs to)."""
    if event_type.startswith("payment_intent."):
        return obj.get("id") or ""
    return obj.get("payment_intent") or ""


def handle_event(*, event: StripeEvent, payment: Payment, keys: StripeKeys) -> str:
    obj = event.payload.get("data", {}).get("object", {})
    return HANDLERS[event.type](payment=payment, keys=keys, obj=obj)

"""Card refunds: sending one to Stripe (the card provider of the refund service), and
recording the refunds Stripe reports (made from the admin, from Stripe's dashboard, or
automatically for a payment that came too late)."""

from decimal import Decimal

import stripe
from django.db import IntegrityError, transaction

from ..data import Order, OrderEvent, Payment, Refund
from ..exceptions import PaymentProviderError
from ..services.lifecycle import allowed_next, lock_order, record_event, transition
from . import stripe_client


def _payment_of(order: Order) -> Payment:
    payment = Payment.objects.filter(order=order, status=Payment.Status.SUCCEEDED).first()
    if payment is None:
        raise PaymentProviderError(f"{order} has no card payment to refund.")
    return payment


def refund_card_payment(refund: Refund) -> str:
    """Send ``refund`` to Stripe for the order's PaymentIntent and return Stripe's refund
    id. Its idempotency key is the refund's own id, so a retry refunds once."""
    payment = _payment_of(refund.order)
    keys = stripe_client.keys_for_site(payment.site_id)
    if keys is None:
        raise PaymentProviderError("This store's Stripe keys are not set: refund by hand.")
    try:
        sent = stripe_client.create_refund(
            keys,
            intent_id=payment.intent_id,
            amount=stripe_client.to_minor_units(refund.amount, payment.currency),
            idempotency_key=stripe_client.refund_idempotency_key(refund),
            reason=refund.reason,
        )
    except stripe.StripeError as error:
        message = getattr(error, "user_message", None) or "Stripe refused the refund."
        raise PaymentProviderError(f"Stripe refused the refund: {message}") from error
    return sent.id


@transaction.atomic
def record_card_refund(
    *, order: Order, amount: Decimal, provider_reference: str, reason: str = ""
) -> Refund | None:
    """Record a refund Stripe made (``charge.refunded``), once per Stripe refund id: a
    succeeded ``Refund``, the order's ``refunded_total`` and a timeline entry; a full
    refund makes a paid order refunded. Returns None when it was recorded already."""
    locked = lock_order(order)
    if Refund.objects.filter(provider_reference=provider_reference).exists():
        return None
    amount = min(amount, locked.total - locked.refunded_total)
    if amount <= 0:
        return None
    try:
        with transaction.atomic():
            refund = Refund.objects.create(
                order=locked,
                amount=amount,
                reason=reason[:255],
                status=Refund.Status.SUCCEEDED,
                provider_reference=provider_reference,
            )
    except IntegrityError:
        return None
    locked.refunded_total += amount
    locked.save(update_fields=["refunded_total"])
    record_event(
        order=locked,
        kind=OrderEvent.Kind.REFUNDED,
        actor="Stripe",
        message=reason,
        refund=refund.pk,
        amount=str(amount),
    )
    if locked.refunded_total >= locked.total and Order.Status.REFUNDED in allowed_next(locked):
        transition(order=locked, status=Order.Status.REFUNDED, actor="Stripe")
    order.refunded_total = locked.refunded_total
    return refund

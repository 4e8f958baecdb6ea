"""Card refunds: sending one to Stripe (the card provider of the refund service), and
recording the refunds Stripe reports (made from the admin, from Stripe's dashboard, or
automatically for a payment that came too late)."""

from decimal import Decimal

import stripe
from django.db import transaction

from ..data import Order, Payment, Refund
from ..exceptions import PaymentProviderError
from ..services.lifecycle import lock_order
from ..services.refunds import record_provider_refund
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
    """Record a refund Stripe made (``charge.refunded``), once per Stripe refund id, through
    the refund service's ``record_provider_refund``: a succeeded ``Refund``, the order's
    ``refunded_total``, a timeline entry, and a refunded order when it is in full. Returns
    None when the refund was recorded already (made from the admin, or reported before)."""
    lock_order(order)  # a refund being sent from the admin records its id first
    if Refund.objects.filter(provider_reference=provider_reference).exists():
        return None
    return record_provider_refund(
        order=order, amount=amount, provider_reference=provider_reference, reason=reason
    )

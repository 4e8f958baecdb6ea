"""Card payments of orders: the PaymentIntent made once per order, a payment that arrives
after its order was cancelled as abandoned, and the cancelling of abandoned card orders.

An order is marked paid by the signed webhook alone (``handlers``); nothing the shopper's
browser sends or reads changes it.
"""

import logging
from datetime import datetime, timedelta

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..data import Order, OrderEvent, Payment, StockMovement
from ..exceptions import InsufficientStock, InvalidTransition, PaymentProviderError
from ..services.lifecycle import cancel_order, lock_order, mark_paid, record_event
from ..services.stock import ensure_stock_levels, hold_minutes, lock_levels, move_stock
from ..signals import order_status_changed
from . import stripe_client
from .refunds import record_card_refund
from .stripe_client import StripeKeys

logger = logging.getLogger(__name__)


def card_payment_for(*, order: Order, keys: StripeKeys) -> tuple[Payment, stripe.PaymentIntent]:
    """The order's PaymentIntent, made at Stripe the first time and the same one after: its
    idempotency key is the order's id, and one ``Payment`` row per order is enforced by the
    database, so a refresh, a second tab or a retry never makes a second charge."""
    payment = Payment.objects.filter(order=order).first()
    if payment is not None:
        return payment, stripe_client.retrieve_intent(keys, payment.intent_id)
    try:
        intent = stripe_client.create_intent(keys, order)
    except stripe.StripeError as error:
        raise PaymentProviderError(
            "Card payments are unavailable for a moment. Try again in a minute."
        ) from error
    try:
        with transaction.atomic():
            payment = Payment.objects.create(
                site_id=order.site_id,
                order=order,
                intent_id=intent.id,
                stripe_account=keys.account,
                livemode=keys.livemode,
                amount=order.total,
                currency=order.currency,
            )
    except IntegrityError:  # the same intent recorded by a request running beside this one
        payment = Payment.objects.get(order=order)
    return payment, intent


@transaction.atomic
def advance_payment(*, payment: Payment, status: str, failure_message: str = "") -> bool:
    """Move the payment's status forward; a status it has passed is ignored."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if not locked.moves_forward_to(status):
        return False
    locked.status = status
    locked.failure_message = failure_message[:255]
    locked.save(update_fields=["status", "failure_message", "updated_at"])
    payment.status = locked.status
    return True


def _take_stock_again(order: Order) -> None:
    """Take the cancelled order's units from stock again, all or none (InsufficientStock)."""
    lines = list(order.lines.exclude(variant=None).select_related("variant__product"))
    for product in {line.variant.product for line in lines}:
        ensure_stock_levels(product=product)
    levels = lock_levels(line.variant_id for line in lines)
    wanted = [(line, line.quantity - line.awaiting_stock) for line in lines]
    short = [
        (line.variant, levels[line.variant_id].available)
        for line, units in wanted
        if units and not levels[line.variant_id].can_take(units)
    ]
    if short:
        raise InsufficientStock(short)
    for line, units in sorted(wanted, key=lambda pair: levels[pair[0].variant_id].pk):
        if units:
            move_stock(
                level=levels[line.variant_id],
                quantity=-units,
                reason=StockMovement.Reason.SALE,
                order=order,
                note=f"{order} paid after it was cancelled",
            )


@transaction.atomic
def _reopen_and_mark_paid(*, order: Order, payment: Payment) -> Order:
    locked = lock_order(order)
    _take_stock_again(locked)
    locked.status = Order.Status.PENDING_PAYMENT
    locked.save(update_fields=["status"])
    record_event(
        order=locked,
        kind=OrderEvent.Kind.STATUS_CHANGED,
        actor="Stripe",
        message="The card payment arrived after the order was cancelled as unpaid; its "
        "items were still in stock and were taken again.",
        **{"from": Order.Status.CANCELLED, "to": Order.Status.PENDING_PAYMENT},
    )
    transaction.on_commit(
        lambda: order_status_changed.send(
            sender=Order, order=locked, previous=Order.Status.CANCELLED
        )
    )
    return mark_paid(order=locked, actor="Stripe", via="card", reference=payment.intent_id)


def accept_late_payment(*, order: Order, payment: Payment, keys: StripeKeys) -> Order:
    """A card payment that succeeded after its order was cancelled as abandoned (and its
    stock returned). The order is reopened and paid when every unit is still in stock;
    otherwise the payment is recorded and refunded in full through Stripe, and the
    timeline says why. Never oversold, never silently kept."""
    try:
        return _reopen_and_mark_paid(order=order, payment=payment)
    except InsufficientStock as shortage:
        why = f"The card payment arrived after the order was cancelled as unpaid. {shortage}"
    with transaction.atomic():
        paid = mark_paid(order=order, actor="Stripe", via="card", reference=payment.intent_id)
        sent = stripe_client.create_refund(
            keys,
            intent_id=payment.intent_id,
            amount=None,
            idempotency_key=f"order-{order.pk}-late-payment-refund",
            reason="paid after cancellation, items sold out",
        )
        record_event(
            order=paid,
            kind=OrderEvent.Kind.NOTE,
            actor="Stripe",
            message=f"{why} The payment was refunded in full.",
            refund_reference=sent.id,
        )
        record_card_refund(
            order=paid,
            amount=stripe_client.from_minor_units(sent.amount, payment.currency),
            provider_reference=sent.id,
            reason="Paid after the order was cancelled; items sold out meanwhile.",
        )
    return paid


def payment_window(site_id: int) -> timedelta:
    """How long a card order waits for its payment: the store's hold time (its items are
    held while the shopper pays, as they were in checkout), but never less than
    ``CARD_PAYMENT_MIN_TIME``, which a bank's 3-D Secure step may take."""
    return max(timedelta(minutes=hold_minutes(site_id)), settings.CARD_PAYMENT_MIN_TIME)


def abandoned_card_orders(*, site_id: int, now: datetime | None = None):
    """Card orders of the store still waiting for their payment past its payment window."""
    cutoff = (now or timezone.now()) - payment_window(site_id)
    return Order.objects.filter(
        site_id=site_id,
        payment_method=Order.PaymentMethod.CARD,
        status=Order.Status.PENDING_PAYMENT,
        paid_at__isnull=True,
        placed_at__lt=cutoff,
    ).order_by("pk")


def cancel_abandoned_card_order(*, order: Order) -> bool:
    """Cancel the order's PaymentIntent at Stripe, then the order (its stock returns). An
    intent that succeeded meanwhile is left to its webhook: the order stays. Running it
    twice cancels once."""
    payment = Payment.objects.filter(order=order).first()
    keys = stripe_client.keys_for_site(order.site_id)
    if payment is not None and keys is not None:
        try:
            stripe_client.cancel_intent(keys, payment.intent_id)
        except stripe.InvalidRequestError:
            intent = stripe_client.retrieve_intent(keys, payment.intent_id)
            if intent.status != "canceled":  # paid (or being paid) meanwhile
                return False
        advance_payment(payment=payment, status=Payment.Status.CANCELED)
    try:
        cancel_order(
            order=order, actor="Stripe", reason="The card payment was not completed in time."
        )
    except InvalidTransition:
        return False
    return True


def cancel_abandoned_card_orders(*, site_id: int, now: datetime | None = None) -> int:
    cancelled = 0
    for order in abandoned_card_orders(site_id=site_id, now=now):
        try:
            cancelled += cancel_abandoned_card_order(order=order)
        except stripe.StripeError:
            logger.warning("Stripe did not answer for %s; tried again next run.", order)
    return cancelled

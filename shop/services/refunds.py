"""Money given back on an order: in full, an amount, or by line, with a restock option.

``refund`` locks the order row, so two refunds at once wait for each other and together
never exceed what was paid (the order's CHECK constraint holds the same line). A card
payment's refund goes through the provider registered for its method in
``REFUND_PROVIDERS`` (filled by the card payment module); offline methods have none, and
their refund is recorded as succeeded: the merchant pays the shopper back by hand.

A provider's refusal is recorded as a failed refund with its message and changes nothing
else. The provider is called while the order row is locked, so a refund the provider made
but this database never recorded (a crash between the two) comes back through
``record_provider_refund`` when the provider reports it (its reference is unique).
"""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F

from ..data import Order, OrderEvent, Refund, RefundLine, StockMovement
from ..exceptions import PaymentProviderError, RefundRefused
from .lifecycle import allowed_next, lock_order, record_event, transition
from .progress import line_progress
from .stock import ensure_stock_levels, lock_levels, move_stock

CENT = Decimal("0.01")

# Payment method -> the function sending a refund to its provider and answering the
# provider's reference for it; raises PaymentProviderError when the provider refuses.
REFUND_PROVIDERS: dict[str, Callable[[Refund], str]] = {}


def refundable_amount(order: Order) -> Decimal:
    """What can still be given back: what was paid, less what was refunded already."""
    if not order.is_paid:
        return Decimal("0.00")
    return order.total - order.refunded_total


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise RefundRefused("Give the amount to refund as a number, like 12.50.") from None
    if not amount.is_finite() or amount <= 0:
        raise RefundRefused("The amount to refund must be more than zero.")
    return amount


def _line_amounts(order, progress, lines) -> list[tuple]:
    """(order line, units, amount) per line, each within the units not yet refunded."""
    chosen = []
    for line_id, quantity in lines.items():
        try:
            line_id, quantity = int(line_id), int(quantity)
        except (TypeError, ValueError):
            raise RefundRefused("Give a whole number of units for each line.") from None
        if line_id not in progress:
            raise RefundRefused(f"That line is not one of {order}'s.")
        if quantity < 0:
            raise RefundRefused("A quantity cannot be negative.")
        item = progress[line_id]
        if quantity > item.refundable:
            raise RefundRefused(
                f"{item.line.product_title}: {item.refundable} unit(s) left to refund, "
                f"not {quantity}."
            )
        if quantity:
            chosen.append((item.line, quantity, item.line.paid_for(quantity)))
    return chosen


def _restock(order: Order, chosen, *, user) -> None:
    """Put refunded units back on the shelf, one RETURN ledger row per line, stock rows
    locked in primary-key order. Pre-ordered units that never came out of stock are not
    put back."""
    lines = [(line, units) for line, units, _ in chosen if line.variant_id]
    for product in {line.variant.product for line, _ in lines}:
        ensure_stock_levels(product=product)
    levels = lock_levels(line.variant_id for line, _ in lines)
    for line, units in sorted(lines, key=lambda pair: levels[pair[0].variant_id].pk):
        units = min(units, line.quantity - line.awaiting_stock)
        if units > 0:
            move_stock(
                level=levels[line.variant_id],
                quantity=units,
                reason=StockMovement.Reason.RETURN,
                order=order,
                note=f"Refunded on {order}"[:255],
                user=user,
            )


def _succeed(order: Order, refund: Refund, *, user=None, actor: str = "") -> None:
    """Count a succeeded refund on the order, make it refunded when nothing is left (a
    cancelled order stays cancelled), and write its timeline entry."""
    Order.objects.filter(pk=order.pk).update(refunded_total=F("refunded_total") + refund.amount)
    order.refresh_from_db(fields=["refunded_total"])
    data = {"refund": refund.pk, "amount": str(refund.amount)}
    full = order.refunded_total >= order.total
    if full and Order.Status.REFUNDED in allowed_next(order):
        transition(
            order=order,
            status=Order.Status.REFUNDED,
            user=user,
            actor=actor,
            message=refund.reason,
            kind=OrderEvent.Kind.REFUNDED,
            **data,
        )
    else:
        record_event(
            order=order,
            kind=OrderEvent.Kind.REFUNDED,
            user=user,
            actor=actor,
            message=refund.reason,
            **data,
        )


def refund(
    *,
    order: Order,
    amount=None,
    lines: dict | None = None,
    restock: bool = False,
    reason: str = "",
    user=None,
    shipping: bool = False,
) -> Refund:
    """Give money back on ``order``: what is left of the payment when neither ``amount``
    nor ``lines`` is given; ``amount``; or ``lines`` ({order line id: units}, priced from
    the line's snapshot) plus the shipping when ``shipping``. ``restock`` puts the units
    of the lines back in stock.

    Raises RefundRefused (nothing written) or, when the provider refuses, PaymentProviderError
    after recording the refund as failed."""
    with transaction.atomic():
        refund, failure = _refund_locked(
            order=order,
            amount=amount,
            lines=lines or {},
            restock=restock,
            reason=reason.strip(),
            user=user,
            shipping=shipping,
        )
    if failure:
        raise failure
    return refund


def _refund_locked(*, order, amount, lines, restock, reason, user, shipping):
    locked = lock_order(order)
    left = refundable_amount(locked)
    if left <= 0:
        if not locked.is_paid:
            raise RefundRefused(f"{locked} is not paid: there is nothing to refund.")
        raise RefundRefused(f"{locked} is refunded in full already.")
    chosen = []
    if lines:
        if amount not in (None, ""):
            raise RefundRefused("Refund either an amount or units of lines, not both.")
        chosen = _line_amounts(locked, line_progress(locked), lines)
        if not chosen and not shipping:
            raise RefundRefused("Choose at least one unit to refund.")
        amount = sum((value for _, _, value in chosen), Decimal("0"))
        amount += locked.shipping_charged if shipping else 0
    elif shipping and amount in (None, ""):
        amount = locked.shipping_charged
    amount = left if amount in (None, "") else _amount(amount)
    if amount > left:
        raise RefundRefused(
            f"{amount} is more than can be refunded on {locked}: {left} is left of what was paid."
        )
    refund = Refund.objects.create(
        order=locked,
        amount=amount,
        reason=reason[:255],
        restock=restock and bool(chosen),
        created_by=user if getattr(user, "pk", None) else None,
    )
    RefundLine.objects.bulk_create(
        RefundLine(refund=refund, order_line=line, quantity=units, amount=value)
        for line, units, value in chosen
    )
    provider = REFUND_PROVIDERS.get(locked.payment_method)
    if provider is not None:
        try:
            refund.provider_reference = provider(refund) or ""
        except PaymentProviderError as error:
            refund.status = Refund.Status.FAILED
            refund.failure_message = str(error)[:255]
            refund.save(update_fields=["status", "failure_message"])
            return refund, error
    refund.status = Refund.Status.SUCCEEDED
    refund.save(update_fields=["status", "provider_reference"])
    if refund.restock:
        _restock(locked, chosen, user=user)
    _succeed(locked, refund, user=user)
    order.refunded_total, order.status = locked.refunded_total, locked.status
    return refund, None


@transaction.atomic
def record_provider_refund(
    *, order: Order, amount, provider_reference: str, reason: str = "", actor: str = "Stripe"
) -> Refund:
    """Record a refund made at the provider outside this admin (its dashboard), as its
    webhook reports it. Once per ``provider_reference``: a repeated report, or one of a
    refund made here, answers the refund already recorded."""
    locked = lock_order(order)
    known = Refund.objects.filter(provider_reference=provider_reference).first()
    if known is not None:
        return known
    amount = _amount(amount)
    left = refundable_amount(locked) if locked.is_paid else locked.total - locked.refunded_total
    if amount > left:
        raise RefundRefused(
            f"{locked}: the provider reports {amount} refunded, more than the {left} left."
        )
    refund = Refund.objects.create(
        order=locked,
        amount=amount,
        reason=reason[:255],
        status=Refund.Status.SUCCEEDED,
        provider_reference=provider_reference,
    )
    _succeed(locked, refund, actor=actor)
    return refund

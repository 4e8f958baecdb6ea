"""The order lifecycle: which status may follow which, and the timeline of every change.

Every change of an order's status goes through ``transition`` (or a function here built on
it), which locks the order row, refuses a move the table below does not allow, and writes
an ``OrderEvent``: who, when, what. ``order_event_recorded`` is sent after commit for each
event, so emails and the CRM follow the timeline rather than the status column (ADR 41).

Cancelling returns the order's stock through the ledger, once. A partial refund leaves the
status as it is (``Order.refunded_total`` says how much went back); a full refund makes the
order refunded, unless it was cancelled, which it stays.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..data import Order, OrderEvent, StockLevel, StockMovement
from ..exceptions import InvalidTransition, NoteRefused
from ..signals import order_cancelled, order_event_recorded, order_status_changed
from ..validators import no_invisible_characters_multiline
from .promotions import release_usages
from .stock import ensure_stock_levels, lock_levels, move_stock

S = Order.Status

# Which status may follow which. A paid order moves forward through fulfilment; an order
# paid on delivery (cash on delivery) may move through fulfilment before it is paid
# (``COD_TRANSITIONS``). Goods not yet handed to a carrier can be cancelled back onto the
# shelf; once shipped, a refund (and a return) is the way back. Cancelled and refunded are
# final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.PAID, S.CANCELLED}),
    S.PAID: frozenset({S.PARTIALLY_FULFILLED, S.FULFILLED, S.SHIPPED, S.CANCELLED, S.REFUNDED}),
    S.PARTIALLY_FULFILLED: frozenset({S.FULFILLED, S.SHIPPED, S.CANCELLED, S.REFUNDED}),
    S.FULFILLED: frozenset({S.PARTIALLY_FULFILLED, S.SHIPPED, S.CANCELLED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.REFUNDED: frozenset(),
}
COD_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING_PAYMENT: frozenset({S.PARTIALLY_FULFILLED, S.FULFILLED, S.SHIPPED}),
}


def allowed_next(order: Order) -> frozenset[str]:
    """The statuses ``order`` may move to from where it stands."""
    allowed = TRANSITIONS[order.status]
    if order.payment_method == Order.PaymentMethod.CASH_ON_DELIVERY and not order.is_paid:
        allowed = allowed | COD_TRANSITIONS.get(order.status, frozenset())
    if order.status == S.PENDING_PAYMENT and order.is_paid:
        allowed = allowed - {S.PAID}
    return allowed


def _actor(user, actor: str) -> dict:
    return {"user": user if getattr(user, "pk", None) else None, "actor": actor[:100]}


def record_event(
    *, order: Order, kind: str, user=None, actor: str = "", message: str = "", **data
) -> OrderEvent:
    """Add one entry to the order's timeline; ``order_event_recorded`` goes after commit."""
    event = OrderEvent.objects.create(
        order=order, kind=kind, message=message, data=data, **_actor(user, actor)
    )
    transaction.on_commit(lambda: order_event_recorded.send(sender=OrderEvent, event=event))
    return event


NOTE_MAX = 2000


def add_note(*, order: Order, text: str, user=None) -> OrderEvent:
    """An internal note on the order's timeline: staff see it, shoppers never do."""
    text = text.strip()
    if not text:
        raise NoteRefused("Write the note first.")
    if len(text) > NOTE_MAX:
        raise NoteRefused(f"Keep a note under {NOTE_MAX} characters.")
    try:
        no_invisible_characters_multiline(text)
    except ValidationError as error:
        raise NoteRefused(" ".join(error.messages)) from None
    return record_event(order=order, kind=OrderEvent.Kind.NOTE, user=user, message=text)


def lock_order(order: Order) -> Order:
    """The order's row, locked until commit, as it is now."""
    return Order.objects.select_for_update().get(pk=order.pk)


def _refuse(order: Order, status: str) -> InvalidTransition:
    if order.status == S.CANCELLED:
        return InvalidTransition(f"{order} is cancelled and stays cancelled; place a new order.")
    if order.status == S.REFUNDED:
        return InvalidTransition(f"{order} is refunded: nothing more can happen to it.")
    allowed = [s.label.lower() for s in Order.Status if s in allowed_next(order)]
    named = " or ".join([", ".join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed)
    return InvalidTransition(
        f"{order} is {order.get_status_display().lower()}: it can become {named}, "
        f"not {Order.Status(status).label.lower()}."
    )


@transaction.atomic
def transition(
    *,
    order: Order,
    status: str,
    user=None,
    actor: str = "",
    message: str = "",
    kind: str = OrderEvent.Kind.STATUS_CHANGED,
    **data,
) -> Order:
    """Move ``order`` to ``status`` if the table allows it, with a timeline entry of
    ``kind``. Cancelling goes through ``cancel_order`` (it returns stock). Moving to the
    status the order already has changes nothing and records nothing."""
    if status == S.CANCELLED:
        return cancel_order(order=order, user=user, actor=actor, reason=message)
    locked = lock_order(order)
    if locked.status == status:
        order.status = locked.status
        return locked
    if status not in allowed_next(locked):
        raise _refuse(locked, status)
    previous, locked.status = locked.status, status
    locked.save(update_fields=["status"])
    record_event(
        order=locked,
        kind=kind,
        user=user,
        actor=actor,
        message=message,
        **{"from": previous, "to": status, **data},
    )
    transaction.on_commit(
        lambda: order_status_changed.send(sender=Order, order=locked, previous=previous)
    )
    order.status = locked.status
    return locked


@transaction.atomic
def mark_paid(
    *, order: Order, user=None, actor: str = "", via: str = "", reference: str = ""
) -> Order:
    """Record that the order's payment arrived (the merchant for offline methods, the
    payment provider's webhook for cards). Once only: a second call changes nothing and
    returns the order, so a retried webhook or a double click records one payment.

    A pending order becomes paid; an order paid on delivery keeps its fulfilment status.
    A cancelled order stays cancelled (its payment is recorded, to be refunded)."""
    locked = lock_order(order)
    if locked.is_paid:
        order.paid_at, order.status = locked.paid_at, locked.status
        return locked
    locked.paid_at = timezone.now()
    locked.save(update_fields=["paid_at"])
    data = {"via": via} if via else {}
    if reference:
        data["reference"] = reference
    record_event(
        order=locked, kind=OrderEvent.Kind.PAYMENT_RECEIVED, user=user, actor=actor, **data
    )
    if locked.status == S.PENDING_PAYMENT:
        previous, locked.status = locked.status, S.PAID
        locked.save(update_fields=["status"])
        transaction.on_commit(
            lambda: order_status_changed.send(sender=Order, order=locked, previous=previous)
        )
    order.paid_at, order.status = locked.paid_at, locked.status
    return locked


def _lock_levels(lines) -> dict[int, StockLevel]:
    """The stock rows of the lines' variants, locked in primary-key order."""
    for product in {line.variant.product for line in lines}:
        ensure_stock_levels(product=product)
    return lock_levels(line.variant_id for line in lines)


@transaction.atomic
def cancel_order(*, order: Order, user=None, actor: str = "", reason: str = "") -> Order:
    """Cancel ``order`` and put each line's units taken from stock back on the shelf (those
    sold at once and those allocated to its pre-order since), one CANCELLATION ledger row
    per line; its pre-ordered units still waiting for stock are dropped. Returned units go
    to other shoppers' waiting pre-orders first.

    The order row is locked first, then its stock rows in primary-key order (the lock order
    of ``place_order``), so a second cancellation waits for the first and then finds the
    order cancelled: it raises InvalidTransition and returns nothing twice.
    Its promotion usages are released: they no longer count against limits.
    ``order_cancelled`` is sent after commit.
    """
    locked = lock_order(order)
    if locked.status == S.CANCELLED:
        raise InvalidTransition(f"{locked} is already cancelled; its stock was put back then.")
    if S.CANCELLED not in allowed_next(locked):
        raise InvalidTransition(
            f"{locked} is {locked.get_status_display().lower()}: too late to cancel."
        )
    lines = list(locked.lines.exclude(variant=None).select_related("variant__product"))
    levels = _lock_levels(lines)
    # Read again behind the stock locks: a pre-order allocation may have just committed.
    lines = list(locked.lines.exclude(variant=None))
    # Cancelled before its units go back, so none of them is allocated to its own pre-order.
    previous, locked.status = locked.status, S.CANCELLED
    locked.save(update_fields=["status"])
    release_usages(order=locked)
    note = f"{locked} cancelled" + (f": {reason}" if reason else "")
    for line in sorted(lines, key=lambda line: levels[line.variant_id].pk):
        taken = line.quantity - line.awaiting_stock
        if not taken:
            continue
        move_stock(
            level=levels[line.variant_id],
            quantity=taken,
            reason=StockMovement.Reason.CANCELLATION,
            order=locked,
            note=note[:255],
            user=user,
        )
    record_event(
        order=locked,
        kind=OrderEvent.Kind.CANCELLED,
        user=user,
        actor=actor,
        message=reason,
        **{"from": previous, "to": S.CANCELLED},
    )
    order.status = locked.status
    transaction.on_commit(lambda: order_cancelled.send(sender=Order, order=locked))
    return locked


def change_order_status(*, order: Order, status: str, user=None) -> Order:
    """Move ``order`` to the status the merchant chose (``transition``)."""
    return transition(order=order, status=status, user=user)

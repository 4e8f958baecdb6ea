"""Moving an order between statuses. Cancelling puts its stock back, once.

Until the order lifecycle has its full set of transitions, two rules hold here: a cancelled
order stays cancelled, and an order is cancelled only through ``cancel_order``, which
returns its stock through the ledger. Shipped, delivered and refunded orders are not
cancelled: their goods have left the shelf.
"""

from django.db import transaction

from ..data import Order, StockLevel, StockMovement
from ..exceptions import InvalidTransition
from ..signals import order_cancelled, order_status_changed
from .stock import ensure_stock_levels, lock_levels, move_stock

CANCELLABLE = frozenset({Order.Status.PENDING_PAYMENT, Order.Status.PAID, Order.Status.FULFILLED})


def _lock_order(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _lock_levels(lines) -> dict[int, StockLevel]:
    """The stock rows of the lines' variants, locked in primary-key order."""
    for product in {line.variant.product for line in lines}:
        ensure_stock_levels(product=product)
    return lock_levels(line.variant_id for line in lines)


@transaction.atomic
def cancel_order(*, order: Order, user=None, reason: str = "") -> Order:
    """Cancel ``order`` and put each line's units taken from stock back on the shelf (those
    sold at once and those allocated to its pre-order since), one CANCELLATION ledger row
    per line; its pre-ordered units still waiting for stock are dropped. Returned units go
    to other shoppers' waiting pre-orders first.

    The order row is locked first, then its stock rows in primary-key order (the lock order
    of ``place_order``), so a second cancellation waits for the first and then finds the
    order cancelled: it raises InvalidTransition and returns nothing twice.
    ``order_cancelled`` is sent after commit.
    """
    locked = _lock_order(order)
    if locked.status == Order.Status.CANCELLED:
        raise InvalidTransition(f"{locked} is already cancelled; its stock was put back then.")
    if locked.status not in CANCELLABLE:
        raise InvalidTransition(
            f"{locked} is {locked.get_status_display().lower()}: too late to cancel."
        )
    lines = list(locked.lines.exclude(variant=None).select_related("variant__product"))
    levels = _lock_levels(lines)
    # Read again behind the stock locks: a pre-order allocation may have just committed.
    lines = list(locked.lines.exclude(variant=None))
    # Cancelled before its units go back, so none of them is allocated to its own pre-order.
    locked.status = Order.Status.CANCELLED
    locked.save(update_fields=["status"])
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
    order.status = locked.status
    transaction.on_commit(lambda: order_cancelled.send(sender=Order, order=locked))
    return locked


@transaction.atomic
def change_order_status(*, order: Order, status: str, user=None) -> Order:
    """Move ``order`` to the status the merchant chose: cancelling goes through
    ``cancel_order`` (so twice is refused), and a cancelled order cannot be moved on."""
    if status == Order.Status.CANCELLED:
        return cancel_order(order=order, user=user)
    locked = _lock_order(order)
    if locked.status == Order.Status.CANCELLED:
        raise InvalidTransition(f"{locked} is cancelled and stays cancelled; place a new order.")
    if locked.status != status:
        previous, locked.status = locked.status, status
        locked.save(update_fields=["status"])
        transaction.on_commit(
            lambda: order_status_changed.send(sender=Order, order=locked, previous=previous)
        )
    order.status = locked.status
    return locked

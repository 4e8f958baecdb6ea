"""Pre-orders: units ordered beyond the stock there was, allocated as stock arrives.

An order line records how many of its units were pre-ordered (``OrderLine.preordered``)
and how many of those have been allocated since (``preorder_allocated``). Pre-ordered units
are never negative stock: they take nothing from ``on_hand`` until they are allocated, one
PREORDER ledger row per allocation, first in first out by order placement.
"""

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from ...data import Order, OrderLine, PreorderAllocation, Reservation, StockLevel, StockMovement
from ...emails import send_preorder_allocated_email
from ...exceptions import PreorderLimitReached
from ...signals import preorder_allocated
from .ledger import policy_of, record_movement


def _outstanding_lines(variant_id: int):
    """Lines of ``variant_id`` still waiting for pre-ordered units, oldest order first."""
    return (
        OrderLine.objects.filter(variant_id=variant_id, preordered__gt=F("preorder_allocated"))
        .exclude(order__status=Order.Status.CANCELLED)
        .order_by("order__placed_at", "order_id", "pk")
    )


def units_awaiting_stock(variant_id: int) -> int:
    """Pre-ordered units of a variant that no stock has reached yet."""
    total = _outstanding_lines(variant_id).aggregate(
        units=Sum(F("preordered") - F("preorder_allocated"))
    )["units"]
    return total or 0


def check_preorder_limit(*, level: StockLevel, units: int) -> None:
    """PreorderLimitReached when ``units`` more pre-ordered units of the level's variant
    would pass its product's ``preorder_limit`` (counted over units awaiting stock)."""
    limit = level.variant.product.preorder_limit
    if limit is None or units <= 0:
        return
    left = max(limit - units_awaiting_stock(level.variant_id), 0)
    if units > left:
        raise PreorderLimitReached(level.variant, left)


def allocate_preorders(*, level: StockLevel) -> list[PreorderAllocation]:
    """Give units available on a locked level to the oldest pre-orders waiting for them,
    partially when there are too few; one PREORDER ledger row and one allocation each.

    The shopper of each allocation is emailed once, after commit (``preorder_allocated``;
    the email task is idempotent on the allocation).
    """
    allocations = []
    free = level.available
    lines = _outstanding_lines(level.variant_id).select_related("order") if free > 0 else []
    for line in lines:
        units = min(free, line.awaiting_stock)
        movement = record_movement(
            level=level,
            quantity=-units,
            reason=StockMovement.Reason.PREORDER,
            order=line.order,
            note=f"Pre-order of {line.order} allocated",
        )
        OrderLine.objects.filter(pk=line.pk).update(
            preorder_allocated=F("preorder_allocated") + units
        )
        allocations.append(
            PreorderAllocation.objects.create(
                site_id=level.site_id, order_line=line, movement=movement, quantity=units
            )
        )
        free -= units
        if free <= 0:
            break
    for allocation in allocations:
        transaction.on_commit(
            lambda allocation=allocation: preorder_allocated.send(
                sender=PreorderAllocation, allocation=allocation
            )
        )
    return allocations


@transaction.atomic
def notify_preorder_allocation(*, allocation_id: int) -> bool:
    """Email the shopper of an allocation that their pre-ordered units have arrived, once:
    the allocation row is locked and marked sent, so a second run (or a concurrent one)
    sends nothing. True when this run sent the email."""
    allocation = (
        PreorderAllocation.objects.select_for_update(of=("self",))
        .select_related("order_line__order__site")
        .filter(pk=allocation_id, notified_at=None)
        .first()
    )
    if allocation is None:
        return False
    send_preorder_allocated_email(allocation=allocation)
    allocation.notified_at = timezone.now()
    allocation.save(update_fields=["notified_at"])
    return True


def preordered_in_cart(*, cart, lines, store_choice: str) -> dict[int, int]:
    """Units of each cart line that would be taken on pre-order now, by variant id: those
    beyond what is available to this cart (its own holds count as its own). Reads only,
    and only for lines whose variant takes pre-orders. ``lines`` come with their variants'
    stock and products."""
    preorder_ids = [
        line.variant_id
        for line in lines
        if line.variant.track_inventory
        and getattr(line.variant, "stock", None) is not None
        and policy_of(line.variant.stock, store_choice=store_choice) == StockLevel.Policy.PREORDER
    ]
    if not preorder_ids:
        return {}
    levels = StockLevel.objects.in_bulk(preorder_ids, field_name="variant_id")
    held = dict(
        Reservation.objects.filter(cart=cart, variant_id__in=preorder_ids).values_list(
            "variant_id", "quantity"
        )
    )
    wanted = {line.variant_id: line.quantity for line in lines}
    units = {
        variant_id: wanted[variant_id]
        - max(levels[variant_id].available + held.get(variant_id, 0), 0)
        for variant_id in preorder_ids
        if variant_id in levels
    }
    return {variant_id: count for variant_id, count in units.items() if count > 0}

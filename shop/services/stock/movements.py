"""Stock movements outside of checkout: restocks, adjustments, returns."""

from django.db import transaction

from ...data import StockLevel, StockMovement
from ...exceptions import InsufficientStock, ReasonRequired
from .ledger import record_movement
from .preorders import allocate_preorders


def move_stock(*, level: StockLevel, quantity: int, reason: str, order=None, note="", user=None):
    """Move ``quantity`` units (positive adds, negative takes) on a row the caller has locked.

    Stock that arrives goes to waiting pre-orders first (``allocate_preorders``).
    """
    movement = record_movement(
        level=level, quantity=quantity, reason=reason, order=order, note=note, user=user
    )
    if quantity > 0:
        allocate_preorders(level=level)
    return movement


@transaction.atomic
def adjust_stock(*, variant, quantity: int, reason: str, note: str = "", user=None):
    """Add (or with a negative quantity, remove) stock outside of an order.

    An adjustment says why (``note``): ReasonRequired otherwise. Units held by shoppers in
    checkout cannot be removed: InsufficientStock names what is left to remove.
    """
    if reason == StockMovement.Reason.ADJUSTMENT and not note.strip():
        raise ReasonRequired("Say why the stock is adjusted (a stock take, damage, loss).")
    level, _ = StockLevel.objects.get_or_create(variant=variant, defaults={"site": variant.site})
    level = (
        StockLevel.objects.select_for_update(of=("self",))
        .select_related("variant__product")
        .get(pk=level.pk)
    )
    if quantity < 0 and not level.can_take(-quantity):
        raise InsufficientStock([(variant, level.available)])
    return move_stock(level=level, quantity=quantity, reason=reason, note=note, user=user)

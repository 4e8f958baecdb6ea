"""The one write path for stock. Every change locks its row and writes a ledger line."""

from django.db import IntegrityError, transaction
from django.db.models import F

from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from ..data import StockLevel, StockMovement
from ..exceptions import InsufficientStock, StockOutOfRange
from ..signals import stock_changed


def ensure_stock_levels(*, product) -> None:
    """Give every variant of ``product`` a stock row (zero on hand) if it has none."""
    existing = set(
        StockLevel.objects.filter(variant__product=product).values_list("variant_id", flat=True)
    )
    StockLevel.objects.bulk_create(
        [
            StockLevel(variant=variant, site_id=product.site_id)
            for variant in product.variants.all()
            if variant.pk not in existing
        ]
    )


def stock_range_message(on_hand: int) -> str:
    return (
        f"{on_hand} on hand: a stock count must stay between {INTEGER_MIN} and {INTEGER_MAX}, "
        "and one change within the same bounds."
    )


def move_stock(*, level: StockLevel, quantity: int, reason: str, order=None, note="", user=None):
    """Move ``quantity`` units (positive adds, negative takes) on a row the caller has locked.

    The count and the ledger quantity stay within what their columns hold on every database
    (StockOutOfRange otherwise). The CHECK constraint is the last line of defence: if it
    fires, the caller sees InsufficientStock, never an IntegrityError.
    """
    in_range = INTEGER_MIN <= quantity <= INTEGER_MAX
    if not (in_range and INTEGER_MIN <= level.on_hand + quantity <= INTEGER_MAX):
        raise StockOutOfRange(stock_range_message(level.on_hand))
    try:
        with transaction.atomic():
            StockLevel.objects.filter(pk=level.pk).update(on_hand=F("on_hand") + quantity)
    except IntegrityError as error:
        raise InsufficientStock([(level.variant, level.on_hand)]) from error
    level.refresh_from_db(fields=["on_hand"])
    movement = StockMovement.objects.create(
        site_id=level.site_id,
        variant_id=level.variant_id,
        quantity=quantity,
        balance_after=level.on_hand,
        reason=reason,
        order=order,
        note=note,
        created_by=user,
    )
    transaction.on_commit(
        lambda: stock_changed.send(sender=StockMovement, movement=movement, level=level)
    )
    return movement


@transaction.atomic
def adjust_stock(*, variant, quantity: int, reason: str, note: str = "", user=None):
    """Add (or with a negative quantity, remove) stock outside of an order."""
    level, _ = StockLevel.objects.get_or_create(variant=variant, defaults={"site": variant.site})
    level = StockLevel.objects.select_for_update().select_related("variant").get(pk=level.pk)
    if quantity < 0 and not level.can_take(-quantity):
        raise InsufficientStock([(variant, level.on_hand)])
    return move_stock(level=level, quantity=quantity, reason=reason, note=note, user=user)

"""The bottom of the stock service: locking levels and writing one ledger row per change.

Every change of ``StockLevel.on_hand`` or ``StockLevel.reserved`` goes through
``record_movement`` on a row its caller has locked, so a level always equals the sums of
its ledger. Several levels are locked together only through ``lock_levels``, in
primary-key order: two writers that share variants always lock in the same order and
cannot deadlock.
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F

from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from ...data import StockLevel, StockMovement, StoreSettings
from ...data.catalog import OutOfStock
from ...exceptions import InsufficientStock, StockOutOfRange
from ...signals import stock_changed


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


def lock_levels(variant_ids: Iterable[int]) -> dict[int, StockLevel]:
    """The stock rows of ``variant_ids`` by variant id, locked in primary-key order (with
    their variants and products, unlocked). Variants without a stock row are absent."""
    ids = sorted(set(variant_ids))
    if not ids:
        return {}
    return {
        level.variant_id: level
        for level in StockLevel.objects.filter(variant_id__in=ids)
        .select_related("variant__product")
        .order_by("pk")
        .select_for_update(of=("self",))
    }


def store_sold_out_choice(site_id: int) -> str:
    """The store's ``OutOfStock`` choice (what a product that chose none does)."""
    choice = (
        StoreSettings.objects.filter(site_id=site_id).values_list("out_of_stock", flat=True).first()
    )
    return choice or OutOfStock.SOLD_OUT


def policy_of(level: StockLevel, *, store_choice: str) -> str:
    """The level's resolved ``StockLevel.Policy``: its own, else its product's or store's."""
    return level.policy_given(store_choice)


def record_movement(
    *,
    level: StockLevel,
    quantity: int = 0,
    reserved_change: int = 0,
    reason: str,
    order=None,
    note: str = "",
    user=None,
) -> StockMovement:
    """Change a locked level by ``quantity`` on hand and ``reserved_change`` held, and write
    its ledger row; ``stock_changed`` is sent after commit.

    Counts stay within what their columns hold (StockOutOfRange otherwise). The CHECK
    constraints are the last line of defence: if one fires, the caller sees
    InsufficientStock, never an IntegrityError.
    """
    for change, count in ((quantity, level.on_hand), (reserved_change, level.reserved)):
        if not (
            INTEGER_MIN <= change <= INTEGER_MAX and INTEGER_MIN <= count + change <= INTEGER_MAX
        ):
            raise StockOutOfRange(stock_range_message(level.on_hand))
    try:
        with transaction.atomic():
            StockLevel.objects.filter(pk=level.pk).update(
                on_hand=F("on_hand") + quantity, reserved=F("reserved") + reserved_change
            )
    except IntegrityError as error:
        raise InsufficientStock([(level.variant, level.available)]) from error
    level.refresh_from_db(fields=["on_hand", "reserved"])
    movement = StockMovement.objects.create(
        site_id=level.site_id,
        variant_id=level.variant_id,
        quantity=quantity,
        balance_after=level.on_hand,
        reserved_change=reserved_change,
        reserved_after=level.reserved,
        reason=reason,
        order=order,
        note=note[:255],
        created_by=user,
    )
    transaction.on_commit(
        lambda: stock_changed.send(sender=StockMovement, movement=movement, level=level)
    )
    return movement

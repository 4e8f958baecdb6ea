"""A stock take: a CSV of SKU and Quantity that sets what is on hand of each variant.

All or nothing, like the product import: an unknown SKU, a count that is not a whole
number, a SKU given twice or a count below what checkouts hold refuses the file, each
with its row. Counts go through the stock service as adjustments noted "stock take"; a
count equal to what is on hand writes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction

from ..data.catalog import ProductVariant
from ..data.stock import StockMovement
from ..services.stock import adjust_stock
from . import columns as c
from .apply import ImportRefused
from .plan import Rejection
from .reading import read_table
from .values import CellError, read_count

NOTE = "stock take"


@dataclass
class Count:
    row: int
    variant: ProductVariant
    on_hand: int
    quantity: int


@dataclass
class StockTakePlan:
    file_name: str
    total_rows: int
    counts: list[Count] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def changes(self) -> list[Count]:
        return [count for count in self.counts if count.quantity != count.on_hand]

    def problems(self) -> list[str]:
        return [f"Row {r.row} ({r.handle or 'no SKU'}): {r.reason}" for r in self.rejected]

    def report(self) -> dict:
        return {
            "file": self.file_name,
            "rows": self.total_rows,
            "ok": self.ok,
            "summary": {
                "updated": len(self.changes),
                "unchanged": len(self.counts) - len(self.changes),
                "rejected": len(self.rejected),
                "warnings": len(self.warnings),
            },
            "updated": [
                {
                    "handle": count.variant.sku,
                    "title": str(count.variant),
                    "rows": str(count.row),
                    "changes": [f"on hand {count.on_hand} → {count.quantity}"],
                }
                for count in self.changes
            ],
            "created": [],
            "rejected": [vars(rejection) for rejection in self.rejected],
            "warnings": [vars(warning) for warning in self.warnings],
        }


def plan_stock_take(*, site_id: int, text: str, file_name: str = "") -> StockTakePlan:
    """What the stock take would change; FileRefused if the file has no SKU and Quantity
    columns. The caller has the store's scope open."""
    table = read_table(
        text, known=[c.STOCK_SKU, c.STOCK_QUANTITY], required=[c.STOCK_SKU, c.STOCK_QUANTITY]
    )
    plan = StockTakePlan(file_name, len(table.rows))
    skus = [cells[c.STOCK_SKU] for _, cells in table.rows]
    variants = {
        variant.sku: variant
        for variant in ProductVariant.objects.for_site(site_id)
        .filter(sku__in=skus)
        .select_related("stock", "product")
    }
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        sku = cells[c.STOCK_SKU]
        try:
            quantity = _quantity(cells)
            if not sku:
                raise CellError("The row has no SKU.")
            if sku in seen:
                raise CellError(f"SKU “{sku}” is already counted on row {seen[sku]}.")
            seen[sku] = number
            variant = variants.get(sku)
            if variant is None:
                raise CellError(f"No variant of the store has the SKU “{sku}”.")
            level = getattr(variant, "stock", None)
            on_hand, reserved = (level.on_hand, level.reserved) if level else (0, 0)
            if quantity < reserved and not (level and level.allow_oversell):
                raise CellError(
                    f"{reserved} units are held for checkouts; a count of {quantity} is fewer."
                )
        except CellError as error:
            plan.rejected.append(Rejection(number, sku, str(error)))
            continue
        if not variant.track_inventory:
            plan.warnings.append(
                Rejection(
                    number,
                    sku,
                    "The variant does not count its stock (sales take nothing from it): "
                    "the count is recorded all the same.",
                )
            )
        plan.counts.append(Count(number, variant, on_hand, quantity))
    return plan


def _lock_order(count: Count) -> int:
    level = getattr(count.variant, "stock", None)
    return level.pk if level else 0


def _quantity(cells) -> int:
    text = cells[c.STOCK_QUANTITY]
    if not text:
        raise CellError("The row has no Quantity.")
    return read_count(text, c.STOCK_QUANTITY)


@transaction.atomic
def apply_stock_take(*, plan: StockTakePlan, user=None) -> StockTakePlan:
    """Set every counted variant's stock on hand; ImportRefused if any row was rejected."""
    if not plan.ok:
        raise ImportRefused(plan.problems())
    counts = sorted(plan.changes, key=_lock_order)
    for count in counts:
        adjust_stock(
            variant=count.variant,
            quantity=count.quantity - count.on_hand,
            reason=StockMovement.Reason.ADJUSTMENT,
            note=NOTE,
            user=user,
        )
    return plan

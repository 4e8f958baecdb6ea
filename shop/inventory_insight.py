"""Inventory insight: how each tracked variant of a store sells, when it runs out, how much
to reorder, and one health score for the store's stock.

The formulas (shown to merchants on the dashboard, kept in one place here):

- **Sales velocity** over 30 and 90 days: units on the store's orders placed in that
  window (cancelled orders left out), per day.
- **Daily rate** used for forecasts: ``0.7 x velocity(30) + 0.3 x velocity(90)``, so a
  recent change weighs more without one quiet month hiding a steady seller.
- **Days until stock-out**: available units / daily rate (none when nothing sold).
- **Suggested reorder quantity**: enough for ``LEAD_DAYS`` of delivery time and
  ``COVER_DAYS`` of selling after it, plus the low-stock threshold as safety stock, less
  what is available: ``max(0, ceil(rate x (LEAD_DAYS + COVER_DAYS)) + threshold -
  available)``; none for a variant that did not sell in 90 days.
- **Health score** (0-100) over tracked variants: 40 points for the share in stock, and
  20 each for the shares *not* low on stock, *not* dead stock (in stock, no sale in 90
  days) and *not* overstocked (more than ``OVERSTOCK_DAYS`` of selling at its rate).

Three queries whatever the number of variants: the store's threshold, the units sold per
variant in both windows, and the levels with their variants and products.
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from .data import OrderLine, StockLevel, StoreSettings
from .data.orders import Order

SHORT_DAYS = 30
LONG_DAYS = 90
RECENT_WEIGHT = Decimal("0.7")
LEAD_DAYS = 14
COVER_DAYS = 30
OVERSTOCK_DAYS = 180
WEIGHTS = {"in_stock": 40, "not_low": 20, "not_dead": 20, "not_overstocked": 20}


@dataclass(frozen=True)
class VariantInsight:
    level: StockLevel
    available: int
    threshold: int
    sold_30: int
    sold_90: int

    @property
    def variant(self):
        return self.level.variant

    @property
    def velocity_30(self) -> Decimal:
        return Decimal(self.sold_30) / SHORT_DAYS

    @property
    def velocity_90(self) -> Decimal:
        return Decimal(self.sold_90) / LONG_DAYS

    @property
    def daily_rate(self) -> Decimal:
        return RECENT_WEIGHT * self.velocity_30 + (1 - RECENT_WEIGHT) * self.velocity_90

    @property
    def days_until_stockout(self) -> int | None:
        """Whole days of selling left at the daily rate; 0 when none is available, None
        when nothing sold."""
        if self.available <= 0:
            return 0
        if not self.daily_rate:
            return None
        return math.floor(self.available / self.daily_rate)

    @property
    def reorder_quantity(self) -> int:
        if not self.daily_rate:
            return 0
        wanted = math.ceil(self.daily_rate * (LEAD_DAYS + COVER_DAYS)) + self.threshold
        return max(0, wanted - max(self.available, 0))

    @property
    def in_stock(self) -> bool:
        return self.available > 0

    @property
    def is_low(self) -> bool:
        return 0 < self.available <= self.threshold

    @property
    def is_dead(self) -> bool:
        return self.available > 0 and self.sold_90 == 0

    @property
    def is_overstocked(self) -> bool:
        rate = self.daily_rate
        return bool(rate) and self.available > rate * OVERSTOCK_DAYS


@dataclass(frozen=True)
class HealthScore:
    score: int
    variants: int
    in_stock: int
    low: int
    dead: int
    overstocked: int

    @property
    def explanation(self) -> str:
        if not self.variants:
            return "No variant counts its stock yet."
        return (
            f"{self.in_stock} of {self.variants} variants in stock "
            f"({WEIGHTS['in_stock']} points for all), {self.low} low on stock, "
            f"{self.dead} with no sale in {LONG_DAYS} days and {self.overstocked} with more "
            f"than {OVERSTOCK_DAYS} days of stock ({WEIGHTS['not_low']} points each for none)."
        )


@dataclass(frozen=True)
class InventoryInsight:
    variants: list[VariantInsight]
    health: HealthScore

    @property
    def low_stock(self) -> list[VariantInsight]:
        """Variants at or below their threshold, or out, soonest to run out first."""
        running_low = [item for item in self.variants if item.available <= item.threshold]
        return sorted(running_low, key=_urgency)

    @property
    def by_urgency(self) -> list[VariantInsight]:
        return sorted(self.variants, key=_urgency)


def _urgency(item: VariantInsight):
    days = item.days_until_stockout
    return (days is None, days if days is not None else 0, -item.sold_30, item.variant.sku)


def health_score(variants: list[VariantInsight]) -> HealthScore:
    total = len(variants)
    counts = {
        "in_stock": sum(item.in_stock for item in variants),
        "low": sum(item.is_low for item in variants),
        "dead": sum(item.is_dead for item in variants),
        "overstocked": sum(item.is_overstocked for item in variants),
    }
    if not total:
        return HealthScore(score=0, variants=0, **counts)
    score = (
        WEIGHTS["in_stock"] * counts["in_stock"] / total
        + WEIGHTS["not_low"] * (1 - counts["low"] / total)
        + WEIGHTS["not_dead"] * (1 - counts["dead"] / total)
        + WEIGHTS["not_overstocked"] * (1 - counts["overstocked"] / total)
    )
    return HealthScore(score=round(score), variants=total, **counts)


def units_sold(*, site_id: int, now=None) -> dict[int, tuple[int, int]]:
    """Units sold per variant in the last 30 and 90 days (orders not cancelled)."""
    now = now or timezone.now()
    short_since = now - timedelta(days=SHORT_DAYS)
    rows = (
        OrderLine.objects.filter(
            order__site_id=site_id, order__placed_at__gte=now - timedelta(days=LONG_DAYS)
        )
        .exclude(order__status=Order.Status.CANCELLED)
        .values("variant_id")
        .annotate(
            short=Sum("quantity", filter=Q(order__placed_at__gte=short_since)),
            long=Sum("quantity"),
        )
    )
    return {row["variant_id"]: (row["short"] or 0, row["long"] or 0) for row in rows}


def inventory_insight(*, site_id: int, now=None) -> InventoryInsight:
    """The insight of every tracked variant of the store's active and draft products."""
    store_threshold = (
        StoreSettings.objects.filter(site_id=site_id)
        .values_list("low_stock_threshold", flat=True)
        .first()
    )
    if store_threshold is None:
        store_threshold = StoreSettings._meta.get_field("low_stock_threshold").default
    sold = units_sold(site_id=site_id, now=now)
    levels = (
        StockLevel.objects.filter(site_id=site_id, variant__track_inventory=True)
        .exclude(variant__product__status="archived")
        .select_related("variant__product")
        .order_by("variant__product__title", "variant__sort_order", "pk")
    )
    variants = [
        VariantInsight(
            level=level,
            available=level.available,
            threshold=(
                level.low_stock_threshold
                if level.low_stock_threshold is not None
                else store_threshold
            ),
            sold_30=sold.get(level.variant_id, (0, 0))[0],
            sold_90=sold.get(level.variant_id, (0, 0))[1],
        )
        for level in levels
    ]
    return InventoryInsight(variants=variants, health=health_score(variants))

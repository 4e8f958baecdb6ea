"""The hot variant ``make bench`` sells to measure order placement (``manage.py
bench_orders``): one product of the benchmark store with one variant, its stock set to a
given count through the stock service, and what became of that stock afterwards.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from shop.models import OrderLine, Product, ProductVariant, StockLevel, StockMovement
from shop.services import adjust_stock, ensure_stock_levels
from tenancy.scope import store_scope
from tenants.models import Store

from .bench_catalog import BENCH_STORE

HOT_HANDLE = "bench-hot-seller"
HOT_SKU = "BENCH-HOT-1"


@dataclass(frozen=True)
class HotVariant:
    """Where the hot variant is and what its stock says: on hand, the sum of its ledger
    (the two agree when no unit was lost or invented) and the units its orders took."""

    site_id: int
    hostname: str
    variant_id: int
    on_hand: int
    ledger_sum: int
    units_sold: int


def hot_variant_state(*, variant_id: int, site_id: int, hostname: str) -> HotVariant:
    with store_scope([site_id]):
        level = StockLevel.objects.get(variant_id=variant_id)
        ledger = StockMovement.objects.filter(variant_id=variant_id).aggregate(
            total=Sum("quantity")
        )["total"]
        sold = OrderLine.objects.filter(variant_id=variant_id).aggregate(total=Sum("quantity"))[
            "total"
        ]
    return HotVariant(
        site_id=site_id,
        hostname=hostname,
        variant_id=variant_id,
        on_hand=level.on_hand,
        ledger_sum=ledger or 0,
        units_sold=sold or 0,
    )


@transaction.atomic
def stock_hot_variant(*, units: int) -> HotVariant:
    """Make the hot variant if it is missing and bring its stock to ``units``, through the
    stock service (one ledger row for the difference)."""
    store = Store.objects.get(slug=BENCH_STORE)
    site = store.site
    with store_scope([site.pk]):
        product, _ = Product.objects.get_or_create(
            site=site,
            handle=HOT_HANDLE,
            defaults={
                "title": "Hot seller",
                "vendor": "Fjord Living",
                "status": Product.Status.ACTIVE,
            },
        )
        variant, _ = ProductVariant.objects.get_or_create(
            product=product, sku=HOT_SKU, defaults={"site": site, "price": Decimal("100.00")}
        )
        ensure_stock_levels(product=product)
        level = StockLevel.objects.get(variant=variant)
        if level.on_hand != units:
            adjust_stock(
                variant=variant,
                quantity=units - level.on_hand,
                reason=StockMovement.Reason.ADJUSTMENT,
                note="Benchmark stock",
            )
    return hot_variant_state(variant_id=variant.pk, site_id=site.pk, hostname=site.hostname)

"""What the storefront shows of live promotions before anything is in a cart: a product's
price with its automatic promotion, the price before it struck through, a badge ("-20%",
"Buy 2, get 1 free") and when the sale ends (ADR 47).

Only automatic promotions a one-item cart of anybody would get are shown: none with a
minimum, a first-order rule or customer tags. The price shown is what the engine gives a
cart of that one unit, so a page never shows a price the cart will not honour. Pages that
show it are kept in the page cache only until the store's next promotion boundary.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from tenancy import moment

from . import book, engine
from .scope import categories_of


@dataclass(frozen=True)
class ShownPrice:
    price: Decimal
    compare: Decimal | None = None
    badge: str = ""
    ends_at: datetime | None = None

    @property
    def on_sale(self) -> bool:
        return self.compare is not None and self.compare > self.price

    @property
    def shows_end(self) -> bool:
        """Whether the sale has an end to show: "Sale ends 24 December, 00:00". A date, not
        a countdown, so a cached page stays right until the boundary drops it."""
        return self.ends_at is not None and (self.on_sale or bool(self.badge))


def plain(number: Decimal) -> str:
    """A percentage as people write it: 20 for 20.00, 12.5 for 12.50."""
    return format(number.normalize(), "f")


def _unconditional(offer: engine.Offer) -> bool:
    return not (
        offer.min_subtotal
        or (offer.min_quantity or 0) > 1
        or offer.first_order_only
        or offer.customer_tags
    )


def shown_versions(site_id: int, when: datetime) -> list[book.Version]:
    """The live automatic promotions the storefront shows on products."""
    return [
        version
        for version in book.versions_at(site_id, when)
        if version.method == "automatic"
        and version.offer.kind != engine.Kind.FREE_SHIPPING
        and _unconditional(version.offer)
    ]


def _categories(product, versions) -> frozenset:
    if not any(version.offer.category_ids for version in versions):
        return frozenset()
    memo = getattr(product, "_promotion_categories", None)
    if memo is None:
        memo = categories_of(product_ids=[product.pk]).get(product.pk, frozenset())
        product._promotion_categories = memo
    return memo


def remember_categories(products, *, when: datetime | None = None) -> None:
    """Read at once the categories of ``products`` when a live promotion shown on products
    is scoped to categories, so that each product's price costs no query of its own."""
    by_site: dict[int, list] = {}
    for product in products:
        by_site.setdefault(product.site_id, []).append(product)
    for site_id, group in by_site.items():
        versions = shown_versions(site_id, when or moment.now())
        if not any(version.offer.category_ids for version in versions):
            continue
        missing = [p for p in group if getattr(p, "_promotion_categories", None) is None]
        found = categories_of(product_ids=[product.pk for product in missing])
        for product in missing:
            product._promotion_categories = found.get(product.pk, frozenset())


def shown_price(*, variant, currency: str, when: datetime | None = None) -> ShownPrice:
    """The price one unit of ``variant`` is shown at now, with its live promotion."""
    own = ShownPrice(variant.price, variant.compare_at_price if variant.on_sale else None)
    versions = shown_versions(variant.site_id, when or moment.now())
    if not versions:
        return own
    product = variant.product
    item = engine.Item(
        key=0,
        variant_id=variant.pk,
        product_id=variant.product_id,
        unit_price=variant.price,
        quantity=1,
        category_ids=_categories(product, versions),
    )
    covering = [v for v in versions if v.offer.covers(item)]
    priced = [v.offer for v in covering if v.offer.kind != engine.Kind.BUY_X_GET_Y]
    outcome = engine.apply(priced, items=[item], shipping=Decimal(0), currency=currency)
    off = outcome.discount_of(0)
    if off:
        applied = {applied.offer.id for applied in outcome.applied}
        ends = [v.end for v in covering if v.offer.id in applied and v.end is not None]
        percent = (off / variant.price * 100).quantize(Decimal("1"))
        return ShownPrice(
            price=variant.price - off,
            compare=own.compare or variant.price,
            badge=f"-{percent}%",
            ends_at=min(ends, default=None),
        )
    deals = [v for v in covering if v.offer.kind == engine.Kind.BUY_X_GET_Y]
    if deals:
        deal = deals[0].offer
        free = deal.value in (0, 100)
        gets = "free" if free else f"{plain(deal.value)}% off"
        return replace(
            own,
            badge=f"Buy {deal.buy_quantity}, get {deal.get_quantity} {gets}",
            ends_at=deals[0].end,
        )
    return own


def example_of(
    offer: engine.Offer, *, variant, category_ids: frozenset, currency: str
) -> tuple[int, Decimal, Decimal] | None:
    """What ``offer`` alone gives the smallest cart that shows it on ``variant`` (one unit,
    or the units a buy-X-get-Y needs), its conditions set aside, as the promotion's preview
    shows it: (quantity, price before, price after). None when it does not cover it."""
    buys = offer.kind == engine.Kind.BUY_X_GET_Y
    item = engine.Item(
        key=0,
        variant_id=variant.pk,
        product_id=variant.product_id,
        unit_price=variant.price,
        quantity=max(offer.buy_quantity + offer.get_quantity, 1) if buys else 1,
        category_ids=category_ids,
    )
    if not offer.covers(item):
        return None
    unconditional = replace(
        offer,
        min_subtotal=None,
        min_quantity=None,
        first_order_only=False,
        customer_tags=frozenset(),
    )
    outcome = engine.apply([unconditional], items=[item], shipping=Decimal(0), currency=currency)
    total = variant.price * item.quantity
    return item.quantity, total, total - outcome.discount_of(0)

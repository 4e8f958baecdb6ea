"""Money arithmetic. Every amount is a Decimal quantized to the currency's minor unit."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MINOR_UNIT = Decimal("0.01")


def quantize(amount) -> Decimal:
    return Decimal(amount).quantize(MINOR_UNIT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PricedLine:
    line: object  # shop.models.CartLine
    unit_price: Decimal
    total: Decimal


@dataclass(frozen=True)
class Totals:
    currency: str
    lines: list[PricedLine]
    subtotal: Decimal
    shipping: Decimal
    total: Decimal

    @property
    def item_count(self) -> int:
        return sum(priced.line.quantity for priced in self.lines)


def price_cart(*, lines, store_settings) -> Totals:
    """Price cart lines with the variants' current prices and the store's shipping rule."""
    priced = [
        PricedLine(
            line=line,
            unit_price=quantize(line.variant.price),
            total=quantize(line.variant.price * line.quantity),
        )
        for line in lines
    ]
    subtotal = quantize(sum((p.total for p in priced), Decimal("0")))
    threshold = store_settings.free_shipping_threshold
    if not priced or (threshold is not None and subtotal >= threshold):
        shipping = quantize(0)
    else:
        shipping = quantize(store_settings.flat_shipping_rate)
    return Totals(
        currency=store_settings.currency,
        lines=priced,
        subtotal=subtotal,
        shipping=shipping,
        total=quantize(subtotal + shipping),
    )

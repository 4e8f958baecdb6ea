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


def shipping_for(*, subtotal: Decimal, country: str, store_settings) -> Decimal:
    """The store's shipping rule for an order of ``subtotal`` to ``country`` (a code).

    Within the store's own country: the flat rate, free at or above the threshold.
    To any other country: the international rate (the flat rate when none is set), never free.
    """
    if not store_settings.is_domestic(country):
        return quantize(store_settings.abroad_shipping_rate)
    threshold = store_settings.free_shipping_threshold
    if threshold is not None and subtotal >= threshold:
        return quantize(0)
    return quantize(store_settings.flat_shipping_rate)


def price_cart(*, lines, store_settings, country: str | None = None) -> Totals:
    """Price cart lines with the variants' current prices and the store's shipping rule.

    ``country`` is the destination's code; by default the store's own country.
    """
    priced = [
        PricedLine(
            line=line,
            unit_price=quantize(line.variant.price),
            total=quantize(line.variant.price * line.quantity),
        )
        for line in lines
    ]
    subtotal = quantize(sum((p.total for p in priced), Decimal("0")))
    if not priced:
        shipping = quantize(0)
    else:
        shipping = shipping_for(
            subtotal=subtotal,
            country=country or store_settings.default_country.code,
            store_settings=store_settings,
        )
    return Totals(
        currency=store_settings.currency,
        lines=priced,
        subtotal=subtotal,
        shipping=shipping,
        total=quantize(subtotal + shipping),
    )

"""What a cart costs: its lines, the shipping rate chosen, tax, and the total (ADR 40).

Every amount is a Decimal quantized to the currency's minor unit (``shop.money``), half up.
Tax is computed and rounded per line, then per shipping, and summed: the tax an order
shows is the sum of the tax its lines and its shipping show, so cart, checkout, order,
emails and invoices agree to the minor unit. Shipping is taxed at the rate of the zone it
goes to, as the goods are; it is entered the way prices are (tax included or not).

- Prices include tax: ``total = subtotal + shipping``; the tax is the part of it that is
  tax (``amount * rate / (100 + rate)`` per line).
- Prices exclude tax: ``total = subtotal + shipping + tax``; the tax is added
  (``amount * rate / 100`` per line).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .data.shipping import ShippingRate, ShippingTable, ShippingZone
from .money import DEFAULT_LOCALE, quantize
from .promotions import engine

HUNDRED = Decimal(100)


def tax_of(amount: Decimal, *, rate: Decimal, included: bool, currency: str) -> Decimal:
    """The tax in (``included``) or on ``amount`` at ``rate`` percent, rounded half up."""
    if not rate:
        return quantize(0, currency)
    share = amount * rate / (HUNDRED + rate) if included else amount * rate / HUNDRED
    return quantize(share, currency)


@dataclass(frozen=True)
class PricedLine:
    line: object  # shop.models.CartLine
    unit_price: Decimal
    # The line's price before discounts, and what promotions take off it.
    total: Decimal
    tax: Decimal = Decimal("0")
    discount: Decimal = Decimal("0")

    @property
    def discounted_total(self) -> Decimal:
        return self.total - self.discount


@dataclass(frozen=True)
class ShippingQuote:
    """A rate the shopper may choose, priced for their cart. ``key`` is what the checkout
    form sends: the rate's id, or "default" for a store that has set up no zone."""

    key: str
    name: str
    kind: str
    price: Decimal
    pickup_address: str = ""
    pickup_instructions: str = ""

    @property
    def is_pickup(self) -> bool:
        return self.kind == ShippingRate.Kind.PICKUP


@dataclass(frozen=True)
class Totals:
    currency: str
    lines: list[PricedLine]
    subtotal: Decimal
    shipping: Decimal
    total: Decimal
    locale: str = DEFAULT_LOCALE
    tax: Decimal = Decimal("0")
    shipping_tax: Decimal = Decimal("0")
    tax_rate: Decimal = Decimal("0")
    prices_include_tax: bool = True
    # The rates the destination and cart may choose from, cheapest first, and the chosen
    # (the cheapest delivery unless the shopper chose).
    quotes: list[ShippingQuote] = field(default_factory=list)
    rate: ShippingQuote | None = None
    # What promotions take off the lines (``discount``) and the shipping, which applied
    # and which codes were refused, with why (ADR 47). ``subtotal`` and ``shipping`` are
    # before discounts.
    discount: Decimal = Decimal("0")
    shipping_discount: Decimal = Decimal("0")
    applied: list = field(default_factory=list)
    rejected: list = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(priced.line.quantity for priced in self.lines)

    @property
    def ships(self) -> bool:
        """Whether the cart can be sent to the destination: some rate applies to it."""
        return self.rate is not None


def cart_weight(lines) -> int:
    """The cart's weight in grams; a variant with no weight weighs nothing."""
    return sum((line.variant.weight_grams or 0) * line.quantity for line in lines)


def quotes_for(
    *, zone: ShippingZone | None, rates, weight_grams: int, subtotal: Decimal, currency: str
) -> list[ShippingQuote]:
    """The rates of ``zone`` that apply to a cart of this weight and value, cheapest first."""
    if zone is None:
        return []
    quotes = []
    for rate in rates:
        price = rate.price_for(weight_grams=weight_grams, subtotal=subtotal)
        if price is None:
            continue
        quotes.append(
            ShippingQuote(
                key=str(rate.pk) if rate.pk is not None else "default",
                name=rate.name,
                kind=rate.kind,
                price=quantize(price, currency),
                pickup_address=rate.pickup_address,
                pickup_instructions=rate.pickup_instructions,
            )
        )
    return sorted(quotes, key=lambda quote: quote.price)


def _chosen(quotes: list[ShippingQuote], key: str | None) -> ShippingQuote | None:
    """The quote named by ``key``, else the cheapest delivery (pickup only when the shopper
    picks it, or when it is all there is: nobody is sent to a shop unasked)."""
    if key:
        for quote in quotes:
            if quote.key == key:
                return quote
    deliveries = [quote for quote in quotes if not quote.is_pickup]
    return (deliveries or quotes or [None])[0]


def price_cart(
    *,
    lines,
    store_settings,
    country: str | None = None,
    postal_code: str = "",
    rate_key: str | None = None,
    shipping: ShippingTable | None = None,
    offers=(),
    customer: engine.Customer | None = None,
    categories: dict | None = None,
    refused=(),
) -> Totals:
    """Price cart lines with the variants' current prices, the shipping rate chosen (the
    cheapest delivery when ``rate_key`` names none that applies), the promotions
    ``offers`` give (``shop.promotions.engine``) and the tax of the destination.

    ``country`` is the destination's code; by default the store's own. ``shipping`` is the
    store's table of zones and rates; by default read from the store's cache.
    ``categories`` maps a product's id to the ids of the category pages it is in;
    ``refused`` are codes refused before pricing, reported with those the engine refuses.
    Shipping rates are chosen by the subtotal before discounts. Tax is computed on what
    each line and the shipping cost after discounts.
    """
    currency = store_settings.currency
    included = store_settings.prices_include_tax
    country = country or store_settings.default_country.code
    table = shipping if shipping is not None else store_settings.shipping
    zone = table.zone_for(country, postal_code)
    tax_rate = store_settings.tax_rate if zone is None or zone.tax_rate is None else zone.tax_rate
    tax_rate = Decimal(tax_rate)

    items = [
        engine.Item(
            key=index,
            variant_id=line.variant_id,
            product_id=line.variant.product_id,
            unit_price=quantize(line.variant.price, currency),
            quantity=line.quantity,
            category_ids=(categories or {}).get(line.variant.product_id, frozenset()),
        )
        for index, line in enumerate(lines)
    ]
    subtotal = quantize(
        sum((quantize(i.unit_price * i.quantity, currency) for i in items), Decimal("0")),
        currency,
    )
    quotes = []
    if items:
        quotes = quotes_for(
            zone=zone,
            rates=table.rates_of(zone) if zone is not None else (),
            weight_grams=cart_weight(lines),
            subtotal=subtotal,
            currency=currency,
        )
    rate = _chosen(quotes, rate_key)
    shipping_amount = rate.price if rate is not None else quantize(0, currency)
    outcome = engine.apply(
        list(offers), items=items, shipping=shipping_amount, currency=currency, customer=customer
    )

    def taxed(amount):
        return tax_of(amount, rate=tax_rate, included=included, currency=currency)

    priced = []
    for index, line in enumerate(lines):
        total = quantize(items[index].unit_price * line.quantity, currency)
        discount = outcome.discount_of(index)
        priced.append(
            PricedLine(
                line=line,
                unit_price=items[index].unit_price,
                total=total,
                tax=taxed(total - discount),
                discount=discount,
            )
        )
    discount = sum((p.discount for p in priced), Decimal("0"))
    shipping_tax = taxed(shipping_amount - outcome.shipping_discount)
    tax = sum((p.tax for p in priced), Decimal("0")) + shipping_tax
    total = subtotal - discount + shipping_amount - outcome.shipping_discount
    if not included:
        total += tax
    return Totals(
        currency=currency,
        locale=store_settings.locale,
        lines=priced,
        subtotal=subtotal,
        shipping=shipping_amount,
        total=quantize(total, currency),
        tax=quantize(tax, currency),
        shipping_tax=shipping_tax,
        tax_rate=tax_rate,
        prices_include_tax=included,
        quotes=quotes,
        rate=rate,
        discount=quantize(discount, currency),
        shipping_discount=outcome.shipping_discount,
        applied=outcome.applied,
        rejected=[*refused, *outcome.rejected],
    )

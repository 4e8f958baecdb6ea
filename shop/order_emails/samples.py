"""A sample order built in memory, so that a store can preview its emails before its first
order. Nothing here is saved."""

from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from ..data import Fulfilment, FulfilmentLine, Order, OrderLine
from ..data.settings import settings_of_store
from ..pricing import price_cart
from .content import EmailFacts

SAMPLE_POSTAL_CODE = "0150"


# The sample's items: (title, variant, SKU, unit price, quantity, weight in grams).
SAMPLE_ITEMS = [
    ("Linen tea towel", "Sage", "SAMPLE-1", Decimal("12.00"), 2, 150),
    ("Stoneware mug", "", "SAMPLE-2", Decimal("40.00"), 1, 400),
]


def _sample_cart() -> list[SimpleNamespace]:
    """Cart lines as ``price_cart`` reads them, for the sample's items."""
    return [
        SimpleNamespace(
            quantity=quantity,
            variant_id=None,
            variant=SimpleNamespace(price=price, weight_grams=grams, product_id=None),
            item=(title, label, sku),
        )
        for title, label, sku, price, quantity, grams in SAMPLE_ITEMS
    ]


def sample_facts(site) -> EmailFacts:
    """An order of two items paid by bank transfer, shipped, with a partial refund, priced
    as the store's checkout would price it: its currency and locale, whether its prices
    include tax, its tax rate and its cheapest shipping to its own country."""
    store_settings = settings_of_store(site.pk)
    now = timezone.now()
    totals = price_cart(
        lines=_sample_cart(), store_settings=store_settings, postal_code=SAMPLE_POSTAL_CODE
    )
    order = Order(
        site=site,
        number=1001,
        status=Order.Status.PENDING_PAYMENT,
        payment_method=Order.PaymentMethod.BANK_TRANSFER,
        email="shopper@example.com",
        name="Ann Example",
        address_line1="1 Sample Street",
        postal_code=SAMPLE_POSTAL_CODE,
        city="Oslo",
        country=store_settings.default_country.code,
        currency=totals.currency,
        locale=totals.locale,
        subtotal=totals.subtotal,
        shipping_total=totals.shipping,
        shipping_tax=totals.shipping_tax,
        shipping_rate_name=totals.rate.name if totals.rate else "",
        pickup_address=totals.rate.pickup_address if totals.rate else "",
        tax_total=totals.tax,
        prices_include_tax=totals.prices_include_tax,
        total=totals.total,
        placed_at=now,
    )
    lines = [
        OrderLine(
            order=order,
            product_title=priced.line.item[0],
            variant_label=priced.line.item[1],
            sku=priced.line.item[2],
            unit_price=priced.unit_price,
            quantity=priced.line.quantity,
            line_total=priced.total,
            tax_rate=totals.tax_rate,
            tax_amount=priced.tax,
        )
        for priced in totals.lines
    ]
    fulfilment = Fulfilment(
        order=order,
        carrier="Posten",
        tracking_number="SAMPLE123456NO",
        tracking_url="https://sporing.posten.no/sporing/SAMPLE123456NO",
        shipped_at=now,
    )
    parcel = [
        FulfilmentLine(fulfilment=fulfilment, order_line=line, quantity=line.quantity)
        for line in lines
    ]
    return EmailFacts(
        order=order,
        lines=lines,
        fulfilment=fulfilment,
        refund_amount=lines[0].line_total,
        parcel_lines=parcel,
    )

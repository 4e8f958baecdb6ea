"""A sample order built in memory, so that a store can preview its emails before its first
order. Nothing here is saved."""

from decimal import Decimal

from django.utils import timezone

from ..data import Fulfilment, FulfilmentLine, Order, OrderLine
from ..data.settings import settings_of_store
from .content import EmailFacts


def sample_facts(site) -> EmailFacts:
    """An order of two items paid by bank transfer, shipped, with a partial refund."""
    store_settings = settings_of_store(site.pk)
    now = timezone.now()
    order = Order(
        site=site,
        number=1001,
        status=Order.Status.PENDING_PAYMENT,
        payment_method=Order.PaymentMethod.BANK_TRANSFER,
        email="shopper@example.com",
        name="Ann Example",
        address_line1="1 Sample Street",
        postal_code="0150",
        city="Oslo",
        country=store_settings.default_country.code,
        currency=store_settings.currency,
        subtotal=Decimal("64.00"),
        shipping_total=Decimal("5.00"),
        total=Decimal("69.00"),
        placed_at=now,
    )
    lines = [
        OrderLine(
            order=order,
            product_title="Linen tea towel",
            variant_label="Sage",
            sku="SAMPLE-1",
            unit_price=Decimal("12.00"),
            quantity=2,
            line_total=Decimal("24.00"),
        ),
        OrderLine(
            order=order,
            product_title="Stoneware mug",
            sku="SAMPLE-2",
            unit_price=Decimal("40.00"),
            quantity=1,
            line_total=Decimal("40.00"),
        ),
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
        refund_amount=Decimal("12.00"),
        parcel_lines=parcel,
    )

"""Invoices of orders with promotions (ADR 45, ADR 47): lines and shipping are printed after
their discounts, and the VAT per rate still adds up to the order's to the cent."""

from decimal import Decimal

import pytest

from shop import services
from shop.models import Invoice
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.promotion_factories import make_promotion
from tests.shop.shipping_factories import add_zone, rate, set_store

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_discounted_order_is_invoiced_at_what_the_shopper_paid(store):
    set_store(store.site, tax_rate=D("25"), prices_include_tax=False)
    add_zone(store.site, ["NO"], rate("Posten", price="9.99"))
    lamp = stocked_variant(site=store.site, price="33.33", stock=9, title="Desk lamp")
    bulb = stocked_variant(site=store.site, price="2.99", stock=9, title="Bulb")
    make_promotion(
        site=store.site, name="Lamps", value="15", target="items", products=[lamp.product]
    )
    make_promotion(
        site=store.site, name="Free post", kind="free_shipping", combines_with_items=True
    )
    order = place_test_order(lines=[(lamp, 3), (bulb, 2)])

    with store_scope([store.site.pk]):
        services.mark_paid(order=order)
        invoice = Invoice.objects.get(order=order)
        lines = {line.product_title: line for line in order.lines.all()}
    order.refresh_from_db()

    doc = invoice.document
    assert order.discount_total > 0
    assert invoice.total == order.total
    assert sum(D(row["tax"]) for row in doc["breakdown"]) == order.tax_total == invoice.tax_total
    lamp_row = next(row for row in doc["lines"] if row["title"] == "Desk lamp")
    assert D(lamp_row["amount"]) == lines["Desk lamp"].discounted_total
    assert D(lamp_row["discount"]) == lines["Desk lamp"].discount_amount
    assert order.shipping_discount == order.shipping_total == D("9.99")
    assert (doc["shipping"]["amount"], doc["shipping"]["discount"]) == ("0.00", "9.99")

"""The order placed is what checkout showed: over random carts, tax modes and currencies, the
order's totals, tax and line snapshots equal the checkout's priced cart (ADR 40)."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shop import selectors
from shop.models import OrderLine, ShippingZone
from shop.services import place_order
from tenancy.scope import store_scope
from tests.shop.factories import CartFactory, checkout_details, stocked_variant
from tests.shop.shipping_factories import Kind, add_zone, rate, set_store

pytestmark = pytest.mark.django_db

prices = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cart=st.lists(st.tuples(prices, st.integers(1, 5)), min_size=1, max_size=3),
    currency=st.sampled_from(["NOK", "JPY", "EUR"]),
    included=st.booleans(),
    tax_rate=st.sampled_from(["0", "12", "25", "8.875"]),
    threshold=prices,
)
def test_the_order_keeps_exactly_what_checkout_showed(
    store, cart, currency, included, tax_rate, threshold
):
    set_store(
        store.site, currency=currency, prices_include_tax=included, tax_rate=Decimal(tax_rate)
    )
    with store_scope([store.site.pk]):
        ShippingZone.objects.filter(site=store.site).delete()  # the last example's
    add_zone(store.site, ["NO"], rate(kind=Kind.FREE_ABOVE, price="79.00", free_above=threshold))
    variants = [
        (stocked_variant(site=store.site, price=str(price), stock=10), quantity)
        for price, quantity in cart
    ]
    basket = CartFactory(site=store.site, lines=variants)

    with store_scope([store.site.pk]):
        shown = selectors.cart_totals(site=store.site, cart=basket, country="NO")
        order = place_order(cart=basket, details=checkout_details(shipping_rate=shown.rate.key))
        lines = list(OrderLine.objects.filter(order=order).order_by("pk"))

    assert (order.subtotal, order.shipping_total, order.tax_total, order.total) == (
        shown.subtotal,
        shown.shipping,
        shown.tax,
        shown.total,
    )
    assert order.shipping_tax == shown.shipping_tax
    assert order.prices_include_tax == included
    assert [(line.line_total, line.tax_amount) for line in lines] == [
        (priced.total, priced.tax) for priced in shown.lines
    ]
    assert sum(line.tax_amount for line in lines) + order.shipping_tax == order.tax_total

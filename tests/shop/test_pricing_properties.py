"""Properties of every priced cart, over random carts, rates, tax modes and currencies:
totals add up, nothing is negative, amounts have their currency's minor unit, and the tax
an order shows is the sum of the tax its lines and shipping show (ADR 40)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shop.data.shipping import ShippingRate
from shop.money import minor_digits
from shop.pricing import price_cart
from shop.promotions import engine
from tests.shop.pricing_builders import line, rate, store, table, zone

Kind = ShippingRate.Kind
CURRENCIES = ["EUR", "NOK", "SEK", "DKK", "GBP", "USD", "CHF", "JPY"]

money = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=0, max_value=30, places=2, allow_nan=False, allow_infinity=False)
lines = st.lists(
    st.builds(line, money, st.integers(1, 40), st.integers(0, 20000)), min_size=1, max_size=8
)


@st.composite
def rates(draw):
    """One to four rates of any kind, their bands drawn at random."""
    drawn = []
    for position in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(list(Kind)))
        fields = {"price": str(draw(money)), "name": f"Rate {position}"}
        if kind == Kind.WEIGHT:
            low = draw(st.integers(0, 50000))
            high = low + draw(st.integers(1, 50000))
            fields |= {"min_weight_grams": low, "max_weight_grams": high}
        elif kind == Kind.VALUE:
            low = draw(money)
            fields |= {"min_order_value": low, "max_order_value": low + draw(money) + 1}
        elif kind == Kind.FREE_ABOVE:
            fields["free_above"] = draw(money)
        elif kind == Kind.PICKUP:
            fields |= {"price": "0", "pickup_address": "Shop, Main street 1"}
        drawn.append(rate(kind, **fields))
    return drawn


def exponent_fits(amount: Decimal, currency: str) -> bool:
    return amount.as_tuple().exponent == -minor_digits(currency)


@settings(max_examples=300, deadline=None)
@given(
    cart=lines,
    zone_rates=rates(),
    currency=st.sampled_from(CURRENCIES),
    included=st.booleans(),
    store_rate=percent,
    zone_rate=st.none() | percent,
    pick=st.integers(0, 5),
)
def test_totals_add_up_and_are_never_negative(
    cart, zone_rates, currency, included, store_rate, zone_rate, pick
):
    shipping = table((zone(["NO"], tax_rate=zone_rate), zone_rates))
    settings_ = store(currency, included=included, tax_rate=str(store_rate))
    first = price_cart(lines=cart, store_settings=settings_, shipping=shipping)
    key = first.quotes[pick % len(first.quotes)].key if first.quotes else None

    totals = price_cart(lines=cart, store_settings=settings_, shipping=shipping, rate_key=key)

    assert totals.subtotal == sum(p.total for p in totals.lines)
    assert totals.tax == sum(p.tax for p in totals.lines) + totals.shipping_tax
    expected = totals.subtotal + totals.shipping + (0 if included else totals.tax)
    assert totals.total == expected
    amounts = [totals.subtotal, totals.shipping, totals.tax, totals.total]
    amounts += [p.total for p in totals.lines] + [p.tax for p in totals.lines]
    assert all(amount >= 0 for amount in amounts)
    assert all(exponent_fits(amount, currency) for amount in amounts)
    if included:
        assert all(p.tax <= p.total for p in totals.lines)
        assert totals.tax <= totals.total
    assert totals.tax_rate == (store_rate if zone_rate is None else zone_rate)
    if key is not None:
        assert totals.rate.key == key
        assert totals.shipping == totals.rate.price


@settings(max_examples=200, deadline=None)
@given(cart=lines, zone_rates=rates(), currency=st.sampled_from(CURRENCIES))
def test_the_cheapest_delivery_that_applies_is_chosen_unless_the_shopper_chose(
    cart, zone_rates, currency
):
    totals = price_cart(
        lines=cart, store_settings=store(currency), shipping=table((zone(["NO"]), zone_rates))
    )

    assert [q.price for q in totals.quotes] == sorted(q.price for q in totals.quotes)
    deliveries = [q for q in totals.quotes if q.kind != Kind.PICKUP]
    if totals.quotes:
        assert totals.rate == (deliveries or totals.quotes)[0]
    else:
        assert not totals.ships and totals.shipping == 0


@settings(max_examples=200, deadline=None)
@given(cart=lines, threshold=money, price=money, currency=st.sampled_from(CURRENCIES))
def test_a_free_above_rate_is_free_exactly_from_its_threshold(cart, threshold, price, currency):
    free_rate = rate(Kind.FREE_ABOVE, price=str(price), free_above=threshold)
    totals = price_cart(
        lines=cart, store_settings=store(currency), shipping=table((zone(["NO"]), [free_rate]))
    )

    assert totals.shipping == (0 if totals.subtotal >= threshold else totals.rate.price)


@settings(max_examples=200, deadline=None)
@given(cart=lines, bounds=st.lists(st.integers(1, 100000), min_size=1, max_size=5, unique=True))
def test_weight_bands_that_meet_give_every_cart_exactly_one_rate(cart, bounds):
    edges = [0, *sorted(bounds)]
    bands = [
        rate(Kind.WEIGHT, price=str(i), min_weight_grams=low, max_weight_grams=high)
        for i, (low, high) in enumerate(zip(edges, [*edges[1:], None], strict=True))
    ]
    totals = price_cart(lines=cart, store_settings=store(), shipping=table((zone(["NO"]), bands)))

    assert len(totals.quotes) == 1


@st.composite
def automatic_offers(draw):
    """Promotions of every kind on the whole order or on product 1 (every test line's
    product), combining at random (ADR 47)."""
    drawn = []
    for id_ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from([getattr(engine.Kind, name) for name in OFFER_KINDS]))
        value = (
            draw(money)
            if kind == engine.Kind.FIXED_AMOUNT
            else draw(st.decimals(min_value=0, max_value=100, places=2))
        )
        drawn.append(
            engine.Offer(
                id=id_,
                title=f"Offer {id_}",
                kind=kind,
                value=value,
                target=draw(st.sampled_from([engine.Target.ORDER, engine.Target.ITEMS])),
                product_ids=draw(st.sampled_from([frozenset(), frozenset({1})])),
                buy_quantity=draw(st.integers(1, 3)),
                get_quantity=draw(st.integers(1, 2)),
                priority=draw(st.integers(-1, 1)),
                combines_with_items=draw(st.booleans()),
                combines_with_order=draw(st.booleans()),
                combines_with_shipping=draw(st.booleans()),
            )
        )
    return drawn


OFFER_KINDS = ["PERCENTAGE", "FIXED_AMOUNT", "FREE_SHIPPING", "BUY_X_GET_Y"]


@settings(max_examples=300, deadline=None)
@given(
    cart=lines,
    zone_rates=rates(),
    offers=automatic_offers(),
    currency=st.sampled_from(CURRENCIES),
    included=st.booleans(),
    store_rate=percent,
)
def test_with_promotions_totals_add_up_line_by_line_and_nothing_goes_negative(
    cart, zone_rates, offers, currency, included, store_rate
):
    shipping = table((zone(["NO"]), zone_rates))
    settings_ = store(currency, included=included, tax_rate=str(store_rate))
    totals = price_cart(lines=cart, store_settings=settings_, shipping=shipping, offers=offers)

    assert totals.discount == sum(p.discount for p in totals.lines)
    assert all(0 <= p.discount <= p.total for p in totals.lines)
    assert 0 <= totals.shipping_discount <= totals.shipping
    assert totals.tax == sum(p.tax for p in totals.lines) + totals.shipping_tax
    paid = totals.subtotal - totals.discount + totals.shipping - totals.shipping_discount
    assert totals.total == paid + (0 if included else totals.tax)
    assert totals.total >= 0
    # What the promotions gave is what the lines and shipping lost: the figures the
    # cart, checkout and the order's email show side by side.
    given = sum((applied.amount for applied in totals.applied), start=0)
    assert given == totals.discount + totals.shipping_discount
    if included:
        assert all(p.tax <= p.discounted_total for p in totals.lines)

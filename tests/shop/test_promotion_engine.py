"""The promotion engine decides which promotions a cart gets and what each takes off
(ADR 47): examples of each kind and rule, then properties over random carts and offers."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shop.data import Promotion
from shop.money import minor_digits, quantize
from shop.promotions.engine import Customer, Item, Kind, Offer, Reason, Target, apply

D = Decimal


def item(key, price, quantity=1, *, product=None, variant=None, categories=()):
    return Item(
        key=key,
        variant_id=variant if variant is not None else key,
        product_id=product if product is not None else key,
        unit_price=D(price),
        quantity=quantity,
        category_ids=frozenset(categories),
    )


def offer(id_, kind=Kind.PERCENTAGE, value="10", **fields):
    return Offer(id=id_, title=f"Offer {id_}", kind=kind, value=D(value), **fields)


def test_the_engine_knows_every_kind_and_target_a_merchant_can_choose():
    assert set(Promotion.Kind.values) == {
        Kind.PERCENTAGE,
        Kind.FIXED_AMOUNT,
        Kind.FREE_SHIPPING,
        Kind.BUY_X_GET_Y,
    }
    assert set(Promotion.Target.values) == {Target.ORDER, Target.ITEMS}


def test_a_percentage_off_the_order_is_rounded_per_line():
    items = [item(1, "9.99"), item(2, "0.05", 3)]
    outcome = apply([offer(1, value="15")], items=items, shipping=D("5"), currency="EUR")
    assert outcome.line_discounts == {1: D("1.50"), 2: D("0.02")}
    assert outcome.applied[0].amount == D("1.52")
    assert outcome.shipping_discount == 0


def test_a_fixed_amount_off_the_order_is_shared_to_the_cent():
    items = [item(1, "10.00"), item(2, "20.00"), item(3, "30.00")]
    outcome = apply([offer(1, Kind.FIXED_AMOUNT, "10")], items=items, shipping=D(0), currency="EUR")
    assert sum(outcome.line_discounts.values()) == D("10.00")
    assert outcome.line_discounts == {1: D("1.67"), 2: D("3.33"), 3: D("5.00")}


def test_a_fixed_amount_larger_than_the_order_takes_it_to_zero_and_no_further():
    items = [item(1, "4.00"), item(2, "3.00", 2)]
    outcome = apply(
        [offer(1, Kind.FIXED_AMOUNT, "500")], items=items, shipping=D("4.90"), currency="EUR"
    )
    assert outcome.line_discounts == {1: D("4.00"), 2: D("6.00")}
    assert outcome.shipping_discount == 0


def test_an_items_offer_takes_off_only_the_items_in_its_scope():
    items = [item(1, "50", product=10, categories={7}), item(2, "50", product=11)]
    by_category = offer(1, value="20", target=Target.ITEMS, category_ids=frozenset({7}))
    outcome = apply([by_category], items=items, shipping=D(0), currency="EUR")
    assert outcome.line_discounts == {1: D("10.00")}


def test_a_fixed_amount_off_items_comes_off_each_unit_up_to_its_price():
    items = [item(1, "3.00", 4, product=10), item(2, "10.00", 1, product=10)]
    off = offer(1, Kind.FIXED_AMOUNT, "5", target=Target.ITEMS, product_ids=frozenset({10}))
    outcome = apply([off], items=items, shipping=D(0), currency="EUR")
    assert outcome.line_discounts == {1: D("12.00"), 2: D("5.00")}


def test_buy_two_get_one_free_gives_the_cheapest_unit_of_each_set():
    items = [item(1, "30", 2, product=10), item(2, "12", 2, product=10), item(3, "99", 1)]
    b2g1 = offer(
        1,
        Kind.BUY_X_GET_Y,
        "100",
        target=Target.ITEMS,
        product_ids=frozenset({10}),
        buy_quantity=2,
        get_quantity=1,
    )
    outcome = apply([b2g1], items=items, shipping=D(0), currency="EUR")
    # Four units in scope: one full set of three, its cheapest unit free.
    assert outcome.line_discounts == {2: D("12.00")}


def test_buy_one_get_one_half_price_on_a_line_of_many():
    items = [item(1, "8.00", 5)]
    bogo = offer(1, Kind.BUY_X_GET_Y, "50", target=Target.ITEMS, buy_quantity=1, get_quantity=1)
    outcome = apply([bogo], items=items, shipping=D(0), currency="EUR")
    assert outcome.line_discounts == {1: D("8.00")}  # two units at half price


def test_free_shipping_takes_off_the_shipping_only():
    outcome = apply(
        [offer(1, Kind.FREE_SHIPPING, "0")],
        items=[item(1, "20")],
        shipping=D("6.50"),
        currency="EUR",
    )
    assert outcome.shipping_discount == D("6.50")
    assert outcome.line_discounts == {}


def test_a_free_shipping_code_on_a_cart_with_nothing_to_ship_says_so():
    code = offer(1, Kind.FREE_SHIPPING, "0", code="SHIPFREE")
    outcome = apply([code], items=[item(1, "20")], shipping=D(0), currency="EUR")
    assert [(r.code, r.reason) for r in outcome.rejected] == [("SHIPFREE", Reason.NO_SHIPPING)]


def test_conditions_refuse_a_code_with_the_reason():
    items = [item(1, "20", 2)]
    cases = [
        (offer(1, min_subtotal=D("50"), code="A"), Customer(), Reason.MIN_SUBTOTAL),
        (offer(1, min_quantity=3, code="A"), Customer(), Reason.MIN_QUANTITY),
        (
            offer(1, first_order_only=True, code="A"),
            Customer(first_order=False),
            Reason.FIRST_ORDER,
        ),
        (
            offer(1, customer_tags=frozenset({"vip"}), code="A"),
            Customer(tags=frozenset({"wholesale"})),
            Reason.CUSTOMER_TAGS,
        ),
        (
            offer(1, target=Target.ITEMS, product_ids=frozenset({99}), code="A"),
            Customer(),
            Reason.NO_ITEMS,
        ),
    ]
    for refused, customer, reason in cases:
        outcome = apply([refused], items=items, shipping=D(0), currency="EUR", customer=customer)
        assert outcome.line_discounts == {}
        assert [r.reason for r in outcome.rejected] == [reason]


def test_conditions_met_exactly_let_the_promotion_apply():
    items = [item(1, "25", 2)]
    exact = offer(1, min_subtotal=D("50"), min_quantity=2, customer_tags=frozenset({"vip"}))
    outcome = apply(
        [exact], items=items, shipping=D(0), currency="EUR", customer=Customer(tags={"vip"})
    )
    assert outcome.line_discounts == {1: D("5.00")}


def test_without_combining_the_higher_priority_wins_and_the_code_is_told_why():
    weekend = offer(1, value="20", priority=10)
    code = offer(2, value="30", code="NEWS10")
    outcome = apply([code, weekend], items=[item(1, "100")], shipping=D(0), currency="EUR")
    assert [a.offer.id for a in outcome.applied] == [1]
    assert outcome.line_discounts == {1: D("20.00")}
    (rejection,) = outcome.rejected
    assert (rejection.code, rejection.reason) == ("NEWS10", Reason.NOT_COMBINABLE)
    assert rejection.blocked_by.id == 1


def test_at_equal_priority_the_larger_saving_wins():
    outcome = apply(
        [offer(1, value="10"), offer(2, value="25")],
        items=[item(1, "100")],
        shipping=D(0),
        currency="EUR",
    )
    assert [a.offer.id for a in outcome.applied] == [2]


def test_offers_that_combine_both_ways_apply_together_in_order():
    items_off = offer(
        1, value="50", target=Target.ITEMS, product_ids=frozenset({1}), combines_with_order=True
    )
    order_off = offer(2, Kind.FIXED_AMOUNT, "10", combines_with_items=True)
    outcome = apply(
        [order_off, items_off],
        items=[item(1, "40"), item(2, "20")],
        shipping=D(0),
        currency="EUR",
    )
    # 20 off line 1, then 10 shared over what is left: 20 and 20.
    assert outcome.line_discounts == {1: D("25.00"), 2: D("5.00")}
    assert {a.offer.id: a.amount for a in outcome.applied} == {1: D("20.00"), 2: D("10.00")}


def test_combining_is_needed_both_ways():
    one_way = offer(1, value="10", combines_with_shipping=True)
    free_shipping = offer(2, Kind.FREE_SHIPPING, "0", combines_with_order=False)
    outcome = apply(
        [one_way, free_shipping], items=[item(1, "100")], shipping=D("5"), currency="EUR"
    )
    assert len(outcome.applied) == 1


def test_an_exclusive_offer_combines_with_nothing_even_when_others_allow_it():
    exclusive = offer(1, value="5", priority=5, exclusive=True)
    friendly = offer(2, Kind.FREE_SHIPPING, "0", combines_with_order=True)
    outcome = apply([friendly, exclusive], items=[item(1, "100")], shipping=D("5"), currency="EUR")
    assert [a.offer.id for a in outcome.applied] == [1]
    assert outcome.shipping_discount == 0


def test_one_line_never_takes_two_items_offers():
    first = offer(1, value="10", target=Target.ITEMS, combines_with_items=True)
    second = offer(
        2, value="30", target=Target.ITEMS, product_ids=frozenset({2}), combines_with_items=True
    )
    outcome = apply(
        [first, second], items=[item(1, "10"), item(2, "10")], shipping=D(0), currency="EUR"
    )
    assert outcome.line_discounts == {1: D("1.00"), 2: D("3.00")}


def test_zero_decimal_currencies_are_discounted_in_whole_yen():
    outcome = apply(
        [offer(1, Kind.FIXED_AMOUNT, "1000")],
        items=[item(1, "1999", 1), item(2, "2999", 1)],
        shipping=D(0),
        currency="JPY",
    )
    assert sum(outcome.line_discounts.values()) == D("1000")
    assert all(amount == amount.to_integral() for amount in outcome.line_discounts.values())


# Properties over random carts and offers.

CURRENCIES = ["EUR", "NOK", "JPY", "USD"]
prices = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def carts(draw):
    count = draw(st.integers(1, 6))
    return [
        item(
            key,
            draw(prices),
            draw(st.integers(1, 12)),
            product=draw(st.integers(1, 4)),
            categories=draw(st.frozensets(st.integers(1, 3), max_size=2)),
        )
        for key in range(count)
    ]


@st.composite
def offers(draw):
    drawn = []
    for id_ in range(draw(st.integers(0, 5))):
        kind = draw(
            st.sampled_from(
                [Kind.PERCENTAGE, Kind.FIXED_AMOUNT, Kind.FREE_SHIPPING, Kind.BUY_X_GET_Y]
            )
        )
        target = draw(st.sampled_from([Target.ORDER, Target.ITEMS]))
        value = (
            draw(st.decimals(min_value=0, max_value=100, places=2))
            if kind != Kind.FIXED_AMOUNT
            else draw(prices)
        )
        drawn.append(
            Offer(
                id=id_,
                title=f"Offer {id_}",
                kind=kind,
                value=value,
                target=target,
                product_ids=draw(st.frozensets(st.integers(1, 4), max_size=2)),
                category_ids=draw(st.frozensets(st.integers(1, 3), max_size=1)),
                min_subtotal=draw(st.none() | prices),
                buy_quantity=draw(st.integers(1, 3)),
                get_quantity=draw(st.integers(1, 2)),
                priority=draw(st.integers(-2, 2)),
                exclusive=draw(st.booleans()),
                combines_with_items=draw(st.booleans()),
                combines_with_order=draw(st.booleans()),
                combines_with_shipping=draw(st.booleans()),
                code=draw(st.none() | st.just(f"CODE{id_}")),
            )
        )
    return drawn


def compatible(a: Offer, b: Offer) -> bool:
    return a.combines_with(b) and b.combines_with(a)


@settings(max_examples=400, deadline=None)
@given(cart=carts(), drawn=offers(), shipping=prices, currency=st.sampled_from(CURRENCIES))
def test_discounts_never_take_a_line_or_shipping_below_zero_and_add_up(
    cart, drawn, shipping, currency
):
    shipping = quantize(shipping, currency)
    outcome = apply(drawn, items=cart, shipping=shipping, currency=currency)
    for line in cart:
        off = outcome.discount_of(line.key)
        assert D(0) <= off <= quantize(line.unit_price * line.quantity, currency)
        assert off == quantize(off, currency)
    assert D(0) <= outcome.shipping_discount <= shipping
    # What the offers gave is what the lines and shipping lost, to the minor unit.
    assert sum((a.amount for a in outcome.applied), D(0)) == outcome.total
    assert all(a.amount > 0 for a in outcome.applied)
    assert outcome.total.as_tuple().exponent >= -minor_digits(currency)


@settings(max_examples=400, deadline=None)
@given(cart=carts(), drawn=offers(), shipping=prices)
def test_the_offers_applied_all_combine_with_each_other(cart, drawn, shipping):
    outcome = apply(drawn, items=cart, shipping=shipping, currency="EUR")
    applied = [a.offer for a in outcome.applied]
    for index, first in enumerate(applied):
        for second in applied[index + 1 :]:
            assert compatible(first, second)
    # Every code is either applied or refused with a reason, never silently dropped.
    codes = {o.code for o in drawn if o.code}
    answered = {a.offer.code for a in outcome.applied} | {r.code for r in outcome.rejected}
    assert codes <= answered


@settings(max_examples=200, deadline=None)
@given(cart=carts(), drawn=offers(), shipping=prices)
def test_the_order_of_the_offers_given_does_not_change_the_outcome(cart, drawn, shipping):
    forward = apply(drawn, items=cart, shipping=shipping, currency="EUR")
    backward = apply(list(reversed(drawn)), items=cart, shipping=shipping, currency="EUR")
    assert forward.line_discounts == backward.line_discounts
    assert forward.shipping_discount == backward.shipping_discount

"""Real buyers racing for the last units, on PostgreSQL with real threads.

SQLite serialises writers for the whole database, so it proves nothing here: these tests
run on PostgreSQL only (``DATABASE_URL``), and fail instead of skipping under
``REQUIRE_SERVICES=1``.
"""

from collections import Counter
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from django.urls import reverse

from shop import services
from shop.exceptions import InsufficientStock
from shop.models import CartLine, Order, StockLevel, StockMovement
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.factories import CartFactory, checkout_details, stocked_variant
from tests.shop.test_views import CHECKOUT_FORM
from tests.tenants.factories import StoreFactory

BUYERS = 20
UNITS = 5

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]


def _assert_sold_exactly_the_stock(variant):
    with store_scope([variant.site_id]):
        level = StockLevel.objects.get(variant=variant)
        assert level.on_hand == 0
        assert Order.objects.filter(site_id=variant.site_id).count() == UNITS
        sales = StockMovement.objects.filter(variant=variant, reason=StockMovement.Reason.SALE)
        assert sales.count() == UNITS
        assert sorted(sales.values_list("balance_after", flat=True)) == list(range(UNITS))
        numbers = sorted(Order.objects.values_list("number", flat=True))
    assert numbers == list(range(1001, 1001 + UNITS))


def test_buyers_racing_for_the_last_units_get_exactly_the_stock():
    store = StoreFactory(slug="race")
    variant = stocked_variant(site=store.site, stock=UNITS, title="Last lamp")
    carts = [CartFactory(site=store.site, lines=[(variant, 1)]) for _ in range(BUYERS)]

    def buy(index):
        # Each buyer's thread starts with no scope; the checkout view opens the store's.
        with store_scope([store.site.pk]):
            return services.place_order(
                cart=carts[index], details=checkout_details(email=f"buyer{index}@example.test")
            )

    outcomes = race(buy, BUYERS)

    kinds = Counter(type(outcome).__name__ for outcome in outcomes)
    assert kinds == {"Order": UNITS, "InsufficientStock": BUYERS - UNITS}, outcomes
    assert all(isinstance(outcome, Order | InsufficientStock) for outcome in outcomes), outcomes
    _assert_sold_exactly_the_stock(variant)
    losers = [carts[i] for i, outcome in enumerate(outcomes) if not isinstance(outcome, Order)]
    with store_scope([store.site.pk]):
        assert all(CartLine.objects.filter(cart=cart).count() == 1 for cart in losers)


def test_shoppers_racing_through_the_checkout_page_get_exactly_the_stock():
    store = StoreFactory(slug="race")
    variant = stocked_variant(site=store.site, stock=UNITS, title="Last lamp")
    clients = [HttpClient(HTTP_HOST=store.site.hostname) for _ in range(BUYERS)]
    for client in clients:
        client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    with store_scope([store.site.pk]):
        assert CartLine.objects.count() == BUYERS

    def check_out(index):
        response = clients[index].post(reverse("shop:checkout"), CHECKOUT_FORM)
        if response.status_code == 302:
            return response.status_code, response["Location"]
        # Refused: the checkout page again, with the message and the form as typed.
        return response.status_code, [str(m) for m in response.context["messages"]]

    outcomes = race(check_out, BUYERS)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    completed = [loc for status, loc in outcomes if status == 302 and "/checkout/complete/" in loc]
    refused = [
        said
        for status, said in outcomes
        if status == 200 and "Not enough stock for: Last lamp (out of stock)." in said
    ]
    assert (len(completed), len(refused)) == (UNITS, BUYERS - UNITS), outcomes
    _assert_sold_exactly_the_stock(variant)


def _client_sharing(client):
    """A second browser tab of the same shopper: its own client, the same session cookie."""
    tab = HttpClient(HTTP_HOST=client.defaults["HTTP_HOST"])
    tab.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return tab


def test_each_cart_submitted_twice_at_once_makes_one_order_shown_to_both_submissions():
    store = StoreFactory(slug="race")
    variant = stocked_variant(site=store.site, stock=10, title="Desk lamp")
    shoppers = [HttpClient(HTTP_HOST=store.site.hostname) for _ in range(UNITS)]
    forms = []
    for index, shopper in enumerate(shoppers):
        shopper.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
        token = issued_checkout_token(shopper)
        forms.append(
            {**CHECKOUT_FORM, "email": f"buyer{index}@example.test", "checkout_token": token}
        )
    # Two submissions per cart (a double click), each from its own client on the same session.
    tabs = [_client_sharing(shoppers[index // 2]) for index in range(2 * UNITS)]

    def submit(index):
        response = tabs[index].post(reverse("shop:checkout"), forms[index // 2])
        return response.status_code, response.get("Location", "")

    outcomes = race(submit, 2 * UNITS)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert {status for status, _ in outcomes} == {302}, outcomes
    for cart in range(UNITS):
        first, second = outcomes[2 * cart][1], outcomes[2 * cart + 1][1]
        assert "/checkout/complete/" in first, outcomes
        assert first == second, outcomes
        for tab in tabs[2 * cart : 2 * cart + 2]:
            page = tab.get(first)
            assert page.status_code == 200
            assert f"buyer{cart}@example.test" in page.content.decode()
    assert len({location for _, location in outcomes}) == UNITS
    with store_scope([store.site.pk]):
        assert Order.objects.count() == UNITS
        assert StockLevel.objects.get(variant=variant).on_hand == 10 - UNITS
        assert StockMovement.objects.filter(reason=StockMovement.Reason.SALE).count() == UNITS


def test_one_cart_placed_twice_at_once_without_a_token_makes_one_order():
    store = StoreFactory(slug="race")
    variant = stocked_variant(site=store.site, stock=5, title="Desk lamp")
    cart = CartFactory(site=store.site, lines=[(variant, 2)])

    def place(index):
        with store_scope([store.site.pk]):
            return services.place_order(cart=cart, details=checkout_details())

    outcomes = race(place, 2)

    kinds = Counter(type(outcome).__name__ for outcome in outcomes)
    assert kinds == {"Order": 1, "EmptyCart": 1}, outcomes
    with store_scope([store.site.pk]):
        assert Order.objects.count() == 1
        assert StockLevel.objects.get(variant=variant).on_hand == 3


def test_simultaneous_adds_of_one_variant_end_in_one_line_with_the_summed_quantity():
    store = StoreFactory(slug="race")
    variant = stocked_variant(site=store.site, stock=20, title="Desk lamp")
    # A shopper whose session exists but whose cart does not yet: the first adds also race
    # to create the cart.
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.create()
    tabs = [HttpClient(HTTP_HOST=store.site.hostname) for _ in range(10)]
    for tab in tabs:
        tab.cookies[settings.SESSION_COOKIE_NAME] = session.session_key

    def add(index):
        response = tabs[index].post(
            reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1}
        )
        return response.status_code, response.get("Location", "")

    outcomes = race(add, 10)

    assert outcomes == [(302, reverse("shop:cart-detail"))] * 10, outcomes
    with store_scope([store.site.pk]):
        assert list(CartLine.objects.values_list("cart__session_key", "variant", "quantity")) == [
            (session.session_key, variant.pk, 10)
        ]

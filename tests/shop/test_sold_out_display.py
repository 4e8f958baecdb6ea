"""What shoppers see of a sold-out product, in every preset, by the store's or the
product's choice: hidden (gone from listings, grids and search, its page 404), shown as
sold out (badge, disabled button, the notify-me form), or taken on pre-order (a Pre-order
button, the day it ships, and a note in the cart)."""

import html
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from shop import selectors
from shop.data.catalog import OutOfStock
from shop.models import Product, StockLevel, StoreSettings
from shop.services import set_product_tags
from tenancy.scope import store_scope
from tests.shop.factories import (
    CartFactory,
    CategoryPageFactory,
    ProductPageFactory,
    stocked_product,
)
from tests.themes.theme_values import set_theme
from themes.presets import Preset

pytestmark = pytest.mark.django_db

PRESETS = Preset.values
JUG = "/jugs/milk-jug/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(strip_tags(response.content.decode())))


@pytest.fixture
def shelf(store):
    """A category "Jugs" with a sold-out milk jug and a cream jug in stock, both tagged."""
    category = CategoryPageFactory(parent=store.site.root_page.specific, title="Jugs")
    jug = stocked_product(site=store.site, title="Milk jug", variants=[{"stock": 0}])
    cream = stocked_product(site=store.site, title="Cream jug", variants=[{"stock": 9}])
    ProductPageFactory(parent=category, product=jug)
    ProductPageFactory(parent=category, product=cream)
    with store_scope([store.site.pk]):
        for product in (jug, cream):
            set_product_tags(product=product, names=["Kitchen"])
    return jug


def _store_choice(store, choice):
    StoreSettings.objects.filter(site=store.site).update(out_of_stock=choice)


def _product_choice(store, product, choice, **fields):
    with store_scope([store.site.pk]):
        Product.objects.filter(pk=product.pk).update(out_of_stock=choice, **fields)


@pytest.mark.parametrize("preset", PRESETS)
def test_a_store_that_hides_sold_out_products_lists_them_nowhere(
    shopper_client, store, shelf, preset
):
    set_theme(store.site, preset=preset, show_search=True)
    _store_choice(store, OutOfStock.HIDE)

    listing = _text(shopper_client.get("/jugs/"))
    found = _text(shopper_client.get("/search/?q=jug"))

    assert "Cream jug" in listing
    assert "Milk jug" not in listing
    assert "Cream jug" in found
    assert "Milk jug" not in found
    assert shopper_client.get(JUG).status_code == 404


def test_hidden_products_leave_product_grids_too(store, shelf):
    _store_choice(store, OutOfStock.HIDE)

    with store_scope([store.site.pk]):
        by_tag = selectors.products_with_tag(site=store.site, tag="kitchen", limit=10)
        picked = selectors.products_by_ids(site=store.site, ids=[shelf.pk])

    assert [product.title for product in by_tag] == ["Cream jug"]
    assert picked == []


def test_a_product_may_hide_itself_when_its_store_shows_sold_out(shopper_client, store, shelf):
    _product_choice(store, shelf, OutOfStock.HIDE)

    assert "Milk jug" not in _text(shopper_client.get("/jugs/"))
    assert shopper_client.get(JUG).status_code == 404


def test_a_hidden_product_is_back_once_it_is_in_stock(shopper_client, store, shelf):
    _store_choice(store, OutOfStock.HIDE)
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant__product=shelf).update(on_hand=3)

    assert "Milk jug" in _text(shopper_client.get("/jugs/"))
    assert shopper_client.get(JUG).status_code == 200


def test_a_product_may_show_itself_sold_out_when_its_store_hides(shopper_client, store, shelf):
    _store_choice(store, OutOfStock.HIDE)
    _product_choice(store, shelf, OutOfStock.SOLD_OUT)

    assert "Milk jug" in _text(shopper_client.get("/jugs/"))
    assert shopper_client.get(JUG).status_code == 200


@pytest.mark.parametrize("preset", PRESETS)
def test_a_sold_out_product_shows_a_badge_a_disabled_button_and_the_notify_form(
    shopper_client, store, shelf, preset
):
    set_theme(store.site, preset=preset)

    listing = shopper_client.get("/jugs/").content.decode()
    page = shopper_client.get(JUG).content.decode()

    assert "Sold out" in listing
    assert re.search(r'<button type="button" class="button add-to-cart__button" disabled>', page)
    assert 'action="/back-in-stock/"' in page
    assert "Email me when it is back" in page


def test_units_held_in_checkouts_count_as_gone(shopper_client, store, shelf):
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant__product=shelf).update(on_hand=2, reserved=2)

    page = shopper_client.get(JUG).content.decode()

    assert "Email me when it is back" in page
    assert "Add to cart" not in page


@pytest.mark.parametrize("preset", PRESETS)
def test_a_pre_order_product_offers_a_pre_order_button_and_the_day_it_ships(
    shopper_client, store, shelf, preset
):
    set_theme(store.site, preset=preset)
    _product_choice(store, shelf, OutOfStock.PREORDER, preorder_expected_on=date(2030, 1, 12))

    page = shopper_client.get(JUG).content.decode()
    text = _text(shopper_client.get(JUG))

    assert re.search(r"data-add-button\s*>Pre-order</button>", page)
    assert "Ships from 12 January 2030" in text
    assert "Email me when it is back" not in page
    assert "pre-order" in _text(shopper_client.get("/jugs/")).lower()


def test_a_store_taking_pre_orders_lists_sold_out_products_as_pre_orders(
    shopper_client, store, shelf
):
    _store_choice(store, OutOfStock.PREORDER)

    page = _text(shopper_client.get(JUG))

    assert "Ships as soon as it arrives" in page
    assert "Milk jug" in _text(shopper_client.get("/jugs/?available=1"))


def test_the_cart_says_honestly_what_is_on_pre_order(shopper_client, store, shelf):
    _product_choice(store, shelf, OutOfStock.PREORDER, preorder_expected_on=date(2030, 1, 12))
    with store_scope([store.site.pk]):
        variant = shelf.variants.get()

    # Placing pre-orders at checkout is the order service's; the cart shows what it holds.
    session = shopper_client.session
    CartFactory(site=store.site, session_key=session.session_key, lines=[(variant, 2)])
    cart = _text(shopper_client.get("/cart/"))

    assert "Pre-order: not in stock yet, ships from 12 January 2030." in cart


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("choice", [OutOfStock.SOLD_OUT, OutOfStock.PREORDER, OutOfStock.HIDE])
def test_sold_out_products_cost_no_query_each(shopper_client, store, shelf, choice, settings):
    settings.PAGECACHE_ENABLED = False  # count the render, not a cached copy
    _store_choice(store, choice)
    category = shelf.pages.get().get_parent()
    shopper_client.get("/jugs/")  # the store's cached values
    one = _queries(shopper_client, "/jugs/")
    for n in range(5):
        product = stocked_product(site=store.site, title=f"Jug {n}", variants=[{"stock": 0}])
        ProductPageFactory(parent=category, product=product)
    shopper_client.get("/jugs/")  # the new pages' routes and cards

    assert _queries(shopper_client, "/jugs/") == one

"""Storefront pages are the same bytes for every anonymous shopper, so a cache can share
them; what is a shopper's own (cart count, messages) comes from ``shop:shopper-state``.

The shopper's own pages (cart, checkout) stay private to their cookie, and the state
endpoint is never cached at all.
"""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from shop.models import StorePage
from tenancy.scope import store_scope
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product

pytestmark = pytest.mark.django_db

STOREFRONT_PAGES = {
    "home": "/",
    "category": "/shirts/",
    "category sorted": "/shirts/?sort=price-asc",
    "category page 1": "/shirts/?sort=name&page=1",
    "product": "/shirts/linen-shirt/",
    "content page": "/about-us/",
}


@pytest.fixture
def product(store):
    """A category with a product in it and a content page, in ``store``."""
    home = store.site.root_page
    product = stocked_product(site=store.site, title="Linen shirt")
    category = CategoryPageFactory(parent=home, title="Shirts")
    ProductPageFactory(parent=category, product=product)
    home.add_child(instance=StorePage(title="About us", slug="about-us"))
    return product


def _add_to_cart(client, product, quantity=2):
    with store_scope([product.site_id]):
        variant = product.variants.get()
    added = client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": quantity})
    assert added.status_code == 302
    return added


@pytest.fixture
def shopper_with_a_cart(store, product):
    """A shopper with two shirts in their cart and "Added ..." still waiting to be shown."""
    client = HttpClient(HTTP_HOST=store.site.hostname)
    _add_to_cart(client, product)
    assert client.cookies.get("sessionid")
    return client


def _vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",") if value}


def _cache_control(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_every_anonymous_shopper_gets_the_same_bytes(store, product, shopper_with_a_cart, name):
    newcomer = HttpClient(HTTP_HOST=store.site.hostname)

    fresh = newcomer.get(STOREFRONT_PAGES[name])
    with_cart = shopper_with_a_cart.get(STOREFRONT_PAGES[name])

    assert fresh.status_code == with_cart.status_code == 200
    assert fresh.content == with_cart.content
    assert fresh["Content-Security-Policy"] == with_cart["Content-Security-Policy"]
    assert 'data-testid="cart-count" data-cart-count></span>' in fresh.content.decode()
    assert "Added Linen shirt" not in with_cart.content.decode()


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_storefront_pages_set_no_cookie_and_do_not_depend_on_one(
    product, shopper_with_a_cart, name
):
    response = shopper_with_a_cart.get(STOREFRONT_PAGES[name])

    assert response.status_code == 200
    assert not response.cookies, response.cookies
    assert "cookie" not in _vary(response)
    assert "private" not in _cache_control(response)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "nonce" not in response.content.decode()
    assert "nonce" not in response["Content-Security-Policy"]


def test_reading_a_page_leaves_the_waiting_message_for_the_shopper_state(
    product, shopper_with_a_cart
):
    shopper_with_a_cart.get("/shirts/linen-shirt/")

    state = shopper_with_a_cart.get(reverse("shop:shopper-state"))

    assert state.json() == {
        "cart_count": 2,
        "messages": [{"level": "success", "text": "Added Linen shirt to your cart."}],
    }


def test_shopper_state_is_private_and_never_stored(product, shopper_with_a_cart):
    first = shopper_with_a_cart.get(reverse("shop:shopper-state"))
    second = shopper_with_a_cart.get(reverse("shop:shopper-state"))

    assert first["Content-Type"] == "application/json"
    assert {"private", "no-store"} <= _cache_control(first)
    assert "cookie" in _vary(first)
    assert second.json() == {"cart_count": 2, "messages": []}, "a message is shown once"


def test_shopper_state_of_a_newcomer_is_empty_and_opens_no_session(store, product):
    newcomer = HttpClient(HTTP_HOST=store.site.hostname)

    state = newcomer.get(reverse("shop:shopper-state"))

    assert state.json() == {"cart_count": 0, "messages": []}
    assert "sessionid" not in state.cookies


def test_shopper_state_counts_only_this_stores_cart(store, other_store, product):
    client = HttpClient(HTTP_HOST=store.site.hostname)
    _add_to_cart(client, product, quantity=3)
    client.defaults["HTTP_HOST"] = other_store.site.hostname

    state = client.get(reverse("shop:shopper-state"))

    assert state.json()["cart_count"] == 0


@pytest.mark.parametrize("name", ["shop:cart-detail", "shop:checkout"])
def test_the_shoppers_own_pages_show_their_cart_and_stay_private(
    product, shopper_with_a_cart, name
):
    response = shopper_with_a_cart.get(reverse(name))

    assert response.status_code == 200
    assert 'data-testid="cart-count" data-cart-count>2<' in response.content.decode()
    assert "cookie" in _vary(response)
    assert "private" in _cache_control(response)
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_the_cart_page_shows_the_message_without_javascript(product, shopper_with_a_cart):
    cart = shopper_with_a_cart.get(reverse("shop:cart-detail"))

    assert "Added Linen shirt to your cart." in cart.content.decode()
    state = shopper_with_a_cart.get(reverse("shop:shopper-state"))
    assert state.json()["messages"] == [], "shown once, on the cart page"

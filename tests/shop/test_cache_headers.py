"""Storefront pages show the shopper's own cart, so they tell caches they are private.

A shared cache in front of the store must never hand one shopper's page (their cart count,
their cart, their checkout) to another: every such response says ``Vary: Cookie`` and
``Cache-Control: private``.
"""

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

from shop.models import StorePage
from tenancy.scope import store_scope
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop_pages(store):
    """Paths of a category, a product in it and a content page of ``store``."""
    home = store.site.root_page
    product = stocked_product(site=store.site, title="Linen shirt")
    category = CategoryPageFactory(parent=home, title="Shirts")
    ProductPageFactory(parent=category, product=product)
    home.add_child(instance=StorePage(title="About us", slug="about-us"))
    return {
        "home": "/",
        "category": "/shirts/",
        "product": "/shirts/linen-shirt/",
        "content page": "/about-us/",
        "cart": reverse("shop:cart-detail"),
        "checkout": reverse("shop:checkout"),
    }, product


@pytest.fixture
def shopper_with_a_cart(shopper_client, shop_pages):
    _, product = shop_pages
    with store_scope([product.site_id]):
        variant = product.variants.get()
    added = shopper_client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 2})
    assert added.status_code == 302
    return shopper_client


def _vary(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


def _cache_control(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize(
    "name", ["home", "category", "product", "content page", "cart", "checkout"]
)
def test_a_page_showing_the_shoppers_cart_is_private_to_their_cookie(
    shopper_with_a_cart, shop_pages, name
):
    paths, _ = shop_pages

    response = shopper_with_a_cart.get(paths[name])

    assert response.status_code == 200
    assert 'data-testid="cart-count">2<' in response.content.decode()
    assert "cookie" in _vary(response)
    assert "private" in _cache_control(response)
    assert "public" not in _cache_control(response)


@pytest.mark.parametrize("name", ["home", "category", "product", "content page", "cart"])
def test_a_first_visit_is_private_too_since_the_header_reads_the_session(
    shopper_client, shop_pages, name
):
    paths, _ = shop_pages

    response = shopper_client.get(paths[name])

    assert response.status_code == 200
    assert "cookie" in _vary(response)
    assert "private" in _cache_control(response)
    assert get_max_age(response) is None

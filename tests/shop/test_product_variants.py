"""Product pages follow the chosen variant (also without JavaScript), the cart shows the
variant's picture, and related products come from the same category of the same store."""

import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop import selectors
from shop.models import ProductPage, ProductVariant
from tenancy.scope import store_scope
from tests.helpers import use_fresh_cache
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    ProductPageFactory,
    stocked_product,
)

pytestmark = pytest.mark.django_db


def _picture(store, name):
    return ImageFactory(
        collection=store.site.store.collection, title=name, file__filename=f"{name}.png"
    )


@pytest.fixture
def mugs(store):
    return CategoryPageFactory(parent=store.site.root_page.specific, title="Mugs")


@pytest.fixture
def jug(store, mugs):
    """A jug in blue (€30, sale from €40) and red (€35), each with its own picture."""
    product = stocked_product(
        site=store.site,
        title="Jug",
        variants=[
            {
                "sku": "JUG-BLU",
                "price": "30.00",
                "compare_at_price": "40.00",
                "options": {"Colour": "Blue"},
                "stock": 9,
            },
            {"sku": "JUG-RED", "price": "35.00", "options": {"Colour": "Red"}, "stock": 9},
        ],
    )
    blue_picture, red_picture = _picture(store, "blue"), _picture(store, "red")
    ProductImageFactory(product=product, image=blue_picture, sort_order=0)
    ProductImageFactory(product=product, image=red_picture, sort_order=1)
    with store_scope([store.site.pk]):
        blue, red = product.variants.order_by("sku")
        ProductVariant.objects.filter(pk=blue.pk).update(image=blue_picture)
        ProductVariant.objects.filter(pk=red.pk).update(image=red_picture)
    ProductPageFactory(parent=mugs, product=product)
    return SimpleNamespace(
        product=product, blue=blue, red=red, blue_picture=blue_picture, red_picture=red_picture
    )


def _main_picture_id(response) -> int:
    return response.context["images"][0].pk


def test_a_variant_link_shows_that_variant_without_javascript(shopper_client, jug):

    first = shopper_client.get("/mugs/jug/")
    chosen = shopper_client.get(f"/mugs/jug/?variant={jug.red.pk}")

    assert first.context["default_variant"] == jug.blue
    assert _main_picture_id(first) == jug.blue_picture.pk
    assert chosen.context["default_variant"] == jug.red
    assert _main_picture_id(chosen) == jug.red_picture.pk
    content = chosen.content.decode()
    assert re.search(rf'value="{jug.red.pk}"[^>]*\bchecked\b', content)
    assert re.search(r"data-price-current>€35\.00<", content)
    assert "JUG-RED" in content
    assert '<form method="get" class="variant-view"' in content


def test_an_unknown_variant_in_the_address_falls_back_to_the_first_for_sale(
    shopper_client, jug, other_store
):
    theirs = stocked_product(site=other_store.site, title="Their jug")
    with store_scope([other_store.site.pk]):
        their_variant = theirs.variants.get()

    for value in [their_variant.pk, "nonsense", ""]:
        response = shopper_client.get(f"/mugs/jug/?variant={value}")
        assert response.status_code == 200
        assert response.context["default_variant"] == jug.blue


def test_each_variant_option_names_its_picture_price_and_stock(shopper_client, jug):

    content = shopper_client.get("/mugs/jug/").content.decode()

    option = re.search(rf'<input type="radio" name="variant" value="{jug.red.pk}"[^>]*>', content)
    assert 'data-price="€35.00"' in option.group(0)
    assert f'data-image-id="{jug.red_picture.pk}"' in option.group(0)
    assert 'data-stock="in"' in option.group(0)
    assert f'data-image-id="{jug.red_picture.pk}"' in content.split("data-gallery", 1)[1]


def test_the_cart_and_checkout_show_the_chosen_variants_picture(shopper_client, jug):

    shopper_client.post(reverse("shop:cart-add"), {"variant": jug.red.pk, "quantity": 1})
    cart = shopper_client.get(reverse("shop:cart-detail")).content.decode()
    checkout = shopper_client.get(reverse("shop:checkout")).content.decode()

    for page in (cart, checkout):
        line_pictures = re.findall(r'<img[^>]+src="([^"]+)"', page.split("<main", 1)[1])
        assert any("red" in src for src in line_pictures), line_pictures
        assert not any("blue" in src for src in line_pictures), line_pictures


def _related_titles(store, page):
    with store_scope([store.site.pk]):
        siblings = ProductPage.objects.live().sibling_of(page, inclusive=False)
        pages = selectors.related_products(site=store.site, pages=siblings, product=page.product)
    return [p.product.title for p in pages]


def test_related_products_are_other_products_of_the_category_in_stock_first(store, mugs, jug):
    teapots = CategoryPageFactory(parent=store.site.root_page.specific, title="Teapots")
    for title, stock, parent in [
        ("Sold-out cup", 0, mugs),
        ("Beaker", 4, mugs),
        ("Teapot", 4, teapots),
    ]:
        ProductPageFactory(
            parent=parent,
            product=stocked_product(site=store.site, title=title, variants=[{"stock": stock}]),
        )
    jug_page = ProductPage.objects.get(product=jug.product)

    assert _related_titles(store, jug_page) == ["Beaker", "Sold-out cup"]


def test_related_products_query_count_does_not_grow_with_the_category(
    shopper_client, store, mugs, jug, settings
):
    def queries():
        assert shopper_client.get("/mugs/jug/").status_code == 200
        use_fresh_cache(settings)
        with CaptureQueriesContext(connection) as captured:
            response = shopper_client.get("/mugs/jug/")
        return len(captured.captured_queries), len(response.context["related_cards"])

    def add(count, start):
        for index in range(start, start + count):
            product = stocked_product(site=store.site, title=f"Cup {index}")
            ProductImageFactory(product=product, image=_picture(store, f"cup{index}"))
            ProductPageFactory(parent=mugs, product=product)

    add(1, 0)
    few, shown_few = queries()
    add(8, 1)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (1, selectors.RELATED_PRODUCTS_LIMIT)
    assert many == few

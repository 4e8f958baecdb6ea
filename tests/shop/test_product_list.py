"""The admin's product list: thumbnail, price range, stock with its low and sold-out
markers, status and category; filters, search by title, SKU and barcode; a number of
queries that does not grow with the products; the store's own products only."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.models import ProductVariant
from tenancy.scope import store_scope
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    ProductPageFactory,
    stocked_product,
)

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_shop_product:list"


@pytest.fixture
def catalog(store):
    lamps = CategoryPageFactory(parent=store.site.root_page.specific, title="Lamps")
    desk = stocked_product(
        site=store.site,
        title="Desk Lamp",
        vendor="Lumen",
        product_type="Lamp",
        variants=[
            {"sku": "DESK-S", "price": "20.00", "stock": 12, "options": {"Size": "S"}},
            {"sku": "DESK-L", "price": "35.50", "stock": 8, "options": {"Size": "L"}},
        ],
    )
    with store_scope([store.site.pk]):
        ProductVariant.objects.filter(sku="DESK-L").update(barcode="4006381333931")
    ProductPageFactory(parent=lamps, product=desk)
    picture = ImageFactory(collection=store.collection, title="desk", file__filename="desk.png")
    ProductImageFactory(product=desk, image=picture)
    stocked_product(
        site=store.site,
        title="Floor Lamp",
        vendor="Lumen",
        product_type="Lamp",
        variants=[{"sku": "FLOOR", "price": "99.00", "stock": 2}],
    )
    stocked_product(
        site=store.site,
        title="Wall Clock",
        vendor="Tick",
        product_type="Clock",
        status="draft",
        variants=[{"sku": "CLOCK", "price": "45.00", "stock": 0}],
    )
    return lamps


def _titles(client, **query) -> list[str]:
    response = client.get(reverse(LIST), query)
    assert response.status_code == 200
    return sorted(str(product) for product in response.context["object_list"])


def _row(content: str, title: str) -> str:
    return next(row for row in re.findall(r"<tr.*?</tr>", content, re.S) if title in row)


def test_each_row_shows_picture_prices_stock_status_and_category(merchant_client, catalog):
    content = merchant_client.get(reverse(LIST)).content.decode()

    desk = _row(content, "Desk Lamp")
    assert 'class="product-list__thumb"' in desk
    assert "€20.00 – €35.50" in desk
    assert "20 in stock · 2 variants" in desk
    assert "Active" in desk and "Lamps" in desk
    floor = _row(content, "Floor Lamp")
    assert "2 in stock" in floor and "product-list__stock--low" in floor
    clock = _row(content, "Wall Clock")
    assert "Sold out" in clock and "Draft" in clock


def test_filters_by_status_category_vendor_type_and_stock(merchant_client, catalog):
    assert _titles(merchant_client, status="draft") == ["Wall Clock"]
    assert _titles(merchant_client, category=catalog.pk) == ["Desk Lamp"]
    assert _titles(merchant_client, vendor="Lumen") == ["Desk Lamp", "Floor Lamp"]
    assert _titles(merchant_client, product_type="Clock") == ["Wall Clock"]
    assert _titles(merchant_client, stock="in") == ["Desk Lamp"]
    assert _titles(merchant_client, stock="low") == ["Floor Lamp"]
    assert _titles(merchant_client, stock="out") == ["Wall Clock"]


def test_search_finds_title_sku_and_barcode(merchant_client, catalog):
    assert _titles(merchant_client, q="floor") == ["Floor Lamp"]
    assert _titles(merchant_client, q="desk-l") == ["Desk Lamp"]
    assert _titles(merchant_client, q="4006381333931") == ["Desk Lamp"]
    assert _titles(merchant_client, q="lamp") == ["Desk Lamp", "Floor Lamp"]


def test_another_stores_products_vendors_and_categories_are_not_offered(
    merchant_client, catalog, other_store
):
    CategoryPageFactory(parent=other_store.site.root_page.specific, title="Beta Secret Shelf")
    stocked_product(site=other_store.site, title="Beta Secret", vendor="Beta Vendor")

    content = merchant_client.get(reverse(LIST)).content.decode()

    assert "Beta Secret" not in content
    assert "Beta Vendor" not in content
    assert "Beta Secret Shelf" not in content


def _queries(client) -> int:
    client.get(reverse(LIST))  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(LIST)).status_code == 200
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_products(
    merchant_client, store, catalog, django_assert_max_num_queries
):
    few = _queries(merchant_client)
    for index in range(12):
        product = stocked_product(
            site=store.site,
            title=f"Lamp {index}",
            variants=[{"stock": index}, {"stock": 1, "options": {"Size": "L"}}],
        )
        picture = ImageFactory(collection=store.collection, file__filename=f"l{index}.png")
        ProductImageFactory(product=product, image=picture)
        ProductPageFactory(parent=catalog, product=product)
    merchant_client.get(reverse(LIST))

    with django_assert_max_num_queries(few):
        merchant_client.get(reverse(LIST))


def test_sorts_by_price_and_stock(merchant_client, catalog):
    def order(ordering):
        response = merchant_client.get(reverse(LIST), {"ordering": ordering})
        return [str(product) for product in response.context["object_list"]]

    assert order("price_min") == ["Desk Lamp", "Wall Clock", "Floor Lamp"]
    assert order("-stock_total") == ["Desk Lamp", "Floor Lamp", "Wall Clock"]

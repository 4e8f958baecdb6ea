"""Storefront pages run the same number of SQL queries however many blocks a page has and
however deep in the page tree it sits: nothing is read once per block or per tree level."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.models import StorePage
from tenancy.scope import store_scope
from tests.helpers import use_fresh_cache
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductPageFactory,
    stocked_product,
)

pytestmark = pytest.mark.django_db

LINK = {"label": "Shop now", "page": None, "url": "https://example.com/"}


def _queries_for(client, path, settings) -> int:
    """SQL queries of one request once renditions exist but nothing is cached."""
    assert client.get(path).status_code == 200  # creates renditions on first view
    use_fresh_cache(settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


def _blocks(store, count):
    """``count`` of each text block, and of an image-with-text block with its own image."""
    body = []
    for index in range(count):
        image = ImageFactory(collection=store.collection, title=f"Picture {index}")
        body += [
            ("rich_text", f"<p>Paragraph {index}</p>"),
            ("call_to_action", {"heading": f"Offer {index}", "text": "", "button": LINK}),
            (
                "image_text",
                {
                    "image": image,
                    "heading": f"Story {index}",
                    "text": "<p>Made by hand.</p>",
                    "image_position": "left",
                    "button": {"label": "", "page": None, "url": ""},
                },
            ),
            ("faq", {"heading": "", "items": [{"question": f"Q{index}?", "answer": "<p>A.</p>"}]}),
        ]
    return body


def test_a_content_page_runs_as_many_queries_with_twelve_blocks_as_with_four(
    store, shopper_client, settings
):
    page = StorePage(title="About us", slug="about-us")
    store.site.root_page.add_child(instance=page)
    with store_scope([store.site.pk]):
        page.body = _blocks(store, 1)
        page.save_revision().publish()
    few = _queries_for(shopper_client, "/about-us/", settings)

    with store_scope([store.site.pk]):
        page.body = _blocks(store, 3)
        page.save_revision().publish()
    many = _queries_for(shopper_client, "/about-us/", settings)

    content = shopper_client.get("/about-us/").content.decode()
    assert all(f"Story {index}" in content for index in range(3))
    assert many == few


def test_a_product_page_runs_as_many_queries_eight_levels_deep_as_three(
    store, shopper_client, settings
):
    shallow = CategoryPageFactory(parent=store.site.root_page, title="Mugs")
    ProductPageFactory(
        parent=shallow, product=stocked_product(site=store.site, title="Blue mug"), slug="blue"
    )
    deep = shallow
    for level in range(5):
        deep = CategoryPageFactory(parent=deep, title=f"Level {level}")
    ProductPageFactory(
        parent=deep, product=stocked_product(site=store.site, title="Red mug"), slug="red"
    )
    deep_path = deep.relative_url(store.site) + "red/"

    near = _queries_for(shopper_client, "/mugs/blue/", settings)
    far = _queries_for(shopper_client, deep_path, settings)

    assert "Red mug" in shopper_client.get(deep_path).content.decode()
    assert far == near


def test_a_category_listing_under_a_category_promotion_runs_as_many_queries_with_more_products(
    store, shopper_client, settings
):
    """The categories of every card's product are read at once, not once per card."""
    from tests.shop.promotion_factories import make_promotion

    mugs = CategoryPageFactory(parent=store.site.root_page, title="Mugs", slug="mugs")
    make_promotion(site=store.site, name="Mug week", value="20", target="items", categories=[mugs])

    def add(count, start):
        for index in range(start, start + count):
            product = stocked_product(site=store.site, title=f"Mug {index}")
            ProductPageFactory(parent=mugs, product=product, slug=f"mug-{index}")

    add(2, 0)
    few = _queries_for(shopper_client, "/mugs/", settings)
    add(4, 2)
    many = _queries_for(shopper_client, "/mugs/", settings)

    content = shopper_client.get("/mugs/").content.decode()
    assert content.count("-20%") == 6
    assert many == few

"""The product grid shows a store's active products with one of its tags: the store's own
tags only, in the editor and on the storefront, at a fixed number of queries. Grids
saved before tags existed, whose "tag" was a product type, keep showing that type."""

import json
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from shop.blocks import MAX_PRODUCTS, ProductGridBlock
from shop.models import Product, StorePage
from shop.services import set_product_tags
from tenancy.scope import store_scope
from tests.helpers import use_fresh_cache
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from tests.tenancy.chosen_rows import answer

migration = import_module("shop.migrations.0010_product_tags")

pytestmark = pytest.mark.django_db


def _tagged(category, title, *tags, **fields):
    """A product with a live page in ``category`` and these tags."""
    site = category.get_site()
    product = stocked_product(site=site, title=title, **fields)
    ProductPageFactory(parent=category, product=product)
    with store_scope([site.pk]):
        set_product_tags(product=product, names=tags)
    return product


def _grid(**value):
    return ("product_grid", {"heading": "Picks", "source": "tag", "limit": 8} | value)


def _page(store, body, slug="picks"):
    home = store.site.root_page.specific
    with store_scope([store.site.pk]):
        page = home.add_child(instance=StorePage(title="Picks", slug=slug, body=body))
        page.save_revision().publish()
    return page


def _republish(page, body):
    with store_scope([page.get_site().pk]):
        page.body = body
        page.save_revision().publish()


def _html(client, path="/picks/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def mugs(store):
    return CategoryPageFactory(parent=store.site.root_page, title="Mugs")


@pytest.fixture
def their_mugs(other_store):
    return CategoryPageFactory(parent=other_store.site.root_page, title="Their mugs")


# --- The storefront ------------------------------------------------------------------------


def test_a_grid_with_a_tag_shows_the_stores_active_products_with_that_tag(
    shopper_client, store, mugs, their_mugs
):
    _tagged(mugs, "Oak Mug", "Winter")
    _tagged(mugs, "Ash Mug", "winter", "gift ideas")
    _tagged(mugs, "Summer Mug", "summer")
    _tagged(mugs, "Draft Mug", "winter", status=Product.Status.DRAFT)
    _tagged(mugs, "Archived Mug", "winter", status=Product.Status.ARCHIVED)
    _tagged(their_mugs, "Beta Mug", "winter")
    _page(store, [_grid(tag="winter")])

    html = _html(shopper_client)

    assert html.index("Ash Mug") < html.index("Oak Mug")
    for hidden in ("Summer Mug", "Draft Mug", "Archived Mug", "Beta Mug"):
        assert hidden not in html


def test_a_grid_naming_another_stores_tag_shows_nothing(shopper_client, store, mugs, their_mugs):
    _tagged(mugs, "Oak Mug", "winter")
    _tagged(their_mugs, "Beta Mug", "Beta only")
    # Saved behind the page form's back: rendering still reads this store's tags only.
    _page(store, [_grid(tag="beta-only")])

    html = _html(shopper_client)

    assert "Beta Mug" not in html and "Oak Mug" not in html


def test_a_grid_by_tag_shows_at_most_its_limit(shopper_client, store, mugs):
    for index in range(3):
        _tagged(mugs, f"Mug {index}", "winter")
    _page(store, [_grid(tag="winter", limit=2)])

    html = _html(shopper_client)

    assert "Mug 0<" in html and "Mug 1<" in html and "Mug 2<" not in html


def test_a_grid_by_tag_never_shows_more_than_the_maximum(store, mugs, in_store_scope):
    _tagged(mugs, "Mug", "winter")
    value = {"source": "tag", "tag": "winter", "limit": MAX_PRODUCTS + 10}

    cards = ProductGridBlock.cards(value, site=store.site)

    assert len(cards) == 1  # the limit is read as at most MAX_PRODUCTS, not refused


def _queries_for(client, path, settings):
    """SQL queries of one request once renditions exist but nothing is cached."""
    assert client.get(path).status_code == 200
    use_fresh_cache(settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_a_grid_by_tag_runs_as_many_queries_with_fifteen_products_as_with_three(
    shopper_client, store, mugs, settings
):
    for index in range(3):
        _tagged(mugs, f"Mug {index}", "winter", "gift ideas")
    _page(store, [_grid(tag="winter", limit=24)])
    few = _queries_for(shopper_client, "/picks/", settings)

    for index in range(3, 15):
        _tagged(mugs, f"Mug {index}", "winter", "gift ideas")
    many = _queries_for(shopper_client, "/picks/", settings)

    html = _html(shopper_client)
    assert all(f"Mug {index}<" in html for index in range(15))
    assert many == few


# --- The editor ----------------------------------------------------------------------------


def _post_grid(client, page, grid):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": streamfield([("product_grid", grid)]),
            "comments": inline_formset([]),
        }
    )
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"}
    )


def _grid_form(**value):
    return {
        "heading": "Picks",
        "source": "tag",
        "category": "",
        "tag": "",
        "product_type": "",
        "products": {"count": "0"},
        "limit": "8",
    } | value


def test_the_editor_offers_the_stores_tags_only(merchant_client, store, mugs, their_mugs):
    _tagged(mugs, "Oak Mug", "Alpha winter")
    _tagged(their_mugs, "Beta Mug", "Beta secret tag")
    page = _page(store, [])

    editor = merchant_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    content = editor.content.decode()
    assert "Alpha winter" in content
    assert "Beta secret tag" not in content and "beta-secret-tag" not in content


def test_a_grid_of_the_stores_tag_publishes(merchant_client, shopper_client, store, mugs):
    _tagged(mugs, "Oak Mug", "Winter")
    page = _page(store, [])

    response = _post_grid(merchant_client, page, _grid_form(tag="winter"))

    assert response.status_code == 302, answer(response)
    assert "Oak Mug" in _html(shopper_client)


def test_the_editor_refuses_another_stores_tag_without_naming_it(
    merchant_client, store, mugs, their_mugs
):
    _tagged(their_mugs, "Beta Mug", "Beta secret tag")
    page = _page(store, [])

    response = _post_grid(merchant_client, page, _grid_form(tag="beta-secret-tag"))

    text = answer(response)
    assert response.status_code == 200
    assert "Select a valid choice" in text
    assert "Beta secret tag" not in text and "Beta Mug" not in text
    page.refresh_from_db()
    assert page.revisions.count() == 1


def test_a_grid_with_a_tag_asks_for_one(merchant_client, store):
    page = _page(store, [])

    response = _post_grid(merchant_client, page, _grid_form())

    assert "Choose a tag." in answer(response)


# --- Grids saved before tags existed ---------------------------------------------------------


def _old_grid(product_type):
    """A product grid as saved before tags existed: its "tag" held a product type."""
    return {
        "type": "product_grid",
        "id": "0f6a9a83-3bc4-4bb0-b7a4-24d1b5b7a001",
        "value": {
            "heading": "Mugs",
            "source": "tag",
            "category": None,
            "tag": product_type,
            "products": [],
            "limit": 8,
        },
    }


def _run_grid_migration():
    for operation in migration.Migration.operations[-2:]:
        operation.migrate_stream_data_forward(apps, schema_editor=None)


def test_the_migration_turns_old_grids_of_a_type_into_the_type_source(shopper_client, store, mugs):
    _tagged(mugs, "Oak Mug", product_type="Mug")
    _tagged(mugs, "Oak Bowl", product_type="Bowl")
    page = _page(store, [])
    StorePage.objects.filter(pk=page.pk).update(body=[_old_grid("Mug")])
    revision = page.latest_revision
    revision.content["body"] = json.dumps([_old_grid("Mug")])
    revision.save(update_fields=["content"])

    _run_grid_migration()
    _run_grid_migration()  # a second run changes nothing more

    page.refresh_from_db()
    revision.refresh_from_db()
    with store_scope([store.site.pk]):
        value = page.body[0].value
    assert (value["source"], value["product_type"], value["tag"]) == ("type", "Mug", "")
    assert json.loads(revision.content["body"])[0]["value"]["source"] == "type"
    html = _html(shopper_client)
    assert "Oak Mug" in html and "Oak Bowl" not in html


def test_the_migration_leaves_grids_saved_by_the_tag_editor_as_they_are(store, mugs):
    page = _page(store, [_grid(tag="winter", product_type="")])  # as the editor saves it

    _run_grid_migration()

    page.refresh_from_db()
    with store_scope([store.site.pk]):
        value = page.body[0].value
    assert (value["source"], value["tag"]) == ("tag", "winter")

"""The walker that lists rows chosen into content and checks they are one store's.

Products are read through their default manager, which honours the admin's store scope:
these tests open the scope an admin request of the store would.
"""

from uuid import uuid4

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Collection, Page, Site
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_factories import DocumentFactory

from shop.models import CategoryPage, Product
from tenancy.content_choices import (
    Choice,
    block_raw_without,
    choices_in_block,
    choices_in_field,
    foreign_choices,
    rich_text_without,
    row_key,
    store_collection,
)
from tenancy.scope import store_scope
from tests.shop.factories import CategoryPageFactory, ImageFactory, ProductFactory

pytestmark = pytest.mark.django_db

ITEMS = blocks.StreamBlock(
    [
        ("picture", ImageChooserBlock()),
        ("file", DocumentChooserBlock()),
        ("link", blocks.PageChooserBlock()),
        ("product", SnippetChooserBlock("shop.Product")),
        ("text", blocks.RichTextBlock()),
    ]
)
SECTIONS = blocks.StreamBlock(
    [
        (
            "section",
            blocks.StructBlock(
                [("heading", blocks.CharBlock()), ("items", blocks.ListBlock(ITEMS))]
            ),
        )
    ]
)


class Rows:
    """A store's page, image, document and product."""

    def __init__(self, store, *, collection=None):
        collection = collection or store.collection
        self.store = store
        self.page = CategoryPageFactory(parent=store.site.root_page)
        self.image = ImageFactory(collection=collection)
        self.document = DocumentFactory(collection=collection)
        self.product = ProductFactory(site=store.site)


@pytest.fixture
def mine(store):
    return Rows(store, collection=store.collection.add_child(name="Alpha photos"))


@pytest.fixture
def theirs(other_store):
    return Rows(other_store)


def _items(rows):
    links = (
        f'<p><a linktype="page" id="{rows.page.pk}">a page</a>'
        f'<a linktype="document" id="{rows.document.pk}">a file</a></p>'
        f'<embed embedtype="image" id="{rows.image.pk}" format="fullwidth" alt=""/>'
    )
    return [
        {"type": "picture", "value": rows.image.pk},
        {"type": "file", "value": rows.document.pk},
        {"type": "link", "value": rows.page.pk},
        {"type": "product", "value": rows.product.pk},
        {"type": "text", "value": links},
    ]


def _sections(*item_lists):
    """SECTIONS' raw JSON: one section per list of items, each item in a list entry."""
    return [
        {
            "type": "section",
            "value": {
                "heading": "Section",
                "items": [{"type": "item", "value": [item], "id": str(uuid4())} for item in items],
            },
        }
        for items in item_lists
    ]


def _foreign(value, store):
    with store_scope([store.site.pk]):
        return foreign_choices(choices_in_block(SECTIONS, value), site=store.site)


def _value(raw, *stores):
    """SECTIONS' value, its rows read (a StreamValue reads them lazily) in the stores' scope."""
    with store_scope([store.site.pk for store in stores]):
        value = SECTIONS.to_python(raw)
        list(value)
    return value


def test_finds_another_stores_rows_at_any_depth_and_only_those(store, other_store, mine, theirs):
    value = _value(_sections(_items(mine), _items(theirs)), store, other_store)

    foreign = _foreign(value, store)

    assert {(choice.model, choice.pk, choice.where) for choice in foreign} == {
        (type(theirs.image), str(theirs.image.pk), "Section › Items › Picture"),
        (type(theirs.document), str(theirs.document.pk), "Section › Items › File"),
        (Page, str(theirs.page.pk), "Section › Items › Link"),
        (Product, str(theirs.product.pk), "Section › Items › Product"),
        (Page, str(theirs.page.pk), "Section › Items › Text"),
        (type(theirs.document), str(theirs.document.pk), "Section › Items › Text"),
        (type(theirs.image), str(theirs.image.pk), "Section › Items › Text"),
    }


def test_ids_of_no_row_are_broken_links_not_another_stores(store):
    missing = [
        Choice(Page, "987654", "Link"),
        Choice(type(ImageFactory.build()), "987654", "Picture"),
        Choice(type(DocumentFactory.build()), "987654", "File"),
        Choice(Page, "not-a-number", "Text"),
    ]

    assert foreign_choices(missing, site=store.site) == []


def test_a_product_counts_only_when_found_in_the_store(store, mine):
    choices = [Choice(Product, str(mine.product.pk), "Grid"), Choice(Product, "987654", "Grid")]

    with store_scope([store.site.pk]):
        foreign = foreign_choices(choices, site=store.site)

    assert [choice.pk for choice in foreign] == ["987654"]


def test_an_id_written_with_leading_zeros_names_the_same_row(store, theirs):
    link = f'<a linktype="page" id="00{theirs.page.pk}">x</a>'
    value = _value(_sections([{"type": "text", "value": link}]), store)

    assert [choice.pk for choice in _foreign(value, store)] == [f"00{theirs.page.pk}"]


def test_pages_outside_the_store_tree_are_refused(store):
    tree_root = Page.get_first_root_node()
    platform_home = Site.objects.get(is_default_site=True).root_page
    choices = [Choice(Page, str(page.pk), "Link") for page in (tree_root, platform_home)]

    foreign = foreign_choices(
        [*choices, Choice(Page, str(store.site.root_page_id), "Link")], site=store.site
    )

    assert foreign == choices


def test_a_site_that_is_no_store_owns_no_image(store, mine):
    platform = Site.objects.get(is_default_site=True)
    loose = ImageFactory(collection=Collection.get_first_root_node())
    choices = [Choice(type(image), str(image.pk), "Logo") for image in (loose, mine.image)]

    assert store_collection(platform) is None
    assert foreign_choices(choices, site=platform) == choices


def test_the_store_collection_comes_from_tenants(store):
    assert store_collection(store.site) == store.collection


def test_checking_costs_the_same_queries_for_three_blocks_or_thirty(
    store, other_store, mine, theirs
):
    def queries_for(count):
        value = _value(_sections(*[_items(mine) + _items(theirs)] * count), store, other_store)
        with CaptureQueriesContext(connection) as queries:
            foreign = _foreign(value, store)
        assert len(foreign) == 7 * count
        return len(queries.captured_queries)

    assert queries_for(3) == queries_for(30) <= 5


def test_foreign_keys_and_rich_text_fields_are_walked(theirs):
    image_field = CategoryPage._meta.get_field("image")
    intro_field = CategoryPage._meta.get_field("intro")
    intro = f'<p><a linktype="page" id="{theirs.page.pk}">x</a></p>'

    assert list(choices_in_field(image_field, theirs.image)) == [
        Choice(type(theirs.image), str(theirs.image.pk), "Image")
    ]
    assert list(choices_in_field(intro_field, intro)) == [
        Choice(Page, str(theirs.page.pk), "Intro")
    ]
    assert list(choices_in_field(image_field, None)) == []


def test_a_value_shown_again_keeps_everything_but_the_refused_rows(
    store, other_store, mine, theirs
):
    raw = _sections(_items(mine) + _items(theirs))
    refused = {
        row_key(Page, theirs.page.pk),
        row_key(type(theirs.image), theirs.image.pk),
        row_key(type(theirs.document), theirs.document.pk),
        row_key(Product, theirs.product.pk),
    }

    shown = block_raw_without(SECTIONS, raw, refused)

    items = [entry["value"][0] for entry in shown[0]["value"]["items"]]
    own, other = items[:5], items[5:]
    assert own == _items(mine)
    assert [item["value"] for item in other[:4]] == [None, None, None, None]
    assert str(theirs.page.pk) not in other[4]["value"]
    assert "<embed" not in other[4]["value"]
    assert "a page" in other[4]["value"]
    assert [entry["type"] for entry in shown[0]["value"]["items"]] == ["item"] * 10


def test_rich_text_shown_again_keeps_own_links_and_plain_links(mine, theirs):
    html = (
        f'<p><a linktype="page" id="{mine.page.pk}">ours</a>'
        f'<a linktype="page" id="{theirs.page.pk}">theirs</a>'
        '<a href="https://example.test/">elsewhere</a></p>'
    )

    shown = rich_text_without(html, {row_key(Page, theirs.page.pk)})

    assert shown == (
        f'<p><a linktype="page" id="{mine.page.pk}">ours</a><a>theirs</a>'
        '<a href="https://example.test/">elsewhere</a></p>'
    )

"""Every block of ours, saved through the admin with empty optional fields or wrong values,
gets a form error or is saved: never a server error, and a refused save changes nothing.

The blocks are read from the StreamFields of our page types, so a block added to a page
type is covered here without editing this file. Posts go through the real page edit view
(publish, save as draft, autosave) and the live preview endpoint, as the store's owner.
"""

import json

import pytest
from django.db.models import Model
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from shop.blocks import COMMERCE_BLOCKS
from tests.shop.factories import CategoryPageFactory, ImageFactory, ProductFactory
from tests.themes.block_forms import Rows, can_be_invalid, form_data
from themes.blocks import THEME_BLOCKS

pytestmark = pytest.mark.django_db

OUR_APPS = {"tenants", "domains", "themes", "shop", "crm_bridge"}


def _stream_blocks():
    """(page model, field name, block name, block) for every block of our page types."""
    found = []
    for model in get_page_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name, block in field.stream_block.child_blocks.items():
                    found.append((model, field.name, name, block))
    return found


STREAM_BLOCKS = _stream_blocks()
CASES = {
    f"{model.__name__}.{field}.{name}": (model, field, name, block)
    for model, field, name, block in STREAM_BLOCKS
}
INVALID_CASES = {key: case for key, case in CASES.items() if can_be_invalid(case[3])}


def test_every_block_of_ours_is_reached_through_a_page_type():
    reached = {type(block) for *_, block in STREAM_BLOCKS}
    ours = {type(block) for _, block in THEME_BLOCKS + COMMERCE_BLOCKS}
    assert ours <= reached, ours - reached


@pytest.fixture
def rows(store):
    home = store.site.root_page.specific
    category = CategoryPageFactory(parent=home, title="Lamps")
    product = ProductFactory(site=store.site, title="Desk lamp")
    image = ImageFactory(collection=store.collection)
    snippets = {type(product): product}
    return Rows(pages=[home, category], image=image, snippets=snippets)


def _page_of(model: type[Model], store):
    home = store.site.root_page.specific
    if isinstance(home, model):
        return home
    return home.add_child(instance=model(title="About us", slug="about-us"))


def _post_data(page, field, name, value, **actions):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            field: streamfield([(name, value)]),
            "comments": inline_formset([]),
        }
    )
    return {**data, **actions}


def _state(page):
    """What a refused save must leave alone: the page's revisions and its latest content."""
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    return page.revisions.count(), page.live_revision_id, json.dumps(list(latest.body.raw_data))


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def _preview_url(page):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


def _has_form_error(response):
    text = response.content.decode()
    return "The page could not be saved due to validation errors" in text


@pytest.mark.parametrize("case", INVALID_CASES.values(), ids=INVALID_CASES.keys())
def test_publishing_a_block_with_wrong_values_shows_a_form_error(
    merchant_client, store, rows, case
):
    model, field, name, block = case
    page = _page_of(model, store)
    before = _state(page)
    data = _post_data(
        page, field, name, form_data(block, mode="invalid", rows=rows), **{"action-publish": "1"}
    )

    response = merchant_client.post(_edit_url(page), data)

    assert response.status_code == 200
    assert _has_form_error(response)
    assert _state(page) == before


@pytest.mark.parametrize("case", INVALID_CASES.values(), ids=INVALID_CASES.keys())
def test_saving_a_draft_with_wrong_values_shows_a_form_error(merchant_client, store, rows, case):
    model, field, name, block = case
    page = _page_of(model, store)
    before = _state(page)
    data = _post_data(page, field, name, form_data(block, mode="invalid", rows=rows))

    response = merchant_client.post(_edit_url(page), data)
    autosave = merchant_client.post(_edit_url(page), data, HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert _has_form_error(response)
    assert autosave.status_code == 400
    assert autosave.json()["error_code"] == "validation_error"
    assert _state(page) == before


@pytest.mark.parametrize("case", INVALID_CASES.values(), ids=INVALID_CASES.keys())
def test_previewing_a_block_with_wrong_values_says_it_is_invalid(
    merchant_client, store, rows, case
):
    model, field, name, block = case
    page = _page_of(model, store)
    data = _post_data(page, field, name, form_data(block, mode="invalid", rows=rows))

    response = merchant_client.post(_preview_url(page), data)

    assert response.status_code == 200
    assert response.json()["is_valid"] is False


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_block_with_its_optional_fields_empty_is_saved_or_refused_with_a_form_error(
    merchant_client, store, rows, case
):
    model, field, name, block = case
    page = _page_of(model, store)
    data = _post_data(page, field, name, form_data(block, mode="minimal", rows=rows))

    draft = merchant_client.post(_edit_url(page), data)
    autosave = merchant_client.post(_edit_url(page), data, HTTP_ACCEPT="application/json")
    preview = merchant_client.post(_preview_url(page), data)
    shown = merchant_client.get(_preview_url(page))
    published = merchant_client.post(_edit_url(page), {**data, "action-publish": "1"})

    assert draft.status_code == 302  # a draft keeps whatever the merchant typed
    assert autosave.status_code == 200
    assert preview.json() == {"is_valid": True, "is_available": True}
    assert shown.status_code == 200
    assert published.status_code == 302 or (
        published.status_code == 200 and _has_form_error(published)
    )


def _button(label="", url=""):
    return {"label": label, "page": "", "url": url}


def test_a_call_to_action_without_a_link_is_refused_with_a_message(merchant_client, store):
    home = store.site.root_page.specific
    before = _state(home)
    cta = {"heading": "Free shipping", "text": "", "button": _button(label="Shop now")}

    response = merchant_client.post(
        _edit_url(home), _post_data(home, "body", "call_to_action", cta, **{"action-publish": "1"})
    )

    assert response.status_code == 200
    assert "Choose a page or a URL." in response.content.decode()
    assert _state(home) == before


def test_a_hero_without_a_button_is_published_and_shows_no_button(merchant_client, store):
    home = store.site.root_page.specific
    hero = {
        "heading": "New season",
        "subheading": "",
        "image": "",
        "gradient": "brand",
        "button": _button(),
        "secondary_button": _button(),
    }

    response = merchant_client.post(
        _edit_url(home), _post_data(home, "body", "hero", hero, **{"action-publish": "1"})
    )

    assert response.status_code == 302
    home.refresh_from_db()
    assert home.body[0].value["heading"] == "New season"
    assert not home.body[0].value["button"]["label"]

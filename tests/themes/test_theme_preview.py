"""The theme editor's preview: the store's real home, category and product pages rendered
with the unsaved form, at Wagtail's mobile, tablet and desktop sizes, never another store's
pages, and a clear message when the store has no page of the kind asked for."""

import pytest
from django.test import Client as HttpClient

from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from tests.themes.editor import editor_data, theme_of, theme_url
from themes.presets import FONT_PAIRINGS, FontPairing
from themes.preview import PREVIEW_MODES

pytestmark = pytest.mark.django_db

UNSAVED = {
    "primary_color": "#c0ffee",
    "font_pairing": FontPairing.PLAYFAIR_MERRIWEATHER,
    "tagline": "Unsaved tagline",
}
UNSAVED_FONT = f"--font-heading: {FONT_PAIRINGS[FontPairing.PLAYFAIR_MERRIWEATHER].heading}"


@pytest.fixture
def pages(store):
    category = CategoryPageFactory(parent=store.site.root_page, title="Alpha Lamps Shelf")
    product = stocked_product(site=store.site, title="Alpha Brass Lamp")
    product_page = ProductPageFactory(parent=category, product=product)
    return category, product_page


def _preview(client, theme, mode, **changes):
    """Post the editor's form with ``changes`` to the preview, then show it in ``mode``."""
    url = theme_url("preview_on_edit", theme)
    data = editor_data(client, theme_url("edit", theme), **changes)
    posted = client.post(url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}
    return client.get(url, {"mode": mode, "in_preview_panel": "true"})


def test_preview_offers_the_home_a_category_and_a_product_page(merchant_client, store):
    assert [label for _, label in theme_of(store).preview_modes] == [
        "Home page",
        "A category page",
        "A product page",
    ]
    editor = merchant_client.get(theme_url("edit", theme_of(store))).content.decode()
    for _, label in PREVIEW_MODES:
        assert label in editor
    for width in (375, 768, 1280):  # Wagtail's mobile, tablet and desktop sizes
        assert f'data-device-width="{width}"' in editor


@pytest.mark.parametrize(
    ("mode", "shows"),
    [("", "Alpha Goods"), ("category", "Alpha Lamps Shelf"), ("product", "Alpha Brass Lamp")],
)
def test_preview_renders_the_stores_page_with_the_unsaved_theme(
    merchant_client, store, pages, mode, shows
):
    response = _preview(merchant_client, theme_of(store), mode, **UNSAVED)

    content = response.content.decode()
    assert response.status_code == 200
    assert shows in content
    assert "--color-primary: #c0ffee" in content
    assert "Unsaved tagline" in content
    assert UNSAVED_FONT in content


def test_preview_changes_nothing_shoppers_see(merchant_client, store, pages):
    theme = theme_of(store)
    revisions = theme.revisions.count()

    _preview(merchant_client, theme, "", **UNSAVED)

    storefront = HttpClient(HTTP_HOST=store.site.hostname).get("/").content.decode()
    assert "--color-primary: #c0ffee" not in storefront
    assert "Unsaved tagline" not in storefront
    assert UNSAVED_FONT not in storefront
    assert theme_of(store).revisions.count() == revisions
    assert theme_of(store).primary_color == ""


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("category", "Your store has no published category page yet."),
        ("product", "Your store has no published product page yet."),
    ],
)
def test_preview_of_a_page_the_store_lacks_says_so(
    merchant_client, store, other_store, mode, message
):
    # Another store has such pages: the preview never borrows them.
    category = CategoryPageFactory(parent=other_store.site.root_page, title="Beta Secret Shelf")
    ProductPageFactory(
        parent=category, product=stocked_product(site=other_store.site, title="Beta Secret Lamp")
    )

    response = _preview(merchant_client, theme_of(store), mode, **UNSAVED)

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Beta Secret" not in content


def test_preview_shows_only_live_pages(merchant_client, store, pages):
    category, product_page = pages
    product_page.unpublish()
    category.unpublish()

    response = _preview(merchant_client, theme_of(store), "product", **UNSAVED)

    assert "Your store has no published product page yet." in response.content.decode()


def test_an_unknown_preview_mode_is_not_found(merchant_client, store):
    response = _preview(merchant_client, theme_of(store), "checkout")

    assert response.status_code == 404


def test_preview_of_another_stores_theme_is_refused(merchant_client, other_store):
    theirs = theme_of(other_store)

    response = merchant_client.get(theme_url("preview_on_edit", theirs), {"mode": ""})

    assert response.status_code == 404
    assert "Beta Wares" not in response.content.decode()

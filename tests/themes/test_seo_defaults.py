"""The theme's search and sharing defaults reach every storefront page's <head>: the title
suffix, the default meta description, the share image and the favicon."""

import re

import pytest

from shop.models import StorePage
from tests.shop.factories import ImageFactory
from tests.themes.theme_values import set_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(store):
    page = StorePage(title="About us", slug="about-us")
    store.site.root_page.add_child(instance=page)
    return page


def _head(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html[: html.index("</head>")]


def _meta(head, attribute, name) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)
    return found.group(1) if found else None


def test_page_titles_end_with_the_title_suffix_or_the_store_name(store, about, shopper_client):
    assert "<title>About us – Alpha Goods</title>" in _head(shopper_client.get("/about-us/"))

    set_theme(store.site, seo_title_suffix="Alpha Goods, Oslo")

    assert "<title>About us – Alpha Goods, Oslo</title>" in _head(shopper_client.get("/about-us/"))


def test_a_page_without_its_own_description_gets_the_stores_default(store, about, shopper_client):
    set_theme(store.site, tagline="", seo_description="Hand-thrown mugs from Oslo.")

    head = _head(shopper_client.get("/about-us/"))
    assert _meta(head, "name", "description") == "Hand-thrown mugs from Oslo."
    assert _meta(head, "property", "og:description") == "Hand-thrown mugs from Oslo."

    about.search_description = "Who we are."
    about.save_revision().publish()
    head = _head(shopper_client.get("/about-us/"))
    assert _meta(head, "name", "description") == "Who we are."


def test_the_share_image_and_the_favicon_are_renditions_of_the_stores_images(
    store, about, shopper_client
):
    head = _head(shopper_client.get("/about-us/"))
    assert _meta(head, "property", "og:image") is None
    assert 'href="data:image/svg+xml' in head, "the preset's letter icon"

    share = ImageFactory(collection=store.collection, title="Shop front")
    icon = ImageFactory(collection=store.collection, title="Mug icon")
    set_theme(store.site, share_image=share, favicon=icon)

    head = _head(shopper_client.get("/about-us/"))
    og_image = _meta(head, "property", "og:image")
    assert og_image.startswith(f"http://{store.site.hostname}")
    assert share.renditions.get(filter_spec="fill-1200x630").url in og_image
    assert _meta(head, "name", "twitter:card") == "summary_large_image"
    favicon = icon.renditions.get(filter_spec="fill-64x64|format-png").url
    assert f'<link rel="icon" type="image/png" href="{favicon}">' in head
    assert "data:image/svg+xml" not in head


def test_another_stores_defaults_never_show(store, other_store, about, shopper_client):
    set_theme(other_store.site, seo_title_suffix="Beta, Bergen", seo_description="Beta only.")

    head = _head(shopper_client.get("/about-us/"))
    assert "Beta" not in head

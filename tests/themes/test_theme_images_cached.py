"""A store's theme is kept in the store's cache with its logo, favicon and share image
(ADR 31): a change to one of those images, or its deletion, shows on the next request."""

import re
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.test import Client as HttpClient
from PIL import Image as PILImage

from tenancy import store_cache
from tenancy.scope import store_scope
from tests.shop.factories import ImageFactory
from tests.themes.editor import theme_of

pytestmark = pytest.mark.django_db

LOGO = re.compile(r'<img[^>]+alt="Alpha Goods"[^>]*>')


@pytest.fixture(autouse=True)
def _pages_rendered(settings):
    """Every request renders its page: the store's cache alone is under test here."""
    settings.PAGECACHE_ENABLED = False


@pytest.fixture
def logo(store):
    image = ImageFactory(collection=store.collection, title="Logo")
    theme = theme_of(store)
    with store_scope([store.site.pk]):
        theme.logo = image
        theme.save_revision().publish()
    return image


def _header_logo(store) -> str | None:
    page = HttpClient(HTTP_HOST=store.site.hostname).get("/").content.decode()
    found = LOGO.search(page)
    return found.group(0) if found else None


def _png(width, height) -> ContentFile:
    content = BytesIO()
    PILImage.new("RGB", (width, height), "red").save(content, "PNG")
    return ContentFile(content.getvalue(), name="new-logo.png")


def test_a_new_file_for_the_logo_shows_on_the_next_request(store, logo):
    before = _header_logo(store)
    assert before is not None

    logo.renditions.all().delete()  # as Wagtail's image editor does for a new file
    logo.file = _png(40, 20)
    logo.width, logo.height = 40, 20
    logo.save()

    after = _header_logo(store)
    assert after is not None
    assert "new-logo" in after and after != before


def test_deleting_the_logo_image_shows_the_stores_name_instead(store, logo):
    assert _header_logo(store) is not None

    logo.delete()

    response = HttpClient(HTTP_HOST=store.site.hostname).get("/")
    assert response.status_code == 200
    assert LOGO.search(response.content.decode()) is None
    assert "Alpha Goods" in response.content.decode()


def test_an_image_no_theme_shows_leaves_the_stores_cache_alone(store, logo):
    other = ImageFactory(collection=store.collection, title="Not the logo")
    _header_logo(store)
    generation = store_cache.generation(store.site.pk)

    other.title = "Still not the logo"
    other.save()

    assert store_cache.generation(store.site.pk) == generation
    logo.title = "Logo, renamed"
    logo.save()
    assert store_cache.generation(store.site.pk) > generation

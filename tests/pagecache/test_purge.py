"""The same invalidations purge a CDN in front (Wagtail's frontend cache), when one is
configured: the addresses of the pages a change affects, and only the changed store's."""

import pytest
from django.test import Client as HttpClient

from shop.pagecache import purge
from tenancy.scope import store_scope
from tests.pagecache import recording_backend
from tests.pagecache.conftest import Catalog, warm

pytestmark = pytest.mark.django_db

RECORDING = {"recorder": {"BACKEND": "tests.pagecache.recording_backend.RecordingBackend"}}


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = RECORDING
    recording_backend.PURGED.clear()
    yield recording_backend.PURGED
    recording_backend.PURGED.clear()


def _urls(store, *paths) -> set[str]:
    return {f"http://{store.site.hostname}{path}" for path in paths}


def test_purging_is_off_unless_a_backend_is_configured(settings):
    assert settings.WAGTAILFRONTENDCACHE == {}
    assert not purge.is_enabled()


def test_a_price_change_purges_the_pages_that_list_the_product(
    store, other_store, catalog, anonymous, purged, django_capture_on_commit_callbacks
):
    warm(anonymous, *Catalog.PATHS)
    warm(HttpClient(HTTP_HOST=other_store.site.hostname), "/")

    with django_capture_on_commit_callbacks(execute=True), store_scope([store.site.pk]):
        variant = catalog.product.variants.get()
        variant.price = "19.00"
        variant.save()

    assert set(purged) == _urls(store, Catalog.CATEGORY, Catalog.PRODUCT)


def test_a_store_wide_change_purges_every_page_of_that_store_only(
    store, other_store, catalog, anonymous, purged, django_capture_on_commit_callbacks
):
    warm(anonymous, *Catalog.PATHS)
    warm(HttpClient(HTTP_HOST=other_store.site.hostname), "/")

    with django_capture_on_commit_callbacks(execute=True):
        catalog.category.title = "Shirts and blouses"
        catalog.category.save_revision().publish()

    assert set(purged) == _urls(store, *Catalog.PATHS)


def test_nothing_is_purged_before_the_change_commits(
    store, catalog, anonymous, purged, django_capture_on_commit_callbacks
):
    warm(anonymous, *Catalog.PATHS)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        catalog.about.unpublish()

    assert callbacks
    assert purged == []

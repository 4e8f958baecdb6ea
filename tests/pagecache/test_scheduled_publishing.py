"""Scheduled publishing every minute (``shop.tasks.publish_scheduled_task``) sends the signals
a publish by hand sends, so the store's cached pages are dropped when a scheduled page goes
live or expires, or a scheduled theme goes live; the other store's pages are kept."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from shop.models import StorePage
from shop.tasks import publish_scheduled_task
from tenancy.scope import store_scope
from tests.pagecache.conftest import (
    ALL,
    Catalog,
    assert_only_stale,
    cached_pages,
    is_cached,
    warm,
)
from themes.models import StoreTheme

pytestmark = pytest.mark.django_db


def _warm_both(anonymous, other_anonymous):
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")


def test_a_page_scheduled_by_the_beat_invalidates_the_store_when_it_goes_live(
    store, catalog, anonymous, other_anonymous
):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        with store_scope([store.site.pk]):
            page = StorePage(title="Gift guide", slug="gift-guide", live=False, show_in_menus=True)
            store.site.root_page.add_child(instance=page)
            page.go_live_at = start + timedelta(hours=1)
            page.save_revision().publish()
        _warm_both(anonymous, other_anonymous)
        assert "Gift guide" not in anonymous.get("/").content.decode()

        clock.move_to(start + timedelta(hours=1))
        publish_scheduled_task.delay()

        assert_only_stale(anonymous, other_anonymous, ALL)
        assert "Gift guide" in anonymous.get("/").content.decode()


def test_a_page_expired_by_the_beat_invalidates_the_store(
    store, catalog, anonymous, other_anonymous
):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        with store_scope([store.site.pk]):
            catalog.about.expire_at = start + timedelta(hours=1)
            catalog.about.save_revision().publish()
        _warm_both(anonymous, other_anonymous)

        clock.move_to(start + timedelta(hours=1))
        publish_scheduled_task.delay()

        assert anonymous.get(Catalog.ABOUT).status_code == 404
        others = (Catalog.HOME, Catalog.CATEGORY, Catalog.PRODUCT)
        assert cached_pages(anonymous, others) == set()
        assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


def test_a_theme_scheduled_by_the_beat_invalidates_the_store_when_it_goes_live(
    store, catalog, anonymous, other_anonymous
):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        with store_scope([store.site.pk]):
            theme = StoreTheme.objects.get(site=store.site)
            theme.tagline = "Winter collection"
            theme.go_live_at = start + timedelta(hours=1)
            theme.save_revision().publish()
        _warm_both(anonymous, other_anonymous)

        clock.move_to(start + timedelta(hours=1))
        publish_scheduled_task.delay()

        assert_only_stale(anonymous, other_anonymous, ALL)
        assert "Winter collection" in anonymous.get("/").content.decode()

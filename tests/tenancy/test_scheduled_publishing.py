"""Scheduled publishing every minute (``shop.tasks.publish_scheduled_task``): what is due at
T goes live at the first run at or after T, what expired is unpublished, once, whatever the
number of runs, and a run that overlaps another does nothing."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from wagtail.models import ModelLogEntry, PageLogEntry

from shop.data import Promotion
from shop.models import StorePage
from shop.tasks import publish_scheduled_task
from tenancy import scheduled_publishing
from tenancy.scope import store_scope
from tests.themes.editor import theme_of

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
T = datetime(2026, 12, 24, 6, 0, tzinfo=UTC)  # when the scheduled things are due


def run_at(moment) -> dict:
    with time_machine.travel(moment, tick=False):
        return publish_scheduled_task.delay().get()


def scheduled_page(store, *, title="Christmas opening hours", go_live_at=T) -> StorePage:
    with time_machine.travel(T - timedelta(days=2), tick=False), store_scope([store.site.pk]):
        page = StorePage(title=title, slug="christmas", live=False)
        store.site.root_page.add_child(instance=page)
        page.go_live_at = go_live_at
        page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    return page


def scheduled_promotion(store) -> Promotion:
    with time_machine.travel(T - timedelta(days=2), tick=False), store_scope([store.site.pk]):
        promotion = Promotion.objects.create(
            site=store.site, name="Christmas sale", value=Decimal("10"), live=False
        )
        promotion.go_live_at = T
        promotion.save_revision().publish()
    return promotion


def test_the_beat_runs_scheduled_publishing_every_minute():
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "shop.tasks.publish_scheduled_task"
    ]

    assert len(entries) == 1
    assert entries[0]["schedule"] == 60.0


def test_a_page_scheduled_for_a_time_goes_live_at_the_first_run_at_or_after_it(store):
    page = scheduled_page(store)

    assert run_at(T - timedelta(seconds=1))["published"] == 0
    page.refresh_from_db()
    assert not page.live

    assert run_at(T)["published"] == 1
    page.refresh_from_db()
    assert page.live
    assert page.first_published_at == T
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_a_theme_revision_scheduled_goes_live_on_time(store):
    theme = theme_of(store)
    with time_machine.travel(T - timedelta(days=2), tick=False), store_scope([store.site.pk]):
        theme.tagline = "Winter collection"
        theme.go_live_at = T
        theme.save_revision().publish()
    assert theme_of(store).tagline != "Winter collection"

    run_at(T + timedelta(seconds=30))

    assert theme_of(store).tagline == "Winter collection"


def test_a_snippet_with_drafts_goes_live_on_time(store):
    promotion = scheduled_promotion(store)

    run_at(T - timedelta(minutes=1))
    promotion.refresh_from_db()
    assert not promotion.live

    run_at(T + timedelta(minutes=1))
    promotion.refresh_from_db()
    assert promotion.live


def test_what_expired_is_unpublished_and_marked_expired(store):
    page = scheduled_page(store, go_live_at=T - timedelta(days=1))
    run_at(T - timedelta(days=1))
    with store_scope([store.site.pk]):
        page.refresh_from_db()
        page.expire_at = T
        page.save_revision().publish()

    run_at(T - timedelta(seconds=1))
    page.refresh_from_db()
    assert page.live

    assert run_at(T)["unpublished"] == 1
    page.refresh_from_db()
    assert not page.live
    assert page.expired


def test_running_twice_publishes_once_and_logs_once(store):
    page = scheduled_page(store)
    promotion = scheduled_promotion(store)

    first = run_at(T)
    second = run_at(T + timedelta(seconds=1))

    assert first["published"] == 2
    assert second["published"] == 0
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count() == 1
    assert (
        ModelLogEntry.objects.filter(
            object_id=str(promotion.pk), action="wagtail.publish.scheduled"
        ).count()
        == 1
    )


def test_a_run_that_overlaps_another_does_nothing(store):
    page = scheduled_page(store)
    # Held until the other run ends below: a timeout would be read on the travelled clock
    # by the local-memory cache (make test) and lapse at once.
    cache.add(scheduled_publishing.LOCK_KEY, "the other run", timeout=None)

    result = run_at(T)

    assert result["skipped"] is True
    page.refresh_from_db()
    assert not page.live
    assert cache.get(scheduled_publishing.LOCK_KEY) == "the other run"  # not released by us

    cache.delete(scheduled_publishing.LOCK_KEY)  # the other run ends
    assert run_at(T + timedelta(minutes=1))["published"] == 1
    page.refresh_from_db()
    assert page.live


def test_a_revision_that_cannot_be_published_leaves_the_others_going_live(store):
    """A revision whose content no longer fits its model (a field changed since) fails on
    its own; the page due at the same time still goes live, and the next run tries again."""
    broken = scheduled_promotion(store)
    revision = broken.revisions.get(approved_go_live_at__isnull=False)
    revision.content["value"] = "ten"
    revision.save(update_fields=["content"])
    page = scheduled_page(store)

    result = run_at(T)

    assert result == {"published": 1, "unpublished": 0, "failed": 1, "skipped": False}
    page.refresh_from_db()
    assert page.live
    broken.refresh_from_db()
    assert not broken.live
    assert run_at(T + timedelta(minutes=1))["failed"] == 1

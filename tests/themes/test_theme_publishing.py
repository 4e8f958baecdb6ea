"""Drafts, publishing, revisions, revert, scheduled publishing and locking of a store's
theme, through the real editor: the storefront shows the published theme only."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse
from wagtail.models import Revision

from tenancy.scope import all_stores
from tenants.roles import Role
from tests.tenants.factories import staff_member
from tests.themes.editor import NAMESPACE, editor_data, post_theme, theme_of, theme_url

pytestmark = pytest.mark.django_db


def publish_scheduled():
    """Wagtail's command as cron runs it: ``manage.py`` opens every store's scope."""
    with all_stores():
        call_command("publish_scheduled")


WINTER = {"primary_color": "#0b3d91", "tagline": "Winter collection"}


def _storefront(store) -> str:
    return HttpClient(HTTP_HOST=store.site.hostname).get("/").content.decode()


def _shows_winter(store) -> bool:
    page = _storefront(store)
    return "--color-primary: #0b3d91" in page and "Winter collection" in page


def test_a_saved_draft_never_reaches_the_storefront(merchant_client, store):
    response = post_theme(merchant_client, theme_of(store), **WINTER)

    assert response.status_code == 302
    theme = theme_of(store)
    assert theme.live and theme.has_unpublished_changes
    assert theme.primary_color == ""  # the row keeps the published values
    assert theme.get_latest_revision_as_object().primary_color == "#0b3d91"
    assert not _shows_winter(store)


def test_publishing_puts_the_theme_on_the_storefront(merchant_client, store):
    post_theme(merchant_client, theme_of(store), **WINTER)
    assert not _shows_winter(store)

    response = post_theme(merchant_client, theme_of(store), publish=True)

    assert response.status_code == 302
    shown = merchant_client.get(response["Location"], follow=True).content.decode()
    assert "updated and published" in shown
    assert _shows_winter(store)
    assert not theme_of(store).has_unpublished_changes


def test_reverting_to_an_earlier_revision_brings_the_old_theme_back(merchant_client, store):
    theme = theme_of(store)
    first = theme.live_revision
    post_theme(merchant_client, theme, publish=True, **WINTER)
    assert _shows_winter(store)

    revert = theme_url("revisions_revert", theme, first.pk)
    form = merchant_client.get(revert).content.decode()
    response = post_theme(merchant_client, theme, publish=True, url=revert)

    assert "You are viewing a previous version" in form
    assert response.status_code == 302
    assert not _shows_winter(store)
    assert theme_of(store).primary_color == ""
    assert theme_of(store).revisions.count() == 3  # created, winter, reverted


def test_history_lists_the_revisions_and_compare_shows_the_change(merchant_client, store):
    theme = theme_of(store)
    first = theme.live_revision
    post_theme(merchant_client, theme, publish=True, **WINTER)
    latest = theme_of(store).latest_revision

    history = merchant_client.get(theme_url("history", theme)).content.decode()
    compare = merchant_client.get(
        reverse(
            f"{NAMESPACE}:revisions_compare",
            kwargs={"pk": theme.pk, "revision_id_a": first.pk, "revision_id_b": latest.pk},
        )
    )

    assert history.count("Published") >= 2
    assert compare.status_code == 200
    assert "Winter collection" in compare.content.decode()


# "Switch to the winter colours on 1 December at 00:00", in the store's time (Oslo, the
# zone of its country), with the clock frozen at the end of November and then moved on,
# as ``publish_scheduled`` meets it.
OSLO = ZoneInfo("Europe/Oslo")
BEFORE = datetime(2026, 11, 30, 23, 59, 0, tzinfo=OSLO)
WINTER_STARTS = datetime(2026, 12, 1, 0, 0, tzinfo=OSLO)


def _schedule_winter(merchant_client, store):
    return post_theme(
        merchant_client, theme_of(store), publish=True, go_live_at="2026-12-01 00:00", **WINTER
    )


def test_a_scheduled_theme_goes_live_at_its_time_and_not_before(merchant_client, store):
    with time_machine.travel(BEFORE - timedelta(days=3), tick=False) as clock:
        response = _schedule_winter(merchant_client, store)
        assert response.status_code == 302
        scheduled = Revision.objects.get(pk=theme_of(store).latest_revision_id)
        assert scheduled.approved_go_live_at == WINTER_STARTS

        clock.move_to(BEFORE)  # a minute early: nothing happens
        publish_scheduled()
        assert not _shows_winter(store)
        assert theme_of(store).scheduled_revision == scheduled

        clock.move_to(WINTER_STARTS + timedelta(seconds=1))  # cron's run at 00:00
        publish_scheduled()

        assert _shows_winter(store)
        assert theme_of(store).live_revision == scheduled
        assert theme_of(store).scheduled_revision is None


def test_a_scheduled_version_can_be_cancelled_before_it_goes_live(merchant_client, store):
    with time_machine.travel(BEFORE - timedelta(days=3), tick=False) as clock:
        _schedule_winter(merchant_client, store)
        scheduled = theme_of(store).latest_revision

        response = merchant_client.post(
            theme_url("revisions_unschedule", theme_of(store), scheduled.pk)
        )
        clock.move_to(WINTER_STARTS + timedelta(hours=1))
        publish_scheduled()

        assert response.status_code == 302
        assert theme_of(store).scheduled_revision is None
        assert not _shows_winter(store)


def test_a_locked_theme_cannot_be_saved_by_another_owner(merchant_client, store, platform_client):
    theme = theme_of(store)
    locked = merchant_client.post(theme_url("lock", theme))
    assert locked.status_code == 302
    assert theme_of(store).locked

    colleague = staff_member(store, Role.OWNER)
    platform_client.force_login(colleague)
    data = editor_data(platform_client, theme_url("edit", theme), **WINTER)
    data["action-publish"] = "action-publish"
    response = platform_client.post(theme_url("edit", theme), data)

    assert "could not be saved as it is locked" in response.content.decode()
    assert not _shows_winter(store)
    unlocked = merchant_client.post(theme_url("unlock", theme))
    assert unlocked.status_code == 302
    assert not theme_of(store).locked
    post_theme(platform_client, theme, publish=True, **WINTER)
    assert _shows_winter(store)

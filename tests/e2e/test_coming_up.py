"""An Oslo store's owner schedules a page for Christmas Eve at midnight, their time, and
finds it under Shop, Coming up and on the dashboard at that time, in Chromium.
Screenshots: test-artifacts/screenshots/coming-up-*.png."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from shop.models import StorePage
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_owner_schedules_a_page_and_sees_it_coming_up_in_the_stores_time(
    page, live_server, screenshots
):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)  # Norway
    with store_scope([store.site.pk]):
        draft = StorePage(title="Christmas opening hours", slug="christmas", live=False)
        store.site.root_page.add_child(instance=draft)
        draft.save_revision()

    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    page.locator('[data-side-panel-toggle="status"]').click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    go_live = dialog.locator("input[name=go_live_at]")
    go_live.fill("2026-12-24 00:00")
    capture(page, screenshots / "coming-up-schedule-dialog.png")
    # From the keyboard: the date picker still covers the button.
    dialog.get_by_role("button", name="Save schedule").press("Enter")
    expect(page.get_by_text("Page 'Christmas opening hours' has been updated.")).to_be_visible()

    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Schedule to publish").click()
    expect(page.get_by_text("has been scheduled for publishing")).to_be_visible()

    with store_scope([store.site.pk]):
        revision = draft.revisions.get(approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == datetime(2026, 12, 23, 23, 0, tzinfo=ZoneInfo("UTC"))

    page.goto(live_server.url + "/admin/")
    panel = page.locator("#coming-up-section")
    expect(panel).to_contain_text("Christmas opening hours")
    expect(panel).to_contain_text("Thu 24 Dec 2026, 00:00")
    capture(page, screenshots / "coming-up-dashboard.png")

    page.get_by_role("button", name="Shop").click()
    page.get_by_role("list", name="Shop").get_by_role("link", name="Coming up").click()
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    row = page.get_by_test_id("coming-up-row")
    expect(row).to_contain_text("Thu 24 Dec 2026, 00:00")
    expect(row).to_contain_text("Goes live")
    expect(page.locator("main")).to_contain_text("Europe/Oslo")
    capture(page, screenshots / "coming-up-list.png")

    row.get_by_role("link", name="Christmas opening hours").click()
    expect(page.locator("input[name=go_live_at]")).to_have_value("2026-12-24 00:00")

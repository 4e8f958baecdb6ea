"""A campaign in Chromium, as a content team and shoppers meet it (ADR 48).

An editor (the content team's role) drafts a promotion, then plans a campaign on Shop →
Campaigns with the Black Friday landing page drafted earlier, that promotion and the winter
theme the owner drafted; she previews the store at the campaign's start, follows a link in
the preview and sees the sale price. Shoppers see none of it until the beat runs at the start;
then the landing page, the sale price and the winter colours are there; at the end the beat
puts everything back. The clock is moved to each boundary for the beat and the shoppers.
Screens are saved to test-artifacts/screenshots/campaign-*.png.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from shop.models import Campaign, StorePage
from shop.tasks import run_campaigns_task
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.e2e.browser import capture, sign_in, store_url, store_with_lighting
from tests.tenants.factories import OWNER_PASSWORD, staff_member
from tests.themes.editor import theme_of
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LIVE_COLOUR = "#1d4ed8"
WINTER_COLOUR = "#0e7490"


@pytest.fixture
def prepared_store(live_server):
    store, _lamp, _lighting = store_with_lighting(preset=Preset.MODERN)
    with store_scope([store.site.pk]):
        landing = StorePage(title="Black Friday", slug="black-friday", live=False)
        store.site.root_page.add_child(instance=landing)
        landing.save_revision()  # drafted earlier, never published
        theme = theme_of(store)
        theme.primary_color = LIVE_COLOUR
        theme.save_revision().publish()
        theme.refresh_from_db()
        theme.primary_color = WINTER_COLOUR
        theme.save_revision()  # the owner's winter theme, drafted
    editor = staff_member(store, Role.EDITOR, email="eve@alpha.test")
    return store, landing, editor


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def _field(moment) -> str:
    """As the editor types it: in the store's time (its country's zone)."""
    return moment.astimezone(ZoneInfo("Europe/Oslo")).strftime("%Y-%m-%d %H:%M")


def _set_date(page, selector: str, value: str) -> None:
    """Enter a date and time as typed into the field, without its picker: the picker's
    pop-up would sit over the checkboxes below it."""
    page.locator(selector).evaluate("(field, value) => { field.value = value; }", value)


def _shopper_sees(shopper, live_server, *, sale: bool) -> None:
    landing = shopper.goto(store_url(live_server, "alpha", "/black-friday/"))
    assert landing.status == (200 if sale else 404)
    shopper.goto(store_url(live_server, "alpha", "/lighting/arc-floor-lamp/"))
    price = shopper.get_by_test_id("price").inner_text()
    if sale:
        assert "€32.00" in price and "€40.00" in price
    else:
        assert price.strip() == "€40.00"
    assert (WINTER_COLOUR if sale else LIVE_COLOUR) in shopper.content()


def test_an_editor_plans_a_campaign_previews_it_and_the_store_changes_and_reverts(
    prepared_store, page, live_server, screenshots
):
    store, landing, editor = prepared_store
    start = _minute(timezone.now()) + timedelta(minutes=10)
    end = start + timedelta(minutes=10)
    sign_in(page, live_server, editor.username, OWNER_PASSWORD)

    # A promotion, saved as a draft: the campaign will run it.
    page.goto(live_server.url + reverse("wagtailsnippets_shop_promotion:add"))
    page.get_by_label("Name").fill("Black Friday 20% off")
    page.locator("#id_value").fill("20")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()

    # The campaign.
    page.goto(live_server.url + reverse("shop_campaigns"))
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Name").fill("Black Friday")
    _set_date(page, "#id_starts_at", _field(start))
    _set_date(page, "#id_ends_at", _field(end))
    # A long list narrows as one types.
    page.get_by_label("Search pages").fill("friday")
    assert not page.get_by_label("— Lighting (live", exact=False).is_visible()
    page.get_by_label("Black Friday (not published yet", exact=False).check()
    assert "1 of 3 chosen" in page.locator(".searchable-checklist__count").first.inner_text()
    page.get_by_label("Black Friday 20% off (not published yet", exact=False).check()
    page.get_by_label("Publish the theme's latest draft").check()
    capture(page, screenshots / "campaign-1-form.png")
    page.get_by_role("button", name="Plan campaign").click()
    page.wait_for_load_state()
    assert "is planned from" in page.content()
    assert page.get_by_test_id("campaign-state").inner_text().startswith("Scheduled")
    capture(page, screenshots / "campaign-2-planned.png")

    # A second campaign over the same landing page at an overlapping time is refused.
    page.goto(live_server.url + reverse("shop_campaign_add"))
    page.get_by_label("Name").fill("Cyber weekend")
    _set_date(page, "#id_starts_at", _field(end - timedelta(minutes=5)))
    _set_date(page, "#id_ends_at", _field(end + timedelta(minutes=30)))
    page.get_by_label("Black Friday (not published yet", exact=False).check()
    page.get_by_role("button", name="Plan campaign").click()
    page.wait_for_load_state()
    refused = page.get_by_test_id("campaign-refused").inner_text()
    assert "“Black Friday” already changes the page “Black Friday” from" in refused
    assert page.get_by_label("Name").input_value() == "Cyber weekend"
    capture(page, screenshots / "campaign-2b-refused.png")

    # The calendar shows it.
    page.goto(live_server.url + reverse("shop_campaigns"))
    assert page.get_by_test_id("campaign-bar").inner_text().startswith("Black Friday · Scheduled")
    capture(page, screenshots / "campaign-3-calendar.png")

    # The preview at the start: the landing page, the winter theme, the sale price.
    page.get_by_test_id("campaign-bar").get_by_role("link", name="Black Friday").click()
    page.get_by_test_id("preview-at-start").click()
    page.wait_for_load_state()
    bar = page.get_by_test_id("campaign-preview-bar").inner_text()
    assert "as it will look at" in bar
    assert WINTER_COLOUR in page.content()
    capture(page, screenshots / "campaign-4-preview-home.png")
    page.locator("a", has_text="Lighting").first.click()
    page.wait_for_load_state()
    page.locator("a", has_text="Arc Floor Lamp").first.click()
    page.wait_for_load_state()
    price = page.get_by_test_id("price").inner_text()
    assert "€32.00" in price and "€40.00" in price
    assert "as it will look at" in page.get_by_test_id("campaign-preview-bar").inner_text()
    capture(page, screenshots / "campaign-5-preview-product.png")

    # Shoppers see nothing of it yet.
    shopper = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    _shopper_sees(shopper, live_server, sale=False)

    # The start: the beat runs, and the store changes.
    with time_machine.travel(start + timedelta(seconds=5), tick=True):
        assert run_campaigns_task()["started"] == 1
        _shopper_sees(shopper, live_server, sale=True)
        shopper.goto(store_url(live_server, "alpha", "/black-friday/"))
        assert "Black Friday" in shopper.locator("h1").first.inner_text()
        capture(shopper, screenshots / "campaign-6-storefront-during.png")
        page.goto(live_server.url + reverse("shop_campaigns"))
        page.get_by_test_id("campaign-bar").get_by_role("link", name="Black Friday").click()
        assert page.get_by_test_id("campaign-state").inner_text().startswith("Running")
        assert "Not live" in page.get_by_test_id("campaign-changes").inner_text()
        capture(page, screenshots / "campaign-6b-running.png")

    # The end: the beat puts everything back.
    with time_machine.travel(end + timedelta(seconds=5), tick=True):
        assert run_campaigns_task()["ended"] == 1
        _shopper_sees(shopper, live_server, sale=False)
        capture(shopper, screenshots / "campaign-7-storefront-after.png")
        page.goto(live_server.url + reverse("shop_campaigns"))
        capture(page, screenshots / "campaign-8-calendar-after.png")

    with store_scope([store.site.pk]):
        assert Campaign.objects.get().state == Campaign.State.ENDED
        assert not StorePage.objects.get(pk=landing.pk).live
        assert theme_of(store).primary_color == LIVE_COLOUR

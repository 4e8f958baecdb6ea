"""Shop → Campaigns as the store's staff use it: planning a campaign from drafts, the reasons
a clash is refused, the calendar, cancelling and ending, and the preview of the store as it
will look at a chosen time, which only the store's staff can open."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from shop.data import Campaign
from shop.services.campaigns import run_campaigns
from tenancy.scope import store_scope
from tests.shop.campaign_factories import (
    BEFORE,
    END,
    LIVE_COLOUR,
    SALE_COLOUR,
    START,
    STORE_ZONE,
    prepare,
    run_at,
    schedule,
)
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db

INDEX = reverse("shop_campaigns")
ADD = reverse("shop_campaign_add")
PREVIEW = reverse("shop_campaign_preview")


@pytest.fixture
def editor_client(platform_client, store):
    """A member of the store's content team (the editor role)."""
    platform_client.force_login(staff_member(store, "editor"))
    return platform_client


def local(moment) -> str:
    """A moment as the admin's date and time field takes it: in the store's time."""
    return moment.astimezone(STORE_ZONE).strftime("%Y-%m-%d %H:%M")


def form_data(prepared, **changes):
    data = {
        "name": "Black Friday",
        "starts_at": local(START),
        "ends_at": local(END),
        "pages": [prepared.landing.pk, prepared.home.pk],
        "promotions": [prepared.promotion.pk],
        "theme": "on",
        "shown": [prepared.product.pk],
    }
    data.update(changes)
    return data


def test_an_editor_plans_a_campaign_from_drafts(editor_client, store):
    prepared = prepare(store)
    with time_machine.travel(BEFORE, tick=False):
        form = editor_client.get(ADD).content.decode()
        assert "Black Friday (not published yet, draft saved" in form
        assert "Black Friday 20%" in form
        response = editor_client.post(ADD, form_data(prepared))

    assert response.status_code == 302
    with store_scope([store.site.pk]):
        campaign = Campaign.objects.get()
        assert campaign.starts_at == START and campaign.ends_at == END
        assert campaign.changes.count() == 4
        assert campaign.products.get().visible
    page = editor_client.get(response["Location"]).content.decode()
    assert "Scheduled" in page
    assert "Preview the store at the start" in page


def test_a_clash_is_refused_with_its_reason_and_the_form_keeps_what_was_entered(
    editor_client, store
):
    prepared = prepare(store)
    schedule(store, prepared, name="Black week")
    with time_machine.travel(BEFORE, tick=False):
        response = editor_client.post(ADD, form_data(prepared, name="Cyber sale"))

    shown = response.content.decode()
    assert response.status_code == 200
    assert "The campaign was not saved" in shown
    assert "“Black week” already changes the page “Black Friday”" in shown
    assert 'value="Cyber sale"' in shown
    with store_scope([store.site.pk]):
        assert Campaign.objects.count() == 1


def test_dates_in_the_wrong_order_are_refused(editor_client, store):
    prepared = prepare(store)
    with time_machine.travel(BEFORE, tick=False):
        response = editor_client.post(ADD, form_data(prepared, ends_at=local(START)))

    assert "The campaign must end after it starts." in response.content.decode()


def test_the_calendar_shows_the_stores_campaigns_only(
    editor_client, store, other_store, other_merchant
):
    prepared = prepare(store)
    schedule(store, prepared)
    other = prepare(other_store)
    schedule(other_store, other, name="Beta's own sale")

    with time_machine.travel(BEFORE, tick=False):
        page = editor_client.get(INDEX).content.decode()
        later = editor_client.get(INDEX, {"from": "2027-06-01"}).content.decode()
        odd = editor_client.get(INDEX, {"from": "2026-02-31"})

    assert page.count('data-testid="campaign-bar"') == 1
    assert "Black Friday · Scheduled · Fri 27 Nov 00:00 – Mon 30 Nov 00:00" in page
    assert "Beta's own sale" not in page
    assert "No campaign in these weeks." in later
    # What Wagtail itself will publish in these weeks is on the calendar too.
    assert "Also scheduled in these weeks" not in page
    assert odd.status_code == 200


def test_cancelling_and_ending_now(editor_client, store):
    prepared = prepare(store)
    campaign = schedule(store, prepared)
    with time_machine.travel(BEFORE, tick=False):
        editor_client.post(reverse("shop_campaign_cancel", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.CANCELLED

    running = schedule(store, prepared, name="Second try")
    run_at(START)
    with time_machine.travel(START + timedelta(hours=2), tick=False):
        editor_client.post(reverse("shop_campaign_end", args=[running.pk]))
        again = editor_client.post(reverse("shop_campaign_end", args=[running.pk]), follow=True)
    running.refresh_from_db()
    assert running.state == Campaign.State.ENDED
    assert "is not running" in again.content.decode()


def test_the_preview_shows_the_store_as_it_will_look_at_the_start(editor_client, store):
    prepared = prepare(store)
    schedule(store, prepared)

    with time_machine.travel(BEFORE, tick=False):
        now = editor_client.get(PREVIEW, {"at": local(BEFORE), "path": "/"}).content.decode()
        then = editor_client.get(PREVIEW, {"at": local(START), "path": "/"}).content.decode()
        landing_now = editor_client.get(PREVIEW, {"at": local(BEFORE), "path": "/black-friday/"})
        landing = editor_client.get(PREVIEW, {"at": local(START), "path": "/black-friday/"})
        after = editor_client.get(PREVIEW, {"at": local(END), "path": "/black-friday/"})

    assert "Black Friday is on" not in now and LIVE_COLOUR in now
    assert "Black Friday is on" in then and SALE_COLOUR in then and LIVE_COLOUR not in then
    assert "as it will look at Fri 27 Nov 2026, 00:00" in then
    assert landing_now.status_code == 404
    assert landing.status_code == 200
    assert "Black Friday" in landing.content.decode()
    assert after.status_code == 404
    # Links to the store's pages stay in the preview, at the same moment.
    assert f"{PREVIEW}?at=2026-11-27T00%3A00&amp;path=%2F" in then
    # Nothing of the future reached the shoppers.
    with store_scope([store.site.pk]):
        assert not Campaign.objects.get().changes.filter(published_revision__isnull=False)


def test_the_preview_prices_products_with_the_promotion_of_that_moment(editor_client, store):
    prepared = prepare(store)
    with store_scope([store.site.pk]):
        from shop.models import CategoryPage, ProductPage

        category = CategoryPage(title="Mugs", slug="mugs")
        store.site.root_page.add_child(instance=category)
        category.save_revision().publish()
        page = ProductPage(title="Sale mug", slug="sale-mug", product=prepared.product)
        category.add_child(instance=page)
        page.save_revision()
    schedule(store, prepared)

    with time_machine.travel(BEFORE, tick=False):
        now = editor_client.get(PREVIEW, {"at": local(BEFORE), "path": "/mugs/sale-mug/"})
        then = editor_client.get(PREVIEW, {"at": local(START), "path": "/mugs/sale-mug/"})

    assert now.status_code == 404  # in draft until the campaign puts it on sale
    shown = then.content.decode()
    assert then.status_code == 200
    assert "80.00" in shown or "80,00" in shown
    assert "-20%" in shown


def test_only_the_stores_staff_plan_and_preview(
    platform_client, store, other_store, other_merchant, operator_client
):
    prepared = prepare(store)
    campaign = schedule(store, prepared)
    platform_client.force_login(other_merchant)

    assert platform_client.get(reverse("shop_campaign_edit", args=[campaign.pk])).status_code in (
        403,
        404,
    )
    assert "Black Friday" not in platform_client.get(INDEX).content.decode()
    preview = platform_client.get(PREVIEW, {"path": "/black-friday/", "at": local(START)})
    assert "Black Friday is on" not in preview.content.decode()
    platform_client.force_login(staff_member(store, "support"))
    # Wagtail sends people away from screens they may not see, to the dashboard.
    assert platform_client.get(INDEX)["Location"] == reverse("wagtailadmin_home")
    assert platform_client.get(PREVIEW)["Location"] == reverse("wagtailadmin_home")


def test_the_beat_runs_the_campaigns_every_minute():
    from django.conf import settings

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "shop.tasks.run_campaigns_task"
    ]
    assert [entry["schedule"] for entry in entries] == [60.0]
    assert run_campaigns().started == []


def test_the_calendar_also_shows_what_wagtail_will_publish(editor_client, store):
    with time_machine.travel(BEFORE, tick=False), store_scope([store.site.pk]):
        from shop.models import StorePage

        page = StorePage(title="Advent calendar", slug="advent", live=False)
        store.site.root_page.add_child(instance=page)
        page.go_live_at = START + timedelta(days=4)
        page.save_revision().publish()
        shown = editor_client.get(INDEX).content.decode()

    assert 'data-testid="calendar-scheduled"' in shown
    assert "Advent calendar <small>(store page)</small>" in shown
    assert "Tue 1 Dec 2026, 00:00" in shown


def test_the_editor_of_a_page_in_a_campaign_says_what_the_campaign_will_do(editor_client, store):
    prepared = prepare(store)
    schedule(store, prepared)
    edit = reverse("wagtailadmin_pages:edit", args=[prepared.home.pk])
    edit_promotion = reverse("wagtailsnippets_shop_promotion:edit", args=[prepared.promotion.pk])

    with time_machine.travel(BEFORE, tick=False):
        before = editor_client.get(edit).content.decode()
        promotion = editor_client.get(edit_promotion).content.decode()
    run_at(START)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        during = editor_client.get(edit).content.decode()

    assert "The campaign “Black Friday” publishes this page&#x27;s draft" in before
    assert "at Fri 27 Nov 2026, 00:00" in before
    assert "The campaign “Black Friday” publishes this promotion&#x27;s draft" in promotion
    assert "runs until Mon 30 Nov 2026, 00:00" in during
    assert "your edits from now on are kept as its draft" in during


def test_the_preview_takes_nonsense_and_the_past_as_now(editor_client, store):
    prepared = prepare(store)
    schedule(store, prepared)

    with time_machine.travel(BEFORE, tick=False):
        nonsense = editor_client.get(PREVIEW, {"at": "2026-13-45T00:00", "path": "/"})
        past = editor_client.get(PREVIEW, {"at": "2001-01-01T00:00", "path": "/"})
        elsewhere = editor_client.get(PREVIEW, {"at": local(START), "path": "//evil.test/"})
        missing = editor_client.get(PREVIEW, {"at": local(START), "path": "/no-such-page/"})

    assert nonsense.status_code == 200
    assert "as it will look at Tue 24 Nov 2026, 00:00" in nonsense.content.decode()
    assert "as it will look at Tue 24 Nov 2026, 00:00" in past.content.decode()
    assert elsewhere.status_code == 404
    assert missing.status_code == 404
    assert "is not one of the store's pages" in missing.content.decode()


def test_a_running_campaign_shows_its_name_and_end_only(editor_client, store):
    prepared = prepare(store)
    campaign = schedule(store, prepared)
    run_at(START)
    url = reverse("shop_campaign_edit", args=[campaign.pk])

    with time_machine.travel(START + timedelta(hours=1), tick=False):
        shown = editor_client.get(url).content.decode()
        editor_client.post(url, {"name": "Black Friday weekend", "ends_at": local(END)})

    assert 'name="pages"' not in shown and 'name="starts_at"' not in shown
    assert "only its name and end can change" in shown
    campaign.refresh_from_db()
    assert campaign.name == "Black Friday weekend"

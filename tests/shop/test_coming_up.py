""" "Coming up": what goes live or expires next in the merchant's active store, on its
dashboard and under the Shop menu, in the store's time zone, never another store's."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from shop.data import Promotion
from shop.models import StorePage, StoreSettings
from tenancy.coming_up import ComingUp, coming_up
from tenancy.scope import store_scope
from tests.themes.editor import theme_of

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
CHRISTMAS_EVE = datetime(2026, 12, 23, 23, 0, tzinfo=UTC)  # midnight in Oslo
URL = reverse("shop_coming_up")


@pytest.fixture(autouse=True)
def _early_december():
    with time_machine.travel(NOW, tick=False):
        yield


def schedule_page(store, title, at, *, until=None) -> StorePage:
    with store_scope([store.site.pk]):
        page = StorePage(title=title, slug=title.lower().replace(" ", "-"), live=False)
        store.site.root_page.add_child(instance=page)
        page.go_live_at = at
        page.expire_at = until
        page.save_revision().publish()
    return page


def expiring_page(store, title, at) -> StorePage:
    with store_scope([store.site.pk]):
        page = StorePage(title=title, slug=title.lower().replace(" ", "-"))
        store.site.root_page.add_child(instance=page)
        page.expire_at = at
        page.save_revision().publish()
    return page


def schedule_theme(store, at):
    with store_scope([store.site.pk]):
        theme = theme_of(store)
        theme.tagline = "Winter collection"
        theme.go_live_at = at
        theme.save_revision().publish()


def promotion(store, name, *, go_live_at=None, expire_at=None) -> Promotion:
    with store_scope([store.site.pk]):
        promo = Promotion.objects.create(
            site=store.site, name=name, value=Decimal("10"), live=go_live_at is None
        )
        promo.go_live_at = go_live_at
        promo.expire_at = expire_at
        promo.save_revision().publish()
    return promo


def test_pages_the_theme_and_promotions_are_listed_soonest_first(store):
    schedule_page(store, "Gift guide", CHRISTMAS_EVE, until=CHRISTMAS_EVE + timedelta(days=3))
    expiring_page(store, "Black week", NOW + timedelta(days=2))
    schedule_theme(store, NOW + timedelta(days=5))
    promotion(store, "Boxing day", go_live_at=CHRISTMAS_EVE + timedelta(days=2))
    promotion(store, "Advent", expire_at=CHRISTMAS_EVE)

    items = coming_up(site_id=store.site.pk)

    assert [(item.title, item.change) for item in items] == [
        ("Black week", ComingUp.EXPIRES),
        ("Alpha Goods theme", ComingUp.GOES_LIVE),
        ("Advent", ComingUp.EXPIRES),
        ("Gift guide", ComingUp.GOES_LIVE),
        ("Boxing day", ComingUp.GOES_LIVE),
    ]
    assert items[3].until == CHRISTMAS_EVE + timedelta(days=3)
    assert [item.kind for item in items][:3] == ["store page", "theme", "promotion"]


def test_what_is_past_or_unscheduled_is_not_listed(store):
    page = schedule_page(store, "Gift guide", CHRISTMAS_EVE)
    with store_scope([store.site.pk]):
        page.revisions.update(approved_go_live_at=None)  # unscheduled
    expiring_page(store, "Black week", NOW - timedelta(minutes=1))  # the beat's to unpublish

    assert coming_up(site_id=store.site.pk) == []


def test_another_stores_schedule_is_never_listed(store, other_store):
    schedule_page(other_store, "Beta launch", CHRISTMAS_EVE)
    schedule_theme(other_store, CHRISTMAS_EVE)
    promotion(other_store, "Beta sale", go_live_at=CHRISTMAS_EVE)
    expiring_page(other_store, "Beta offer", CHRISTMAS_EVE)

    assert coming_up(site_id=store.site.pk) == []
    assert len(coming_up(site_id=other_store.site.pk)) == 4


def test_the_merchant_reads_the_schedule_in_the_stores_time_zone(
    merchant_client, store, other_store
):
    page = schedule_page(store, "Gift guide", CHRISTMAS_EVE)
    sale = promotion(store, "Boxing day", go_live_at=CHRISTMAS_EVE + timedelta(days=2))
    schedule_page(other_store, "Beta launch", CHRISTMAS_EVE)

    shown = merchant_client.get(URL).content.decode()

    assert "Thu 24 Dec 2026, 00:00" in shown  # 23:00 UTC the day before
    assert "Europe/Oslo" in shown
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in shown
    assert "Boxing day" in shown
    assert reverse("wagtailsnippets_shop_promotion:edit", args=[sale.pk]) in shown
    assert "Beta launch" not in shown


def test_a_store_in_another_zone_reads_the_same_moment_in_its_own(merchant_client, store):
    settings = StoreSettings.for_site(store.site)
    settings.time_zone = "America/New_York"
    settings.save()
    schedule_page(store, "Gift guide", CHRISTMAS_EVE)

    shown = merchant_client.get(URL).content.decode()

    assert "Wed 23 Dec 2026, 18:00" in shown
    assert "America/New_York" in shown


def test_the_dashboard_shows_whats_next_and_links_the_whole_schedule(merchant_client, store):
    for day in range(8):
        schedule_page(store, f"Advent door {day + 1}", NOW + timedelta(days=day + 1))

    dashboard = merchant_client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="coming-up-section"' in dashboard
    assert "Advent door 1" in dashboard
    assert "Advent door 6" in dashboard
    assert "Advent door 7" not in dashboard
    assert URL in dashboard
    assert "Advent door 8" in merchant_client.get(URL).content.decode()


def test_an_operator_who_works_across_stores_gets_no_schedule(operator_client, store):
    schedule_page(store, "Gift guide", CHRISTMAS_EVE)

    refused = operator_client.get(URL)
    assert refused.status_code == 302  # Wagtail's "permission denied": back to the dashboard
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert "Gift guide" not in operator_client.get(reverse("wagtailadmin_home")).content.decode()

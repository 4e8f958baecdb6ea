"""A store's time zone (``StoreSettings.time_zone``): a new store gets its country's, and
its dates are entered and shown in it, in its staff's admin and on its storefront."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from shop.models import StorePage, StoreSettings
from shop.order_access import order_token
from shop.time_zones import zone_of_country
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import StoreFactory, owner_of

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
EARLY_DECEMBER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def set_zone(store, name):
    settings = StoreSettings.for_site(store.site)
    settings.time_zone = name
    settings.save()


def test_a_store_gets_the_time_zone_of_its_country():
    assert zone_of_country("NO") == "Europe/Oslo"
    assert zone_of_country("jp") == "Asia/Tokyo"
    assert zone_of_country("US") == "America/New_York"  # of the many, where most shop
    assert zone_of_country("") == "UTC"


def test_new_store_settings_take_the_countrys_zone_and_keep_a_chosen_one(store):
    settings = StoreSettings.for_site(store.site)
    assert settings.time_zone == "Europe/Oslo"

    settings.default_country = "JP"
    settings.time_zone = ""
    settings.save()
    assert StoreSettings.for_site(store.site).time_zone == "Asia/Tokyo"

    set_zone(store, "Europe/Lisbon")
    settings = StoreSettings.for_site(store.site)
    settings.default_country = "NO"
    settings.save()
    assert StoreSettings.for_site(store.site).time_zone == "Europe/Lisbon"


def test_a_made_up_time_zone_is_refused_with_a_clear_error(store):
    settings = StoreSettings.for_site(store.site)
    settings.time_zone = "Europe/Atlantis"

    with pytest.raises(ValidationError) as refused:
        settings.full_clean()

    assert "Europe/Atlantis is not a time zone" in str(refused.value)


def _schedule_page(client, page, go_live_at: str):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "theme_overrides": inline_formset([]),
            "go_live_at": go_live_at,
            "action-publish": "action-publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def _new_page(store) -> StorePage:
    with store_scope([store.site.pk]):
        page = StorePage(title="Christmas opening hours", slug="christmas", live=False)
        store.site.root_page.add_child(instance=page)
        page.save_revision()
    return page


def test_an_oslo_merchant_schedules_in_oslo_time(merchant_client, store):
    set_zone(store, "Europe/Oslo")
    page = _new_page(store)

    with time_machine.travel(EARLY_DECEMBER, tick=False):
        response = _schedule_page(merchant_client, page, "2026-12-24 00:00")
        assert response.status_code == 302

        revision = page.revisions.get(approved_go_live_at__isnull=False)
        assert revision.approved_go_live_at == datetime(2026, 12, 23, 23, 0, tzinfo=UTC)
        edit = merchant_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert 'value="2026-12-24 00:00"' in edit.content.decode()


def test_the_same_words_mean_another_instant_in_another_stores_zone(platform_client):
    tokyo = StoreFactory(slug="tokyo", name="Tokyo Tea")
    set_zone(tokyo, "Asia/Tokyo")
    platform_client.force_login(owner_of(tokyo))
    page = _new_page(tokyo)

    with time_machine.travel(EARLY_DECEMBER, tick=False):
        _schedule_page(platform_client, page, "2026-12-24 00:00")

    revision = page.revisions.get(approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == datetime(2026, 12, 23, 15, 0, tzinfo=UTC)


def test_shoppers_read_their_orders_times_in_the_stores_zone(store):
    set_zone(store, "Europe/Oslo")
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    with time_machine.travel(datetime(2026, 12, 23, 23, 30, tzinfo=UTC), tick=False):
        order = place_test_order(lines=[(lamp, 1)], email="ann@example.test")

    page = HttpClient(HTTP_HOST=store.site.hostname).get(
        reverse("shop:order-status", kwargs={"token": order_token(order)})
    )

    shown = page.content.decode()
    assert "placed 24 December 2026" in shown
    assert "24 December 2026, 00:30" in shown


def test_the_order_confirmation_email_dates_the_order_in_the_stores_zone(store, mailoutbox):
    set_zone(store, "Europe/Oslo")
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    with time_machine.travel(datetime(2026, 12, 23, 23, 30, tzinfo=UTC), tick=False):
        place_test_order(lines=[(lamp, 1)], email="ann@example.test")

    confirmation = next(mail for mail in mailoutbox if mail.to == ["ann@example.test"])
    assert "placed on 24 December 2026" in confirmation.alternatives[0][0]

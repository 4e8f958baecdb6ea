"""Cached pages follow campaigns: a page cached before a campaign is dropped at its first
second and at its last, a promotion the campaign runs is on the page from the start to the
end with nothing saved at either moment, and the beat's publishing drops the pages it
changes (ADR 48)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from shop.services.campaigns import Plan, run_campaigns, save_campaign
from tenancy.scope import store_scope
from tests.pagecache.conftest import Catalog, is_cached, warm
from tests.shop.promotion_factories import make_promotion

pytestmark = pytest.mark.django_db


def test_a_cached_page_changes_exactly_at_a_campaigns_boundaries(store, catalog, anonymous):
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    ends = start + timedelta(days=2)
    with time_machine.travel(start - timedelta(hours=2), tick=True) as clock:
        promotion = make_promotion(site=store.site, name="Linen weekend", value="20", publish=False)
        with store_scope([store.site.pk]):
            save_campaign(
                site_id=store.site.pk,
                plan=Plan(name="Linen weekend", starts_at=start, ends_at=ends, objects=[promotion]),
            )
        warm(anonymous, Catalog.PRODUCT)
        assert "-20%" not in anonymous.get(Catalog.PRODUCT).content.decode()

        clock.move_to(start - timedelta(seconds=2))
        assert is_cached(anonymous, Catalog.PRODUCT)

        # The start, before the beat has run: the page is dropped and the price is the sale's.
        clock.move_to(start + timedelta(seconds=1))
        assert not is_cached(anonymous, Catalog.PRODUCT)
        page = anonymous.get(Catalog.PRODUCT).content.decode()
        assert "-20%" in page and "€24.00" in page

        clock.move_to(start + timedelta(seconds=30))
        assert run_campaigns().started
        assert not is_cached(anonymous, Catalog.PRODUCT)  # publishing dropped it
        warm(anonymous, Catalog.PRODUCT)
        assert "€24.00" in anonymous.get(Catalog.PRODUCT).content.decode()

        clock.move_to(ends + timedelta(seconds=1))
        assert not is_cached(anonymous, Catalog.PRODUCT)
        page = anonymous.get(Catalog.PRODUCT).content.decode()
        assert "-20%" not in page and "€24.00" not in page


def test_planning_a_campaign_drops_the_stores_cached_pages(store, catalog, anonymous):
    promotion = make_promotion(site=store.site, name="Linen weekend", value="20", publish=False)
    warm(anonymous, Catalog.CATEGORY)

    with store_scope([store.site.pk]):
        save_campaign(
            site_id=store.site.pk,
            plan=Plan(
                name="Linen weekend",
                starts_at=timezone.now() + timedelta(hours=1),
                ends_at=timezone.now() + timedelta(hours=2),
                objects=[promotion],
            ),
        )

    assert not is_cached(anonymous, Catalog.CATEGORY)

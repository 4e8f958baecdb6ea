"""Cached pages follow promotions: a product page shows the sale price from the promotion's
first second and the full price again from its end, with nothing saved at either moment;
publishing or unpublishing a promotion drops the store's cached pages at once (ADR 47)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tenancy.scope import store_scope
from tests.pagecache.conftest import Catalog, is_cached, warm
from tests.shop.promotion_factories import make_promotion

pytestmark = pytest.mark.django_db


def test_a_cached_product_page_changes_price_exactly_at_the_promotion_boundaries(
    store, catalog, anonymous
):
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    ends = start + timedelta(days=2)
    with time_machine.travel(start - timedelta(hours=2), tick=True) as clock:
        make_promotion(
            site=store.site, name="Linen days", value="20", go_live_at=start, expire_at=ends
        )
        warm(anonymous, Catalog.PRODUCT)
        page = anonymous.get(Catalog.PRODUCT).content.decode()
        assert "€30.00" in page and "-20%" not in page

        clock.move_to(start - timedelta(seconds=2))
        assert is_cached(anonymous, Catalog.PRODUCT)

        clock.move_to(start + timedelta(seconds=1))
        assert not is_cached(anonymous, Catalog.PRODUCT)
        page = anonymous.get(Catalog.PRODUCT).content.decode()
        assert "-20%" in page and "€24.00" in page
        assert "Sale ends" in page

        clock.move_to(ends + timedelta(seconds=1))
        assert not is_cached(anonymous, Catalog.PRODUCT)
        page = anonymous.get(Catalog.PRODUCT).content.decode()
        assert "-20%" not in page and "€24.00" not in page


def test_unpublishing_a_promotion_drops_the_cached_pages_at_once(store, catalog, anonymous):
    promotion = make_promotion(site=store.site, name="Linen days", value="20")
    warm(anonymous, Catalog.CATEGORY)
    assert "-20%" in anonymous.get(Catalog.CATEGORY).content.decode()

    with store_scope([store.site.pk]):
        promotion.unpublish()
    assert not is_cached(anonymous, Catalog.CATEGORY)
    assert "-20%" not in anonymous.get(Catalog.CATEGORY).content.decode()

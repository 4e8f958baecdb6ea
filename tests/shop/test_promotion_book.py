"""A promotion applies from its first second to its last, whether or not the scheduled
publishing task has run yet: the store's book reads the schedule itself (ADR 47)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from shop.promotions import book
from shop.selectors import cart_totals
from tenancy.scope import store_scope
from tests.shop.factories import CartFactory, stocked_variant
from tests.shop.promotion_factories import edit_and_publish, make_promotion

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)


@pytest.fixture
def lamp(store):
    return stocked_variant(site=store.site, price="40.00", stock=20, title="Desk lamp")


def _discount_at(store, cart, when):
    with time_machine.travel(when, tick=False), store_scope([store.site.pk]):
        return cart_totals(site=store.site, cart=cart).discount


def test_a_scheduled_promotion_applies_from_its_first_second_to_its_last(store, lamp):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=2)
    ends = starts + timedelta(days=3)
    make_promotion(site=store.site, name="Weekend", value="20", go_live_at=starts, expire_at=ends)
    cart = CartFactory(site=store.site, lines=[(lamp, 1)])

    assert _discount_at(store, cart, starts - SECOND) == 0
    assert _discount_at(store, cart, starts) == Decimal("8.00")
    assert _discount_at(store, cart, ends - SECOND) == Decimal("8.00")
    assert _discount_at(store, cart, ends) == 0


def test_a_scheduled_change_of_a_live_promotion_takes_over_at_its_time(store, lamp):
    promotion = make_promotion(site=store.site, name="Everyday", value="10")
    change_at = timezone.now().replace(microsecond=0) + timedelta(hours=5)
    edit_and_publish(promotion, value=Decimal("30"), go_live_at=change_at)
    cart = CartFactory(site=store.site, lines=[(lamp, 1)])

    assert _discount_at(store, cart, change_at - SECOND) == Decimal("4.00")
    assert _discount_at(store, cart, change_at) == Decimal("12.00")


def test_a_draft_is_not_applied_and_unpublishing_ends_a_promotion_at_once(store, lamp):
    draft = make_promotion(site=store.site, name="Not yet", value="50", publish=False)
    cart = CartFactory(site=store.site, lines=[(lamp, 1)])
    assert _discount_at(store, cart, timezone.now()) == 0

    live = make_promotion(site=store.site, name="Live", value="10")
    assert _discount_at(store, cart, timezone.now()) == Decimal("4.00")
    with store_scope([store.site.pk]):
        live.unpublish()
    assert _discount_at(store, cart, timezone.now()) == 0
    assert draft.live is False


def test_the_book_names_the_next_boundary_for_the_page_cache(store):
    starts = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    ends = starts + timedelta(hours=2)
    make_promotion(site=store.site, value="5", go_live_at=starts, expire_at=ends)
    now = timezone.now()
    assert book.next_boundary(store.site.pk, now) == starts
    assert book.next_boundary(store.site.pk, starts) == ends
    assert book.next_boundary(store.site.pk, ends) is None


def test_a_promo_banner_tied_to_a_promotion_shows_only_while_it_is_live(store, shopper_client):
    starts = timezone.now().replace(microsecond=0) + timedelta(days=1)
    ends = starts + timedelta(days=2)
    weekend = make_promotion(
        site=store.site, name="Weekend", value="20", go_live_at=starts, expire_at=ends
    )
    with store_scope([store.site.pk]):
        home = store.site.root_page.specific
        home.body = [("promo_banner", {"text": "Weekend: 20% off lamps", "promotion": weekend})]
        home.save_revision().publish()

    def banner_at(when):
        with time_machine.travel(when, tick=False):
            return "Weekend: 20% off lamps" in shopper_client.get("/").content.decode()

    assert not banner_at(starts - SECOND)
    assert banner_at(starts)
    assert banner_at(ends - SECOND)
    assert not banner_at(ends)

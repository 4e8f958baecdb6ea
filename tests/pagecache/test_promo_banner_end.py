"""A promo banner disappears when its countdown ends, on cached pages too.

Nothing is saved when a banner's time is up, so no invalidation happens: a page that shows
a countdown is stored until the banner's end and rendered again from then on, without the
banner, for shoppers without JavaScript and for crawlers as for everyone else.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tenancy.scope import store_scope
from tests.pagecache.conftest import is_cached, warm

pytestmark = pytest.mark.django_db


def _home_with(store, *banners):
    with store_scope([store.site.pk]):
        home = store.site.root_page.specific
        home.body = [
            ("promo_banner", {"text": text, "ends_at": ends_at}) for text, ends_at in banners
        ]
        home.save_revision().publish()


def test_a_cached_page_is_rendered_again_without_the_banner_once_it_ends(store, anonymous):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        _home_with(store, ("Half price until midnight", start + timedelta(hours=1)))
        clock.move_to(start + timedelta(seconds=5))
        warm(anonymous, "/")
        assert "Half price until midnight" in anonymous.get("/").content.decode()

        clock.move_to(start + timedelta(minutes=59))
        assert is_cached(anonymous, "/")

        clock.move_to(start + timedelta(hours=1, seconds=1))
        assert not is_cached(anonymous, "/")
        assert "Half price until midnight" not in anonymous.get("/").content.decode()
        assert is_cached(anonymous, "/"), "the page without the banner is stored again"


def test_the_first_banner_to_end_decides(store, anonymous):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        _home_with(
            store,
            ("Weekend sale", start + timedelta(days=2)),
            ("Flash sale", start + timedelta(hours=1)),
            ("Spring sale", start - timedelta(days=1)),  # over already: shown nowhere
        )
        clock.move_to(start + timedelta(seconds=5))
        warm(anonymous, "/")
        page = anonymous.get("/").content.decode()
        assert "Flash sale" in page and "Weekend sale" in page
        assert "Spring sale" not in page

        clock.move_to(start + timedelta(hours=1, seconds=1))
        assert not is_cached(anonymous, "/")
        page = anonymous.get("/").content.decode()
        assert "Flash sale" not in page and "Weekend sale" in page
        assert is_cached(anonymous, "/")


def test_a_page_without_a_countdown_stays_cached(store, anonymous):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        _home_with(store, ("Free gift wrapping", None))
        clock.move_to(start + timedelta(seconds=5))
        warm(anonymous, "/")

        clock.move_to(start + timedelta(hours=20))  # within a stored page's day
        assert is_cached(anonymous, "/")

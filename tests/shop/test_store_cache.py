"""The per-store cache (ADR 31): every change a merchant makes to what it holds shows on the
storefront's next request, and no store is ever shown another store's values."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client as HttpClient
from django.utils import timezone
from wagtail.models import PageViewRestriction

from domains.models import Domain
from shop.models import StoreMenu, StorePage, StoreSettings
from tenancy import store_cache
from tenancy.scope import all_stores, store_scope
from tenants.services import suspend_store
from tests.shop.factories import CategoryPageFactory
from tests.themes.editor import theme_of
from themes.models import PageThemeOverride

pytestmark = pytest.mark.django_db


def _page(store, path="/") -> str:
    response = HttpClient(HTTP_HOST=store.site.hostname).get(path)
    return response.content.decode()


def _publish_theme(store, **values):
    theme = theme_of(store)
    with store_scope([store.site.pk]):
        for name, value in values.items():
            setattr(theme, name, value)
        theme.save_revision().publish()


def test_publishing_a_theme_shows_on_the_next_request(store):
    assert "--color-primary: #0b3d91" not in _page(store)  # cached from now on

    _publish_theme(store, primary_color="#0b3d91")

    assert "--color-primary: #0b3d91" in _page(store)


def test_a_theme_published_on_schedule_shows_on_the_next_request(store):
    _page(store)
    theme = theme_of(store)
    with store_scope([store.site.pk]):
        theme.primary_color = "#0b3d91"
        revision = theme.save_revision(approved_go_live_at=timezone.now())
    assert "--color-primary: #0b3d91" not in _page(store)
    assert revision.approved_go_live_at is not None

    with all_stores():
        call_command("publish_scheduled")

    assert "--color-primary: #0b3d91" in _page(store)


def test_a_page_override_published_shows_on_its_page_and_below(store):
    category = CategoryPageFactory(parent=store.site.root_page, title="Sale", slug="sale")
    CategoryPageFactory(parent=category, title="Mugs", slug="mugs")
    assert "--color-primary: #aa0000" not in _page(store, "/sale/mugs/")

    with store_scope([store.site.pk]):
        category.theme_overrides.add(PageThemeOverride(primary_color="#aa0000"))
        category.save_revision().publish()

    assert "--color-primary: #aa0000" in _page(store, "/sale/mugs/")
    assert "--color-primary: #aa0000" not in _page(store, "/")


def test_saving_the_store_settings_shows_on_the_next_request(store):
    assert "orders@alpha.test" not in _page(store)

    settings = StoreSettings.for_site(store.site)
    settings.contact_email = "orders@alpha.test"
    settings.save()

    assert "orders@alpha.test" in _page(store)


def test_saving_a_menu_shows_on_the_next_request(store):
    assert "Opening hours" not in _page(store)

    link = {"page": None, "url": "https://example.com/hours", "label": "Opening hours"}
    with store_scope([store.site.pk]):
        StoreMenu.objects.create(
            site=store.site, location="header", links=[{"type": "link", "value": link}]
        )

    assert "Opening hours" in _page(store)


def test_publishing_and_unpublishing_a_page_changes_the_menus(store):
    assert "Our story" not in _page(store)

    page = StorePage(title="Our story", slug="story", show_in_menus=True)
    store.site.root_page.add_child(instance=page)
    page.save_revision().publish()
    assert "Our story" in _page(store)

    page.unpublish()
    assert "Our story" not in _page(store)


def test_renaming_the_store_shows_on_the_next_request(store):
    assert "Alpha Renamed" not in _page(store)

    store.site.site_name = "Alpha Renamed"
    store.site.save()

    assert "Alpha Renamed" in _page(store)


def test_a_new_domain_leads_to_the_store_at_once(store):
    assert "Alpha Goods" in _page(store)
    before = store_cache.generation(store.site.pk)

    with store_scope([store.site.pk]):
        Domain.objects.create(
            site=store.site, hostname="shop.alpha.test", status=Domain.Status.ACTIVE
        )

    response = HttpClient(HTTP_HOST="shop.alpha.test").get("/")
    assert response.status_code == 301  # to the store's primary hostname
    assert response["Location"] == f"http://{store.site.hostname}/"
    assert store_cache.generation(store.site.pk) > before


def test_a_suspended_store_shows_its_holding_page_on_the_next_request(store):
    assert HttpClient(HTTP_HOST=store.site.hostname).get("/").status_code == 200

    suspend_store(store=store)

    assert HttpClient(HTTP_HOST=store.site.hostname).get("/").status_code == 503


def test_one_store_is_never_shown_another_stores_values(store, other_store):
    _publish_theme(store, primary_color="#111111")
    _publish_theme(other_store, primary_color="#222222")
    for each, email in ((store, "a@alpha.test"), (other_store, "b@beta.test")):
        settings = StoreSettings.for_site(each.site)
        settings.contact_email = email
        settings.save()

    for _ in range(2):  # the second round is served from the cache
        mine, theirs = _page(store), _page(other_store)
        assert "#111111" in mine and "a@alpha.test" in mine
        assert "#222222" not in mine and "b@beta.test" not in mine
        assert "#222222" in theirs and "b@beta.test" in theirs
        assert "#111111" not in theirs and "a@alpha.test" not in theirs


def test_a_change_to_one_store_keeps_the_other_stores_entries(store, other_store):
    _page(store), _page(other_store)
    before = store_cache.generation(other_store.site.pk)

    _publish_theme(store, primary_color="#0b3d91")

    assert store_cache.generation(other_store.site.pk) == before
    assert "--color-primary: #0b3d91" not in _page(other_store)


def test_entries_are_keyed_by_the_store(store, other_store):
    store_cache.store_value(store.site.pk, "probe", lambda: "alpha")

    assert store_cache.store_value(other_store.site.pk, "probe", lambda: "beta") == "beta"
    assert str(store.site.pk) in store_cache.entry_key(store.site.pk, "probe")
    assert store_cache.store_value(store.site.pk, "probe", lambda: "rebuilt") == "alpha"


def test_an_entry_of_an_older_generation_is_built_again(store):
    store_cache.store_value(store.site.pk, "probe", lambda: "old rows")
    generation = store_cache.generation(store.site.pk)
    assert cache.get(store_cache.entry_key(store.site.pk, "probe")) == (generation, "old rows")

    store_cache.forget_store(store.site.pk)

    assert store_cache.store_value(store.site.pk, "probe", lambda: "new rows") == "new rows"


def test_a_change_is_dropped_again_after_its_transaction_commits(
    store, django_capture_on_commit_callbacks
):
    """A request of another process may cache the old rows before the change commits: the
    store's entries are dropped once more when it does."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        store_cache.forget_store(store.site.pk)
        during = store_cache.generation(store.site.pk)
        store_cache.store_value(store.site.pk, "probe", lambda: "old rows")

    assert len(callbacks) == 1
    callbacks[0]()
    assert store_cache.generation(store.site.pk) == during + 1
    assert store_cache.store_value(store.site.pk, "probe", lambda: "new rows") == "new rows"


def test_a_view_restriction_added_or_removed_applies_on_the_next_request(store):
    page = StorePage(title="Members", slug="members")
    store.site.root_page.add_child(instance=page)
    client = HttpClient(HTTP_HOST=store.site.hostname)
    assert 'name="password"' not in client.get("/members/").content.decode()  # now cached

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    refused = client.get("/members/")
    assert 'name="password"' in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]

    restriction.delete()
    assert 'name="password"' not in client.get("/members/").content.decode()

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from domains.models import Domain
from shop.models import StoreHomePage, StoreSettings
from tenants import services
from tenants.exceptions import InvalidStoreSlug, StoreAlreadyExists, StoreError
from tenants.models import Store
from tests.tenants.factories import StoreFactory
from themes.models import ThemeSettings
from themes.presets import Preset

pytestmark = pytest.mark.django_db

# Apps and models whose permissions would let a merchant reach beyond their own store.
PLATFORM_ONLY_MODELS = {
    ("auth", "user"),
    ("auth", "group"),
    ("auth", "permission"),
    ("wagtailcore", "site"),
    ("wagtailcore", "workflow"),
    ("wagtailcore", "task"),
    ("wagtailcore", "groupapprovaltask"),
    ("wagtailcore", "workflowpage"),
    ("wagtailcore", "workflowcontenttype"),
    ("wagtailcore", "collection"),
    ("wagtailredirects", "redirect"),
    ("tenants", "store"),
    ("domains", "domain"),
}


def _row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Site, Page, Group, Collection, Domain, Store, ThemeSettings, StoreSettings)
    }


def test_create_store_makes_site_on_its_subdomain_and_port():
    store = StoreFactory(slug="fjord", name="Fjord Supply")

    site = store.site
    assert site.hostname == f"fjord.{settings.STORES_DOMAIN}"
    assert site.port == settings.STORES_PORT
    assert site.site_name == "Fjord Supply"
    assert not site.is_default_site
    assert Site.objects.get(is_default_site=True) != site


def test_create_store_makes_live_home_page_under_the_tree_root():
    store = StoreFactory(slug="fjord", name="Fjord Supply")

    home = store.site.root_page.specific
    assert isinstance(home, StoreHomePage)
    assert home.title == "Fjord Supply"
    assert home.live
    assert home.get_parent().pk == Page.get_first_root_node().pk


def test_create_store_registers_active_primary_platform_domain():
    store = StoreFactory(slug="fjord")

    domain = Domain.objects.get(site=store.site)
    assert domain.hostname == store.site.hostname
    assert domain.kind == Domain.Kind.PLATFORM
    assert domain.status == Domain.Status.ACTIVE
    assert domain.is_primary


def test_create_store_makes_collection_under_root_collection():
    store = StoreFactory(slug="fjord", name="Fjord Supply")

    assert store.collection.get_parent() == Collection.get_first_root_node()
    assert "Fjord Supply" in store.collection.name


def test_staff_group_has_page_permissions_on_store_root_only():
    store = StoreFactory(slug="fjord")

    rows = GroupPagePermission.objects.filter(group=store.staff_group)
    assert {row.page_id for row in rows} == {store.site.root_page_id}
    assert set(rows.values_list("permission__codename", flat=True)) == set(
        services.PAGE_PERMISSIONS
    )


def test_staff_group_has_collection_permissions_on_store_collection_only():
    store = StoreFactory(slug="fjord")

    rows = GroupCollectionPermission.objects.filter(group=store.staff_group)
    assert {row.collection_id for row in rows} == {store.collection_id}
    assert not rows.filter(collection=Collection.get_first_root_node()).exists()
    assert set(rows.values_list("permission__codename", flat=True)) == {
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    }


def test_staff_group_may_change_its_own_site_settings_only():
    store = StoreFactory(slug="fjord")

    rows = GroupSitePermission.objects.filter(group=store.staff_group)
    assert {row.site_id for row in rows} == {store.site.pk}
    assert set(rows.values_list("permission__content_type__model", "permission__codename")) == {
        ("themesettings", "change_themesettings"),
        ("storesettings", "change_storesettings"),
    }


def test_create_store_keeps_site_settings_apart_from_other_stores():
    store, other = StoreFactory(slug="fjord"), StoreFactory(slug="dune")

    assert not GroupSitePermission.objects.filter(group=store.staff_group, site=other.site).exists()
    assert not GroupPagePermission.objects.filter(
        group=store.staff_group, page=other.site.root_page
    ).exists()


@pytest.mark.parametrize("preset", [Preset.LUXURY, Preset.MODERN])
def test_create_store_sets_theme_preset_and_store_settings(preset):
    store = StoreFactory(slug="fjord", preset=preset)

    assert ThemeSettings.for_site(store.site).preset == preset
    assert StoreSettings.objects.filter(site=store.site).count() == 1


def test_create_store_puts_owner_in_staff_group_without_platform_powers():
    store = StoreFactory(slug="fjord", owner_email="Owner@Fjord.TEST")

    owner = store.staff_group.user_set.get()
    assert owner.email == "owner@fjord.test"
    assert not owner.is_superuser
    assert owner.has_perm("wagtailadmin.access_admin")
    assert owner.check_password("correct-horse-battery-42")


def test_staff_group_has_no_user_group_site_workflow_or_redirect_permissions():
    store = StoreFactory(slug="fjord")
    owner = store.staff_group.user_set.get()

    granted = set(
        store.staff_group.permissions.values_list("content_type__app_label", "content_type__model")
    )
    assert not granted & PLATFORM_ONLY_MODELS
    for app_label, model in PLATFORM_ONLY_MODELS:
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model
        ):
            assert not owner.has_perm(f"{app_label}.{permission.codename}"), permission


def test_create_store_generates_a_password_for_a_new_owner_without_one():
    store, password = services.create_store(
        slug="fjord", name="Fjord", owner_email="new@fjord.test"
    )

    assert password
    assert store.staff_group.user_set.get().check_password(password)


def test_create_store_reuses_an_existing_owner_account():
    first = StoreFactory(slug="fjord", owner_email="owner@shops.test")

    second, password = services.create_store(
        slug="dune", name="Dune", owner_email="OWNER@shops.test"
    )

    assert password is None
    owner = first.staff_group.user_set.get()
    assert set(owner.groups.all()) == {first.staff_group, second.staff_group}


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("Fjord", id="uppercase"),
        pytest.param("fjord_supply", id="underscore"),
        pytest.param("-fjord", id="leading-hyphen"),
        pytest.param("fjord-", id="trailing-hyphen"),
        pytest.param("fjord.supply", id="dot"),
        pytest.param("a" * 64, id="64-chars"),
        pytest.param("", id="empty"),
        pytest.param("fjörd", id="non-ascii"),
    ],
)
def test_create_store_refuses_invalid_slug_and_writes_nothing(slug):
    before = _row_counts()

    with pytest.raises(InvalidStoreSlug, match="not a valid store name"):
        services.create_store(slug=slug, name="Fjord", owner_email="o@fjord.test")

    assert _row_counts() == before


def test_create_store_accepts_a_63_character_slug():
    store = StoreFactory(slug="a" * 63)

    assert store.site.hostname.startswith("a" * 63 + ".")


@pytest.mark.parametrize("slug", ["www", "admin", "api"])
def test_create_store_refuses_reserved_slug_and_writes_nothing(slug):
    before = _row_counts()

    with pytest.raises(InvalidStoreSlug, match="reserved"):
        services.create_store(slug=slug, name="Fjord", owner_email="o@fjord.test")

    assert _row_counts() == before


def test_create_store_refuses_duplicate_slug_and_writes_nothing():
    StoreFactory(slug="fjord")
    before = _row_counts()

    with pytest.raises(StoreAlreadyExists, match="fjord"):
        services.create_store(slug="fjord", name="Another", owner_email="x@other.test")

    assert _row_counts() == before


def test_create_store_refuses_unknown_preset_and_writes_nothing():
    before = _row_counts()

    with pytest.raises(StoreError, match="preset"):
        services.create_store(
            slug="fjord", name="Fjord", owner_email="o@fjord.test", preset="brutalist"
        )

    assert _row_counts() == before


def test_create_store_rolls_back_everything_when_a_late_step_fails(monkeypatch):
    def broken_owner(**kwargs):
        raise RuntimeError("mail server exploded")

    monkeypatch.setattr(services, "_owner", broken_owner)
    before = _row_counts()

    with pytest.raises(RuntimeError):
        services.create_store(slug="fjord", name="Fjord", owner_email="o@fjord.test")

    assert _row_counts() == before

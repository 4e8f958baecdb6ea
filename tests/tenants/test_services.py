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
from tenancy.scope import all_stores
from tenants import services
from tenants.exceptions import InvalidStoreSlug, StoreAlreadyExists, StoreError
from tenants.models import Store
from tenants.roles import Role
from tests.tenants.factories import StoreFactory, owner_of, role_group, staff_member
from tests.themes.editor import theme_of
from themes.models import StoreTheme
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
    with all_stores():
        return {
            model.__name__: model.objects.count()
            for model in (Site, Page, Group, Collection, Domain, Store, StoreTheme, StoreSettings)
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


MEDIA_PERMISSIONS = {
    "add_image",
    "change_image",
    "delete_image",
    "choose_image",
    "add_document",
    "change_document",
    "delete_document",
    "choose_document",
}
PAGE_PERMISSIONS = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}


def test_create_store_makes_one_group_per_role():
    store = StoreFactory(slug="fjord")

    groups = {row.role: row.group.name for row in store.role_groups.select_related("group")}
    assert groups == {
        Role.OWNER: "Store fjord: owner",
        Role.EDITOR: "Store fjord: editor",
        Role.SUPPORT: "Store fjord: support",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.OWNER, PAGE_PERMISSIONS), (Role.EDITOR, PAGE_PERMISSIONS), (Role.SUPPORT, set())],
)
def test_role_groups_have_page_permissions_on_store_root_only(role, expected):
    store = StoreFactory(slug="fjord")

    rows = GroupPagePermission.objects.filter(group=role_group(store, role))
    assert {row.page_id for row in rows} <= {store.site.root_page_id}
    assert set(rows.values_list("permission__codename", flat=True)) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.OWNER, MEDIA_PERMISSIONS), (Role.EDITOR, MEDIA_PERMISSIONS), (Role.SUPPORT, set())],
)
def test_role_groups_have_collection_permissions_on_store_collection_only(role, expected):
    store = StoreFactory(slug="fjord")

    rows = GroupCollectionPermission.objects.filter(group=role_group(store, role))
    assert {row.collection_id for row in rows} <= {store.collection_id}
    assert not rows.filter(collection=Collection.get_first_root_node()).exists()
    assert set(rows.values_list("permission__codename", flat=True)) == expected


def test_only_owners_may_change_the_stores_own_settings():
    store = StoreFactory(slug="fjord")

    rows = GroupSitePermission.objects.filter(group=role_group(store, Role.OWNER))
    assert {row.site_id for row in rows} == {store.site.pk}
    assert set(rows.values_list("permission__content_type__model", "permission__codename")) == {
        ("storesettings", "change_storesettings"),
        ("paymentsettings", "change_paymentsettings"),
    }
    for role in (Role.EDITOR, Role.SUPPORT):
        assert not GroupSitePermission.objects.filter(group=role_group(store, role)).exists()


@pytest.mark.parametrize(
    ("role", "granted", "refused"),
    [
        (
            Role.OWNER,
            {
                "shop.change_product",
                "shop.change_order",
                "crm_bridge.view_client",
                "themes.change_storetheme",
                "themes.publish_storetheme",
                "themes.lock_storetheme",
                "themes.unlock_storetheme",
            },
            {"themes.add_storetheme", "themes.delete_storetheme"},
        ),
        (
            Role.EDITOR,
            {"shop.add_product", "shop.change_stocklevel"},
            {
                "shop.view_order",
                "crm_bridge.view_client",
                "crm_bridge.view_ticket",
                "themes.change_storetheme",
            },
        ),
        (
            Role.SUPPORT,
            {"shop.view_product", "shop.change_order", "crm_bridge.change_ticket"},
            {
                "shop.change_product",
                "shop.add_product",
                "shop.change_stocklevel",
                "themes.change_storetheme",
            },
        ),
    ],
)
def test_role_groups_hold_their_roles_model_permissions(role, granted, refused):
    store = StoreFactory(slug="fjord")
    user = staff_member(store, role)

    assert user.has_perm("wagtailadmin.access_admin")
    assert all(user.has_perm(name) for name in granted), granted
    assert not any(user.has_perm(name) for name in refused), refused


def test_create_store_keeps_site_settings_apart_from_other_stores():
    store, other = StoreFactory(slug="fjord"), StoreFactory(slug="dune")

    for row in store.role_groups.all():
        assert not GroupSitePermission.objects.filter(group=row.group, site=other.site).exists()
        assert not GroupPagePermission.objects.filter(
            group=row.group, page=other.site.root_page
        ).exists()


@pytest.mark.parametrize("preset", [Preset.LUXURY, Preset.MODERN])
def test_create_store_sets_theme_preset_and_store_settings(preset):
    store = StoreFactory(slug="fjord", preset=preset)

    theme = theme_of(store)
    assert theme.preset == preset
    assert theme.live and not theme.has_unpublished_changes
    assert theme.live_revision == theme.latest_revision
    assert StoreSettings.objects.filter(site=store.site).count() == 1


def test_create_store_makes_the_owner_an_owner_without_platform_powers():
    store = StoreFactory(slug="fjord", owner_email="Owner@Fjord.TEST")

    owner = owner_of(store)
    assert owner.email == "owner@fjord.test"
    assert not owner.is_superuser
    assert owner.has_perm("wagtailadmin.access_admin")
    assert owner.check_password("correct-horse-battery-42")
    assert list(owner.groups.all()) == [role_group(store, Role.OWNER)]


@pytest.mark.parametrize("role", list(Role))
def test_no_role_has_user_group_site_workflow_or_redirect_permissions(role):
    store = StoreFactory(slug="fjord")
    member = staff_member(store, role)

    granted = set(
        role_group(store, role).permissions.values_list(
            "content_type__app_label", "content_type__model"
        )
    )
    assert not granted & PLATFORM_ONLY_MODELS
    for app_label, model in PLATFORM_ONLY_MODELS:
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model
        ):
            assert not member.has_perm(f"{app_label}.{permission.codename}"), permission


def test_create_store_generates_a_password_for_a_new_owner_without_one():
    store, password = services.create_store(
        slug="fjord", name="Fjord", owner_email="new@fjord.test"
    )

    assert password
    assert owner_of(store).check_password(password)


def test_create_store_reuses_an_existing_owner_account():
    first = StoreFactory(slug="fjord", owner_email="owner@shops.test")

    second, password = services.create_store(
        slug="dune", name="Dune", owner_email="OWNER@shops.test"
    )

    assert password is None
    owner = owner_of(first)
    assert set(owner.groups.all()) == {
        role_group(first, Role.OWNER),
        role_group(second, Role.OWNER),
    }


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

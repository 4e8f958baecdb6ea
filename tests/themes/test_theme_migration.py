"""The theme settings of stores made before the theme editor become published store
themes with a first revision, and owners keep the power to change them."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client as HttpClient
from wagtail.models import GroupSitePermission, ModelLogEntry, Site

from tenancy.scope import store_scope
from tenants.roles import Role
from tests.tenants.factories import role_group
from tests.themes.editor import theme_of
from themes.models import StoreTheme

to_store_themes = import_module("themes.migrations.0004_theme_settings_become_store_themes")
owners_edit = import_module("tenants.migrations.0006_owners_edit_the_store_theme")

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme_settings_table(postgresql_only):
    """The old model's table, as it was before the theme editor (inside the test's
    transaction, which PostgreSQL rolls back with the table), and the apps of that time."""
    old_apps = (
        MigrationExecutor(connection).loader.project_state([("themes", "0003_store_theme")]).apps
    )
    with connection.schema_editor() as editor:
        editor.create_model(old_apps.get_model("themes", "ThemeSettings"))
    return old_apps


@pytest.mark.postgres
def test_theme_settings_become_a_published_theme_with_a_first_revision(theme_settings_table, store):
    with store_scope([store.site.pk]):
        theme_of(store).delete()  # as before the theme editor
    old = theme_settings_table.get_model("themes", "ThemeSettings")
    old.objects.create(
        site_id=store.site.pk, preset="luxury", primary_color="#0a0b0c", tagline="Since 1901"
    )
    old.objects.create(site_id=Site.objects.get(is_default_site=True).pk, preset="modern")

    to_store_themes.theme_settings_become_store_themes(theme_settings_table, None)

    theme = theme_of(store)
    assert (theme.preset, theme.primary_color, theme.tagline) == ("luxury", "#0a0b0c", "Since 1901")
    assert theme.live and not theme.has_unpublished_changes
    assert theme.live_revision == theme.latest_revision
    assert theme.live_revision.as_object().primary_color == "#0a0b0c"
    assert ModelLogEntry.objects.filter(object_id=str(theme.pk), action="wagtail.publish")
    assert not StoreTheme._base_manager.filter(site__is_default_site=True).exists()
    storefront = HttpClient(HTTP_HOST=store.site.hostname).get("/").content.decode()
    assert "--color-primary: #0a0b0c" in storefront


def test_owners_get_the_themes_permissions_in_place_of_the_settings_one(store):
    owners = role_group(store, Role.OWNER)
    theme_permissions = Permission.objects.filter(content_type__app_label="themes")
    owners.permissions.remove(*theme_permissions)
    old_type, _ = ContentType.objects.get_or_create(app_label="themes", model="themesettings")
    old_permission, _ = Permission.objects.get_or_create(
        content_type=old_type, codename="change_themesettings", defaults={"name": "Can change"}
    )
    GroupSitePermission.objects.create(group=owners, site=store.site, permission=old_permission)

    owners_edit.owners_edit_the_store_theme(
        MigrationExecutor(connection).loader.project_state().apps, None
    )

    assert set(
        owners.permissions.filter(content_type__app_label="themes").values_list(
            "codename", flat=True
        )
    ) == set(owners_edit.THEME_PERMISSIONS)
    assert not GroupSitePermission.objects.filter(permission=old_permission).exists()
    editors = role_group(store, Role.EDITOR)
    assert not editors.permissions.filter(content_type__app_label="themes").exists()

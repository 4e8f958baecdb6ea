"""The theme became a store-owned snippet (themes 0003 to 0005): owners' groups get its
model permissions (edit, publish, lock, unlock) in place of the site-setting permission of
the old theme settings, which goes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

THEME_PERMISSIONS = [
    "change_storetheme",
    "publish_storetheme",
    "lock_storetheme",
    "unlock_storetheme",
]


def owners_edit_the_store_theme(apps, schema_editor):
    # Permissions are made after migrations run; the ones needed here are made now.
    themes = apps.get_app_config("themes")
    themes.models_module = True
    create_permissions(themes, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="themes", codename__in=THEME_PERMISSIONS
        )
    )
    for role_group in StoreGroup.objects.filter(role="owner").select_related("group"):
        role_group.group.permissions.add(*permissions)
    GroupSitePermission.objects.filter(
        permission__content_type__app_label="themes",
        permission__codename="change_themesettings",
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("tenants", "0005_unaccepted_members_become_invitations"),
        ("themes", "0005_theme_settings_removed"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(owners_edit_the_store_theme, migrations.RunPython.noop),
    ]

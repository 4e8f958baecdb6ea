# Owners and editors of every store edit its header and footer menus (shop.StoreMenu), as
# tenants.roles grants new stores' groups. The codenames are copied, not imported.

from django.contrib.auth.management import create_permissions
from django.db import migrations

MENUS = ["add_storemenu", "change_storemenu", "delete_storemenu", "view_storemenu"]
ROLES = ("owner", "editor")


def grant_menu_permissions(apps, schema_editor):
    # Permissions are made after migrations; make the new model's now (a migration's app
    # config has no models module, which create_permissions checks for).
    shop = apps.get_app_config("shop")
    shop.models_module = True
    create_permissions(shop, verbosity=0, apps=apps)
    shop.models_module = None
    Permission = apps.get_model("auth", "Permission")
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    permissions = list(
        Permission.objects.filter(content_type__app_label="shop", codename__in=MENUS)
    )
    for store_group in StoreGroup.objects.filter(role__in=ROLES).select_related("group"):
        store_group.group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0007_owners_see_newsletter_subscribers"),
        ("shop", "0008_store_menu"),
    ]

    operations = [migrations.RunPython(grant_menu_permissions, migrations.RunPython.noop)]

# Every role of every store sees the shoppers waiting for a sold-out variant
# (shop.BackInStockRequest), as tenants.roles grants new stores' groups: owners and editors
# with the inventory, support with the catalog it reads. The codename is copied, not
# imported.

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_backinstockrequest"]
ROLES = ("owner", "editor", "support")


def grant_back_in_stock_permissions(apps, schema_editor):
    # Permissions are made after migrations; make the new model's now (a migration's app
    # config has no models module, which create_permissions checks for).
    shop = apps.get_app_config("shop")
    shop.models_module = True
    create_permissions(shop, verbosity=0, apps=apps)
    shop.models_module = None
    Permission = apps.get_model("auth", "Permission")
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    permissions = list(
        Permission.objects.filter(content_type__app_label="shop", codename__in=CODENAMES)
    )
    for store_group in StoreGroup.objects.filter(role__in=ROLES).select_related("group"):
        store_group.group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0008_store_menu_permissions"),
        ("shop", "0013_stock_alerts_and_back_in_stock_requests"),
    ]

    operations = [
        migrations.RunPython(grant_back_in_stock_permissions, migrations.RunPython.noop)
    ]

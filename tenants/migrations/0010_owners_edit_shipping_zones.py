# Every store's owners set up its shipping zones and their rates (shop.ShippingZone, whose
# rates are edited with it), as tenants.roles grants new stores' owners. The codenames are
# copied, not imported.

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "add_shippingzone",
    "change_shippingzone",
    "delete_shippingzone",
    "view_shippingzone",
]
ROLES = ("owner",)


def grant_shipping_zone_permissions(apps, schema_editor):
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
        ("tenants", "0009_stock_alert_permissions"),
        ("shop", "0016_shipping_zones_rates_tax_and_locale"),
    ]

    operations = [
        migrations.RunPython(grant_shipping_zone_permissions, migrations.RunPython.noop)
    ]

# Every store's owners may refund orders (shop.Order's "refund_order" permission), as
# tenants.roles grants new stores' owner groups. The codename is copied, not imported.

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["refund_order"]
ROLES = ("owner",)


def grant_refund_permission(apps, schema_editor):
    # Permissions are made after migrations; make the new one now (a migration's app
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
        ("shop", "0017_returns_refund_failures_and_refund_permission"),
    ]

    operations = [migrations.RunPython(grant_refund_permission, migrations.RunPython.noop)]

# Every store's owners and editors plan its campaigns (shop.Campaign), as tenants.roles
# grants new stores' staff. The codenames are copied, not imported.

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_campaign", "change_campaign", "delete_campaign", "view_campaign"]
ROLES = ("owner", "editor")


def grant_campaign_permissions(apps, schema_editor):
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
        ("tenants", "0013_owners_and_editors_run_promotions"),
        ("shop", "0025_campaigns"),
    ]

    operations = [
        migrations.RunPython(grant_campaign_permissions, migrations.RunPython.noop)
    ]

"""Stores take cards through their payment settings (shop 0017): each store's owners get
the site-setting permission to edit them, for their own store only."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def owners_edit_payment_settings(apps, schema_editor):
    # Permissions are made after migrations run; the one needed here is made now.
    shop = apps.get_app_config("shop")
    shop.models_module = True
    create_permissions(shop, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    permission = Permission.objects.get(
        content_type__app_label="shop", codename="change_paymentsettings"
    )
    for role_group in StoreGroup.objects.filter(role="owner").select_related("store"):
        GroupSitePermission.objects.get_or_create(
            group_id=role_group.group_id, site_id=role_group.store.site_id, permission=permission
        )


class Migration(migrations.Migration):

    dependencies = [
        ("tenants", "0009_stock_alert_permissions"),
        ("shop", "0017_card_payments_and_stripe_events"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(owners_edit_payment_settings, migrations.RunPython.noop),
    ]

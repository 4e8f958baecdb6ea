# Owners of existing stores may read their newsletter subscribers (tenants.roles gives the
# permission to the owners' groups of stores created from now on).

from django.contrib.auth.management import create_permissions
from django.db import migrations


def owners_see_subscribers(apps, schema_editor):
    # Permissions of a new model are made after all migrations; make them now.
    shop = apps.get_app_config("shop")
    shop.models_module = True
    create_permissions(shop, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    permission = Permission.objects.get(
        content_type__app_label="shop", codename="view_newslettersubscriber"
    )
    for store_group in StoreGroup.objects.filter(role="owner").select_related("group"):
        store_group.group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0006_owners_edit_the_store_theme"),
        ("shop", "0006_newsletter_subscribers_and_block_library"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(owners_see_subscribers, migrations.RunPython.noop)]

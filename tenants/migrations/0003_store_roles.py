# Each store gets one group per staff role. The former single staff group becomes the
# owners' group; editors' and support groups are created with the permissions of
# tenants.roles as they stood when this migration was written (copied, not imported).

import django.db.models.deletion
from django.db import migrations, models

PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA = {
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
}
NEW_ROLES = {
    "editor": {
        "models": {
            "wagtailadmin": ["access_admin"],
            "shop": [
                "add_product", "change_product", "delete_product", "view_product",
                "view_stocklevel", "change_stocklevel", "view_stockmovement",
            ],
        },
        "pages": PAGES,
        "collections": MEDIA,
    },
    "support": {
        "models": {
            "wagtailadmin": ["access_admin"],
            "shop": [
                "view_product", "view_stocklevel", "view_stockmovement",
                "view_order", "change_order",
            ],
            "crm_bridge": ["view_client", "change_client", "view_ticket", "change_ticket"],
        },
        "pages": [],
        "collections": {},
    },
}


def _permissions(Permission, spec):
    for app_label, codenames in spec.items():
        yield from Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )


def split_staff_groups(apps, schema_editor):
    Store = apps.get_model("tenants", "Store")
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for store in Store.objects.select_related("site", "staff_group"):
        owners = store.staff_group
        owners.name = f"Store {store.slug}: owner"
        owners.save(update_fields=["name"])
        StoreGroup.objects.create(store=store, role="owner", group=owners)
        for role, spec in NEW_ROLES.items():
            group = Group.objects.create(name=f"Store {store.slug}: {role}")
            group.permissions.set(_permissions(Permission, spec["models"]))
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=spec["pages"]
            ):
                GroupPagePermission.objects.create(
                    group=group, page_id=store.site.root_page_id, permission=permission
                )
            for permission in _permissions(Permission, spec["collections"]):
                GroupCollectionPermission.objects.create(
                    group=group, collection_id=store.collection_id, permission=permission
                )
            StoreGroup.objects.create(store=store, role=role, group=group)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('tenants', '0002_platform_home_page'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='StoreGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('owner', 'Owner'), ('editor', 'Editor'), ('support', 'Support')], max_length=16)),
                ('group', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='store_role', to='auth.group')),
                ('store', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='role_groups', to='tenants.store')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('store', 'role'), name='one_group_per_store_role')],
            },
        ),
        migrations.RunPython(split_staff_groups, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='store',
            name='staff_group',
        ),
    ]

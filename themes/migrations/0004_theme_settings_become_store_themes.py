"""Every store's theme settings become its store theme, published, with a first revision
(and the log entry that lists it in the theme's history), so the storefront looks the same
and "revert" has a starting point."""

import uuid

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

# The new row has its own id; its site is set explicitly.
NOT_COPIED = {"id", "site"}


def theme_settings_become_store_themes(apps, schema_editor):
    ThemeSettings = apps.get_model("themes", "ThemeSettings")
    StoreTheme = apps.get_model("themes", "StoreTheme")
    Revision = apps.get_model("wagtailcore", "Revision")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="themes", model="storetheme")
    now = timezone.now()
    for settings in ThemeSettings.objects.select_related("site").order_by("pk"):
        if settings.site.is_default_site or StoreTheme.objects.filter(site=settings.site).exists():
            continue  # the platform's own site is no store
        theme = StoreTheme.objects.create(
            site_id=settings.site_id,
            live=True,
            first_published_at=now,
            last_published_at=now,
            **{
                field.attname: getattr(settings, field.attname)
                for field in ThemeSettings._meta.concrete_fields
                if field.name not in NOT_COPIED
            },
        )
        label = f"{settings.site.site_name or settings.site.hostname} theme"
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(theme.pk),
            created_at=now,
            object_str=label,
            content=get_serializable_data_for_fields(theme),
        )
        StoreTheme.objects.filter(pk=theme.pk).update(
            latest_revision=revision, live_revision=revision
        )
        ModelLogEntry.objects.create(
            content_type=content_type,
            object_id=str(theme.pk),
            label=label,
            action="wagtail.publish",
            data={},
            timestamp=now,
            uuid=uuid.uuid4(),
            revision=revision,
            content_changed=True,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("themes", "0003_store_theme"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(theme_settings_become_store_themes, migrations.RunPython.noop),
    ]

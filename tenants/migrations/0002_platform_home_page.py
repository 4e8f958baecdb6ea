"""Replace Wagtail's welcome page with the platform's landing page on the default Site."""

from django.db import migrations


def create_platform_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    PlatformHomePage = apps.get_model("tenants.PlatformHomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    welcome_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=welcome_type, slug="home", depth=2).delete()
    if Page.objects.filter(path="00010001").exists():
        return
    home_type, _ = ContentType.objects.get_or_create(model="platformhomepage", app_label="tenants")
    home = PlatformHomePage.objects.create(
        title="Open stores, built on Wagtail",
        draft_title="Open stores, built on Wagtail",
        intro="One platform, many online stores, each with its own address, theme and catalog.",
        slug="platform",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/platform/",
        live=True,
        locale=Locale.objects.order_by("pk").first(),
    )
    Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.update(is_default_site=False)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Storebuilder"
    )


def remove_platform_home(apps, schema_editor):
    apps.get_model("tenants.PlatformHomePage").objects.filter(path="00010001").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_platform_home, remove_platform_home)]

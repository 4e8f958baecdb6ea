"""Receivers that drop a store's cached theme values (``tenancy.store_cache``)."""

from django.core.exceptions import ObjectDoesNotExist

from tenancy.root_paths import site_id_of_page
from tenancy.store_cache import forget_store

from .theme import site_ids_showing_image


def forget_theme_on_change(sender, instance, **kwargs):
    """A store's theme was saved: published by hand, by Wagtail's scheduled publishing
    (``publish_scheduled``), unpublished or reverted. Its store shows the new one."""
    forget_store(instance.site_id)


def forget_overrides_on_change(sender, instance, **kwargs):
    """A page's theme override was written or removed (when the page is published)."""
    try:
        page = instance.page
    except ObjectDoesNotExist:  # the page itself is being deleted, which drops the store's
        return
    if page is not None and page.path:
        forget_store(site_id_of_page(page))


def forget_theme_on_image_change(sender, instance, **kwargs):
    """An image was changed (a new file, focal point, title) or is being deleted: the
    stores whose theme shows it as logo, favicon or share image show it anew.

    On deletion this runs before the theme's reference is set to null, which Django does
    with an UPDATE that sends no signal of the theme's own."""
    for site_id in site_ids_showing_image(instance):
        forget_store(site_id)

"""Receivers that drop a store's cached theme values (``tenancy.store_cache``)."""

from django.core.exceptions import ObjectDoesNotExist

from tenancy.root_paths import site_id_of_page
from tenancy.store_cache import forget_store


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

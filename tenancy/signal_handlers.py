"""Receivers that drop a store's cached values (``tenancy.store_cache``) when a page or
site of the store changes: its routes, menus, view restrictions and page-tree values are
built from the page tree."""

from wagtail.models import Page, Site

from .root_paths import site_id_of_page
from .store_cache import forget_store


def forget_store_on_page_change(sender, instance, **kwargs):
    """A page was saved, deleted, published, unpublished or moved: its store's routes,
    menus and page-tree values are built again."""
    if isinstance(instance, Page) and instance.path:
        forget_store(site_id_of_page(instance))


def forget_store_on_page_move(sender, instance, url_path_before="", **kwargs):
    """A moved page may have left one store's tree for another: both forget."""
    forget_store(site_id_of_page(instance))
    for site_id, root_path, _url, _language in Site.get_site_root_paths():
        if url_path_before.startswith(root_path):
            forget_store(site_id)


def forget_store_on_site_change(sender, instance, **kwargs):
    forget_store(instance.pk)


def forget_store_on_restriction_change(sender, instance, **kwargs):
    """A page view restriction was added, changed or removed: the store's pages check
    them again (``tenancy.page_access``)."""
    forget_store(site_id_of_page(instance.page))

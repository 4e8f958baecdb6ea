"""Receivers that drop a store's cached storefront values (``tenancy.store_cache``)."""

from tenancy.store_cache import forget_store


def forget_store_on_settings_change(sender, instance, **kwargs):
    """The store's settings or one of its menus was saved or deleted."""
    forget_store(instance.site_id)

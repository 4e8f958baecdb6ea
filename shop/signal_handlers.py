"""Receivers of the shop's own events: dropping a store's cached storefront values
(``tenancy.store_cache``) and enqueueing the shopper's emails."""

from tenancy.store_cache import forget_store

from .tasks import email_preorder_allocated_task


def forget_store_on_settings_change(sender, instance, **kwargs):
    """The store's settings or one of its menus was saved or deleted."""
    forget_store(instance.site_id)


def email_shopper_on_preorder_allocated(sender, allocation, **kwargs):
    """Stock reached a pre-ordered order line: its shopper is told, by a task."""
    email_preorder_allocated_task.delay(allocation.pk, allocation.site_id)

"""Receivers of the shop's own events: those that drop a store's cached storefront values
(``tenancy.store_cache``), those that hand stock movements to the alerts, and those that
enqueue the shoppers' and merchants' emails."""

from tenancy.store_cache import forget_store

from . import tasks
from .data.promotions import site_of_promotion_revision
from .order_emails import emails_for_event


def forget_store_on_settings_change(sender, instance, **kwargs):
    """The store's settings, one of its menus, shipping zones or rates was saved or
    deleted (a rate names its store through its zone)."""
    site_id = getattr(instance, "site_id", None)
    if site_id is None and getattr(instance, "zone_id", None):
        site_id = instance.zone.site_id
    forget_store(site_id)


def forget_store_on_promotion_revision(sender, instance, **kwargs):
    """A promotion's revision was saved or scheduled (``approved_go_live_at``): the store's
    book of promotions (``shop.promotions.book``) reads revisions, so it is built again."""
    forget_store(site_of_promotion_revision(instance))


def email_shopper_on_preorder_allocated(sender, allocation, **kwargs):
    """Stock reached a pre-ordered order line: its shopper is told, by a task."""
    tasks.email_preorder_allocated_task.delay(allocation.pk, allocation.site_id)


def record_stock_alerts_on_stock_changed(sender, movement, level, **kwargs):
    """Hand the movement to the stock alerts, in the background, with the count of units
    available before it (what a variant seen for the first time stood at)."""
    reserved_before = movement.reserved_after - movement.reserved_change
    previous = movement.balance_after - movement.quantity - reserved_before
    tasks.record_stock_alerts_task.delay(level.variant_id, level.site_id, previous)


def notify_shoppers_on_stock_back_in(sender, variant, level, **kwargs):
    """Email the shoppers who asked to hear when the variant is back."""
    tasks.notify_back_in_stock_task.delay(variant.pk, variant.site_id)


def handle_stripe_event_on_stored(sender, event, **kwargs):
    """A verified Stripe event for one of our payments: handled by a task."""
    tasks.handle_stripe_event_task.delay(event.pk)


def email_on_order_event_recorded(sender, event, **kwargs):
    """A timeline entry that calls for emails (order placed, shipped, refunded...) has them
    sent by a task."""
    if emails_for_event(event):
        tasks.send_order_emails_task.delay(event.pk, event.order.site_id)

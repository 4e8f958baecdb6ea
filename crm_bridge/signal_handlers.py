from . import tasks


def sync_crm_on_order_placed(sender, order, **kwargs):
    """Hand the order to the CRM in the background, never inside the shopper's request."""
    tasks.sync_order_to_crm_task.delay(order.pk, order.site_id)


def sync_crm_on_order_status_changed(sender, order, **kwargs):
    """Re-sync the client's figures and the ticket once an order is cancelled or moves on."""
    tasks.sync_order_to_crm_task.delay(order.pk, order.site_id)


def sync_stock_ticket_on_stock_alert(sender, variant, level, **kwargs):
    """A variant ran low, sold out, came back or was restocked: its stock ticket follows."""
    tasks.sync_stock_ticket_task.delay(variant.pk, variant.site_id)

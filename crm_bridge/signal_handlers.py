from . import tasks


def sync_crm_on_order_placed(sender, order, **kwargs):
    """Hand the order to the CRM in the background, never inside the shopper's request."""
    tasks.sync_order_to_crm_task.delay(order.pk, order.site_id)

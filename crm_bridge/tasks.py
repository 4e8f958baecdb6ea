from celery import shared_task

from shop.models import Order, ProductVariant
from tenancy.scope import store_scope

from . import services, stock_tickets


@shared_task(acks_late=True)
def sync_order_to_crm_task(order_id: int, site_id: int) -> None:
    """Create or update the client and the order's ticket. Running it twice is harmless.

    Works in the scope of the order's store (``site_id``): an order of another store is
    not found, and nothing is written.
    """
    with store_scope([site_id]):
        order = Order.objects.filter(pk=order_id).first()
        if order is not None:
            services.sync_order(order=order)


@shared_task(acks_late=True)
def sync_stock_ticket_task(variant_id: int, site_id: int) -> None:
    """Open, update or close the variant's stock ticket for its stock now. Running it
    twice is harmless. In the scope of the variant's store: another store's variant is not
    found, and nothing is written."""
    with store_scope([site_id]):
        variant = (
            ProductVariant.objects.filter(pk=variant_id).select_related("stock", "product").first()
        )
        if variant is not None:
            stock_tickets.sync_stock_ticket(variant=variant)

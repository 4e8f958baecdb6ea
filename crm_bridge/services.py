from django.db import transaction
from django.db.models import Count, Max, Sum

from shop.models import Order

from .models import Client, Ticket


@transaction.atomic
def sync_order(*, order: Order) -> Ticket:
    """Create or update the order's client and open the order's ticket.

    Idempotent: the client's figures are recomputed from the store's orders, and the
    ticket is unique per order, so running this twice leaves the same rows.
    """
    client, _ = Client.objects.get_or_create(site_id=order.site_id, email=order.email)
    client = Client.objects.select_for_update().get(pk=client.pk)
    figures = (
        Order.objects.for_site(order.site_id)
        .filter(email=order.email)
        .aggregate(count=Count("pk"), spent=Sum("total"), last=Max("placed_at"))
    )
    client.name = order.name or client.name
    client.phone = order.phone or client.phone
    client.orders_count = figures["count"]
    client.total_spent = figures["spent"] or 0
    client.last_order_at = figures["last"]
    client.currency = order.currency
    client.save()
    ticket, _ = Ticket.objects.get_or_create(
        order=order,
        defaults={"site_id": order.site_id, "client": client, "subject": f"Order #{order.number}"},
    )
    return ticket

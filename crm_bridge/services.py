from django.db import transaction
from django.db.models import Count, Max, Q, Sum

from shop.models import Order

from .models import Client, Ticket

# Orders that bring the store no money: they count as orders, not toward total spent.
NOT_SPENT = (Order.Status.CANCELLED, Order.Status.REFUNDED)


@transaction.atomic
def sync_order(*, order: Order) -> Ticket:
    """Create or update the order's client and the order's ticket.

    The client's name and phone are taken from the order only when the client is new: what
    a shopper types at checkout belongs to that order and never overwrites what the store
    knows (a difference is shown on the order and its ticket instead). The figures are
    recomputed from the store's orders, and a cancelled or refunded order closes its ticket.
    Idempotent: running this twice leaves the same rows.
    """
    client, _ = Client.objects.get_or_create(
        site_id=order.site_id,
        email=order.email,
        defaults={"name": order.name, "phone": order.phone, "currency": order.currency},
    )
    client = Client.objects.select_for_update().get(pk=client.pk)
    figures = (
        Order.objects.for_site(order.site_id)
        .filter(email=order.email)
        .aggregate(
            count=Count("pk"),
            spent=Sum("total", filter=~Q(status__in=NOT_SPENT)),
            last=Max("placed_at"),
        )
    )
    client.orders_count = figures["count"]
    client.total_spent = figures["spent"] or 0
    client.last_order_at = figures["last"]
    client.currency = order.currency
    client.save(update_fields=["orders_count", "total_spent", "last_order_at", "currency"])
    ticket, _ = Ticket.objects.get_or_create(
        order=order,
        defaults={"site_id": order.site_id, "client": client, "subject": f"Order #{order.number}"},
    )
    if order.status in NOT_SPENT and ticket.status != Ticket.Status.CLOSED:
        ticket.status = Ticket.Status.CLOSED
        ticket.save(update_fields=["status", "updated_at"])
    return ticket

"""The one way an entry is added to an order's timeline (ADR 41).

Kept apart from ``lifecycle`` so that the services ``lifecycle`` itself calls (issuing an
invoice when an order is paid) can write their own entries.
"""

from django.db import transaction

from ..data import Order, OrderEvent
from ..signals import order_event_recorded


def _actor(user, actor: str) -> dict:
    return {"user": user if getattr(user, "pk", None) else None, "actor": actor[:100]}


def record_event(
    *, order: Order, kind: str, user=None, actor: str = "", message: str = "", **data
) -> OrderEvent:
    """Add one entry to the order's timeline; ``order_event_recorded`` goes after commit."""
    event = OrderEvent.objects.create(
        order=order, kind=kind, message=message, data=data, **_actor(user, actor)
    )
    transaction.on_commit(lambda: order_event_recorded.send(sender=OrderEvent, event=event))
    return event

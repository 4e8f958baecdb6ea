"""Returns: asked for by the shopper, approved or declined by the merchant.

A shopper asks for units that were shipped, within the store's return window, each line
once (a declined request frees its units); the merchant decides once. Approving can refund
the units (and put them back in stock) through ``refunds.refund`` in the same transaction:
a refund the provider refuses leaves the request open. Every step writes a timeline entry,
RETURN_REQUESTED, RETURN_APPROVED or RETURN_REJECTED with ``{"return": pk}``.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..data import Order, OrderEvent, ReturnLine, ReturnRequest, StoreSettings
from ..exceptions import ReturnRefused
from .lifecycle import lock_order, record_event
from .progress import line_progress
from .refunds import refund as refund_order

Kind = OrderEvent.Kind
RETURNABLE = frozenset({Order.Status.SHIPPED, Order.Status.DELIVERED})
REASON_MAX = 1000


def return_deadline(order: Order):
    """The last moment the shopper may ask for a return, or None when they may not."""
    days = StoreSettings.for_site(order.site).return_window_days
    last = order.fulfilments.aggregate(shipped=Max("shipped_at"), delivered=Max("delivered_at"))
    started = last["delivered"] or last["shipped"]
    if not days or started is None:
        return None
    return started + timedelta(days=days)


def can_request_return(order: Order) -> bool:
    deadline = return_deadline(order)
    return order.status in RETURNABLE and deadline is not None and timezone.now() <= deadline


def _chosen(order, lines) -> dict[int, int]:
    progress = line_progress(order)
    chosen = {}
    for line_id, quantity in lines.items():
        try:
            line_id, quantity = int(line_id), int(quantity)
        except (TypeError, ValueError):
            raise ReturnRefused("Give a whole number of items for each line.") from None
        if line_id not in progress:
            raise ReturnRefused(f"That item is not part of {order}.")
        item = progress[line_id]
        if quantity < 0 or quantity > item.returnable:
            raise ReturnRefused(
                f"{item.line.product_title}: you can return up to {item.returnable}."
            )
        if quantity and item.returned:
            raise ReturnRefused(f"{item.line.product_title} has a return already.")
        if quantity:
            chosen[line_id] = quantity
    if not chosen:
        raise ReturnRefused("Choose at least one item to return.")
    return chosen


@transaction.atomic
def request_return(*, order: Order, lines: dict, reason: str) -> ReturnRequest:
    """The shopper asks to send back ``lines`` ({order line id: units}) of ``order``."""
    locked = lock_order(order)
    reason = reason.strip()
    if locked.status not in RETURNABLE:
        raise ReturnRefused(f"{locked} can be returned once it has been shipped.")
    if not can_request_return(locked):
        raise ReturnRefused(f"The return window of {locked} is over.")
    if not reason:
        raise ReturnRefused("Tell the store why you are returning the items.")
    if len(reason) > REASON_MAX:
        raise ReturnRefused(f"Keep the reason under {REASON_MAX} characters.")
    chosen = _chosen(locked, lines)
    request = ReturnRequest.objects.create(order=locked, reason=reason)
    ReturnLine.objects.bulk_create(
        ReturnLine(return_request=request, order_line_id=line_id, quantity=quantity)
        for line_id, quantity in chosen.items()
    )
    record_event(
        order=locked,
        kind=Kind.RETURN_REQUESTED,
        actor="Shopper",
        message=reason,
        **{"return": request.pk},
    )
    return request


def _decide(return_request: ReturnRequest):
    order = lock_order(return_request.order)
    request = ReturnRequest.objects.select_for_update().get(pk=return_request.pk, order=order)
    if not request.is_open:
        raise ReturnRefused(f"That return was {request.get_status_display().lower()} already.")
    return order, request


@transaction.atomic
def approve_return(
    *, return_request: ReturnRequest, refund: bool = True, restock: bool = True, user=None
) -> ReturnRequest:
    """Accept the return; with ``refund``, give back its units' price (and with
    ``restock`` put them back in stock). Once: a decided request is refused."""
    order, request = _decide(return_request)
    if refund:
        lines = {line.order_line_id: line.quantity for line in request.lines.all()}
        request.refund = refund_order(
            order=order,
            lines=lines,
            restock=restock,
            reason=f"Return {request.pk}",
            user=user,
        )
    request.status = ReturnRequest.Status.APPROVED
    request.decided_at = timezone.now()
    request.decided_by = user if getattr(user, "pk", None) else None
    request.save()
    record_event(order=order, kind=Kind.RETURN_APPROVED, user=user, **{"return": request.pk})
    return_request.status = request.status
    return request


@transaction.atomic
def reject_return(*, return_request: ReturnRequest, message: str = "", user=None) -> ReturnRequest:
    """Decline the return, saying why (shown to the shopper). Its units may be asked
    for again."""
    order, request = _decide(return_request)
    request.status = ReturnRequest.Status.REJECTED
    request.response = message.strip()[:REASON_MAX]
    request.decided_at = timezone.now()
    request.decided_by = user if getattr(user, "pk", None) else None
    request.save()
    record_event(
        order=order,
        kind=Kind.RETURN_REJECTED,
        user=user,
        message=request.response,
        **{"return": request.pk},
    )
    return_request.status = request.status
    return request

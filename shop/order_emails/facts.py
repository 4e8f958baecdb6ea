"""What an event's email is about, read from the timeline entry that sends it."""

from decimal import Decimal, InvalidOperation

from ..data import Fulfilment, FulfilmentLine, OrderEvent, Refund
from .content import EmailFacts


def _named(model, order, pk):
    if not isinstance(pk, int):
        return None
    return model.objects.filter(order=order, pk=pk).first()


def _amount(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _parcel_lines(fulfilment) -> list:
    if fulfilment is None:
        return []
    return list(FulfilmentLine.objects.filter(fulfilment=fulfilment).select_related("order_line"))


def facts_for_event(event: OrderEvent) -> EmailFacts:
    """The order, its lines, and the fulfilment or refund ``event`` names. A shipping
    event without a fulfilment (the status changed by hand) shows the order's latest
    shipped parcel, if any."""
    order = event.order
    fulfilment = _named(Fulfilment, order, event.data.get("fulfilment"))
    if fulfilment is None and event.kind in (OrderEvent.Kind.SHIPPED, "status_changed"):
        fulfilment = (
            Fulfilment.objects.filter(order=order, shipped_at__isnull=False)
            .order_by("-shipped_at", "-pk")
            .first()
        )
    refund = _named(Refund, order, event.data.get("refund"))
    amount = refund.amount if refund is not None else _amount(event.data.get("amount"))
    return EmailFacts(
        order=order,
        lines=list(order.lines.all()),
        fulfilment=fulfilment,
        refund=refund,
        refund_amount=amount,
        parcel_lines=_parcel_lines(fulfilment),
    )


def facts_for_order(order) -> EmailFacts:
    """An order as every email of it would show it now: its latest parcel and refund.
    What the admin previews of a real order show."""
    fulfilment = Fulfilment.objects.filter(order=order).order_by("-created_at", "-pk").first()
    refund = Refund.objects.filter(order=order).order_by("-created_at", "-pk").first()
    return EmailFacts(
        order=order,
        lines=list(order.lines.all()),
        fulfilment=fulfilment,
        refund=refund,
        refund_amount=refund.amount if refund is not None else None,
        parcel_lines=_parcel_lines(fulfilment),
    )

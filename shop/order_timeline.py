"""An order's timeline as the merchant reads it: who, when, what, one sentence per event,
with the parcel, refund or return it names."""

from dataclasses import dataclass
from datetime import datetime

from .data import Fulfilment, Order, OrderEvent, Refund, ReturnRequest
from .templatetags.shop_tags import money

Kind = OrderEvent.Kind


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    when: datetime
    by: str
    title: str
    detail: str
    message: str

    @property
    def is_note(self) -> bool:
        return self.kind == Kind.NOTE


def _status(value) -> str:
    try:
        return Order.Status(value).label.lower()
    except ValueError:
        return str(value)


def _parcel(parcel: Fulfilment | None) -> str:
    if parcel is None:
        return ""
    units = ", ".join(str(line) for line in parcel.lines.all())
    carrier = " ".join(part for part in (parcel.carrier, parcel.tracking_number) if part)
    return f"{units}" + (f" · {carrier}" if carrier else "")


def _detail(event: OrderEvent, order: Order, rows: dict) -> str:
    data = event.data or {}
    parts = []
    if "fulfilment" in data:
        parts.append(_parcel(rows["fulfilments"].get(data["fulfilment"])))
    if "amount" in data:
        parts.append(money(data["amount"], order))
        refund = rows["refunds"].get(data.get("refund"))
        if refund is not None and refund.restock:
            parts.append("items back in stock")
    if "return" in data:
        request = rows["returns"].get(data["return"])
        if request is not None:
            parts.append(", ".join(str(line) for line in request.lines.all()))
    if "via" in data:
        parts.append(f"via {data['via'].replace('_', ' ')}")
    if "from" in data and "to" in data:
        parts.append(f"{_status(data['from'])} → {_status(data['to'])}")
    return " · ".join(part for part in parts if part)


def _title(event: OrderEvent) -> str:
    """What happened, in words: "Invoice INV-0001 issued" for a document."""
    reference = (event.data or {}).get("reference")
    if event.kind == Kind.INVOICE_ISSUED and reference:
        return f"Invoice {reference} issued"
    if event.kind == Kind.CREDIT_NOTE_ISSUED and reference:
        return f"Credit note {reference} issued"
    return event.get_kind_display()


def order_timeline(order: Order) -> list[TimelineEntry]:
    """The order's events, newest first, each with its parcel, refund or return."""
    events = list(OrderEvent.objects.filter(order=order).select_related("user"))
    rows = {
        "fulfilments": {
            f.pk: f
            for f in Fulfilment.objects.filter(order=order).prefetch_related("lines__order_line")
        },
        "refunds": {r.pk: r for r in Refund.objects.filter(order=order)},
        "returns": {
            r.pk: r
            for r in ReturnRequest.objects.filter(order=order).prefetch_related("lines__order_line")
        },
    }
    return [
        TimelineEntry(
            kind=event.kind,
            when=event.created_at,
            by=event.by,
            title=_title(event),
            detail=_detail(event, order, rows),
            message=event.message,
        )
        for event in reversed(events)
    ]

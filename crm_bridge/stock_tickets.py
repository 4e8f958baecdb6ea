"""Stock tasks for the merchant: one ticket per variant while it is low or sold out.

``sync_stock_ticket`` reads the variant's stock now and brings its ticket in line: it
opens a ticket when the variant is low or sold out and none is open, turns a low-stock
ticket into a sold-out one (and back, with a note, after a partial restock), and closes it
with a note once the variant has more than its threshold again. It never opens a second
ticket for a variant: the open one is locked and updated, and the database refuses a
second (``one_open_stock_ticket_per_variant``). Running it twice changes nothing more.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from shop.models import ProductVariant
from shop.services.alerts import stock_state

from .models import Ticket

OPEN = (Ticket.Status.OPEN, Ticket.Status.IN_PROGRESS)
KIND_OF_STATE = {"low": Ticket.Kind.STOCK_LOW, "out": Ticket.Kind.STOCK_OUT}


def _subject(kind: str, variant) -> str:
    label = "Sold out" if kind == Ticket.Kind.STOCK_OUT else "Low stock"
    return f"{label}: {variant} (SKU {variant.sku})"


def _line(text: str) -> str:
    return f"{timezone.localtime():%Y-%m-%d %H:%M} {text}"


def _append(ticket: Ticket, text: str) -> None:
    ticket.notes = "\n".join(filter(None, [ticket.notes, _line(text)]))


def _describe(level) -> str:
    return f"{level.available} available (threshold {level.low_threshold})."


@transaction.atomic
def sync_stock_ticket(*, variant: ProductVariant) -> Ticket | None:
    """Open, update or close the variant's stock ticket for its stock now; the ticket."""
    level = getattr(variant, "stock", None)
    if level is None or not variant.track_inventory:
        return None
    ticket = (
        Ticket.objects.select_for_update()
        .filter(variant=variant, status__in=OPEN)
        .order_by("pk")
        .first()
    )
    state = stock_state(available=level.available, threshold=level.low_threshold)
    if state == "in":
        if ticket is not None:
            _append(ticket, f"Restocked: {_describe(level)} Closed.")
            ticket.status = Ticket.Status.CLOSED
            ticket.save(update_fields=["status", "notes", "updated_at"])
        return ticket
    kind = KIND_OF_STATE[state]
    if ticket is None:
        return _open_ticket(variant=variant, kind=kind, level=level)
    if ticket.kind != kind:
        was = ticket.get_kind_display().lower()
        now = "sold out" if kind == Ticket.Kind.STOCK_OUT else "low on stock"
        _append(ticket, f"Now {now} (was {was}): {_describe(level)}")
        ticket.kind = kind
        ticket.subject = _subject(kind, variant)
        ticket.save(update_fields=["kind", "subject", "notes", "updated_at"])
    return ticket


def _open_ticket(*, variant, kind, level) -> Ticket:
    what = "Sold out" if kind == Ticket.Kind.STOCK_OUT else "Low on stock"
    try:
        with transaction.atomic():
            return Ticket.objects.create(
                site_id=variant.site_id,
                kind=kind,
                variant=variant,
                subject=_subject(kind, variant),
                notes=_line(f"{what}: {_describe(level)}"),
            )
    except IntegrityError:  # opened at the same moment by another run: that one stands
        return Ticket.objects.get(variant=variant, status__in=OPEN)

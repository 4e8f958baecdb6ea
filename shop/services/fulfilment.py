"""Packing, shipping and delivering an order's units (``Fulfilment``).

Every function locks the order row first (``lifecycle.lock_order``), so two merchants
fulfilling the same order at once cannot pack a unit twice, and moves the order's status
through ``lifecycle.transition`` alone: the transition table decides whether an order may be
fulfilled (paid, or unpaid with cash on delivery). Each writes one timeline entry,
FULFILLED or SHIPPED with ``{"fulfilment": pk}``, or DELIVERED.
"""

from urllib.parse import quote

from django.db import transaction
from django.utils import timezone

from ..data import Fulfilment, FulfilmentLine, Order, OrderEvent
from ..exceptions import FulfilmentRefused
from .lifecycle import allowed_next, lock_order, record_event, transition
from .progress import all_units_settled, line_progress

S = Order.Status
Kind = OrderEvent.Kind

# Carriers whose tracking page is known: the tracking URL is made from the number when
# the merchant gives none.
CARRIERS: dict[str, str] = {
    "Posten": "https://sporing.posten.no/sporing/{number}",
    "Bring": "https://tracking.bring.com/tracking/{number}",
    "PostNord": "https://www.postnord.com/track-and-trace?shipmentId={number}",
    "DHL": "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}",
    "UPS": "https://www.ups.com/track?tracknum={number}",
    "FedEx": "https://www.fedex.com/fedextrack/?trknbr={number}",
    "Royal Mail": "https://www.royalmail.com/track-your-item#/tracking-results/{number}",
    "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
    "GLS": "https://gls-group.com/track/{number}",
    "DPD": "https://tracking.dpd.de/status/en_US/parcel/{number}",
}


def tracking_url_for(carrier: str, tracking_number: str) -> str:
    """The carrier's tracking page for the number, or "" for a carrier we do not know."""
    template = CARRIERS.get(carrier.strip())
    if not template or not tracking_number.strip():
        return ""
    return template.format(number=quote(tracking_number.strip(), safe=""))


def _status_after(order: Order, *, settled: bool, all_shipped: bool) -> str:
    if not settled:
        return S.PARTIALLY_FULFILLED
    return S.SHIPPED if all_shipped else S.FULFILLED


def _move(order, *, status, kind, user, **data) -> Order:
    """Move to ``status`` with an entry of ``kind``, or only add the entry when the order
    is there already (a second parcel of a partially fulfilled order)."""
    if status != order.status:
        return transition(order=order, status=status, user=user, kind=kind, **data)
    record_event(order=order, kind=kind, user=user, **data)
    return order


def _checked_quantities(order, progress, lines) -> dict[int, int]:
    wanted = {}
    for line_id, quantity in lines.items():
        try:
            line_id, quantity = int(line_id), int(quantity)
        except (TypeError, ValueError):
            raise FulfilmentRefused("Give a whole number of units for each line.") from None
        if line_id not in progress:
            raise FulfilmentRefused(f"That line is not one of {order}'s.")
        if quantity < 0:
            raise FulfilmentRefused("A quantity cannot be negative.")
        if quantity > progress[line_id].to_fulfil:
            item = progress[line_id]
            raise FulfilmentRefused(
                f"{item.line.product_title}: only {item.to_fulfil} left to fulfil, not {quantity}."
            )
        if quantity:
            wanted[line_id] = quantity
    if not wanted:
        raise FulfilmentRefused("Choose at least one unit to fulfil.")
    return wanted


@transaction.atomic
def fulfil(
    *,
    order: Order,
    lines: dict,
    carrier: str = "",
    tracking_number: str = "",
    tracking_url: str = "",
    ship: bool = True,
    user=None,
) -> Fulfilment:
    """Pack ``lines`` ({order line id: units}) of ``order`` into one fulfilment, handed to
    the carrier at once when ``ship``. Units are limited to those neither fulfilled nor
    refunded yet; a line of another order is refused."""
    locked = lock_order(order)
    progress = line_progress(locked)
    wanted = _checked_quantities(locked, progress, lines)
    for line_id, quantity in wanted.items():
        progress[line_id].fulfilled += quantity
    shipped_before = not locked.fulfilments.filter(shipped_at=None).exists()
    settled = all_units_settled(progress)
    target = _status_after(locked, settled=settled, all_shipped=ship and shipped_before)
    if target != locked.status and target not in allowed_next(locked):
        raise FulfilmentRefused(_not_now(locked))
    fulfilment = Fulfilment.objects.create(
        order=locked,
        carrier=carrier.strip(),
        tracking_number=tracking_number.strip(),
        tracking_url=tracking_url.strip() or tracking_url_for(carrier, tracking_number),
        shipped_at=timezone.now() if ship else None,
        created_by=user if getattr(user, "pk", None) else None,
    )
    FulfilmentLine.objects.bulk_create(
        FulfilmentLine(fulfilment=fulfilment, order_line_id=line_id, quantity=quantity)
        for line_id, quantity in wanted.items()
    )
    _move(
        locked,
        status=target,
        kind=Kind.SHIPPED if ship else Kind.FULFILLED,
        user=user,
        fulfilment=fulfilment.pk,
    )
    order.status = locked.status
    return fulfilment


def _not_now(order: Order) -> str:
    if order.status == S.PENDING_PAYMENT:
        return f"{order} is not paid yet: mark it paid before fulfilling it."
    return f"{order} is {order.get_status_display().lower()}: nothing more can be fulfilled."


@transaction.atomic
def mark_shipped(
    *, fulfilment: Fulfilment, carrier="", tracking_number="", tracking_url="", user=None
) -> Fulfilment:
    """Hand a packed fulfilment to the carrier (with its tracking, if given now). Once:
    shipping it again is refused. The order is shipped when every unit is."""
    locked = lock_order(fulfilment.order)
    fulfilment = Fulfilment.objects.select_for_update().get(pk=fulfilment.pk, order=locked)
    if fulfilment.shipped_at:
        raise FulfilmentRefused(f"That parcel of {locked} was shipped already.")
    if carrier.strip():
        fulfilment.carrier = carrier.strip()
    if tracking_number.strip():
        fulfilment.tracking_number = tracking_number.strip()
    fulfilment.tracking_url = (
        tracking_url.strip()
        or fulfilment.tracking_url
        or tracking_url_for(fulfilment.carrier, fulfilment.tracking_number)
    )
    fulfilment.shipped_at = timezone.now()
    fulfilment.save()
    settled = all_units_settled(line_progress(locked))
    all_shipped = not locked.fulfilments.filter(shipped_at=None).exists()
    target = _status_after(locked, settled=settled, all_shipped=all_shipped)
    if target != locked.status and target not in allowed_next(locked):
        raise FulfilmentRefused(_not_now(locked))
    _move(locked, status=target, kind=Kind.SHIPPED, user=user, fulfilment=fulfilment.pk)
    return fulfilment


@transaction.atomic
def mark_delivered(*, order: Order, user=None, actor: str = "") -> Order:
    """Record that the shipped order reached the shopper (the table allows it from shipped
    only); its parcels get their delivery time."""
    locked = lock_order(order)
    if S.DELIVERED not in allowed_next(locked):
        raise FulfilmentRefused(
            f"{locked} is {locked.get_status_display().lower()}: "
            "only a shipped order can be delivered."
        )
    locked.fulfilments.filter(delivered_at=None).exclude(shipped_at=None).update(
        delivered_at=timezone.now()
    )
    transition(order=locked, status=S.DELIVERED, user=user, actor=actor, kind=Kind.DELIVERED)
    order.status = S.DELIVERED
    return locked

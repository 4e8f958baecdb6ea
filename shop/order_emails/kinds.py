"""Which email each timeline event sends, and to whom.

An offline order (bank transfer, cash on delivery) is confirmed when it is placed: the
shopper's confirmation says how to pay, and the merchant hears of it at once. A card order
is confirmed when its payment arrives: a card order whose payment never came is not one the
shopper or the merchant should hear about. Shipping and delivery follow the ``shipped`` and
``delivered`` events and, for status changes made without a fulfilment, the ``status
changed`` event that moved the order there.
"""

from dataclasses import dataclass

from ..data import Order, OrderEmail, OrderEvent

Kind = OrderEvent.Kind
SHOPPER = OrderEmail.Recipient.SHOPPER
MERCHANT = OrderEmail.Recipient.MERCHANT


@dataclass(frozen=True)
class EmailKind:
    """One email of an order's life: its key, who receives it, and its admin label."""

    key: str
    recipient: str
    label: str
    description: str

    @property
    def template_base(self) -> str:
        return f"shop/email/order/{self.key}"


EMAILS: dict[str, EmailKind] = {
    kind.key: kind
    for kind in (
        EmailKind(
            "confirmation",
            SHOPPER,
            "Order confirmation",
            "When an order is placed (bank transfer, cash on delivery: with how to pay) or, "
            "for a card order, when its payment arrives.",
        ),
        EmailKind(
            "payment_received",
            SHOPPER,
            "Payment received",
            "When you mark a bank transfer or cash on delivery order paid.",
        ),
        EmailKind(
            "shipped",
            SHOPPER,
            "Order shipped",
            "When a parcel is handed to the carrier, with its tracking number and link.",
        ),
        EmailKind("delivered", SHOPPER, "Order delivered", "When an order is delivered."),
        EmailKind("cancelled", SHOPPER, "Order cancelled", "When an order is cancelled."),
        EmailKind("refunded", SHOPPER, "Refund", "When money is refunded, with the amount."),
        EmailKind(
            "new_order",
            MERCHANT,
            "New order (to you)",
            "To the store's contact email (else its owners) for each new order.",
        ),
    )
}


def _status_reached(event: OrderEvent) -> str:
    return event.data.get("to", "") if event.kind == Kind.STATUS_CHANGED else ""


def emails_for_event(event: OrderEvent) -> list[EmailKind]:
    """The emails ``event`` sends (none for notes, failed payments, emails sent...)."""
    order: Order = event.order
    card = order.payment_method == Order.PaymentMethod.CARD
    if event.kind == Kind.PLACED:
        return [] if card else [EMAILS["confirmation"], EMAILS["new_order"]]
    if event.kind == Kind.PAYMENT_RECEIVED:
        if card:
            return [EMAILS["confirmation"], EMAILS["new_order"]]
        return [EMAILS["payment_received"]]
    reached = _status_reached(event)
    if event.kind == Kind.SHIPPED or reached == Order.Status.SHIPPED:
        return [EMAILS["shipped"]]
    if event.kind == Kind.DELIVERED or reached == Order.Status.DELIVERED:
        return [EMAILS["delivered"]]
    if event.kind == Kind.CANCELLED:
        return [EMAILS["cancelled"]]
    if event.kind == Kind.REFUNDED:
        return [EMAILS["refunded"]]
    return []


# Kinds that may send an email: the receiver enqueues nothing for the others.
KINDS_WITH_EMAILS = frozenset(
    {
        Kind.PLACED,
        Kind.PAYMENT_RECEIVED,
        Kind.SHIPPED,
        Kind.DELIVERED,
        Kind.CANCELLED,
        Kind.REFUNDED,
        Kind.STATUS_CHANGED,
    }
)

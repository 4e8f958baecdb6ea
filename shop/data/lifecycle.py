"""What happens to an order after it is placed: its timeline, fulfilments and refunds.

Rows here are written by ``shop.services.lifecycle`` only (ADR 41). They belong to the
order's store through the order, as order lines do.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

from ..validators import no_invisible_characters, no_invisible_characters_multiline
from .orders import Order, OrderLine


class ByOrderQuerySet(StoreOwnedQuerySet):
    site_field = "order__site"


class ByOrderLineQuerySet(StoreOwnedQuerySet):
    site_field = "order_line__order__site"


class OrderEvent(models.Model):
    """One entry of an order's timeline: who did what, when. Append-only."""

    class Kind(models.TextChoices):
        PLACED = "placed", "Order placed"
        PAYMENT_RECEIVED = "payment_received", "Payment received"
        PAYMENT_FAILED = "payment_failed", "Payment failed"
        STATUS_CHANGED = "status_changed", "Status changed"
        FULFILLED = "fulfilled", "Items fulfilled"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"
        REFUNDED = "refunded", "Refunded"
        RETURN_REQUESTED = "return_requested", "Return requested"
        RETURN_APPROVED = "return_approved", "Return approved"
        RETURN_REJECTED = "return_rejected", "Return declined"
        NOTE = "note", "Internal note"
        EMAIL_SENT = "email_sent", "Email sent"
        INVOICE_ISSUED = "invoice_issued", "Invoice issued"
        CREDIT_NOTE_ISSUED = "credit_note_issued", "Credit note issued"

    # Kinds a shopper sees on the order tracking page; the others are the merchant's own.
    SHOPPER_KINDS = frozenset(
        {
            Kind.PLACED,
            Kind.PAYMENT_RECEIVED,
            Kind.FULFILLED,
            Kind.SHIPPED,
            Kind.DELIVERED,
            Kind.CANCELLED,
            Kind.REFUNDED,
            Kind.RETURN_REQUESTED,
            Kind.RETURN_APPROVED,
            Kind.RETURN_REJECTED,
        }
    )

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The staff member who acted; empty when the shopper or the system did (``actor`` says).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(max_length=100, blank=True, help_text="Shopper, Stripe, System…")
    message = models.TextField(blank=True, validators=[no_invisible_characters_multiline])
    # What the event is about, by id and value: {"from": "paid", "to": "shipped"},
    # {"fulfilment": 3}, {"refund": 7, "amount": "12.50"}. JSON-safe values only.
    data = models.JSONField(default=dict, blank=True)

    objects = StoreScopedManager.from_queryset(ByOrderQuerySet)()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["order", "created_at"], name="order_event_timeline")]

    def __str__(self):
        return f"{self.order}: {self.get_kind_display()}"

    @property
    def by(self) -> str:
        """Who acted, as the timeline names them."""
        if self.user_id:
            return self.user.get_full_name() or self.user.get_username()
        return self.actor or "System"


class Fulfilment(models.Model):
    """Units of some of an order's lines packed together, and handed to a carrier once
    ``shipped_at`` is set."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfilments")
    carrier = models.CharField(max_length=100, blank=True, validators=[no_invisible_characters])
    tracking_number = models.CharField(
        max_length=100, blank=True, validators=[no_invisible_characters]
    )
    tracking_url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StoreScopedManager.from_queryset(ByOrderQuerySet)()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Fulfilment {self.pk} of {self.order}"

    @property
    def number(self) -> int:
        """The parcel's place among its order's parcels, as packed: 1, 2, 3."""
        return (
            Fulfilment._base_manager.filter(order_id=self.order_id)
            .filter(
                models.Q(created_at__lt=self.created_at)
                | models.Q(created_at=self.created_at, pk__lte=self.pk)
            )
            .count()
        )


class FulfilmentLine(models.Model):
    fulfilment = models.ForeignKey(Fulfilment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.PROTECT, related_name="fulfilment_lines"
    )
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    objects = StoreScopedManager.from_queryset(ByOrderLineQuerySet)()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="fulfils_a_unit"),
            models.UniqueConstraint(
                fields=["fulfilment", "order_line"], name="one_fulfilment_line_per_order_line"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.product_title}"


class Refund(models.Model):
    """Money given back on an order: an amount, optionally by line with a restock, through
    the payment's provider (card) or by the merchant by hand (offline methods)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reason = models.CharField(max_length=255, blank=True, validators=[no_invisible_characters])
    restock = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # The provider's id for it (a Stripe refund ``re_…``), unique per provider.
    provider_reference = models.CharField(max_length=255, blank=True)
    # Why the provider refused it (a failed refund changes nothing else on the order).
    failure_message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StoreScopedManager.from_queryset(ByOrderQuerySet)()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="refund_is_positive"),
            models.UniqueConstraint(
                fields=["provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="one_refund_per_provider_reference",
            ),
        ]

    def __str__(self):
        return f"Refund {self.pk} of {self.order}"


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="refund_lines")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    objects = StoreScopedManager.from_queryset(ByOrderLineQuerySet)()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="refunds_a_unit"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.product_title}"

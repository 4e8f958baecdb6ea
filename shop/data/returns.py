"""Returns asked for by shoppers and decided by the merchant.

Rows here are written by ``shop.services.returns`` only. They belong to the order's store
through the order, as order lines do.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

from ..validators import no_invisible_characters_multiline
from .lifecycle import ByOrderQuerySet, Refund
from .orders import Order, OrderLine


class ReturnRequest(models.Model):
    """A shopper's request to send back units of a shipped order. The merchant approves it
    (with a refund and a restock, or without) or declines it, once."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Declined"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="returns")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    reason = models.TextField(max_length=1000, validators=[no_invisible_characters_multiline])
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the merchant answered (the reason of a refusal); shown to the shopper.
    response = models.TextField(
        max_length=1000, blank=True, validators=[no_invisible_characters_multiline]
    )
    refund = models.OneToOneField(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="return_request"
    )

    objects = StoreScopedManager.from_queryset(ByOrderQuerySet)()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Return {self.pk} of {self.order}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REQUESTED


class ReturnLineQuerySet(StoreOwnedQuerySet):
    site_field = "order_line__order__site"


class ReturnLine(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="return_lines")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])

    objects = StoreScopedManager.from_queryset(ReturnLineQuerySet)()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="returns_a_unit"),
            models.UniqueConstraint(
                fields=["return_request", "order_line"], name="one_return_line_per_order_line"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.product_title}"

"""The emails an order's timeline sends, one row per email: what makes each one go once.

A row is made for each email an ``OrderEvent`` calls for (the shopper's, the merchant's),
unique per event and recipient, then claimed under its row lock by the task that sends it
(``shop.services.order_emails``). A second run of the task finds it sent and does nothing;
a failed send keeps the error and waits for the task's retry.
"""

from django.db import models

from tenancy.scope import StoreScopedManager

from .lifecycle import ByOrderQuerySet, OrderEvent
from .orders import Order


class OrderEmail(models.Model):
    class Recipient(models.TextChoices):
        SHOPPER = "shopper", "Shopper"
        MERCHANT = "merchant", "Merchant"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, to be retried"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    event = models.ForeignKey(OrderEvent, on_delete=models.CASCADE, related_name="emails")
    # Which email it is (``shop.order_emails.EMAILS``): confirmation, shipped, new_order...
    kind = models.CharField(max_length=32)
    recipient = models.CharField(max_length=16, choices=Recipient.choices)
    to = models.TextField(help_text="The addresses it goes to, one per line.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = StoreScopedManager.from_queryset(ByOrderQuerySet)()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="one_order_email_per_event_and_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.kind} email of {self.order} to the {self.recipient}"

    @property
    def addresses(self) -> list[str]:
        return [address for address in self.to.splitlines() if address.strip()]

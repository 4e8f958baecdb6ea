"""Stock alerts: where each variant last stood, and shoppers waiting for one to come back."""

from django.db import models
from django.db.models.functions import Lower

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager


class VariantStockAlert(models.Model):
    """The stock state of one variant as the alerts last saw it, and when each alert was
    last sent.

    ``shop.services.alerts.record_stock_state`` locks this row, compares ``state`` with the
    variant's stock now and sends ``stock_low``, ``stock_out``, ``stock_back_in`` or
    ``stock_replenished`` for the change: two sales committed together are seen one after
    the other, so one crossing sends one alert. ``low_sent_at`` keeps ``stock_low`` to once
    a day (``LOW_STOCK_COOLDOWN``).
    """

    class State(models.TextChoices):
        IN = "in", "In stock"
        LOW = "low", "Low on stock"
        OUT = "out", "Sold out"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    variant = models.OneToOneField(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="stock_alert"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.IN)
    low_sent_at = models.DateTimeField("low stock alert sent at", null=True, blank=True)
    out_sent_at = models.DateTimeField("sold out alert sent at", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        verbose_name = "variant stock alert"

    def __str__(self):
        return f"{self.variant}: {self.get_state_display()}"


class BackInStockRequest(models.Model):
    """A shopper's request to be told by email when a sold-out variant is back.

    One per variant and address, whatever its capitals. ``notified_at`` is set when the
    email has gone (``shop.services.alerts.notify_back_in_stock``), so it goes once; a
    shopper who asks again after that is told again the next time.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="back_in_stock_requests"
    )
    email = models.EmailField(max_length=254)
    created_at = models.DateTimeField("asked at", auto_now_add=True)
    notified_at = models.DateTimeField("emailed at", null=True, blank=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["variant", "created_at", "pk"]
        verbose_name = "back-in-stock request"
        constraints = [
            models.UniqueConstraint(
                "variant", Lower("email"), name="back_in_stock_request_once_per_variant"
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.variant}"

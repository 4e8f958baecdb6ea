from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager


class StockLevel(models.Model):
    """How many units of one variant are on hand. Changed only by ``shop.services.stock``.

    The database refuses negative stock unless the variant allows overselling.
    """

    variant = models.OneToOneField(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="stock"
    )
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    on_hand = models.IntegerField(default=0)
    allow_oversell = models.BooleanField(
        default=False, help_text="Keep selling when none are left (backorders)."
    )
    low_stock_threshold = models.PositiveIntegerField(default=5)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(on_hand__gte=0) | Q(allow_oversell=True),
                name="stock_not_negative_unless_oversell",
            ),
        ]

    def __str__(self):
        return str(self.variant)

    def can_take(self, quantity: int) -> bool:
        return self.allow_oversell or self.on_hand >= quantity

    @property
    def is_low(self) -> bool:
        return 0 < self.on_hand <= self.low_stock_threshold


class StockMovement(models.Model):
    """One line of the stock ledger: every change of ``StockLevel.on_hand`` has one."""

    class Reason(models.TextChoices):
        SALE = "sale", "Sale"
        RESTOCK = "restock", "Restock"
        ADJUSTMENT = "adjustment", "Adjustment"
        RETURN = "return", "Return"
        RESERVATION = "reservation", "Reservation"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey(
        "shop.ProductVariant", on_delete=models.PROTECT, related_name="stock_movements"
    )
    quantity = models.IntegerField(help_text="Positive adds stock, negative takes it.")
    balance_after = models.IntegerField()
    reason = models.CharField(max_length=16, choices=Reason.choices)
    order = models.ForeignKey(
        "shop.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    # The ledger is read-only. Naming its panels keeps Wagtail from deriving them from a
    # form of every field (the foreign keys to variants and orders would query their
    # default managers) when it builds the admin URLs, where no store scope is open.
    panels = [
        FieldPanel("reason", read_only=True),
        FieldPanel("quantity", read_only=True),
        FieldPanel("balance_after", read_only=True),
        FieldPanel("note", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["variant", "created_at"])]

    def __str__(self):
        return f"{self.variant.sku} {self.quantity:+d} ({self.get_reason_display()})"

from django.db import models
from django.db.models import F, Q
from wagtail.admin.panels import FieldPanel

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

from .settings import settings_of_store


def selling_policy(*, variant_policy: str, product_choice: str, store_choice: str) -> str:
    """What a variant with none left does, as a ``StockLevel.Policy`` value.

    The variant's own policy wins. Otherwise its product's sold-out choice, else its
    store's (``OutOfStock``): "take pre-orders" takes pre-orders, "hide the product" and
    "show it as sold out" both stop selling (they differ only in what a shopper sees).
    """
    if variant_policy:
        return variant_policy
    choice = product_choice or store_choice
    return StockLevel.Policy.PREORDER if choice == "preorder" else StockLevel.Policy.DENY


def sold_out_display(*, product_choice: str, store_choice: str) -> str:
    """What a shopper sees of a product with nothing left to sell: an ``OutOfStock`` value,
    the product's own choice or else its store's."""
    return product_choice or store_choice


class StockLevel(models.Model):
    """How many units of one variant are on hand. Changed only by ``shop.services.stock``.

    The database refuses negative stock unless the variant allows overselling.
    """

    variant = models.OneToOneField(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="stock"
    )
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")

    class Policy(models.TextChoices):
        """What happens when none are left: the variant's own choice, or (empty) its
        product's, else its store's ``OutOfStock`` setting, where hiding or showing the
        product as sold out both deny."""

        DENY = "deny", "Stop selling"
        CONTINUE = "continue", "Continue selling (backorders)"
        PREORDER = "preorder", "Take pre-orders"

    on_hand = models.IntegerField(default=0)
    reserved = models.IntegerField(
        default=0, help_text="Units held for shoppers in checkout (``Reservation``)."
    )
    policy = models.CharField(
        "when sold out",
        max_length=16,
        choices=Policy.choices,
        blank=True,
        help_text="Leave empty to follow the product's or the store's setting.",
    )
    low_stock_threshold = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty to use the store's threshold."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(on_hand__gte=F("reserved")) | Q(policy="continue"),
                name="stock_not_oversold_unless_continue",
            ),
            models.CheckConstraint(
                condition=Q(reserved__gte=0), name="stock_reserved_not_negative"
            ),
        ]

    def __str__(self):
        return str(self.variant)

    @property
    def allow_oversell(self) -> bool:
        """Whether the count may go below zero (backorders)."""
        return self.policy == self.Policy.CONTINUE

    @property
    def available(self) -> int:
        """Units another shopper may buy now: on hand, less what checkouts hold."""
        return self.on_hand - self.reserved

    def can_take(self, quantity: int) -> bool:
        return self.allow_oversell or self.available >= quantity

    def policy_given(self, store_choice: str) -> str:
        """What this variant does with none left (``selling_policy``), its store's sold-out
        choice being ``store_choice``: its own policy, else its product's or the store's."""
        return selling_policy(
            variant_policy=self.policy,
            product_choice=self.variant.product.out_of_stock,
            store_choice=store_choice,
        )

    @property
    def effective_policy(self) -> str:
        """``policy_given`` the store's choice, read from the store's cache only when the
        variant and its product chose nothing."""
        if self.policy:
            return self.policy
        return self.policy_given(settings_of_store(self.site_id).out_of_stock)

    @property
    def can_sell(self) -> bool:
        """Whether a shopper may buy one now: units available, or sold on backorder or
        taken on pre-order once none are."""
        return self.available > 0 or self.effective_policy in (
            self.Policy.CONTINUE,
            self.Policy.PREORDER,
        )

    @property
    def is_preorder(self) -> bool:
        """None available, and taken on pre-order."""
        return self.available <= 0 and self.effective_policy == self.Policy.PREORDER

    @property
    def low_threshold(self) -> int:
        """The variant's own threshold, else its store's (``StoreSettings``, from the
        store's cache: no query once the store's settings are cached)."""
        if self.low_stock_threshold is not None:
            return self.low_stock_threshold
        if "_store_threshold" not in self.__dict__:
            self.__dict__["_store_threshold"] = settings_of_store(self.site_id).low_stock_threshold
        return self.__dict__["_store_threshold"]

    @property
    def is_low(self) -> bool:
        return 0 < self.available <= self.low_threshold


class StockMovement(models.Model):
    """One line of the stock ledger: every change of ``StockLevel.on_hand`` or
    ``StockLevel.reserved`` has one, so a level always equals the sums of its ledger
    (``quantity`` sums to ``on_hand``, ``reserved_change`` to ``reserved``)."""

    class Reason(models.TextChoices):
        SALE = "sale", "Sale"
        RESTOCK = "restock", "Restock"
        ADJUSTMENT = "adjustment", "Adjustment"
        RETURN = "return", "Return"
        RESERVATION = "reservation", "Reservation"
        RELEASE = "release", "Reservation released"
        PREORDER = "preorder", "Pre-order allocation"
        CANCELLATION = "cancellation", "Order cancelled"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey(
        "shop.ProductVariant", on_delete=models.PROTECT, related_name="stock_movements"
    )
    quantity = models.IntegerField(help_text="Positive adds stock, negative takes it.")
    balance_after = models.IntegerField()
    reserved_change = models.IntegerField(
        default=0, help_text="Units held for checkouts: positive holds, negative lets go."
    )
    reserved_after = models.IntegerField(default=0)
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
        FieldPanel("reserved_change", read_only=True),
        FieldPanel("note", read_only=True),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["variant", "created_at"])]

    def __str__(self):
        return f"{self.variant.sku} {self.quantity:+d} ({self.get_reason_display()})"


class ReservationQuerySet(StoreOwnedQuerySet):
    def expired(self, *, now):
        return self.filter(expires_at__lte=now)


class Reservation(models.Model):
    """Units of one variant held for a cart in checkout until ``expires_at``.

    ``StockLevel.reserved`` counts them (through RESERVATION and RELEASE ledger rows), so
    other shoppers see fewer available; the cart's own shopper does not. Written only by
    ``shop.services.stock``; expired ones are released by a beat task.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    cart = models.ForeignKey("shop.Cart", on_delete=models.CASCADE, related_name="reservations")
    variant = models.ForeignKey(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="reservations"
    )
    quantity = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    objects = StoreScopedManager.from_queryset(ReservationQuerySet)()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="one_reservation_per_line"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.variant} until {self.expires_at:%H:%M}"


class PreorderAllocation(models.Model):
    """Units that arrived for a pre-ordered order line (one PREORDER ledger row each), and
    whether its shopper has been told: ``notified_at`` makes the email go out once."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    order_line = models.ForeignKey(
        "shop.OrderLine", on_delete=models.CASCADE, related_name="preorder_allocations"
    )
    movement = models.OneToOneField(StockMovement, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()
    allocated_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["allocated_at", "pk"]

    def __str__(self):
        return f"{self.quantity} × {self.order_line.product_title} allocated"


class StockDrift(models.Model):
    """A stock level found to disagree with the sums of its ledger by the reconciliation
    task. One open drift per variant: a drift still open is not recorded again."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    variant = models.ForeignKey(
        "shop.ProductVariant", on_delete=models.CASCADE, related_name="stock_drifts"
    )
    expected_on_hand = models.IntegerField(help_text="The sum of the ledger's quantities.")
    actual_on_hand = models.IntegerField()
    expected_reserved = models.IntegerField(help_text="The sum of the ledger's holds.")
    actual_reserved = models.IntegerField()
    found_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant"], condition=Q(resolved=False), name="one_open_drift_per_variant"
            ),
        ]

    def __str__(self):
        return f"Stock drift of {self.variant}"

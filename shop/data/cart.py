from django.core.validators import MinValueValidator
from django.db import models

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager


class CartLineQuerySet(StoreOwnedQuerySet):
    site_field = "cart__site"


class Cart(models.Model):
    """A shopper's cart in one store, kept in the database and found by session key."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=64)
    # The discount codes the shopper entered, space separated, normalised
    # (``shop.promotions.codes.parse_codes``); whether each applies is decided when the
    # cart is priced.
    discount_codes = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "session_key"], name="cart_per_session"),
        ]

    def __str__(self):
        return f"Cart {self.pk}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey("shop.ProductVariant", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    added_at = models.DateTimeField(auto_now_add=True)

    objects = StoreScopedManager.from_queryset(CartLineQuerySet)()

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="one_line_per_variant"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.variant}"

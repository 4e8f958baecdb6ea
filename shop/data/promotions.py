"""Promotions: automatic discounts and discount codes, per store (ADR 47).

A promotion is a Wagtail snippet with drafts, revisions, preview and scheduled publishing:
its ``go_live_at`` and ``expire_at`` are when it starts and ends, and ``shop.promotions.book``
reads which promotions are live at any moment, to the second, from the rows and their
scheduled revisions. What it takes off is decided by ``shop.promotions.engine`` alone, whose
kinds and targets these choices name.

Codes are rows of their own (``DiscountCode``), outside the promotion's revisions: a code is
an identifier shoppers were given, not content to draft; it works while its promotion is
live. Each use is a ``PromotionUsage`` row written under the promotion's row lock when an
order is placed, and released when the order is cancelled, so limits hold under concurrent
checkouts.
"""

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

from ..validators import no_invisible_characters

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
CODE_LENGTH = 32


def normalise_code(text: str) -> str:
    """A code as stored and compared: upper case, no spaces around or inside."""
    return "".join(text.split()).upper()


def parse_tags(text: str) -> frozenset[str]:
    return frozenset(tag.strip().lower() for tag in text.split(",") if tag.strip())


def site_of_promotion_revision(revision) -> int | None:
    """The store of the promotion ``revision`` is a version of; None for a revision of
    anything else (or of a promotion since deleted)."""
    if revision.base_content_type_id != ContentType.objects.get_for_model(Promotion).pk:
        return None
    return (
        Promotion._base_manager.filter(pk=revision.object_id)
        .values_list("site_id", flat=True)
        .first()
    )


class Promotion(DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    """A discount a store gives: automatically, or to shoppers who enter one of its codes."""

    class Method(models.TextChoices):
        AUTOMATIC = "automatic", "Automatic: applies to every cart that qualifies"
        CODE = "code", "Discount code: applies when the shopper enters a code"

    class Kind(models.TextChoices):
        PERCENTAGE = "percentage", "Percentage off"
        FIXED_AMOUNT = "fixed_amount", "Fixed amount off"
        FREE_SHIPPING = "free_shipping", "Free shipping"
        BUY_X_GET_Y = "buy_x_get_y", "Buy X, get Y"

    class Target(models.TextChoices):
        ORDER = "order", "The whole order"
        ITEMS = "items", "Chosen products, variants or categories"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(
        max_length=100,
        validators=[no_invisible_characters],
        help_text='Shown to shoppers in the cart and on badges, e.g. "Weekend sale".',
    )
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.AUTOMATIC)
    kind = models.CharField(
        "discount", max_length=16, choices=Kind.choices, default=Kind.PERCENTAGE
    )
    value = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Percent (0 to 100) for a percentage, an amount in the store's currency for "
        "a fixed amount, the percent off the free items for buy X get Y (100: free).",
    )
    target = models.CharField(
        "applies to", max_length=8, choices=Target.choices, default=Target.ORDER
    )
    products = ParentalManyToManyField("shop.Product", blank=True, related_name="+")
    variants = ParentalManyToManyField("shop.ProductVariant", blank=True, related_name="+")
    categories = ParentalManyToManyField(
        "shop.CategoryPage",
        blank=True,
        related_name="+",
        help_text="Every product in these categories and the categories below them.",
    )
    buy_quantity = models.PositiveSmallIntegerField(
        "buy", default=0, validators=[MaxValueValidator(1000)]
    )
    get_quantity = models.PositiveSmallIntegerField(
        "get", default=0, validators=[MaxValueValidator(1000)]
    )

    min_subtotal = models.DecimalField("minimum subtotal", null=True, blank=True, **MONEY)
    min_quantity = models.PositiveIntegerField(
        "minimum quantity",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000)],
        help_text="Of the items it applies to.",
    )
    first_order_only = models.BooleanField(
        "first order only", default=False, help_text="Only for an email address's first order."
    )
    customer_tags = models.CharField(
        max_length=255,
        blank=True,
        validators=[no_invisible_characters],
        help_text="Only for customers with one of these tags, separated by commas. Empty: "
        "everyone.",
    )
    usage_limit = models.PositiveIntegerField(
        "uses in total",
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000_000)],
        help_text="Empty: no limit.",
    )
    usage_limit_per_customer = models.PositiveIntegerField(
        "uses per customer",
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000)],
        help_text="Per email address. Empty: no limit.",
    )
    priority = models.SmallIntegerField(
        default=0,
        validators=[MinValueValidator(-1000), MaxValueValidator(1000)],
        help_text="When promotions do not combine, the higher priority wins.",
    )
    exclusive = models.BooleanField(
        default=False, help_text="Applies alone: combines with no other promotion."
    )
    combines_with_items = models.BooleanField(
        "combines with item discounts",
        default=False,
        help_text="Item discounts on different items; one item never takes two.",
    )
    combines_with_order = models.BooleanField("combines with order discounts", default=False)
    combines_with_shipping = models.BooleanField("combines with free shipping", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="promotion")

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("publish_promotion", "Can publish promotions"),
            ("lock_promotion", "Can lock promotions"),
            ("unlock_promotion", "Can unlock promotions"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="percentage") | models.Q(value__lte=100),
                name="promotion_percentage_at_most_100",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.PERCENTAGE and self.value > 100:
            errors["value"] = "A percentage is at most 100."
        if self.kind in (self.Kind.PERCENTAGE, self.Kind.FIXED_AMOUNT) and not self.value:
            errors["value"] = "Enter how much the promotion takes off."
        if self.kind == self.Kind.BUY_X_GET_Y:
            if not self.buy_quantity:
                errors["buy_quantity"] = "Enter how many items the shopper buys."
            if not self.get_quantity:
                errors["get_quantity"] = "Enter how many items the shopper gets."
            if self.value > 100:
                errors["value"] = "A percentage is at most 100."
        if self.go_live_at and self.expire_at and self.expire_at <= self.go_live_at:
            errors["expire_at"] = "The promotion must end after it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def tags(self) -> frozenset[str]:
        return parse_tags(self.customer_tags)

    def get_preview_template(self, request, mode_name):
        return "shop/promotions/preview.html"


class DiscountCode(models.Model):
    """A code shoppers enter for a promotion: its one code, or one of a batch of generated
    single-use codes."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=CODE_LENGTH)
    usage_limit = models.PositiveIntegerField(
        "uses", null=True, blank=True, help_text="Empty: as many as the promotion allows."
    )
    batch = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint("site", Upper("code"), name="discount_code_unique_per_store"),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = normalise_code(self.code)
        super().save(*args, **kwargs)


class PromotionUsageQuerySet(StoreOwnedQuerySet):
    def counted(self):
        """The uses that count against limits: those of orders not cancelled."""
        return self.filter(released_at__isnull=True)


class PromotionUsage(models.Model):
    """One order's use of one promotion, with what it gave. Written under the promotion's
    row lock when the order is placed; released (not deleted) when the order is cancelled,
    so the figures keep the history and the limits count only what stands."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    promotion = models.ForeignKey(Promotion, on_delete=models.PROTECT, related_name="usages")
    code = models.ForeignKey(
        DiscountCode, null=True, blank=True, on_delete=models.PROTECT, related_name="usages"
    )
    order = models.ForeignKey("shop.Order", on_delete=models.CASCADE, related_name="promotions")
    email = models.EmailField()
    # What the order's pages and emails show of it, as it read when the order was placed.
    title = models.CharField(max_length=100)
    code_text = models.CharField("code", max_length=CODE_LENGTH, blank=True)
    amount = models.DecimalField(**MONEY)
    used_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    objects = StoreScopedManager.from_queryset(PromotionUsageQuerySet)()

    class Meta:
        ordering = ["-used_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "order"], name="one_usage_per_promotion_and_order"
            ),
        ]

    def __str__(self):
        return f"{self.promotion} on order {self.order_id}"

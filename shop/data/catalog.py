from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

money = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class OutOfStock(models.TextChoices):
    """What a store, or one product, does when a variant has none left to sell."""

    HIDE = "hide", "Hide the product"
    SOLD_OUT = "sold_out", "Show it as sold out"
    PREORDER = "preorder", "Take pre-orders"


# Most options a product has (Shopify's Option1 to Option3).
MAX_OPTIONS = 3


class ProductQuerySet(StoreOwnedQuerySet):
    def active(self):
        return self.filter(status=Product.Status.ACTIVE)


class ProductImageQuerySet(StoreOwnedQuerySet):
    site_field = "product__site"


# The longest tag name a merchant may give.
TAG_NAME_MAX_LENGTH = 100


def tag_slug(name: str) -> str:
    """The slug that identifies a tag in its store: "Gift ideas", "gift ideas" and
    "gift-ideas" are one tag. Empty for a name with no letter or digit."""
    return slugify(name, allow_unicode=True)[:TAG_NAME_MAX_LENGTH]


class ProductTag(models.Model):
    """A label a merchant gives products ("winter", "gift ideas"), owned by one store.

    A tag of the same name in another store is another row: tags are never shared, so
    nothing a store's staff sees (suggestions, block choices) can name another store's.
    A tag is found by its slug, so names differing only in capitals or punctuation are one
    tag. Tags are made and attached through ``shop.services.set_product_tags``.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=TAG_NAME_MAX_LENGTH)
    slug = models.SlugField(max_length=TAG_NAME_MAX_LENGTH, allow_unicode=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="product_tag_slug_per_site"),
            models.UniqueConstraint(fields=["site", "name"], name="product_tag_name_per_site"),
        ]

    def __str__(self):
        return self.name


class Product(index.Indexed, ClusterableModel):
    """A sellable item in one store's catalog. Prices and stock live on its variants."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=255)
    handle = models.SlugField(max_length=255, help_text="Unique within the store.")
    description = RichTextField(blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"])
    vendor = models.CharField(max_length=255, blank=True)
    product_type = models.CharField(max_length=255, blank=True)
    tags = models.ManyToManyField(
        ProductTag,
        blank=True,
        related_name="products",
        help_text="Tags of the product's own store only (``set_product_tags``).",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    option_names = models.JSONField(
        default=list,
        blank=True,
        help_text='The options in order, at most three, such as ["Size", "Colour"]; each '
        "variant gives a value for each in ``ProductVariant.options``.",
    )
    seo_title = models.CharField(
        "SEO title", max_length=255, blank=True, help_text="Leave empty to use the title."
    )
    seo_description = models.TextField(
        "SEO description",
        max_length=320,
        blank=True,
        help_text="What search engines show under the title.",
    )
    out_of_stock = models.CharField(
        "when sold out",
        max_length=16,
        choices=OutOfStock.choices,
        blank=True,
        help_text="Leave empty to follow the store's setting.",
    )
    preorder_limit = models.PositiveIntegerField(
        "pre-order limit",
        null=True,
        blank=True,
        help_text="Most units of each variant taken on pre-order at once. Empty for no limit.",
    )
    preorder_expected_on = models.DateField(
        "pre-orders ship from",
        null=True,
        blank=True,
        help_text="Told to shoppers who pre-order.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(ProductQuerySet)()

    # Its editor, one screen with its options and variants, is
    # ``shop.admin_panels.product_edit_handler``.
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("vendor"),
        index.FilterField("site_id"),
    ]

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["site", "handle"], name="product_handle_per_site"),
        ]

    def __str__(self):
        return self.title

    @property
    def cover_image(self):
        images = list(self.images.all())
        return images[0].image if images else None

    @property
    def price_from(self):
        variants = list(self.variants.all())
        return min((v.price for v in variants), default=None)

    @property
    def in_stock(self) -> bool:
        return any(v.is_available for v in self.variants.all())

    @property
    def has_options(self) -> bool:
        return len(self.variants.all()) > 1


class ProductVariant(Orderable):
    """One purchasable version of a product (a size, a colour) with its own SKU and price.

    Stock is kept on ``StockLevel``, never here: product edits (and page revisions) must not
    be able to overwrite it.
    """

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="variants")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    sku = models.CharField("SKU", max_length=64)
    options = models.JSONField(
        default=dict,
        blank=True,
        help_text='Option values, such as {"Size": "M", "Colour": "Blue"}.',
    )
    price = models.DecimalField(**money)
    compare_at_price = models.DecimalField(**money, null=True, blank=True)
    cost = models.DecimalField(
        "cost per item", **money, null=True, blank=True, help_text="What the item costs you."
    )
    barcode = models.CharField(
        "barcode", max_length=64, blank=True, help_text="GTIN, EAN, UPC or ISBN."
    )
    weight_grams = models.PositiveIntegerField("weight (grams)", default=0)
    track_inventory = models.BooleanField(
        default=True,
        help_text="Count stock for this variant. Untracked variants are always for sale and "
        "sales take nothing from stock.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown when a shopper picks this variant (its colour, its "
        "finish). Leave empty to show the product's first picture.",
    )

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    # Edited in the product editor's variant table (``shop.variant_rows``).

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["site", "sku"], name="variant_sku_per_site"),
        ]

    def __str__(self):
        label = self.options_label
        return f"{self.product.title} – {label}" if label else self.product.title

    def clean(self):
        if not isinstance(self.options, dict) or not all(
            isinstance(v, str) for v in self.options.values()
        ):
            raise ValidationError({"options": 'Give option values as {"Name": "Value"}.'})
        if self.compare_at_price is not None and self.compare_at_price <= (self.price or 0):
            raise ValidationError({"compare_at_price": "Must be higher than the price."})

    def save(self, *args, **kwargs):
        self.site_id = self.product.site_id
        super().save(*args, **kwargs)

    @property
    def options_label(self) -> str:
        return " / ".join(str(v) for v in (self.options or {}).values())

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price

    @property
    def available_quantity(self) -> int:
        """Units a shopper may buy now: on hand, less what checkouts hold."""
        stock = getattr(self, "stock", None)
        return stock.available if stock else 0

    @property
    def is_available(self) -> bool:
        """Whether a shopper may buy it now (``StockLevel.can_sell``); a variant whose stock
        is not counted always."""
        if not self.track_inventory:
            return True
        stock = getattr(self, "stock", None)
        return stock is not None and stock.can_sell

    @property
    def is_preorder(self) -> bool:
        """None available, and taken on pre-order."""
        stock = getattr(self, "stock", None)
        return self.track_inventory and stock is not None and stock.is_preorder


class ProductImage(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(max_length=255, blank=True)

    objects = StoreScopedManager.from_queryset(ProductImageQuerySet)()

    panels = [MultiFieldPanel([FieldPanel("image"), FieldPanel("alt_text")])]

    def __str__(self):
        return self.alt_text or str(self.image)

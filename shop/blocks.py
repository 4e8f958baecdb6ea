"""Commerce StreamField blocks. They read through selectors, scoped to the page's store.

Rows chosen in a block (products, category pages) are checked twice: when the page is
saved (``StoreContentForm`` refuses another store's ids, forged ones included) and when
the block renders, where only the rows of the page's own store are read.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from tenancy.content_choices import not_of_this_store
from tenancy.request import request_site
from tenancy.scope import StoreScopedChoiceField, current_scope
from themes.blocks import COMMERCE, THEME_BLOCKS, LibraryBlockMixin, LinkBlock

from . import selectors
from .data.newsletter import DEFAULT_CONSENT_TEXT


class UnavailableChoice:
    """An id sent for a chooser that names no row the request may see."""

    def __init__(self, pk):
        self.pk = pk


class StoreRowChooserBlock(SnippetChooserBlock):
    """Chooses a store-owned snippet, such as a product.

    The default manager answers only rows of the admin request's store scope, so an id of
    another store's row (or of one deleted meanwhile) finds nothing. Wagtail's chooser
    would turn it into an empty choice; this one keeps it and refuses it with an error
    naming the id.
    """

    @cached_property
    def field(self):
        # The block, and so its form field, lives as long as the process: the field reads
        # the rows of each request's scope, never those of the first one that built it.
        return StoreScopedChoiceField(
            self.model_class,
            widget=self.widget,
            required=self._required,
            validators=self._validators,
            help_text=self._help_text,
        )

    def value_from_form(self, value):
        try:
            chosen = super().value_from_form(value)
        except (ValueError, ValidationError):
            chosen = None
        if chosen is None and value not in (None, ""):
            return UnavailableChoice(value)
        return chosen

    def clean(self, value):
        if isinstance(value, UnavailableChoice):
            raise ValidationError(not_of_this_store(self.model_class, value.pk))
        return super().clean(value)

    def get_form_state(self, value):
        return super().get_form_state(None if isinstance(value, UnavailableChoice) else value)


MAX_PRODUCTS = 24


def _site(parent_context):
    """The store a block renders for: the page's (also in an admin preview), else the
    request's."""
    parent = parent_context or {}
    store = parent.get("store")
    return store.site if store is not None else request_site(parent.get("request"))


@dataclass(frozen=True)
class SampleCard:
    """A stand-in product card for the block picker's preview, which has no store."""

    title: str
    price: str


SAMPLE_CARDS = [
    SampleCard("Stoneware mug", "24.00"),
    SampleCard("Wool throw", "89.00"),
    SampleCard("Oak side table", "240.00"),
    SampleCard("Linen napkins", "32.00"),
]


def store_tag_choices():
    """The product tags a grid may show, as (slug, name): those of the admin request's
    store scope (a merchant's active store), none outside a scope. A grid renders the
    products of its page's own store's tag of that slug, so a slug posted from another
    store's tag shows nothing."""
    if current_scope() is None:
        return []
    return [(tag.slug, tag.name) for tag in selectors.tags_in_scope()]


class ProductGridBlock(LibraryBlockMixin, blocks.StructBlock):
    """Products of a category, with a tag, of a type, or picked by hand.

    Sources "tag" and "type" were one ("tag", holding a product type) until tags were
    added: migration ``0010_product_tags`` moved saved grids of types to "type".
    """

    heading = blocks.CharBlock(max_length=120, required=False)
    source = blocks.ChoiceBlock(
        choices=[
            ("category", "Products of a category"),
            ("tag", "Products with a tag"),
            ("type", "Products of a type"),
            ("picked", "Hand-picked products"),
        ],
        default="category",
    )
    category = blocks.PageChooserBlock(page_type="shop.CategoryPage", required=False)
    tag = blocks.ChoiceBlock(
        choices=store_tag_choices,
        required=False,
        label="Tag",
        help_text="One of the tags given to your products.",
    )
    product_type = blocks.CharBlock(
        max_length=120,
        required=False,
        label="Product type",
        help_text='The type given to products, such as "Mug" (any capitals).',
    )
    products = blocks.ListBlock(
        StoreRowChooserBlock("shop.Product"), required=False, max_num=MAX_PRODUCTS, default=[]
    )
    limit = blocks.IntegerBlock(
        min_value=1,
        max_value=MAX_PRODUCTS,
        default=8,
        help_text=f"At most {MAX_PRODUCTS} products are shown.",
    )

    theme_template = "blocks/product_grid.html"

    class Meta:
        icon = "table"
        label = "Product grid"
        group = COMMERCE
        description = (
            "Products of a category, with a tag or of a type, or ones you pick, as a grid of cards."
        )
        preview_value = {"heading": "Bestsellers", "source": "picked", "limit": 4}

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value  # a draft may keep a grid whose products are not picked yet
        required = {
            "category": ("category", "Choose a category."),
            "tag": ("tag", "Choose a tag."),
            "type": ("product_type", "Enter a product type."),
            "picked": ("products", "Pick at least one product."),
        }
        field, message = required[value["source"]]
        if not value.get(field):
            raise blocks.StructBlockValidationError(block_errors={field: ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if (parent_context or {}).get("block_preview"):
            context["sample_cards"] = SAMPLE_CARDS[: min(value["limit"], 4)]
            context["cards"] = []
            return context
        request = (parent_context or {}).get("request")
        context["cards"] = self.cards(value, site=_site(parent_context), request=request)
        return context

    @staticmethod
    def cards(value, *, site, request=None):
        limit = min(value["limit"] or MAX_PRODUCTS, MAX_PRODUCTS)
        source = value["source"]
        if source == "category":
            category = value.get("category")
            if not category or not selectors.live_pages_of_store(site=site, pages=[category]):
                return []
            pages = selectors.first_product_pages(site=site, category=category, limit=limit)
            return [selectors.ProductCard.from_page(page, request) for page in pages]
        if source in ("tag", "type"):
            if source == "tag" and value.get("tag"):
                products = selectors.products_with_tag(site=site, tag=value["tag"], limit=limit)
            elif source == "type" and value.get("product_type"):
                products = selectors.products_of_type(
                    site=site, product_type=value["product_type"], limit=limit
                )
            else:
                products = []
            return [selectors.ProductCard.from_product(product, request) for product in products]
        ids = [product.pk for product in value.get("products") or [] if product]
        products = selectors.products_by_ids(site=site, ids=ids[:limit])
        return [selectors.ProductCard.from_product(product, request) for product in products]


class FeaturedProductBlock(LibraryBlockMixin, blocks.StructBlock):
    product = StoreRowChooserBlock("shop.Product")
    heading = blocks.CharBlock(
        max_length=120, required=False, help_text="Leave empty to use the product's name."
    )
    text = blocks.TextBlock(max_length=400, required=False)
    action = blocks.ChoiceBlock(
        choices=[("cart", "An add to cart button"), ("link", "A link to the product")],
        default="cart",
    )
    image_position = blocks.ChoiceBlock(
        choices=[("left", "Image on the left"), ("right", "Image on the right")], default="left"
    )

    theme_template = "blocks/featured_product.html"

    class Meta:
        icon = "pick"
        label = "Featured product"
        group = COMMERCE
        description = "One product with its picture and price, and an add to cart button."
        preview_value = {
            "heading": "The stoneware mug",
            "text": "Thrown by hand, glazed in our studio.",
            "action": "link",
            "image_position": "left",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = value.get("product")
        product = None
        if chosen is not None and not (parent_context or {}).get("block_preview"):
            found = selectors.products_by_ids(site=_site(parent_context), ids=[chosen.pk])
            product = found[0] if found else None
        if product is not None:
            request = (parent_context or {}).get("request")
            variants = list(product.variants.all())
            context.update(
                product=product,
                card=selectors.ProductCard.from_product(product, request),
                variants=variants,
                default_variant=next(
                    (v for v in variants if v.is_available), variants[0] if variants else None
                ),
            )
        return context


class CategoryTileBlock(blocks.StructBlock):
    category = blocks.PageChooserBlock(page_type="shop.CategoryPage")
    title = blocks.CharBlock(
        max_length=60, required=False, help_text="Leave empty to use the category's title."
    )

    class Meta:
        icon = "folder-open-inverse"


class CategoryTilesBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    tiles = blocks.ListBlock(CategoryTileBlock(), min_num=1, max_num=8, label="Categories")

    theme_template = "blocks/category_tiles.html"

    class Meta:
        icon = "folder-open-inverse"
        label = "Category tiles"
        group = COMMERCE
        description = "Up to eight of your categories as tiles with their pictures."
        preview_value = {"heading": "Shop by category", "tiles": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if (parent_context or {}).get("block_preview"):
            context["sample_tiles"] = ["Kitchen", "Living", "Textiles"]
            context["tiles"] = []
            return context
        tiles = [tile for tile in value["tiles"] if tile.get("category")]
        own = {
            page.pk
            for page in selectors.live_pages_of_store(
                site=_site(parent_context), pages=[tile["category"] for tile in tiles]
            )
        }
        context["tiles"] = [
            {"page": tile["category"], "title": tile["title"] or tile["category"].title}
            for tile in tiles
            if tile["category"].pk in own
        ]
        return context


class PromoBannerBlock(LibraryBlockMixin, blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    link = LinkBlock(required=False)
    ends_at = blocks.DateTimeBlock(
        required=False,
        label="Ends at",
        help_text="Optional. A countdown runs until then, and the banner disappears after.",
    )
    style = blocks.ChoiceBlock(
        choices=[
            ("accent", "Accent colour"),
            ("primary", "Primary colour"),
            ("quiet", "Quiet, in the background colour"),
        ],
        default="accent",
    )

    theme_template = "blocks/promo_banner.html"

    class Meta:
        icon = "warning"
        label = "Promo banner"
        group = COMMERCE
        description = "A strip of text with a link, and an optional countdown to a date."
        preview_value = {"text": "Winter sale: 20% off everything", "style": "accent"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        ends_at = value.get("ends_at")
        if ends_at is not None and timezone.is_naive(ends_at):
            ends_at = timezone.make_aware(ends_at)
        context["ends_at"] = ends_at
        context["is_over"] = ends_at is not None and ends_at <= timezone.now()
        return context


class NewsletterBlock(LibraryBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Join our newsletter")
    text = blocks.TextBlock(max_length=300, required=False)
    button_label = blocks.CharBlock(max_length=40, default="Subscribe")
    consent_text = blocks.TextBlock(
        max_length=300,
        default=DEFAULT_CONSENT_TEXT,
        help_text="The shopper ticks this before subscribing; it is kept with their address.",
    )

    theme_template = "blocks/newsletter.html"

    class Meta:
        icon = "mail"
        label = "Newsletter sign-up"
        group = COMMERCE
        description = "An email sign-up form. Addresses and consent are kept for your store."
        preview_value = {
            "heading": "Join our newsletter",
            "text": "News, new arrivals and offers, once a month.",
            "button_label": "Subscribe",
            "consent_text": DEFAULT_CONSENT_TEXT,
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        child = (parent_context or {}).get("block")
        context["page_id"] = getattr(page, "pk", "") or ""
        context["block_id"] = getattr(child, "id", "") or ""
        return context


COMMERCE_BLOCKS = [
    ("product_grid", ProductGridBlock()),
    ("featured_product", FeaturedProductBlock()),
    ("category_tiles", CategoryTilesBlock()),
    ("promo_banner", PromoBannerBlock()),
    ("newsletter", NewsletterBlock()),
]
STORE_PAGE_BLOCKS = THEME_BLOCKS + COMMERCE_BLOCKS

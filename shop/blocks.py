"""Commerce StreamField blocks. They read through selectors, scoped to the page's store.

Rows chosen in a block (products, category pages) are checked twice: when the page is
saved (``StoreContentForm`` refuses another store's ids, forged ones included) and when
the block renders, where only the rows of the page's own store are read.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from tenancy import moment
from tenancy.content_choices import not_of_this_store
from tenancy.request import request_site
from tenancy.scope import StoreScopedChoiceField, current_scope
from themes.blocks import (
    COMMERCE,
    THEME_BLOCKS,
    ChosenRowsMixin,
    LibraryBlockMixin,
    LinkBlock,
    PageChooserBlock,
    chosen_rows,
    walk_raw,
    walk_values,
)

from . import selectors
from .data.newsletter import DEFAULT_CONSENT_TEXT
from .promotions import book


class UnavailableChoice:
    """An id sent for a chooser that names no row the request may see."""

    def __init__(self, pk):
        self.pk = pk


class StoreRowChooserBlock(ChosenRowsMixin, SnippetChooserBlock):
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

    def bulk_to_python(self, values):
        # Nothing chosen (an optional chooser left empty) reads nothing: not even the
        # store-scoped manager, which a search index task outside any store cannot open.
        if all(value is None for value in values):
            return [None] * len(values)
        return super().bulk_to_python(values)

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


class TagChoiceBlock(blocks.ChoiceBlock):
    """The tag a grid lists, by slug. A stored slug is read as it is: Wagtail's choice
    block would look it up among the choices, a query of the store's tags for every grid
    rendered."""

    def to_python(self, value):
        return value


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
    category = PageChooserBlock(page_type="shop.CategoryPage", required=False)
    tag = TagChoiceBlock(
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
        prepared = _prepared(parent_context, value)
        if prepared is not None:
            context.update(prepared)
            return context
        request = (parent_context or {}).get("request")
        context["cards"] = self.cards(value, site=_site(parent_context), request=request)
        return context

    @staticmethod
    def cards(value, *, site, request=None):
        """The grid's cards, read on their own (``prepare_blocks`` reads those of all the
        blocks of a page together)."""
        found = selectors.products_for_blocks(site=site, **_grid_reads(value, site=site))
        return _grid_cards(value, found, request)


def _limit(value) -> int:
    return min(value.get("limit") or MAX_PRODUCTS, MAX_PRODUCTS)


def _grid_query(value) -> selectors.GridQuery | None:
    """What a grid by tag or type lists; None for other grids and unfinished ones."""
    source = value.get("source")
    key = value.get("tag") if source == "tag" else value.get("product_type")
    if source not in ("tag", "type") or not (key or "").strip():
        return None
    return selectors.GridQuery(source=source, key=key.strip(), limit=_limit(value))


def _grid_category(value, *, site):
    """The grid's category, if it lists one of this store's live categories."""
    category = value.get("category") if value.get("source") == "category" else None
    if category is None or not selectors.live_pages_of_store(site=site, pages=[category]):
        return None
    return category


def _picked_ids(value) -> list[int]:
    if value.get("source") != "picked":
        return []
    return [product.pk for product in value.get("products") or [] if product][: _limit(value)]


def _grid_reads(value, *, site) -> dict:
    """What ``selectors.products_for_blocks`` reads for the grid ``value``."""
    query, category = _grid_query(value), _grid_category(value, site=site)
    return {
        "product_ids": _picked_ids(value),
        "grids": [query] if query else [],
        "categories": [(category, _limit(value))] if category else [],
    }


def _card(product, found: selectors.BlockProducts, request):
    page = found.first_page(product.pk)
    return selectors.ProductCard(product=product, url=page.get_url(request) if page else "")


def _grid_cards(value, found: selectors.BlockProducts, request) -> list:
    """The cards of the grid ``value``, from what ``products_for_blocks`` read."""
    source = value.get("source")
    if source == "category":
        category = value.get("category")
        if category is None:
            return []
        pages = found.category_pages(category, _limit(value))
        return [selectors.ProductCard.from_page(page, request) for page in pages]
    if source in ("tag", "type"):
        query = _grid_query(value)
        ids = found.listed.get(query, []) if query else []
    else:
        ids = _picked_ids(value)
    return [_card(found.products[pk], found, request) for pk in ids if pk in found.products]


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
        if chosen is None or (parent_context or {}).get("block_preview"):
            return context
        prepared = _prepared(parent_context, value)
        if prepared is None:
            site = _site(parent_context)
            found = selectors.products_for_blocks(site=site, product_ids=[chosen.pk])
            prepared = _featured_context(value, found, (parent_context or {}).get("request"))
        context.update(prepared)
        return context


def _featured_context(value, found: selectors.BlockProducts, request) -> dict:
    """The product of the featured product block ``value``, its card and variants."""
    chosen = value.get("product")
    product = found.products.get(chosen.pk) if chosen is not None else None
    if product is None:
        return {}
    variants = list(product.variants.all())
    return {
        "product": product,
        "card": _card(product, found, request),
        "variants": variants,
        "default_variant": next(
            (v for v in variants if v.is_available), variants[0] if variants else None
        ),
    }


class CategoryTileBlock(blocks.StructBlock):
    category = PageChooserBlock(page_type="shop.CategoryPage")
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
    promotion = StoreRowChooserBlock(
        "shop.Promotion",
        required=False,
        help_text="Optional. The banner shows only while this promotion is live, with a "
        "countdown to its end.",
    )
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
        now = moment.now()
        is_over = ends_at is not None and ends_at <= now
        promotion = value.get("promotion")
        if promotion is not None:
            live = book.version_of(promotion.site_id, promotion.pk, now)
            is_over = is_over or live is None
            if live is not None and live.end is not None:
                ends_at = min(ends_at or live.end, live.end)
        context["ends_at"] = ends_at
        context["is_over"] = is_over
        return context


def _banner_end(block, raw):
    """When a promo banner's countdown ends (aware), or None."""
    ends_at = block.child_blocks["ends_at"].to_python(raw.get("ends_at"))
    if ends_at is not None and timezone.is_naive(ends_at):
        ends_at = timezone.make_aware(ends_at)
    return ends_at


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


PREPARED_BLOCKS = "prepared_blocks"


class PreparedBlocks:
    """What the commerce blocks of one page show, read for all of them together before the
    page renders (``prepare_blocks``); each block finds its own with ``_prepared``."""

    def __init__(self):
        self._values = []  # keeps every value alive, so that no id is reused
        self._contexts: dict[int, dict] = {}
        # The first moment the page changes by the clock alone (a promo banner's end): a
        # stored copy of the page is not served from then on (``shop.pagecache``).
        self.good_until = None

    def add(self, value, context: dict) -> None:
        self._values.append(value)
        self._contexts[id(value)] = context

    def context_for(self, value) -> dict | None:
        return self._contexts.get(id(value))


def _prepared(parent_context, value) -> dict | None:
    prepared = (parent_context or {}).get(PREPARED_BLOCKS)
    return prepared.context_for(value) if prepared is not None else None


def prepare_blocks(stream, *, site, request=None) -> PreparedBlocks:
    """Read what every block of ``stream`` (a page's StreamField value, nested blocks
    included) shows, in a fixed number of queries whatever the number of blocks.

    The rows the blocks chose are read by model, one query each (pages with the picture a
    category tile shows; images); then the products of every product grid and featured
    product, their pages, variants and pictures, and the renditions of every picture
    (``selectors.products_for_blocks``). The stream's values are then made from those rows
    (``themes.blocks.chosen_rows``), and each grid and featured product finds its cards in
    the answer. Rows are read as model instances, as anywhere else.
    """
    prepared = PreparedBlocks()
    chosen: dict[type, set] = {}
    grids = []
    banner_ends = []

    def gather(block, raw):
        if isinstance(block, ChosenRowsMixin):
            key = block._key(raw)
            if key is not None:
                chosen.setdefault(block.model_class, set()).add(key)
        elif isinstance(block, ProductGridBlock) and isinstance(raw, dict):
            grids.append(_raw_struct(block, raw))
        elif isinstance(block, PromoBannerBlock) and isinstance(raw, dict):
            banner_ends.append(_banner_end(block, raw))

    walk_raw(stream.stream_block, list(stream.raw_data), gather)
    now = timezone.now()
    prepared.good_until = min((end for end in banner_ends if end and end > now), default=None)
    if not chosen and not grids:
        return prepared

    product_model = ProductGridBlock.base_blocks["products"].child_block.model_class
    rows: dict[type, dict] = {}
    pictures = []
    for model, ids in chosen.items():
        if model is product_model:
            continue
        queryset = model._default_manager.all()
        related = getattr(model, "serve_related", ())
        if related:
            queryset = queryset.select_related(*related)
        rows[model] = queryset.in_bulk(ids)
        for row in rows[model].values():
            pictures.append(row)
            pictures.extend(getattr(row, name) for name in related)
    pictures = [picture for picture in pictures if _has_renditions(picture)]

    with chosen_rows(rows):
        categories = []
        for grid in grids:
            category = _grid_category(_chosen_category(grid, rows), site=site)
            if category is not None:
                categories.append((category, _limit(grid)))
        found = selectors.products_for_blocks(
            site=site,
            product_ids=list(chosen.get(product_model, ())),
            grids=[query for query in map(_grid_query, grids) if query is not None],
            categories=categories,
            pictures=pictures,
        )
        rows[product_model] = found.products

        def fill(block, value):
            if isinstance(block, ProductGridBlock):
                prepared.add(value, {"cards": _grid_cards(value, found, request)})
            elif isinstance(block, FeaturedProductBlock):
                prepared.add(value, _featured_context(value, found, request))

        walk_values(stream.stream_block, stream, fill)
    return prepared


def _raw_struct(block, raw: dict) -> dict:
    """The stored value of a struct block with its fields' defaults where none is stored
    (chosen rows stay ids)."""
    return {
        name: raw[name] if name in raw else child.get_default()
        for name, child in block.child_blocks.items()
    }


def _chosen_category(grid: dict, rows) -> dict:
    """The stored grid ``grid`` with its category's row in place of its id."""
    block = ProductGridBlock.base_blocks["category"]
    category = rows.get(block.model_class, {}).get(block._key(grid.get("category")))
    return {**grid, "category": category}


def _has_renditions(row) -> bool:
    return isinstance(row, Model) and hasattr(row, "get_rendition")

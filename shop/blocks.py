"""Commerce StreamField blocks. They read through selectors, scoped to the page's store."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from tenancy.content_choices import not_of_this_store
from tenancy.request import request_site
from tenancy.scope import StoreScopedChoiceField
from themes.blocks import THEME_BLOCKS
from themes.templating import ThemedBlockMixin

from . import selectors


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


class ProductGridBlock(ThemedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    source = blocks.ChoiceBlock(
        choices=[("category", "Products of a category"), ("picked", "Hand-picked products")],
        default="category",
    )
    category = blocks.PageChooserBlock(page_type="shop.CategoryPage", required=False)
    products = blocks.ListBlock(StoreRowChooserBlock("shop.Product"), required=False)
    limit = blocks.IntegerBlock(min_value=1, max_value=24, default=8)

    theme_template = "blocks/product_grid.html"

    class Meta:
        icon = "table"
        label = "Product grid"
        description = "Products from a category, or ones you pick, as a grid of cards."

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value  # a draft may keep a grid whose products are not picked yet
        if value["source"] == "category" and not value.get("category"):
            raise blocks.StructBlockValidationError(
                block_errors={"category": ValidationError("Choose a category.")}
            )
        if value["source"] == "picked" and not value.get("products"):
            raise blocks.StructBlockValidationError(
                block_errors={"products": ValidationError("Pick at least one product.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        store = (parent_context or {}).get("store")
        site = store.site if store is not None else request_site(request)
        context["cards"] = self.cards(value, site=site, request=request)
        return context

    @staticmethod
    def cards(value, *, site, request=None):
        if value["source"] == "category" and value.get("category"):
            category = value["category"].specific
            listing = selectors.category_products(
                site=site,
                category=category,
                sort="featured",
                page_number=1,
                per_page=value["limit"],
            )
            return [selectors.ProductCard.from_page(page, request) for page in listing.object_list]
        ids = [product.pk for product in value.get("products") or [] if product]
        products = selectors.products_by_ids(site=site, ids=ids[: value["limit"]])
        return [selectors.ProductCard.from_product(product, request) for product in products]


COMMERCE_BLOCKS = [("product_grid", ProductGridBlock())]
STORE_PAGE_BLOCKS = THEME_BLOCKS + COMMERCE_BLOCKS

"""Store page types: the home page, category pages and product pages."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import classproperty
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.widgets import AdminSnippetChooser

from tenancy.forms import StoreChoicesFormMixin
from tenancy.page_access import may_be_restricted
from tenancy.request import store_site
from tenancy.root_paths import site_id_of_page
from tenancy.store_cache import store_value
from themes.overrides import keep_override_when_absent, theme_panels
from themes.templating import ThemedPageMixin

from . import selectors
from .blocks import PREPARED_BLOCKS, STORE_PAGE_BLOCKS, prepare_blocks
from .data.catalog import Product
from .storefront import StoreContext


class StorefrontPageMixin(ThemedPageMixin):
    """A themed store page whose templates also get ``store`` for the page's own store.

    Its editor has Wagtail's usual tabs and a "Theme" tab, where the page may override a
    few theme values for itself and the pages under it (``themes.overrides``).
    """

    @classproperty
    def edit_handler(cls):
        tabs = [
            ObjectList(cls.content_panels, heading="Content"),
            ObjectList(cls.promote_panels, heading="Promote"),
            ObjectList(cls.settings_panels, heading="Settings"),
            ObjectList(theme_panels(), heading="Theme"),
        ]
        return TabbedInterface(tabs, base_form_class=cls.base_form_class)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["store"] = StoreContext(self.get_store_site(request), request)
        body = getattr(self, "body", None)
        if isinstance(body, StreamValue):
            # What every block shows, read together before the page renders.
            context[PREPARED_BLOCKS] = prepare_blocks(
                body, site=context["store"].site, request=request
            )
        return context

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors, read only when its
        store has any (or an alias): a store without them spends no query on the check
        (an empty queryset, which Wagtail's admin can still order and filter)."""
        site_id = site_id_of_page(self)
        if site_id is not None and not may_be_restricted(self, site_id=site_id):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve_with_menu(self, request, *, menu):
        """This page with ``menu`` (a store menu being edited) in place of the saved one:
        the preview of a menu."""
        context = self.get_context(request)
        context["store"] = StoreContext(self.get_store_site(request), request, preview_menu=menu)
        return TemplateResponse(request, self.get_template(request), context)


def _target_site(form):
    """The store a page being edited belongs to (its parent's, for a new page)."""
    page = form.instance
    return page.get_site() if page.pk else form.parent_page.get_site()


class StoreContentForm(StoreChoicesFormMixin, WagtailAdminPageForm):
    """A store page's form: the pages, images, documents and products chosen in its fields
    (blocks, rich text, foreign keys) belong to the page's own store."""

    def __init__(self, data=None, *args, instance=None, **kwargs):
        if instance is not None:
            data = keep_override_when_absent(data, instance)
        super().__init__(data, *args, instance=instance, **kwargs)

    def choices_site(self):
        return _target_site(self)


class ProductPageForm(StoreContentForm):
    # Declared here, not made from the foreign key: that would query Product's default
    # manager whenever the form class is built, with no store scope in system checks.
    # Each form offers the products of the page's own store.
    product = forms.ModelChoiceField(
        queryset=Product._base_manager.none(), widget=AdminSnippetChooser(Product)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = _target_site(self)
        if site is not None and "product" in self.fields:
            self.fields["product"].queryset = Product.objects.for_site(site)

    def clean_product(self):
        product = self.cleaned_data.get("product")
        site = _target_site(self)
        if product is not None and site is not None and product.site_id != site.pk:
            raise ValidationError("Choose a product of this store.")
        return product


class StoreHomePage(StorefrontPageMixin, Page):
    """The root page of one store."""

    body = StreamField(STORE_PAGE_BLOCKS, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = Page.search_fields
    base_form_class = StoreContentForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["shop.CategoryPage", "shop.StorePage", "shop.ContactPage"]
    theme_template = "shop/home_page.html"

    class Meta:
        verbose_name = "store home page"

    def route(self, request, path_components):
        """Find the page an address names in one query, however deep it sits.

        Wagtail walks the tree a level at a time (two queries a level). None of the store's
        page types routes its own sub-addresses, so the page whose ``url_path`` is the
        address is the one Wagtail's walk would reach; an address that names no page falls
        back to that walk, which answers 404. Which page an address names is kept in the
        store's cache (any change to the store's pages drops it), so the page is read in
        one query of its own type.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        site = store_site(request)
        if site is None:  # the platform host: no store's cache
            found = self._find_page(url_path)
        else:
            found = store_value(
                site.pk,
                f"route:{self.path}:{url_path}",
                lambda: self._find_page(url_path),
                keep_none=False,
            )
        page = None
        if found is not None:
            page_id, content_type_id = found
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            related = getattr(model, "serve_related", ())
            page = model._default_manager.select_related(*related).filter(pk=page_id).first()
        if page is None:
            return super().route(request, path_components)
        return page.route(request, [])

    def _find_page(self, url_path) -> tuple[int, int] | None:
        """(id, content type id) of the page of this store at ``url_path``, if any."""
        return (
            Page.objects.filter(url_path=url_path, path__startswith=self.path)
            .exclude(pk=self.pk)
            .values_list("pk", "content_type_id")
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self.get_children().live().type(CategoryPage).specific()
        return context


class StorePage(StorefrontPageMixin, Page):
    """A content page of a store (about, shipping, contact), built from theme blocks."""

    body = StreamField(STORE_PAGE_BLOCKS, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    base_form_class = StoreContentForm
    parent_page_types = ["shop.StoreHomePage", "shop.StorePage"]
    subpage_types = ["shop.StorePage"]
    theme_template = "shop/store_page.html"


class CategoryPage(StorefrontPageMixin, Page):
    """A category: lists the live products of its whole subtree, paginated and sortable."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("image")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = StoreContentForm
    parent_page_types = ["shop.StoreHomePage", "shop.CategoryPage"]
    subpage_types = ["shop.CategoryPage", "shop.ProductPage"]
    theme_template = "shop/category_page.html"
    # Read with the page when it is served: its template shows the picture.
    serve_related = ("image",)

    def product_pages(self):
        """The live product pages of this category's whole subtree, in tree order."""
        return ProductPage.objects.live().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = context["store"].site
        # With filters and sorting turned off, the page ignores them in the address too.
        filters_on = context["theme"].show_filters
        sort = request.GET.get("sort", selectors.DEFAULT_SORT) if filters_on else ""
        if sort not in selectors.SORT_OPTIONS:
            sort = selectors.DEFAULT_SORT
        available_only = filters_on and request.GET.get("available") == "1"
        listing = selectors.category_products(
            site=site,
            category=self,
            sort=sort,
            page_number=request.GET.get("page"),
            per_page=context["store"].settings.products_per_page,
            available_only=available_only,
        )
        context.update(
            listing=listing,
            cards=[selectors.ProductCard.from_page(page, request) for page in listing.object_list],
            sort=sort,
            sort_options=[(key, label) for key, (label, _) in selectors.SORT_OPTIONS.items()],
            available_only=available_only,
            subcategories=self.get_children().live().type(CategoryPage),
            breadcrumbs=self.get_ancestors().live().filter(depth__gt=2),
        )
        return context


class ProductPage(StorefrontPageMixin, Page):
    """The storefront page of one product: gallery, variant choice, price, add to cart."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="pages")

    content_panels = [*Page.content_panels, FieldPanel("product")]
    base_form_class = ProductPageForm
    parent_page_types = ["shop.CategoryPage"]
    subpage_types = []
    theme_template = "shop/product_page.html"

    def serve(self, request, *args, **kwargs):
        """The product's page; 404 for a product not for sale, and for one sold out whose
        store or own choice is to hide it (ADR 37): hidden means gone from the shop, its
        address included, until it is back in stock."""
        product = self._shown_product(request)
        if not getattr(request, "is_preview", False):
            if product.status != Product.Status.ACTIVE:
                raise Http404("This product is not for sale.")
            if selectors.is_hidden(site=self.get_store_site(request), product=product):
                raise Http404("This product is sold out.")
        return super().serve(request, *args, **kwargs)

    def _shown_product(self, request) -> Product:
        """The page's product, read once per request through the store's scope."""
        memo = self.__dict__.get("_product_memo")
        if memo is not None and memo[0] is request:
            return memo[1]
        product = selectors.product_with_variants(
            site=self.get_store_site(request), product_id=self.product_id
        )
        if product is None:
            raise Http404("No such product in this store.")
        self.__dict__["_product_memo"] = (request, product)
        return product

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        product = self._shown_product(request)
        theme = context["theme"]
        related_pages = []
        if theme.show_related_products:
            siblings = ProductPage.objects.live().sibling_of(self, inclusive=False)
            related_pages = selectors.related_products(
                site=context["store"].site, pages=siblings, product=product
            )
        else:
            selectors.with_card_data([product])
        variants = list(product.variants.all())
        chosen = _chosen_variant(variants, request.GET.get("variant"))
        related = [selectors.ProductCard.from_page(page, request) for page in related_pages]
        context.update(
            product=product,
            variants=variants,
            images=selectors.product_gallery(product=product, variant=chosen),
            default_variant=chosen,
            related_cards=related,
            breadcrumbs=self.get_ancestors().live().filter(depth__gt=2),
        )
        return context


def _chosen_variant(variants, requested):
    """The variant named by ``?variant=<id>`` if it is one of ``variants``; else the first
    one for sale, else the first one."""
    by_id = {str(variant.pk): variant for variant in variants}
    if requested in by_id:
        return by_id[requested]
    return next((v for v in variants if v.is_available), variants[0] if variants else None)

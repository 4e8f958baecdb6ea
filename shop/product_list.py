"""The product list of the admin: a thumbnail, the title, the price range, the stock on
hand (marked low or sold out), the status and the category of each product; filters by
status, category, vendor, type and stock state; search by title, SKU and barcode (and by
vendor, type and tag).

It costs the same number of queries whatever the number of products: prices and stock
are read as aggregates of the listing's own query, and the thumbnails, categories and
currencies of a page of products in one query each (``ProductIndexView.decorate``).
"""

from django import forms
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_filters import ChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.snippets.views.snippets import IndexView

from tenancy.request import admin_site_ids

from .data import Product, ProductImage, ProductTag, ProductVariant, StoreSettings
from .data.settings import DEFAULT_LOW_STOCK_THRESHOLD
from .money import MoneyFormat
from .pages import CategoryPage, ProductPage
from .templatetags.shop_tags import money

THUMBNAIL = "fill-96x96"
STYLES = "shop/css/product-admin.css"


class StockState:
    IN_STOCK, LOW, SOLD_OUT = "in", "low", "out"
    choices = [(IN_STOCK, "In stock"), (LOW, "Low stock"), (SOLD_OUT, "Sold out")]


def with_list_figures(queryset, *, low_threshold: int):
    """Products with their price range and stock figures, counted over tracked variants.

    A product is sold out when every tracked variant has none on hand, low when one has at
    most its low-stock threshold (the variant's own, else ``low_threshold``).
    """
    tracked = Q(variants__track_inventory=True)
    threshold = Coalesce(F("variants__stock__low_stock_threshold"), Value(low_threshold))
    return queryset.annotate(
        price_min=Min("variants__price"),
        price_max=Max("variants__price"),
        stock_total=Sum("variants__stock__on_hand", filter=tracked),
        tracked_count=Count("variants", filter=tracked),
        out_count=Count("variants", filter=tracked & Q(variants__stock__on_hand__lte=0)),
        low_count=Count("variants", filter=tracked & Q(variants__stock__on_hand__lte=threshold)),
    )


def stock_state(product) -> str:
    if product.tracked_count and product.out_count == product.tracked_count:
        return StockState.SOLD_OUT
    if product.low_count:
        return StockState.LOW
    return StockState.IN_STOCK


def _sites_categories(site_ids):
    categories = CategoryPage.objects.order_by("path")
    if site_ids is None:
        return categories
    roots = Page.objects.filter(sites_rooted_here__in=site_ids)
    query = Q(pk__in=[])
    for root in roots:
        query |= Q(path__startswith=root.path)
    return categories.filter(query)


class ProductFilterSet(WagtailFilterSet):
    status = ChoiceFilter(choices=Product.Status.choices, label="Status")
    category = ChoiceFilter(label="Category", method="filter_category")
    vendor = ChoiceFilter(label="Vendor")
    product_type = ChoiceFilter(label="Type")
    stock = ChoiceFilter(choices=StockState.choices, label="Stock", method="filter_stock")

    class Meta:
        model = Product
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_ids = admin_site_ids(self.request)
        products = Product.objects.all()
        if site_ids is not None:
            products = products.filter(site_id__in=site_ids)
        self.categories = {str(c.pk): c for c in _sites_categories(site_ids)}
        self.filters["category"].extra["choices"] = [
            (pk, f"{'— ' * max(0, c.depth - 3)}{c.title}") for pk, c in self.categories.items()
        ]
        for name in ("vendor", "product_type"):
            values = products.exclude(**{name: ""}).order_by(name).values_list(name, flat=True)
            self.filters[name].extra["choices"] = [(v, v) for v in dict.fromkeys(values)]

    def filter_category(self, queryset, name, value):
        category = self.categories.get(value)
        if category is None:
            return queryset.none()
        pages = ProductPage.objects.filter(product=OuterRef("pk"), path__startswith=category.path)
        return queryset.filter(Exists(pages))

    def filter_stock(self, queryset, name, value):
        sold_out = Q(tracked_count__gt=0, out_count=F("tracked_count"))
        if value == StockState.SOLD_OUT:
            return queryset.filter(sold_out)
        if value == StockState.LOW:
            return queryset.filter(low_count__gt=0).exclude(sold_out)
        return queryset.exclude(sold_out).exclude(low_count__gt=0)


class ProductIndexView(IndexView):
    """The product listing: see the module's docstring."""

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"),
            Column("thumbnail", label="", accessor=_thumbnail, width="64px"),
            self._get_title_column("title"),
            Column("price", label="Price", accessor=_price_range, sort_key="price_min"),
            Column("stock", label="Stock", accessor=_stock, sort_key="stock_total"),
            Column("status", label="Status", accessor="get_status_display", sort_key="status"),
            Column("category", label="Category", accessor=_category),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["media"] = context["media"] + forms.Media(css={"all": [STYLES]})
        return context

    def get_base_queryset(self):
        return with_list_figures(super().get_base_queryset(), low_threshold=self.low_threshold)

    @cached_property
    def low_threshold(self) -> int:
        site_ids = admin_site_ids(self.request)
        if site_ids and len(site_ids) == 1:
            found = StoreSettings.objects.filter(site_id__in=site_ids).values_list(
                "low_stock_threshold", flat=True
            )
            return next(iter(found), DEFAULT_LOW_STOCK_THRESHOLD)
        return DEFAULT_LOW_STOCK_THRESHOLD

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        term = self.search_query
        variants = ProductVariant.objects.filter(product=OuterRef("pk")).filter(
            Q(sku__icontains=term) | Q(barcode__icontains=term)
        )
        tags = ProductTag.objects.filter(products=OuterRef("pk"), name__icontains=term)
        fields = Q(title__icontains=term) | Q(vendor__icontains=term)
        fields |= Q(product_type__icontains=term)
        return queryset.filter(fields | Exists(variants) | Exists(tags))

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        object_list = list(object_list)
        decorate(object_list)
        return paginator, page, object_list, is_paginated


def decorate(products: list[Product]) -> None:
    """Give each product its thumbnail, category and currency (with the store's locale), in
    one query each."""
    ids = [product.pk for product in products]
    first_images = {}
    for product_id, image_id in (
        ProductImage.objects.filter(product_id__in=ids)
        .order_by("product_id", "sort_order", "pk")
        .values_list("product_id", "image_id")
    ):
        first_images.setdefault(product_id, image_id)
    images = get_image_model().objects.filter(pk__in=first_images.values())
    images = {image.pk: image for image in images.prefetch_renditions(THUMBNAIL)}
    page_paths = {}
    for product_id, path in (
        ProductPage.objects.filter(product_id__in=ids).order_by("pk").values_list("product", "path")
    ):
        page_paths.setdefault(product_id, path)
    parents = dict(
        Page.objects.filter(path__in={path[:-4] for path in page_paths.values()})
        .filter(depth__gt=2)
        .values_list("path", "title")
    )
    formats = {
        site_id: MoneyFormat(currency, locale)
        for site_id, currency, locale in StoreSettings.objects.filter(
            site_id__in={p.site_id for p in products}
        ).values_list("site_id", "currency", "locale")
    }
    for product in products:
        product.list_image = images.get(first_images.get(product.pk))
        path = page_paths.get(product.pk)
        product.list_category = parents.get(path[:-4]) if path else None
        product.list_currency = formats.get(product.site_id, MoneyFormat("EUR"))


def _thumbnail(product):
    image = getattr(product, "list_image", None)
    if image is None:
        return mark_safe('<span class="product-list__no-thumb" aria-hidden="true"></span>')
    rendition = image.get_rendition(THUMBNAIL)
    return format_html(
        '<img class="product-list__thumb" src="{}" alt="" width="48" height="48">', rendition.url
    )


def _price_range(product) -> str:
    if product.price_min is None:
        return "No variants"
    currency = getattr(product, "list_currency", MoneyFormat("EUR"))
    low, high = money(product.price_min, currency), money(product.price_max, currency)
    return low if low == high else f"{low} – {high}"


def _stock(product):
    if not product.tracked_count:
        return "Not tracked"
    state = stock_state(product)
    total = product.stock_total or 0
    variants = f"{product.tracked_count} variant{'s' if product.tracked_count != 1 else ''}"
    if state == StockState.SOLD_OUT:
        return format_html('<span class="product-list__stock--out">Sold out</span> · {}', variants)
    text = f"{total} in stock"
    if state == StockState.LOW:
        marker = f"{product.out_count} sold out" if product.out_count else "Low"
        return format_html(
            '{} · {} <span class="product-list__stock--low">{}</span>', text, variants, marker
        )
    return f"{text} · {variants}"


def _category(product) -> str:
    return getattr(product, "list_category", None) or "—"

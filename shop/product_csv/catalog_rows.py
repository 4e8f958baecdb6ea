"""What an import compares with and an export writes of a set of products: their variants
with stock, tags, pictures and pictures to download, read in one query each.

Django's ``prefetch_related`` builds a queryset per product to fill its caches, which
costs more than the queries themselves for thousands of products; this reads the rows and
groups them by product instead.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from ..data.catalog import Product, ProductImage, ProductVariant
from ..data.imports import PendingProductImage


@dataclass
class CatalogRows:
    variants: dict[int, list[ProductVariant]] = field(default_factory=lambda: defaultdict(list))
    tags: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    image_urls: dict[int, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    pending: dict[int, list[PendingProductImage]] = field(default_factory=lambda: defaultdict(list))


def load_rows(product_ids) -> CatalogRows:
    """The rows of the products ``product_ids`` (of the open store scope)."""
    rows = CatalogRows()
    product_ids = list(product_ids)
    if not product_ids:
        return rows
    for variant in (
        ProductVariant.objects.filter(product_id__in=product_ids)
        .select_related("stock")
        .order_by("product_id", "sort_order", "pk")
    ):
        rows.variants[variant.product_id].append(variant)
    through = Product.tags.through
    for product_id, name, slug in (
        through.objects.filter(product_id__in=product_ids)
        .order_by("producttag__name")
        .values_list("product_id", "producttag__name", "producttag__slug")
    ):
        rows.tags[product_id].append((name, slug))
    for image in (
        ProductImage.objects.filter(product_id__in=product_ids)
        .select_related("image")
        .order_by("product_id", "sort_order", "pk")
    ):
        rows.image_urls[image.product_id].append((image.image.file.url, image.alt_text))
    for pending in PendingProductImage.objects.filter(product_id__in=product_ids).order_by(
        "product_id", "position", "pk"
    ):
        rows.pending[pending.product_id].append(pending)
    return rows

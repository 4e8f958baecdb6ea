"""A store's products as a Shopify product CSV, in the format the import reads: importing
an export changes nothing.

One row per variant, the first carrying the product's own fields; pictures follow the
variants on the same rows, and on image-only rows when a product has more pictures than
variants. A product without options is written as Shopify writes it, with the option
"Title" of value "Default Title".
"""

import csv
from itertools import zip_longest

from ..data.catalog import Product
from . import columns as c
from .catalog_rows import CatalogRows, load_rows

# Products read at once: their variants, tags and pictures come in one query per kind.
CHUNK = 500


def export_rows(*, site_id: int):
    """The header, then every row of the store's products (the caller has its scope open)."""
    yield c.EXPORT_COLUMNS
    products = list(Product.objects.for_site(site_id).order_by("handle"))
    for start in range(0, len(products), CHUNK):
        chunk = products[start : start + CHUNK]
        rows = load_rows(product.pk for product in chunk)
        for product in chunk:
            yield from _product_rows(product, rows)


def write_csv(stream, *, site_id: int) -> int:
    """Write the export to a text ``stream``; returns the number of products written."""
    writer = csv.writer(stream)
    products = 0
    for row in export_rows(site_id=site_id):
        if row[1] and row is not c.EXPORT_COLUMNS:
            products += 1
        writer.writerow(row)
    return products


def _product_rows(product: Product, rows: CatalogRows):
    names = list(product.option_names or [])
    variants = rows.variants[product.pk]
    images = list(rows.image_urls[product.pk])
    images += [(pending.src, pending.alt_text) for pending in rows.pending[product.pk]]
    for index, (variant, image) in enumerate(zip_longest(variants, images)):
        row = dict.fromkeys(c.EXPORT_COLUMNS, "")
        row[c.HANDLE] = product.handle
        if index == 0:
            row.update(_product_cells(product, names, rows.tags[product.pk]))
        if variant is not None:
            row.update(_variant_cells(variant, names))
        if image is not None:
            row[c.IMAGE_SRC], row[c.IMAGE_ALT] = image
            row[c.IMAGE_POSITION] = str(index + 1)
        yield [row[name] for name in c.EXPORT_COLUMNS]


def _product_cells(product: Product, names: list[str], tags) -> dict:
    cells = {
        c.TITLE: product.title,
        c.BODY: product.description,
        c.VENDOR: product.vendor,
        c.TYPE: product.product_type,
        c.TAGS: ", ".join(name for name, _ in tags),
        c.PUBLISHED: "TRUE" if product.status == Product.Status.ACTIVE else "FALSE",
        c.SEO_TITLE: product.seo_title,
        c.SEO_DESCRIPTION: product.seo_description,
        c.STATUS: product.status,
    }
    for column, name in zip(c.OPTION_NAMES, names or [c.DEFAULT_OPTION_NAME], strict=False):
        cells[column] = name
    return cells


def _money(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _variant_cells(variant, names: list[str]) -> dict:
    level = getattr(variant, "stock", None)
    cells = {
        c.SKU: variant.sku,
        c.GRAMS: str(variant.weight_grams),
        c.TRACKER: c.TRACKED if variant.track_inventory else "",
        c.QUANTITY: str(level.on_hand) if level else "0",
        c.POLICY: level.policy if level else "",
        c.PRICE: _money(variant.price),
        c.COMPARE_AT: _money(variant.compare_at_price),
        c.BARCODE: variant.barcode,
        c.COST: _money(variant.cost),
    }
    options = variant.options or {}
    values = [options.get(name, "") for name in names] if names else [c.DEFAULT_OPTION_VALUE]
    for column, value in zip(c.OPTION_VALUES, values, strict=False):
        cells[column] = value
    return cells

"""Shopify's product rows, grouped into products with their variants and pictures.

Shopify writes a product as several rows sharing its Handle: the first carries the
product's own fields (Title, Body, Vendor...) and its first variant; each continuation row
(same Handle, no Title) another variant, a picture, or both; an image-only row has a
picture and nothing of a variant. A product without options is written with Option1 Name
"Title" and Option1 Value "Default Title".

Parsing reads values only; it knows nothing of the store (``plan`` compares with it).
Each value is kept only when its column is in the file, so a file without a column leaves
that field as it is.
"""

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from ..data.catalog import TAG_NAME_MAX_LENGTH, Product, tag_slug
from ..data.stock import StockLevel
from . import columns as c
from .values import (
    CellError,
    clean_description,
    read_barcode,
    read_bool,
    read_count,
    read_grams,
    read_money,
)

_HANDLE = re.compile(r"^[-a-zA-Z0-9_]+$")
SKU_MAX = 64
TEXT_MAX = 255
SEO_DESCRIPTION_MAX = 320
SRC_MAX = 2048
VARIANT_COLUMNS = (
    c.SKU,
    c.PRICE,
    c.COMPARE_AT,
    c.COST,
    c.BARCODE,
    c.GRAMS,
    c.QUANTITY,
    *c.OPTION_VALUES,
)


@dataclass
class ImageData:
    row: int
    src: str
    position: int | None
    alt_text: str


@dataclass
class VariantData:
    row: int
    sku: str
    options: dict[str, str] | None  # None: the file has no option columns
    # Only the fields whose columns the file has (price: only when given).
    fields: dict[str, object] = field(default_factory=dict)
    quantity: int | None = None
    policy: str | None = None


@dataclass
class ProductData:
    handle: str
    rows: list[int] = field(default_factory=list)
    # The product's own fields, from its first row, when the file has their columns.
    fields: dict[str, object] = field(default_factory=dict)
    tags: list[str] | None = None
    option_names: list[str] | None = None
    variants: list[VariantData] = field(default_factory=list)
    images: list[ImageData] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.fields.get("title", ""))


def _too_long(value: str, limit: int, column: str):
    if len(value) > limit:
        raise CellError(f"{column} is {len(value)} characters long; at most {limit}.")


def generated_sku(handle: str, options: dict[str, str]) -> str:
    """The SKU of a variant the file gives none: its handle and option values, shortened
    with a digest when longer than a SKU holds, so the same row always gets the same."""
    sku = "-".join([handle, *(slugify(v) or "x" for v in options.values())]).upper()
    if len(sku) <= SKU_MAX:
        return sku
    digest = hashlib.sha256(sku.encode()).hexdigest()[:8].upper()
    return f"{sku[: SKU_MAX - 9]}-{digest}"


def group_rows(table) -> tuple[list[ProductData], list[tuple[int, str]]]:
    """Products in the order of their first row, and the rows that name no product."""
    products: dict[str, ProductData] = {}
    orphans = []
    for number, cells in table.rows:
        handle = cells.get(c.HANDLE, "")
        if not handle:
            orphans.append((number, "The row has no Handle: every row names its product."))
            continue
        product = products.setdefault(handle, ProductData(handle=handle))
        product.rows.append(number)
        _read_row(product, number, cells, table.columns)
    for product in products.values():
        if product.option_names is not None:
            resolve_options(product, product.option_names)
    return list(products.values()), orphans


def _read_row(product: ProductData, number: int, cells: dict, columns: set) -> None:
    try:
        if product.rows == [number]:
            _check_handle(product.handle)
        if cells.get(c.TITLE) and "title" not in product.fields:
            _read_product_fields(product, cells, columns)
        extra = [name for name in c.EXTRA_OPTION_COLUMNS if cells.get(name)]
        if extra:
            raise CellError(
                f"The row gives {extra[0]}: a product has at most {len(c.OPTION_NAMES)} options."
            )
        if any(cells.get(name) for name in VARIANT_COLUMNS):
            product.variants.append(_read_variant(product, number, cells, columns))
        if cells.get(c.IMAGE_SRC):
            product.images.append(_read_image(number, cells))
    except CellError as error:
        product.errors.append((number, str(error)))


def _check_handle(handle: str) -> None:
    _too_long(handle, TEXT_MAX, c.HANDLE)
    if not _HANDLE.match(handle):
        raise CellError(
            f"Handle “{handle}” may hold only letters, digits, hyphens and underscores."
        )


def _text(cells, column, limit=TEXT_MAX) -> str:
    value = cells.get(column, "")
    _too_long(value, limit, column)
    return value


def _read_product_fields(product: ProductData, cells: dict, columns: set) -> None:
    fields = {"title": _text(cells, c.TITLE)}
    if c.BODY in columns:
        fields["description"] = clean_description(cells[c.BODY])
    if c.VENDOR in columns:
        fields["vendor"] = _text(cells, c.VENDOR)
    if c.TYPE in columns or c.PRODUCT_CATEGORY in columns:
        fields["product_type"] = _text(cells, c.TYPE) or _text(cells, c.PRODUCT_CATEGORY)
    if c.SEO_TITLE in columns:
        fields["seo_title"] = _text(cells, c.SEO_TITLE)
    if c.SEO_DESCRIPTION in columns:
        fields["seo_description"] = _text(cells, c.SEO_DESCRIPTION, SEO_DESCRIPTION_MAX)
    status = _status(cells)
    if status:
        fields["status"] = status
    if c.TAGS in columns:
        product.tags = _tags(cells[c.TAGS])
    names = [cells.get(name, "") for name in c.OPTION_NAMES]
    while names and not names[-1]:
        names.pop()
    if "" in names:
        raise CellError("Option names must be given in order: one is missing before another.")
    for name in names:
        _too_long(name, TEXT_MAX, "An option name")
    if len(set(names)) != len(names):
        raise CellError("Two options have the same name.")
    product.option_names = names
    product.fields.update(fields)


def _status(cells) -> str:
    status = cells.get(c.STATUS, "").lower()
    if status:
        if status not in Product.Status.values:
            raise CellError(f"Status “{cells[c.STATUS]}” is not active, draft or archived.")
        return status
    published = read_bool(cells.get(c.PUBLISHED, ""), c.PUBLISHED)
    if published is None:
        return ""
    return Product.Status.ACTIVE if published else Product.Status.DRAFT


def _tags(text: str) -> list[str]:
    names = []
    for name in text.split(","):
        name = " ".join(name.split())
        if not name:
            continue
        _too_long(name, TAG_NAME_MAX_LENGTH, f"Tag “{name[:20]}…”")
        if tag_slug(name) and name not in names:
            names.append(name)
    return names


def _read_variant(product: ProductData, number: int, cells: dict, columns: set) -> VariantData:
    values = None  # a file without option columns leaves the variants' options as they are
    if any(name in columns for name in c.OPTION_VALUES):
        values = [cells.get(name, "") for name in c.OPTION_VALUES]
        for value in values:
            _too_long(value, TEXT_MAX, "An option value")
    sku = _text(cells, c.SKU, SKU_MAX)
    variant = VariantData(row=number, sku=sku, options={"_values": values})
    fields = variant.fields
    if cells.get(c.PRICE):
        fields["price"] = read_money(cells[c.PRICE], c.PRICE)
    if c.COMPARE_AT in columns:
        value = cells[c.COMPARE_AT]
        fields["compare_at_price"] = read_money(value, c.COMPARE_AT) if value else None
    if c.COST in columns:
        value = cells[c.COST]
        fields["cost"] = read_money(value, c.COST) if value else None
    if c.GRAMS in columns:
        value = cells[c.GRAMS]
        fields["weight_grams"] = read_grams(value, c.GRAMS) if value else 0
    if c.BARCODE in columns:
        barcode, exact = read_barcode(cells[c.BARCODE])
        if exact:
            _too_long(barcode, SKU_MAX, c.BARCODE)
            fields["barcode"] = barcode
        else:
            product.warnings.append(
                (
                    number,
                    f"Barcode “{barcode}” is in scientific notation, which lost its last "
                    "digits (a spreadsheet rounded it): the variant's barcode is left as it "
                    "is. Format the column as text and export again to import it.",
                )
            )
    if c.TRACKER in columns:
        fields["track_inventory"] = bool(cells[c.TRACKER])
    if cells.get(c.QUANTITY):
        variant.quantity = read_count(cells[c.QUANTITY], c.QUANTITY, allow_negative=True)
        if variant.quantity < 0:
            raise CellError(
                f"{c.QUANTITY} “{cells[c.QUANTITY]}” is negative: give what is on hand."
            )
    if c.POLICY in columns:
        policy = cells[c.POLICY].lower()
        if policy not in ("", *StockLevel.Policy.values):
            raise CellError(f"{c.POLICY} “{cells[c.POLICY]}” is neither deny nor continue.")
        variant.policy = policy
    return variant


def _read_image(number: int, cells: dict) -> ImageData:
    src = cells[c.IMAGE_SRC]
    _too_long(src, SRC_MAX, c.IMAGE_SRC)
    if not src.lower().startswith(("http://", "https://", "/")):
        raise CellError(f"{c.IMAGE_SRC} “{src[:80]}” is not a web address.")
    position = None
    if cells.get(c.IMAGE_POSITION):
        position = read_count(cells[c.IMAGE_POSITION], c.IMAGE_POSITION)
    return ImageData(number, src, position, _text(cells, c.IMAGE_ALT))


def resolve_options(product: ProductData, names: list[str]) -> None:
    """Name each variant's option values by ``names`` (the file's, or for a product the
    file gives no first row, the store's), recognise "Default Title", give SKUs, and refuse
    what only the whole product shows (missing values, the same combination twice)."""
    if product.variants and "_values" not in product.variants[0].options:
        return
    default = names in ([], [c.DEFAULT_OPTION_NAME]) and all(
        v.options["_values"] is not None and v.options["_values"][0] == c.DEFAULT_OPTION_VALUE
        for v in product.variants
    )
    if default:
        names = []
        if product.option_names is not None:
            product.option_names = []
    seen: dict[tuple, int] = {}
    for variant in product.variants:
        values = variant.options.pop("_values")
        if values is None:
            variant.options = None
            if not variant.sku:
                variant.sku = generated_sku(product.handle, {})
            continue
        if default:
            values = ["", *values[1:]]
        try:
            variant.options = _options(names, values)
        except CellError as error:
            product.errors.append((variant.row, str(error)))
            continue
        key = tuple(variant.options.values())
        if key in seen:
            product.errors.append(
                (
                    variant.row,
                    f"Row {seen[key]} already has the variant "
                    f"“{' / '.join(key) or c.DEFAULT_OPTION_VALUE}” of {product.handle}.",
                )
            )
        seen.setdefault(key, variant.row)
        if not variant.sku:
            variant.sku = generated_sku(product.handle, variant.options)
    for position, image in enumerate(product.images, start=1):
        if image.position is None:
            image.position = position


def _options(names: list[str], values: list[str]) -> dict[str, str]:
    given = [value for value in values if value]
    if len(given) > len(names) or any(values[len(names) :]):
        if not names:
            raise CellError("The row gives an option value but the product names no option.")
        raise CellError(
            f"The row gives more option values than the product has options ({len(names)})."
        )
    missing = [name for name, value in zip(names, values, strict=False) if not value]
    if missing:
        raise CellError(f"The row gives no value for the option “{missing[0]}”.")
    return dict(zip(names, values, strict=False))


def price_of(variant: VariantData) -> Decimal | None:
    return variant.fields.get("price")

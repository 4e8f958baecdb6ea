"""What importing a product file would do to a store: which products it creates, which it
updates and how, which rows it refuses and why. Nothing is written here.

A product is found by its handle in the store, a variant by its SKU among the product's
variants, else by its option values. A value equal to what the store has is no change,
so a file imported twice plans nothing the second time.
"""

from dataclasses import dataclass, field

from ..data.catalog import Product, ProductVariant, tag_slug
from ..data.imports import PendingProductImage
from ..data.stock import StockLevel
from . import columns as c
from .catalog_rows import load_rows
from .parse import ImageData, ProductData, VariantData, group_rows, resolve_options
from .reading import read_table
from .values import clean_description

VARIANT_FIELDS = (
    "sku",
    "options",
    "price",
    "compare_at_price",
    "cost",
    "barcode",
    "weight_grams",
    "track_inventory",
)
PRODUCT_FIELDS = (
    "title",
    "description",
    "vendor",
    "product_type",
    "status",
    "seo_title",
    "seo_description",
    "option_names",
)


@dataclass
class Rejection:
    row: int
    handle: str
    reason: str


@dataclass
class VariantWrite:
    data: VariantData
    variant: ProductVariant | None
    changes: dict[str, object]
    on_hand: int = 0
    quantity_change: int = 0
    policy: str | None = None  # the new policy, when it changes
    needs_level: bool = False
    # Whether the file creates the variant (kept once it is written).
    is_new: bool = False

    def __post_init__(self):
        self.is_new = self.variant is None


@dataclass
class ProductWrite:
    data: ProductData
    product: Product | None
    changes: dict[str, object]
    tags: list[str] | None = None  # the tags it will have, when they change
    variants: list[VariantWrite] = field(default_factory=list)
    new_images: list[ImageData] = field(default_factory=list)
    image_updates: list[tuple[PendingProductImage, ImageData]] = field(default_factory=list)
    # Where the file's new variants go: after the product's own.
    next_sort_order: int = 0
    # Whether the file creates the product (kept once it is written).
    is_new: bool = False

    def __post_init__(self):
        self.is_new = self.product is None

    @property
    def is_changed(self) -> bool:
        return bool(
            self.is_new
            or self.changes
            or self.tags is not None
            or self.new_images
            or self.image_updates
            or any(v.changes or v.quantity_change or v.policy is not None for v in self.variants)
        )

    def describe(self) -> list[str]:
        """What changes, in words, for the plan a merchant reads."""
        parts = []
        if self.is_new:
            parts.append(_count(len(self.variants), "variant"))
        else:
            parts += [name.replace("_", " ") for name in self.changes]
            if self.tags is not None:
                parts.append("tags")
        new_variants = [v for v in self.variants if v.is_new]
        if new_variants and not self.is_new:
            parts.append(f"new {_count(len(new_variants), 'variant')}")
        for write in self.variants:
            if not write.is_new and write.changes:
                names = ", ".join(name.replace("_", " ") for name in write.changes)
                parts.append(f"{write.data.sku}: {names}")
            if write.quantity_change:
                parts.append(
                    f"stock of {write.data.sku} {write.on_hand} → "
                    f"{write.on_hand + write.quantity_change}"
                )
            if write.policy is not None and not write.is_new:
                parts.append(f"{write.data.sku}: when sold out")
        if self.new_images or self.image_updates:
            pictures = _count(len(self.new_images) + len(self.image_updates), "picture")
            parts.append(f"{pictures} to download")
        return parts


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@dataclass
class Plan:
    file_name: str
    total_rows: int
    products: list[ProductWrite]
    rejected: list[Rejection]
    warnings: list[Rejection]
    ignored_columns: list[str]

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def created(self) -> list[ProductWrite]:
        return [write for write in self.products if write.is_new]

    @property
    def updated(self) -> list[ProductWrite]:
        return [write for write in self.products if not write.is_new and write.is_changed]

    @property
    def unchanged(self) -> list[ProductWrite]:
        return [write for write in self.products if not write.is_changed]

    def report(self) -> dict:
        """The plan as JSON for ``ImportJob.report`` and the commands' output."""

        def entry(write):
            return {
                "handle": write.data.handle,
                "title": write.data.title or (write.product.title if write.product else ""),
                "rows": _rows(write.data.rows),
                "changes": write.describe(),
            }

        return {
            "file": self.file_name,
            "rows": self.total_rows,
            "ok": self.ok,
            "summary": {
                "created": len(self.created),
                "updated": len(self.updated),
                "unchanged": len(self.unchanged),
                "rejected": len(self.rejected),
                "warnings": len(self.warnings),
            },
            "created": [entry(write) for write in self.created],
            "updated": [entry(write) for write in self.updated],
            "rejected": [vars(rejection) for rejection in self.rejected],
            "warnings": [vars(warning) for warning in self.warnings],
            "ignored_columns": self.ignored_columns,
        }

    def problems(self) -> list[str]:
        return [f"Row {r.row} ({r.handle or 'no handle'}): {r.reason}" for r in self.rejected]


def _rows(rows: list[int]) -> str:
    if not rows:
        return ""
    return str(rows[0]) if len(rows) == 1 else f"{rows[0]}–{rows[-1]}"


def plan_products(*, site_id: int, text: str, file_name: str = "") -> Plan:
    """The plan of importing ``text`` (a Shopify product CSV) into the store ``site_id``.

    Raises ``FileRefused`` when the file as a whole cannot be read. The caller has the
    store's scope open.
    """
    table = read_table(text, known=c.KNOWN, required=[c.HANDLE])
    groups, orphans = group_rows(table)
    rejected = [Rejection(row, "", reason) for row, reason in orphans]
    store = _StoreView(site_id, groups)
    for group in groups:
        if group.option_names is None:
            existing = store.products.get(group.handle)
            resolve_options(group, existing.option_names if existing else [])
    store.read_rows(groups)
    planned, warnings = [], []
    skus: dict[str, tuple[int, str]] = {}
    for group in groups:
        existing = store.products.get(group.handle)
        write = _plan_product(group, existing, store, skus)
        warnings += [Rejection(row, group.handle, text) for row, text in group.warnings]
        if group.errors:
            rejected += [Rejection(row, group.handle, reason) for row, reason in group.errors]
        else:
            planned.append(write)
    rejected.sort(key=lambda rejection: rejection.row)
    return Plan(
        file_name=file_name,
        total_rows=len(table.rows),
        products=planned,
        rejected=rejected,
        warnings=warnings,
        ignored_columns=table.ignored_columns,
    )


class _StoreView:
    """What the store has of the file's products and SKUs, read in a few queries: the
    products first (their option names name the values of rows without a first row), then,
    once every variant has its SKU, their rows and the owners of the file's SKUs."""

    def __init__(self, site_id: int, groups: list[ProductData]):
        self.site_id = site_id
        handles = [group.handle for group in groups]
        self.products = {
            product.handle: product
            for product in Product.objects.for_site(site_id).filter(handle__in=handles)
        }

    def read_rows(self, groups: list[ProductData]) -> None:
        site_id = self.site_id
        self.rows = load_rows(product.pk for product in self.products.values())
        skus = [variant.sku for group in groups for variant in group.variants if variant.sku]
        self.sku_owners = dict(
            ProductVariant.objects.for_site(site_id)
            .filter(sku__in=skus)
            .values_list("sku", "product__handle")
        )


def _plan_product(group: ProductData, existing, store: _StoreView, skus) -> ProductWrite:
    first = group.rows[0]
    first_row_refused = any(row == first for row, _ in group.errors)
    if existing is None and not first_row_refused:
        if not group.title:
            group.errors.append(
                (first, "A new product needs a Title on its first row (none of its rows has one).")
            )
        if not group.variants:
            group.errors.append(
                (first, "A new product needs at least one variant (a row with its price).")
            )
    if existing is None:
        product_changes = {
            "status": Product.Status.ACTIVE,
            "option_names": group.option_names or [],
            **group.fields,
        }
    else:
        product_changes = _product_changes(group, existing)
    write = ProductWrite(group, existing, product_changes)
    if group.tags is not None:
        current = {slug for _, slug in store.rows.tags[existing.pk]} if existing else set()
        if {tag_slug(name) for name in group.tags} != current or existing is None:
            write.tags = group.tags
    variants = list(store.rows.variants[existing.pk]) if existing else []
    write.next_sort_order = max((v.sort_order or 0 for v in variants), default=-1) + 1
    unmatched = list(variants)
    for data in group.variants:
        _check_sku(group, data, skus, store)
        variant = _match(data, unmatched)
        names = (
            group.option_names
            if group.option_names is not None
            else (existing.option_names if existing else [])
        )
        write.variants.append(_plan_variant(group, data, variant, names))
    _plan_images(write, group, existing, store)
    return write


def _product_changes(group: ProductData, product: Product) -> dict:
    changes = {}
    for name, value in group.fields.items():
        current = getattr(product, name)
        if name == "description" and clean_description(current) == value:
            continue
        if current != value:
            changes[name] = value
    if group.option_names is not None and group.option_names != product.option_names:
        changes["option_names"] = group.option_names
    return changes


def _check_sku(group, data: VariantData, skus, store: _StoreView) -> None:
    if data.sku in skus:
        row, handle = skus[data.sku]
        where = "" if handle == group.handle else f" (product {handle})"
        group.errors.append((data.row, f"SKU “{data.sku}” is already on row {row}{where}."))
        return
    skus[data.sku] = (data.row, group.handle)
    owner = store.sku_owners.get(data.sku)
    if owner is not None and owner != group.handle:
        group.errors.append(
            (data.row, f"SKU “{data.sku}” belongs to another product of the store, “{owner}”.")
        )


def _match(data: VariantData, unmatched: list) -> ProductVariant | None:
    for candidates in (
        [v for v in unmatched if v.sku == data.sku],
        [v for v in unmatched if data.options is not None and v.options == data.options],
    ):
        if candidates:
            unmatched.remove(candidates[0])
            return candidates[0]
    return None


def _plan_variant(group: ProductData, data: VariantData, variant, names) -> VariantWrite:
    wanted = {"sku": data.sku, **data.fields}
    if data.options is not None:
        wanted["options"] = data.options
    if variant is None:
        if "price" not in wanted:
            group.errors.append((data.row, "A new variant needs a Variant Price."))
        if data.options is None:
            if names:
                group.errors.append(
                    (data.row, f"A new variant needs a value for each option ({', '.join(names)}).")
                )
            wanted["options"] = {}
        changes = wanted
        price = wanted.get("price")
    else:
        changes = {name: v for name, v in wanted.items() if getattr(variant, name) != v}
        price = wanted.get("price", variant.price)
    compare_at = wanted.get(
        "compare_at_price", variant.compare_at_price if variant is not None else None
    )
    if compare_at is not None and price is not None and compare_at <= price:
        group.warnings.append(
            (
                data.row,
                f"Compare-at price {compare_at} is not above the price {price}: the variant "
                "is imported without one (it would show a sale it is not).",
            )
        )
        if variant is not None and variant.compare_at_price is None:
            changes.pop("compare_at_price", None)
        else:
            changes["compare_at_price"] = None
    level = getattr(variant, "stock", None) if variant is not None else None
    write = VariantWrite(data, variant, changes, needs_level=level is None)
    on_hand = level.on_hand if level else 0
    reserved = level.reserved if level else 0
    current_policy = level.policy if level else ""
    tracked = wanted.get("track_inventory", variant.track_inventory if variant else True)
    write.on_hand = on_hand
    if data.quantity is not None and tracked:
        write.quantity_change = data.quantity - on_hand
    if data.policy is not None and data.policy != current_policy:
        write.policy = data.policy
    final_policy = current_policy if write.policy is None else write.policy
    final = on_hand + write.quantity_change
    if final < reserved and final_policy != StockLevel.Policy.CONTINUE:
        group.errors.append(
            (
                data.row,
                f"{data.sku}: {reserved} units are held for checkouts; "
                f"{c.QUANTITY} {final} would leave fewer on hand.",
            )
        )
    return write


def _plan_images(write: ProductWrite, group: ProductData, existing, store: _StoreView) -> None:
    known = {}
    stored_urls = []
    if existing is not None:
        known = {pending.src: pending for pending in store.rows.pending[existing.pk]}
        stored_urls = [url for url, _ in store.rows.image_urls[existing.pk]]
    seen = set()
    for image in group.images:
        if image.src in seen or any(image.src.endswith(url) for url in stored_urls):
            continue
        seen.add(image.src)
        pending = known.get(image.src)
        if pending is None:
            write.new_images.append(image)
        elif (pending.position, pending.alt_text) != (image.position, image.alt_text):
            write.image_updates.append((pending, image))

"""Removing products from sale: archive a product with history, delete one without; the
tags of a product; and its variants as the product editor saves them (``save_variants``).

A product whose variants have stock history or sales is kept (the ledger and the order
lines refer to its variants, which PROTECT them); archiving takes it off the storefront.
See docs/adr/0015-products-with-history-are-archived-and-cancellation-returns-stock.md.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from wagtail.actions.delete import DeleteAction
from wagtail.log_actions import log

from ..data import Product, ProductTag, ProductVariant, StockLevel, StockMovement
from ..data.catalog import tag_slug
from ..exceptions import InsufficientStock, ProductInUse
from ..selectors import VariantHistory, variant_history
from .product_pages import follow_status_of_products
from .stock import adjust_stock

# The note of the ledger rows the product editor writes.
EDITOR_STOCK_NOTE = "Changed in the product editor"


def in_use_message(product: Product, history: VariantHistory) -> str:
    parts = []
    if history.stock_movements:
        parts.append(f"{history.stock_movements} stock movement(s)")
    if history.order_lines:
        parts.append(f"{history.order_lines} order line(s)")
    return (
        f"“{product}” cannot be deleted: {' and '.join(parts)} refer to it, and they keep "
        "their record. Archive it instead: it leaves the storefront and stays in the history."
    )


@transaction.atomic
def delete_product(*, product: Product, user=None) -> None:
    """Delete a product that has never been stocked or sold; ProductInUse otherwise."""
    history = variant_history(variant_ids=product.variants.values_list("pk", flat=True))
    if history:
        raise ProductInUse(in_use_message(product, history))
    try:
        with transaction.atomic():
            DeleteAction(product, user=user).execute(skip_permission_checks=True)
    except (ProtectedError, IntegrityError) as error:  # stock moved or sold meanwhile
        raise ProductInUse(
            f"“{product}” cannot be deleted: it was just stocked or sold."
        ) from error


@transaction.atomic
def archive_product(*, product: Product, user=None) -> Product:
    """Take a product off the storefront, keeping it, its variants and their history."""
    if product.status != Product.Status.ARCHIVED:
        product.status = Product.Status.ARCHIVED
        product.save(update_fields=["status", "updated_at"])
        log(instance=product, action="wagtail.edit", user=user, content_changed=True)
        follow_status_of_products(products=[product], user=user)
    return product


@transaction.atomic
def set_product_tags(*, product: Product, names) -> list[ProductTag]:
    """Give ``product`` exactly the tags named, made in the product's store when new.

    Tags are found by slug in the product's own store ("Winter" is the store's "winter"
    tag), so a product is never linked to another store's tag. Names with no letter or
    digit are skipped (the product form refuses them first). A tag no product uses any
    longer is kept: suggestions offer only the tags in use, and removing it would race
    with another product being given it.
    """
    wanted: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())
        slug = tag_slug(name)
        if slug:
            wanted.setdefault(slug, name)
    store_tags = ProductTag.objects.for_site(product.site_id)
    known = set(store_tags.filter(slug__in=wanted).values_list("slug", flat=True))
    # A tag made meanwhile by another save of the same store is kept, not duplicated.
    ProductTag.objects.bulk_create(
        [
            ProductTag(site_id=product.site_id, name=name, slug=slug)
            for slug, name in wanted.items()
            if slug not in known
        ],
        ignore_conflicts=True,
    )
    tags = list(store_tags.filter(slug__in=wanted).order_by("name"))
    product.tags.set(tags)
    return tags


@dataclass(frozen=True)
class VariantChange:
    """One variant as the product editor saves it: ``variant_id`` None for a new one.

    ``stock_initial`` is what was on hand when the editor was opened; the stock change is
    ``on_hand - stock_initial``, applied to whatever is on hand now.
    """

    variant_id: int | None
    options: dict
    sku: str
    barcode: str
    price: Decimal
    compare_at_price: Decimal | None
    cost: Decimal | None
    weight_grams: int
    image_id: int | None
    track_inventory: bool
    policy: str
    on_hand: int
    stock_initial: int


VARIANT_FIELDS = (
    "options",
    "sku",
    "barcode",
    "price",
    "compare_at_price",
    "cost",
    "weight_grams",
    "image_id",
    "track_inventory",
)


@transaction.atomic
def save_variants(*, product: Product, rows: list[VariantChange], user=None) -> list[str]:
    """Give ``product`` exactly the variants of ``rows``, in their order, and their stock.

    Variants not in ``rows`` are deleted (ProductInUse if one has stock history or
    orders). A stock change is the merchant's difference, written to the ledger as an
    adjustment through ``adjust_stock``: a sale made while the editor was open is never
    overwritten. Returns a sentence for each variant whose stock had moved meanwhile.
    """
    existing = {v.pk: v for v in ProductVariant.objects.filter(product=product)}
    kept = {row.variant_id for row in rows}
    removed = [pk for pk in existing if pk not in kept]
    if removed:
        history = variant_history(variant_ids=removed)
        if history:
            raise ProductInUse(in_use_message(product, history))
        ProductVariant.objects.filter(pk__in=removed).delete()
    # SKUs move between rows freely: park the kept ones first so none clashes midway.
    for pk in kept & set(existing):
        ProductVariant.objects.filter(pk=pk).update(sku=f"~{pk}")
    notices = []
    for position, row in enumerate(rows):
        variant = existing.get(row.variant_id) or ProductVariant(product=product)
        for name in VARIANT_FIELDS:
            setattr(variant, name, getattr(row, name))
        variant.sort_order = position
        variant.save()
        notice = _save_stock(variant=variant, row=row, user=user)
        if notice:
            notices.append(notice)
    return notices


def _save_stock(*, variant: ProductVariant, row: VariantChange, user) -> str:
    level, _ = StockLevel.objects.get_or_create(variant=variant, defaults={"site": variant.site})
    change = row.on_hand - row.stock_initial
    notice = ""
    if change and level.on_hand != row.stock_initial:
        notice = (
            f"{variant}: stock went from {row.stock_initial} to {level.on_hand} while the "
            f"product was being edited (a sale or another change); your change of "
            f"{change:+d} was added to it, leaving {level.on_hand + change}."
        )
    continue_selling = row.policy == StockLevel.Policy.CONTINUE
    if continue_selling:
        _set_policy(level, row.policy)
    if change:
        adjust_stock(
            variant=variant,
            quantity=change,
            reason=StockMovement.Reason.ADJUSTMENT,
            note=EDITOR_STOCK_NOTE,
            user=user,
        )
    if not continue_selling:
        _set_policy(level, row.policy)
    return notice


def _set_policy(level: StockLevel, policy: str) -> None:
    if level.policy == policy:
        return
    try:
        with transaction.atomic():
            StockLevel.objects.filter(pk=level.pk).update(policy=policy)
    except IntegrityError as error:  # fewer on hand than held or sold ahead
        level.refresh_from_db(fields=["on_hand"])
        raise InsufficientStock([(level.variant, level.on_hand)]) from error
    level.policy = policy

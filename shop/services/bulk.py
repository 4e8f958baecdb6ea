"""Bulk edits of a store's products and variants: status, category, price, stock,
sold-out policy and tags of many at once.

Each edit is all or nothing (one transaction: a refused product or variant leaves every
other one as it was, and the error names it), writes stock through the stock service, and
leaves one entry in the store's audit log (``BULK_EDIT_ACTION``, on the store's settings,
so it shows in the store's activity) with its summary and the products it touched.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from wagtail.log_actions import log

from tenancy.numeric_bounds import INTEGER_MAX, INTEGER_MIN

from ..data import Product, StockLevel, StockMovement, StoreSettings
from ..data.catalog import tag_slug
from ..exceptions import BulkEditRefused
from .catalog import archive_product, set_product_tags
from .product_pages import (
    address_taken,
    follow_status_of_products,
    page_category,
    product_page,
    sync_product_page,
)
from .stock import adjust_stock

BULK_EDIT_ACTION = "shop.bulk_edit"
CENT = Decimal("0.01")
# The highest price a variant's column holds (12 digits, 2 of them decimals).
MAX_PRICE = Decimal("9999999999.99")
MIN_PERCENT, MAX_PERCENT = Decimal("-99"), Decimal("1000")


@dataclass
class BulkEdit:
    """What one bulk edit did, for the merchant's message and the audit log."""

    summary: str
    product_ids: list[int] = field(default_factory=list)
    variant_ids: list[int] = field(default_factory=list)


def _one_store(products) -> int:
    site_ids = {product.site_id for product in products}
    if len(site_ids) != 1:
        raise BulkEditRefused("Choose products of one store.")
    return site_ids.pop()


def _record(*, site_id: int, edit: BulkEdit, user) -> BulkEdit:
    settings, _ = StoreSettings.objects.get_or_create(site_id=site_id)
    log(
        instance=settings,
        action=BULK_EDIT_ACTION,
        user=user,
        data={
            "summary": edit.summary,
            "products": edit.product_ids,
            "variants": edit.variant_ids,
        },
    )
    return edit


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@transaction.atomic
def bulk_set_status(*, products, status: str, user=None) -> BulkEdit:
    """Give every product ``status``; archiving takes them off the storefront. Their pages
    follow (``product_pages.follow_status``): published when active, else unpublished."""
    products = list(products)
    site_id = _one_store(products)
    if status not in Product.Status.values:
        raise BulkEditRefused(f"“{status}” is not a product status.")
    changed = [product for product in products if product.status != status]
    for product in changed:
        if status == Product.Status.ARCHIVED:
            archive_product(product=product, user=user)
        else:
            product.status = status
            product.save(update_fields=["status", "updated_at"])
            follow_status_of_products(products=[product], user=user)
    label = Product.Status(status).label
    edit = BulkEdit(
        summary=f"Status set to {label} on {_plural(len(changed), 'product')}"
        + (
            f" ({len(products) - len(changed)} already were)"
            if len(changed) < len(products)
            else ""
        ),
        product_ids=[product.pk for product in changed],
    )
    return _record(site_id=site_id, edit=edit, user=user)


@transaction.atomic
def bulk_set_category(*, products, category, user=None) -> BulkEdit:
    """Put every product's page under ``category`` (a ``CategoryPage`` of the products'
    store): pages move there through Wagtail's move action, a product with no page yet
    gets one, live while the product is active (``product_pages.sync_product_page``).
    Refused as a whole when the category is another store's, or when another page there
    already has a product's address."""
    products = list(products)
    site_id = _one_store(products)
    if category is None or category.get_site() is None or category.get_site().pk != site_id:
        raise BulkEditRefused("Choose a category of this store.")
    pages = {product.pk: product_page(product) for product in products}
    moving = [product for product in products if page_category(pages[product.pk]) != category]
    clashes = [
        product.handle
        for product in moving
        if address_taken(category=category, slug=product.handle, page=pages[product.pk])
    ]
    if clashes:
        raise BulkEditRefused(
            f"Nothing was moved: {category.title} already has a page at "
            + ", ".join(f"“{handle}”" for handle in clashes)
            + ". Change those products' handles first."
        )
    for product in moving:
        sync_product_page(product=product, category=category, user=user)
    edit = BulkEdit(
        summary=f"Moved {_plural(len(moving), 'product')} to {category.title}"
        + (
            f" ({len(products) - len(moving)} already were there)"
            if len(moving) < len(products)
            else ""
        ),
        product_ids=[product.pk for product in moving],
    )
    return _record(site_id=site_id, edit=edit, user=user)


def _new_price(price: Decimal, *, mode: str, value: Decimal) -> Decimal:
    if mode == "set":
        return value.quantize(CENT, rounding=ROUND_HALF_UP)
    return (price * (1 + value / 100)).quantize(CENT, rounding=ROUND_HALF_UP)


def check_price_change(*, mode: str, value: Decimal) -> None:
    if mode == "set" and not Decimal(0) <= value <= MAX_PRICE:
        raise BulkEditRefused(f"A price is between 0 and {MAX_PRICE:,}.")
    if mode == "percent" and not MIN_PERCENT <= value <= MAX_PERCENT:
        raise BulkEditRefused(f"Change prices by between {MIN_PERCENT}% and +{MAX_PERCENT}%.")
    if mode not in ("set", "percent"):
        raise BulkEditRefused("Set the price, or change it by a percentage.")


@transaction.atomic
def bulk_change_price(*, variants, mode: str, value: Decimal, user=None) -> BulkEdit:
    """Set every variant's price to ``value`` (``mode="set"``) or change it by ``value``
    per cent (``"percent"``), rounded to the cent. Refused as a whole when a price would
    leave 0 to ``MAX_PRICE``, or when a compare-at price would no longer be above the new
    price (the variant would show a sale it is not)."""
    check_price_change(mode=mode, value=value)
    variants = list(variants)
    if not variants:
        raise BulkEditRefused("Choose at least one product with variants.")
    site_id = _one_store([variant.product for variant in variants])
    problems, changed = [], []
    for variant in variants:
        price = _new_price(variant.price, mode=mode, value=value)
        if not Decimal(0) <= price <= MAX_PRICE:
            problems.append(f"{variant.sku} would cost {price}")
        elif variant.compare_at_price is not None and variant.compare_at_price <= price:
            problems.append(
                f"{variant.sku}'s compare-at price ({variant.compare_at_price}) would no longer "
                f"be above its price ({price})"
            )
        elif price != variant.price:
            variant.price = price
            changed.append(variant)
    if problems:
        raise BulkEditRefused("Nothing was changed: " + "; ".join(problems) + ".")
    for variant in changed:
        variant.save(update_fields=["price"])
    how = f"set to {value:.2f}" if mode == "set" else f"changed by {value:+}%"
    edit = BulkEdit(
        summary=f"Prices {how} on {_plural(len(changed), 'variant')}",
        product_ids=sorted({variant.product_id for variant in changed}),
        variant_ids=[variant.pk for variant in changed],
    )
    return _record(site_id=site_id, edit=edit, user=user)


@transaction.atomic
def bulk_change_stock(*, variants, mode: str, quantity: int, note: str, user=None) -> BulkEdit:
    """Set every tracked variant's stock on hand to ``quantity`` (``mode="set"``), or add
    ``quantity`` to it (``"adjust"``, negative removes), one ledger row each through the
    stock service with ``note`` as the reason. Untracked variants are left as they are."""
    if mode not in ("set", "adjust"):
        raise BulkEditRefused("Set the stock, or add to it.")
    if not INTEGER_MIN <= quantity <= INTEGER_MAX or (mode == "set" and quantity < 0):
        raise BulkEditRefused("Give a whole number of units within the store's limits.")
    if not note.strip():
        raise BulkEditRefused("Say why the stock changes (a stock take, a delivery).")
    variants = [variant for variant in variants if variant.track_inventory]
    if not variants:
        raise BulkEditRefused("None of the chosen variants counts its stock.")
    site_id = _one_store([variant.product for variant in variants])
    levels = {
        level.variant_id: level
        for level in StockLevel.objects.filter(variant__in=variants).order_by("pk")
    }
    moved = []
    for variant in sorted(variants, key=lambda v: levels[v.pk].pk if v.pk in levels else 0):
        on_hand = levels[variant.pk].on_hand if variant.pk in levels else 0
        change = quantity - on_hand if mode == "set" else quantity
        if change:
            adjust_stock(
                variant=variant,
                quantity=change,
                reason=StockMovement.Reason.ADJUSTMENT,
                note=f"Bulk edit: {note.strip()}"[:255],
                user=user,
            )
            moved.append(variant)
    how = f"set to {quantity}" if mode == "set" else f"changed by {quantity:+}"
    edit = BulkEdit(
        summary=f"Stock {how} on {_plural(len(moved), 'variant')} ({note.strip()})",
        product_ids=sorted({variant.product_id for variant in moved}),
        variant_ids=[variant.pk for variant in moved],
    )
    return _record(site_id=site_id, edit=edit, user=user)


@transaction.atomic
def bulk_change_tags(*, products, add=(), remove=(), user=None) -> BulkEdit:
    """Add the tags named in ``add`` and take off those in ``remove`` (by name, in the
    products' own store), keeping each product's other tags."""
    products = list(products)
    site_id = _one_store(products)
    removing = {tag_slug(name) for name in remove} - {""}
    adding = [name for name in add if tag_slug(name)]
    if not adding and not removing:
        raise BulkEditRefused("Name at least one tag to add or remove.")
    changed = []
    for product in products:
        current = list(product.tags.all())
        names = [tag.name for tag in current if tag.slug not in removing]
        known = {tag_slug(name) for name in names}
        names += [name for name in adding if tag_slug(name) not in known]
        if {tag_slug(name) for name in names} != {tag.slug for tag in current}:
            set_product_tags(product=product, names=names)
            changed.append(product)
    parts = []
    if adding:
        parts.append(f"added {', '.join(adding)}")
    if removing:
        parts.append(f"removed {', '.join(sorted(remove))}")
    edit = BulkEdit(
        summary=f"Tags {' and '.join(parts)} on {_plural(len(changed), 'product')}",
        product_ids=[product.pk for product in changed],
    )
    return _record(site_id=site_id, edit=edit, user=user)


@transaction.atomic
def bulk_set_policy(*, variants, policy: str, user=None) -> BulkEdit:
    """Give every variant's stock the sold-out ``policy`` (a ``StockLevel.Policy`` value, or
    empty to follow its product's and store's setting). Variants with no stock row get
    one."""
    if policy not in ("", *StockLevel.Policy.values):
        raise BulkEditRefused(f"“{policy}” is not a sold-out policy.")
    variants = list(variants)
    if not variants:
        raise BulkEditRefused("Choose at least one variant.")
    site_id = _one_store([variant.product for variant in variants])
    levels = {
        level.variant_id: level
        for level in StockLevel.objects.filter(variant__in=variants)
        .order_by("pk")
        .select_for_update()
    }
    changed = []
    for variant in variants:
        level = levels.get(variant.pk) or StockLevel(variant=variant, site_id=variant.site_id)
        if level.pk is not None and level.policy == policy:
            continue
        if policy != StockLevel.Policy.CONTINUE and level.on_hand < level.reserved:
            raise BulkEditRefused(
                f"Nothing was changed: {variant.sku} has {level.on_hand} on hand, fewer than "
                f"the {level.reserved} held for checkouts, so it must keep selling on "
                "backorder until it is restocked."
            )
        level.policy = policy
        level.save()
        changed.append(variant)
    label = StockLevel.Policy(policy).label if policy else "Follow the product's setting"
    edit = BulkEdit(
        summary=f"When sold out set to “{label}” on {_plural(len(changed), 'variant')}",
        product_ids=sorted({variant.product_id for variant in changed}),
        variant_ids=[variant.pk for variant in changed],
    )
    return _record(site_id=site_id, edit=edit, user=user)

"""Writing a product file's plan into the store: all of it in one transaction, or nothing.

Rows are written in bulk (a few statements per kind of row, whatever the file's size).
Stock is counted as the ledger counts it: every change is a ledger line of reason
"adjustment" with a note naming the file. A variant the file creates gets its stock row
with its opening count and that count's ledger line, both in bulk: no one can see the row
before the import commits, so there is nothing to lock. A variant the store already has is
brought to its count through the stock service (``adjust_stock``: its row locked in
primary-key order, the ledger line, the ``stock_changed`` signal). Bulk writes send no
model signals, so a file that changed products the storefront shows invalidates the
store's cached pages once, after commit.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..data.catalog import Product, ProductTag, ProductVariant, tag_slug
from ..data.imports import PendingProductImage
from ..data.stock import StockLevel, StockMovement
from ..exceptions import ShopError
from ..pagecache.invalidation import invalidate_store_on_commit
from ..services.stock import adjust_stock
from .plan import Plan, ProductWrite

# How often (in products) the progress callback is told.
PROGRESS_EVERY = 250


class ImportRefused(ShopError):
    """The file has rejected rows (or a write was refused): nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Nothing was imported: " + "; ".join(problems[:5]))


def import_note(file_name: str) -> str:
    return f"Import of {file_name}"[:255] if file_name else "Import"


def apply_plan(
    *, plan: Plan, site_id: int, user=None, progress: Callable[[int, int], None] | None = None
) -> Plan:
    """Write ``plan`` (made by ``plan_products`` in this store's scope). ImportRefused,
    with every rejected row, when the plan has any, or when the store changed meanwhile
    (a SKU or handle taken since the plan was made): nothing is written."""
    if not plan.ok:
        raise ImportRefused(plan.problems())
    try:
        with transaction.atomic():
            return _apply(plan=plan, site_id=site_id, user=user, progress=progress)
    except IntegrityError as error:
        raise ImportRefused(
            [
                "the store changed while the file was being written (a handle or SKU was "
                "taken meanwhile); run the import again"
            ]
        ) from error


def _apply(*, plan: Plan, site_id: int, user, progress) -> Plan:
    writes = [write for write in plan.products if write.is_changed]
    now = timezone.now()
    _create_products(writes, site_id, now)
    _update_products(writes, now)
    _set_tags(writes, site_id)
    note = import_note(plan.file_name)
    stricter = _write_variants(writes, site_id, note=note, user=user)
    _write_images(writes, site_id)
    _move_stock(writes, note=note, user=user, progress=progress)
    # A policy that stops overselling is set once the counts it guards are in place.
    if stricter:
        StockLevel.objects.bulk_update(stricter, ["policy", "updated_at"])
    if any(not write.is_new for write in writes):
        invalidate_store_on_commit(site_id)
    return plan


def _create_products(writes: list[ProductWrite], site_id: int, now) -> None:
    new = [write for write in writes if write.is_new]
    products = Product.objects.bulk_create(
        [
            Product(
                site_id=site_id,
                handle=write.data.handle,
                created_at=now,
                updated_at=now,
                **write.changes,
            )
            for write in new
        ]
    )
    for write, product in zip(new, products, strict=True):
        write.product = product


def _update_products(writes: list[ProductWrite], now) -> None:
    changed = [write for write in writes if not write.is_new and write.changes]
    fields = sorted({name for write in changed for name in write.changes})
    for write in changed:
        for name, value in write.changes.items():
            setattr(write.product, name, value)
        write.product.updated_at = now
    if changed:
        Product.objects.bulk_update([w.product for w in changed], [*fields, "updated_at"])


def _set_tags(writes: list[ProductWrite], site_id: int) -> None:
    """Give each product exactly its file's tags, made in the store when new (found by
    slug, as ``set_product_tags`` does, but for every product of the file at once)."""
    tagged = [write for write in writes if write.tags is not None]
    if not tagged:
        return
    names = {}
    for write in tagged:
        for name in write.tags:
            names.setdefault(tag_slug(name), name)
    store_tags = ProductTag.objects.for_site(site_id)
    known = set(store_tags.filter(slug__in=names).values_list("slug", flat=True))
    ProductTag.objects.bulk_create(
        [
            ProductTag(site_id=site_id, name=name, slug=slug)
            for slug, name in names.items()
            if slug not in known
        ],
        ignore_conflicts=True,
    )
    by_slug = {tag.slug: tag.pk for tag in store_tags.filter(slug__in=names)}
    through = Product.tags.through
    product_ids = [write.product.pk for write in tagged]
    through.objects.filter(product_id__in=product_ids).delete()
    through.objects.bulk_create(
        [
            through(product_id=write.product.pk, producttag_id=tag_id)
            for write in tagged
            for tag_id in dict.fromkeys(by_slug[tag_slug(name)] for name in write.tags)
        ]
    )


def _write_variants(writes: list[ProductWrite], site_id: int, *, note, user) -> list[StockLevel]:
    """Create and update the variants, and their stock rows with the opening counts of
    new ones. Returns the stock rows whose new policy stops overselling, for the caller to
    save after the stock moves."""
    new, changed, levels, policies, stricter = [], [], [], [], []
    for write in writes:
        order = write.next_sort_order
        for variant_write in write.variants:
            if variant_write.variant is None:
                variant_write.variant = ProductVariant(
                    product=write.product, site_id=site_id, sort_order=order
                )
                order += 1
                new.append(variant_write)
            elif variant_write.changes:
                changed.append(variant_write)
            for name, value in variant_write.changes.items():
                setattr(variant_write.variant, name, value)
    ProductVariant.objects.bulk_create([w.variant for w in new])
    fields = sorted({name for w in changed for name in w.changes})
    if changed:
        ProductVariant.objects.bulk_update([w.variant for w in changed], fields)
    for write in writes:
        for variant_write in write.variants:
            variant = variant_write.variant
            if variant_write.needs_level:
                level = StockLevel(
                    variant=variant,
                    site_id=site_id,
                    policy=variant_write.policy or "",
                    on_hand=variant_write.quantity_change,
                )
                variant.stock = level
                levels.append(level)
            elif variant_write.policy is not None:
                variant.stock.policy = variant_write.policy
                variant.stock.updated_at = timezone.now()
                if variant_write.policy == StockLevel.Policy.CONTINUE:
                    policies.append(variant.stock)
                else:
                    stricter.append(variant.stock)
    StockLevel.objects.bulk_create(levels)
    StockMovement.objects.bulk_create(
        [
            StockMovement(
                site_id=site_id,
                variant=level.variant,
                quantity=level.on_hand,
                balance_after=level.on_hand,
                reason=StockMovement.Reason.ADJUSTMENT,
                note=note,
                created_by=user,
            )
            for level in levels
            if level.on_hand
        ]
    )
    if policies:
        StockLevel.objects.bulk_update(policies, ["policy", "updated_at"])
    return stricter


def _write_images(writes: list[ProductWrite], site_id: int) -> None:
    PendingProductImage.objects.bulk_create(
        [
            PendingProductImage(
                site_id=site_id,
                product=write.product,
                src=image.src,
                position=image.position,
                alt_text=image.alt_text,
            )
            for write in writes
            for image in write.new_images
        ]
    )
    updates = []
    for write in writes:
        for pending, image in write.image_updates:
            pending.position, pending.alt_text = image.position, image.alt_text
            updates.append(pending)
    if updates:
        PendingProductImage.objects.bulk_update(updates, ["position", "alt_text"])


def _move_stock(writes, *, note: str, user, progress) -> None:
    """Bring every counted variant to its file's quantity, one ledger line each, in the
    order of the stock rows' primary keys (the lock order of every stock change)."""
    moves = [
        (variant_write.variant, variant_write.quantity_change)
        for write in writes
        for variant_write in write.variants
        if variant_write.quantity_change and not variant_write.needs_level
    ]
    moves.sort(key=lambda move: move[0].stock.pk)
    done = 0
    for index, (variant, change) in enumerate(moves, start=1):
        adjust_stock(
            variant=variant,
            quantity=change,
            reason=StockMovement.Reason.ADJUSTMENT,
            note=note,
            user=user,
        )
        if progress and index % PROGRESS_EVERY == 0:
            done = index
            progress(index, len(moves))
    if progress and done != len(moves):
        progress(len(moves), len(moves))

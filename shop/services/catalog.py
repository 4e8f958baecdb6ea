"""Removing products from sale: archive a product with history, delete one without; and
the tags of a product.

A product whose variants have stock history or sales is kept (the ledger and the order
lines refer to its variants, which PROTECT them); archiving takes it off the storefront.
See docs/adr/0015-products-with-history-are-archived-and-cancellation-returns-stock.md.
"""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from wagtail.actions.delete import DeleteAction
from wagtail.log_actions import log

from ..data import Product, ProductTag
from ..data.catalog import tag_slug
from ..exceptions import ProductInUse
from ..selectors import VariantHistory, variant_history


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

"""Receivers that turn changes into page-cache invalidations (the table of ADR 30).

Each works out, from the row that changed, which tags the change affects, and hands them
to ``invalidation.invalidate_on_commit``, which marks them as changed at once and again
after the change commits (then purges the CDN). Tags name one store's rows, so nothing of
another store is touched. Connected in ``connect()``, from ``ShopConfig.ready``.
"""

from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_save,
)
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Revision, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, published

from domains.models import Domain
from tenancy.root_paths import site_id_of_page
from tenancy.scope import store_scope
from themes.models import StoreTheme
from themes.theme import site_ids_showing_image

from ..data.campaigns import Campaign
from ..data.catalog import Product, ProductImage, ProductVariant
from ..data.navigation import StoreMenu
from ..data.promotions import Promotion, site_of_promotion_revision
from ..data.settings import StoreSettings
from ..data.shipping import ShippingZone
from ..data.stock import StockLevel, StockMovement
from ..signals import stock_changed
from . import tags
from .invalidation import (
    invalidate_on_commit,
    invalidate_store_on_commit,
    invalidate_tag_on_commit,
)

# What a page shows of itself elsewhere (menus, breadcrumbs, listings, links): a change
# of one of these, or of whether it is live, reaches other pages of the store.
PAGE_FIELDS_SEEN_ELSEWHERE = ("live", "title", "url_path", "show_in_menus")
# What decides which products a listing shows and in which order: a sold-out product
# whose choice becomes "hide the product" leaves every listing.
PRODUCT_LISTING_FIELDS = ("title", "status", "product_type", "out_of_stock")


# --- Pages ----------------------------------------------------------------------------


def remember_page_before_save(sender, instance, **kwargs):
    """Keep what the page looked like to other pages, to compare once it is published."""
    if instance.pk is None:
        return
    instance._pagecache_before = (
        Page.objects.filter(pk=instance.pk).values(*PAGE_FIELDS_SEEN_ELSEWHERE).first()
    )


def invalidate_on_page_published(sender, instance, **kwargs):
    """Only the pages that read this one, when nothing others show of it changed (an edit
    of its body or intro); the store's pages when it went live, moved or was renamed."""
    site_id = site_id_of_page(instance)
    if site_id is None:
        return
    before = getattr(instance, "_pagecache_before", None)
    seen_elsewhere = {field: getattr(instance, field) for field in PAGE_FIELDS_SEEN_ELSEWHERE}
    product_changed = _product_page_changed(instance)
    if before == seen_elsewhere and not product_changed:
        invalidate_on_commit(site_id=site_id, tag_names=[tags.page_tag(instance.pk)])
    else:
        invalidate_store_on_commit(site_id)


def invalidate_on_page_saved(sender, instance, created=False, update_fields=None, **kwargs):
    """A page saved straight to the database rather than published from a revision (made
    live with ``add_child``, renamed or hidden from menus by code): the store's pages when
    it is new and live, or when what other pages show of it changed. Saving a draft
    revision writes only its bookkeeping fields, which no shopper sees."""
    if created and not instance.live:
        return
    fields = [
        field
        for field in PAGE_FIELDS_SEEN_ELSEWHERE
        if update_fields is None or field in update_fields
    ]
    before = getattr(instance, "_pagecache_before", None) or {}
    changed = any(before.get(field) != getattr(instance, field) for field in fields)
    if created or (before and changed):
        site_id = site_id_of_page(instance)
        if site_id is not None:
            invalidate_store_on_commit(site_id)


def invalidate_store_on_view_restriction_change(sender, instance, **kwargs):
    """A privacy setting covers the page and everything under it: a page that became
    private must never be served from the cache again."""
    site_id = site_id_of_page(instance.page)
    if site_id is not None:
        invalidate_store_on_commit(site_id)


def _product_page_changed(instance) -> bool:
    """Whether a product page now shows another product (listings show the product)."""
    before = getattr(instance, "_pagecache_product_before", None)
    return before is not None and before != getattr(instance, "product_id", None)


def remember_product_of_page(sender, instance, **kwargs):
    if instance.pk is not None and hasattr(instance, "product_id"):
        instance._pagecache_product_before = (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values_list("product_id", flat=True)
            .first()
        )


def invalidate_store_on_page_change(sender, instance, **kwargs):
    """Unpublished, moved or deleted: menus, listings and links of the whole store."""
    site_id = site_id_of_page(instance)
    if site_id is not None:
        invalidate_store_on_commit(site_id)


def remember_site_before_delete(sender, instance, **kwargs):
    instance._pagecache_site_id = site_id_of_page(instance)


def invalidate_store_on_page_delete(sender, instance, **kwargs):
    site_id = getattr(instance, "_pagecache_site_id", None)
    if site_id is not None:
        invalidate_store_on_commit(site_id)


# --- Catalog --------------------------------------------------------------------------


def remember_row_before_save(sender, instance, **kwargs):
    fields = {
        Product: PRODUCT_LISTING_FIELDS,
        ProductVariant: ("price", "product_id"),
    }[sender]
    instance._pagecache_before = (
        sender._base_manager.filter(pk=instance.pk).values(*fields).first()
        if instance.pk is not None
        else None
    )


def invalidate_on_product_change(sender, instance, created=False, **kwargs):
    """Its pages always; the store's listings too when its place in them may change."""
    before = getattr(instance, "_pagecache_before", None)
    after = {field: getattr(instance, field) for field in PRODUCT_LISTING_FIELDS}
    names = [tags.product_tag(instance.pk)]
    if before != after:
        names.append(tags.catalog_tag(instance.site_id))
    invalidate_on_commit(site_id=instance.site_id, tag_names=names)


def invalidate_on_product_delete(sender, instance, **kwargs):
    invalidate_on_commit(
        site_id=instance.site_id,
        tag_names=[tags.product_tag(instance.pk), tags.catalog_tag(instance.site_id)],
    )


def invalidate_on_variant_change(sender, instance, created=False, **kwargs):
    """A price orders listings ("price, low to high") and is the "from" price of cards."""
    before = getattr(instance, "_pagecache_before", None)
    names = [tags.product_tag(instance.product_id)]
    if before != {"price": instance.price, "product_id": instance.product_id}:
        names.append(tags.catalog_tag(instance.site_id))
    invalidate_on_commit(site_id=instance.site_id, tag_names=names)


def invalidate_on_variant_delete(sender, instance, **kwargs):
    invalidate_on_commit(
        site_id=instance.site_id,
        tag_names=[tags.product_tag(instance.product_id), tags.catalog_tag(instance.site_id)],
    )


def invalidate_on_product_image_change(sender, instance, **kwargs):
    """A picture added, removed or reordered shows on the product's pages and cards."""
    invalidate_on_commit(
        site_id=instance.product.site_id, tag_names=[tags.product_tag(instance.product_id)]
    )


def invalidate_on_product_tags_change(sender, instance, action, reverse, pk_set, **kwargs):
    """A product's tags decide which "products with a tag" grids show it."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    product_ids = (pk_set or ()) if reverse else (instance.pk,)
    invalidate_on_commit(
        site_id=instance.site_id,
        tag_names=[
            tags.catalog_tag(instance.site_id),
            *(tags.product_tag(product_id) for product_id in product_ids),
        ],
    )


# --- Stock ----------------------------------------------------------------------------


def shown_stock_state(*, available: int, policy: str, low_threshold: int):
    """What a shopper is told of a count of available units (``shop_tags.stock_state``):
    sold out, on backorder, on pre-order, "Only N left" (with N) or in stock. ``policy``
    is what the variant does with none left (``StockLevel.effective_policy``)."""
    if available <= 0:
        shown = {StockLevel.Policy.CONTINUE: "backorder", StockLevel.Policy.PREORDER: "preorder"}
        return (shown.get(policy, "out"), None)
    if available <= low_threshold:
        return ("low", available)
    return ("in", None)


def invalidate_on_stock_changed(sender, movement, level, **kwargs):
    """Only when the shopper sees a difference in what is available (on hand less held).
    Sold out or buyable again reaches every listing (filters, "in stock first", products
    hidden when sold out); pre-order, "Only N left" reach the product's own pages and
    cards; a sale that leaves it in stock, above the low threshold, invalidates nothing."""
    after_available = movement.balance_after - movement.reserved_after
    reserved_before = movement.reserved_after - movement.reserved_change
    before_available = movement.balance_after - movement.quantity - reserved_before
    with store_scope([level.site_id]):
        # What it does with none left matters only at zero (it reads the product).
        policy = level.effective_policy if min(before_available, after_available) <= 0 else ""
        counts = {"policy": policy, "low_threshold": level.low_threshold}
        before = shown_stock_state(available=before_available, **counts)
        after = shown_stock_state(available=after_available, **counts)
        if before == after:
            return
        product_id = (
            ProductVariant.objects.filter(pk=movement.variant_id)
            .values_list("product_id", flat=True)
            .first()
        )
    names = [tags.product_tag(product_id)]
    if (before[0] == "out") != (after[0] == "out"):
        names.append(tags.catalog_tag(level.site_id))
    invalidate_on_commit(site_id=level.site_id, tag_names=names)


def invalidate_on_stock_settings_change(sender, instance, created=False, **kwargs):
    """Overselling or the low-stock threshold changed in the admin (counts change only
    through ``shop.services.stock``, with ``stock_changed``)."""
    if created:
        return
    invalidate_on_commit(
        site_id=instance.site_id,
        tag_names=[
            tags.product_tag(instance.variant.product_id),
            tags.catalog_tag(instance.site_id),
        ],
    )


# --- Images ---------------------------------------------------------------------------


def invalidate_on_image_change(sender, instance, **kwargs):
    """A picture replaced, refocused or retitled (its alt text): the pages that show it.
    Images belong to a store's collection, so only that store's pages carry its tag."""
    invalidate_tag_on_commit(tags.image_tag(instance.pk))


def invalidate_stores_showing_image(sender, instance, **kwargs):
    """A logo, favicon or share image changed or is being deleted: it is on every page of
    the stores whose theme shows it, which keep it with their cached theme rather than
    load it while a page renders (so no page records its tag). On deletion this runs
    before the theme's reference is set to null, an UPDATE that sends no signal."""
    for site_id in site_ids_showing_image(instance):
        invalidate_store_on_commit(site_id)


# --- Store-wide -----------------------------------------------------------------------


def invalidate_store_on_theme_published(sender, instance, **kwargs):
    """The theme dresses every page (published now or at its scheduled time)."""
    invalidate_store_on_commit(instance.site_id)


def invalidate_store_on_site_row_change(sender, instance, **kwargs):
    """Store menus, settings, shipping zones (the shipping note) and promotions (prices
    and badges on product pages and cards): read by every page of their store."""
    invalidate_store_on_commit(instance.site_id)


def invalidate_store_on_promotion_revision(sender, instance, **kwargs):
    """A promotion's revision was saved or scheduled: its prices may show from then on.
    Pages cached meanwhile end at the store's next promotion boundary on their own."""
    site_id = site_of_promotion_revision(instance)
    if site_id is not None:
        invalidate_store_on_commit(site_id)


def remember_domain_site(sender, instance, **kwargs):
    instance._pagecache_site_before = (
        Domain.objects.filter(pk=instance.pk).values_list("site_id", flat=True).first()
        if instance.pk is not None
        else None
    )


def invalidate_stores_on_domain_change(sender, instance, **kwargs):
    """A domain added, changed or removed: its store's pages, and those of the store it
    served before when it moves to another (the stored pages are found by host)."""
    before = getattr(instance, "_pagecache_site_before", None)
    if before is not None and before != instance.site_id:
        invalidate_store_on_commit(before)
    invalidate_store_on_commit(instance.site_id)


def invalidate_store_on_site_change(sender, instance, **kwargs):
    """The store's name, hostname or root page."""
    invalidate_store_on_commit(instance.pk)


def connect() -> None:
    """Connect every receiver, once (``dispatch_uid``)."""

    def on(signal, receiver, sender, name):
        signal.connect(receiver, sender=sender, dispatch_uid=f"pagecache_{name}_{sender.__name__}")

    for model in get_page_models():
        on(post_init, tags.record_page_on_init, model, "record_page")
        on(pre_save, remember_page_before_save, model, "remember_page")
        on(pre_save, remember_product_of_page, model, "remember_product_of_page")
        on(post_save, invalidate_on_page_saved, model, "page_saved")
        on(page_published, invalidate_on_page_published, model, "page_published")
        on(page_unpublished, invalidate_store_on_page_change, model, "page_unpublished")
        on(post_page_move, invalidate_store_on_page_change, model, "page_moved")
        on(pre_delete, remember_site_before_delete, model, "page_pre_delete")
        on(post_delete, invalidate_store_on_page_delete, model, "page_deleted")
    on(post_save, invalidate_store_on_view_restriction_change, PageViewRestriction, "saved")
    on(post_delete, invalidate_store_on_view_restriction_change, PageViewRestriction, "deleted")
    on(post_init, tags.record_product_on_init, Product, "record_product")
    image_model = get_image_model()
    on(post_init, tags.record_image_on_init, image_model, "record_image")
    on(post_save, invalidate_on_image_change, image_model, "image_saved")
    on(post_delete, invalidate_on_image_change, image_model, "image_deleted")
    on(post_save, invalidate_stores_showing_image, image_model, "theme_image_saved")
    on(pre_delete, invalidate_stores_showing_image, image_model, "theme_image_deleted")

    for model in (Product, ProductVariant):
        on(pre_save, remember_row_before_save, model, "remember_row")
    on(post_save, invalidate_on_product_change, Product, "product_saved")
    on(post_delete, invalidate_on_product_delete, Product, "product_deleted")
    on(post_save, invalidate_on_variant_change, ProductVariant, "variant_saved")
    on(post_delete, invalidate_on_variant_delete, ProductVariant, "variant_deleted")
    on(m2m_changed, invalidate_on_product_tags_change, Product.tags.through, "product_tags")
    on(post_save, invalidate_on_product_image_change, ProductImage, "product_image_saved")
    on(post_delete, invalidate_on_product_image_change, ProductImage, "product_image_deleted")
    on(stock_changed, invalidate_on_stock_changed, StockMovement, "stock_changed")
    on(post_save, invalidate_on_stock_settings_change, StockLevel, "stock_level_saved")

    on(published, invalidate_store_on_theme_published, StoreTheme, "theme_published")
    for model in (StoreMenu, StoreSettings, ShippingZone, Promotion, Campaign):
        on(post_save, invalidate_store_on_site_row_change, model, "saved")
        on(post_delete, invalidate_store_on_site_row_change, model, "deleted")
    on(post_save, invalidate_store_on_promotion_revision, Revision, "promotion_revision")
    on(pre_save, remember_domain_site, Domain, "remember_site")
    on(post_save, invalidate_stores_on_domain_change, Domain, "saved")
    on(post_delete, invalidate_stores_on_domain_change, Domain, "deleted")
    on(post_save, invalidate_store_on_site_change, Site, "saved")
    on(post_delete, invalidate_store_on_site_change, Site, "deleted")

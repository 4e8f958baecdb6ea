"""The benchmark catalog that ``make bench`` measures (``manage.py seed_bench``).

One store, Fjord Living (the demo store, made by ``seed_demo``'s own code), grown to
``products`` products in all: an "Everyday" category of ``category_products`` products,
each with its own picture and product page, made through the same services and Wagtail
tree APIs as the demo, and an "Archive" category holding the rest of the catalog. Then
``other_stores`` further stores, each a Wagtail Site with its home page, domain,
collection, published theme and settings.

``create_store`` takes about 140 queries a store (staff groups and their permissions,
revisions, audit log), several minutes for a thousand stores. The archive products and
the other stores are therefore written in bulk: the same rows a shopper's request can
read, with the same values the services give them, and page-tree paths computed the way
treebeard computes them (``tests/bench/test_seed_bench.py`` checks the tree and serves
a page of each). Those other stores have no staff, revisions or audit history, which
only the admin reads.

Running it again adds only what is missing, so the benchmark can measure one store,
then add the others and measure again.
"""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.utils.file import hash_filelike

from domains import resolver
from domains.models import Domain
from shop.models import (
    OrderNumberSequence,
    Product,
    ProductImage,
    ProductVariant,
    StockLevel,
    StockMovement,
    StoreSettings,
)
from shop.pages import CategoryPage, ProductPage, StoreHomePage
from shop.services import adjust_stock, ensure_stock_levels
from tenancy.scope import store_scope
from tenants.models import Store
from tenants.services import store_hostname
from themes.models import StoreTheme
from themes.presets import Preset

from . import images
from .catalogs import FJORD
from .seeding import seed_demo

BENCH_STORE = FJORD.slug
EVERYDAY_SLUG = "everyday"
ARCHIVE_SLUG = "archive"
OTHER_STORE_PREFIX = "bench-"
BATCH_SIZE = 500
# What each everyday product looks like: the demo's shapes in the store's colours.
EVERYDAY_SHAPES = ("mug", "vase", "bowl", "candle", "lamp", "bottle")
EVERYDAY_COLOURS = ("#d7c9b8", "#8aa39b", "#c2a27c", "#5f6f7a", "#e4dccf", "#a35d45")


@dataclass(frozen=True)
class BenchCatalog:
    """What the benchmark requests: the store's host and the paths of its three pages."""

    hostname: str
    home_path: str
    category_path: str
    product_path: str
    products: int
    stores: int


def seed_bench(*, products: int = 2000, category_products: int = 24, other_stores: int = 1000):
    """Make (or complete) the benchmark catalog; return what the benchmark requests."""
    result = seed_demo(specs=(FJORD,), sizes=images.SMALL_SIZES)
    store = result.stores[0].store
    with store_scope([store.site_id]):
        home = StoreHomePage.objects.get(pk=store.site.root_page_id)
        everyday = _everyday_category(store=store, home=home, count=category_products)
        _fill_archive(store=store, home=home, total=products)
        StoreSettings.objects.filter(site=store.site).update(products_per_page=category_products)
    add_other_stores(count=other_stores)
    first_product = everyday.get_children().live().order_by("path").first()
    with store_scope([store.site_id]):
        product_count = Product.objects.filter(site=store.site).count()
    return BenchCatalog(
        hostname=store.site.hostname,
        home_path="/",
        category_path=everyday.relative_url(store.site),
        product_path=first_product.relative_url(store.site),
        products=product_count,
        stores=Store.objects.count(),
    )


# --- The store's everyday category: real pages, real services ----------------------------


def _everyday_category(*, store, home, count: int) -> CategoryPage:
    """The category the benchmark lists: ``count`` products with pictures and stock."""
    category = CategoryPage.objects.child_of(home).filter(slug=EVERYDAY_SLUG).first()
    if category is None:
        category = home.add_child(
            instance=CategoryPage(
                title="Everyday",
                slug=EVERYDAY_SLUG,
                intro="<p>The pieces we reach for every day.</p>",
                show_in_menus=True,
            )
        )
    have = category.get_children().count()
    for number in range(have + 1, count + 1):
        product = _everyday_product(store=store, number=number)
        category.add_child(
            instance=ProductPage(title=product.title, slug=product.handle, product=product)
        )
    return category


@transaction.atomic
def _everyday_product(*, store, number: int) -> Product:
    shape = EVERYDAY_SHAPES[number % len(EVERYDAY_SHAPES)]
    colour = EVERYDAY_COLOURS[number % len(EVERYDAY_COLOURS)]
    handle = f"everyday-{shape}-{number:02d}"
    product = Product.objects.create(
        site=store.site,
        title=f"Everyday {shape} no. {number}",
        handle=handle,
        description="<p>Made to be used every day, and to look good doing it.</p>",
        vendor="Fjord Living",
        product_type=shape.title(),
        status=Product.Status.ACTIVE,
        option_names=["Size"],
    )
    for position, size in enumerate(("Small", "Large")):
        ProductVariant.objects.create(
            product=product,
            site=store.site,
            sku=f"EVD-{number:02d}-{size[0]}",
            options={"Size": size},
            price=Decimal(190 + 10 * number + 60 * position),
            sort_order=position,
        )
    picture = images.product_picture(
        images.Scene.for_palette(FJORD.palette, key=handle),
        images.Subject(shape=shape, colour=colour),
        size=images.SMALL_SIZES.product,
    )
    ProductImage.objects.create(
        product=product, image=_save_image(store=store, picture=picture, name=handle), sort_order=0
    )
    ensure_stock_levels(product=product)
    for variant in product.variants.all():
        # Every third product runs low, so the listing shows each stock state.
        quantity = 3 if number % 3 == 0 else 40
        adjust_stock(
            variant=variant,
            quantity=quantity,
            reason=StockMovement.Reason.RESTOCK,
            note="Benchmark stock",
        )
    return product


def _save_image(*, store, picture, name: str):
    data = images.jpeg_bytes(picture)
    image = get_image_model()(
        title=name,
        file=ImageFile(io.BytesIO(data), name=f"{store.slug}-{name}.jpg"),
        collection=store.collection,
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    image.save()
    return image


# --- The rest of the catalog, in bulk -----------------------------------------------------


@transaction.atomic
def _fill_archive(*, store, home, total: int) -> None:
    """Products (one variant, stock with its ledger row, a live page) up to ``total``."""
    site = store.site
    missing = total - Product.objects.filter(site=site).count()
    archive = CategoryPage.objects.child_of(home).filter(slug=ARCHIVE_SLUG).first()
    if archive is None:
        archive = home.add_child(instance=CategoryPage(title="Archive", slug=ARCHIVE_SLUG))
    if missing <= 0:
        return
    start = archive.get_children().count() + 1
    numbers = range(start, start + missing)
    products = Product.objects.bulk_create(
        [
            Product(
                site=site,
                title=f"Archive piece no. {number}",
                handle=f"archive-{number:04d}",
                vendor="Fjord Living",
                product_type="Archive",
                status=Product.Status.ACTIVE,
            )
            for number in numbers
        ],
        batch_size=BATCH_SIZE,
    )
    variants = ProductVariant.objects.bulk_create(
        [
            ProductVariant(
                product=product,
                site=site,
                sku=f"ARC-{number:04d}",
                options={},
                price=Decimal(100 + number % 900),
                sort_order=0,
            )
            for number, product in zip(numbers, products, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    StockLevel.objects.bulk_create(
        [StockLevel(variant=variant, site=site, on_hand=10) for variant in variants],
        batch_size=BATCH_SIZE,
    )
    StockMovement.objects.bulk_create(
        [
            StockMovement(
                site=site,
                variant=variant,
                quantity=10,
                balance_after=10,
                reason=StockMovement.Reason.RESTOCK,
                note="Benchmark stock",
            )
            for variant in variants
        ],
        batch_size=BATCH_SIZE,
    )
    add_child_pages(
        parent=archive,
        pages=[
            ProductPage(title=product.title, slug=product.handle, product=product)
            for product in products
        ],
    )


def _child_paths(parent, count: int) -> list[str]:
    """The treebeard paths of ``count`` new last children of ``parent``."""
    last = parent.get_last_child()
    step = last._get_lastpos_in_path() if last is not None else 0
    return [parent._get_path(parent.path, parent.depth + 1, step + n) for n in range(1, count + 1)]


def add_child_pages(*, parent: Page, pages: list[Page]) -> list[Page]:
    """Add ``pages`` (unsaved, all of one page type) as live children of ``parent``, in bulk.

    The rows are those ``parent.add_child(instance=page)`` followed by a publish writes,
    without revisions, search or reference indexing: the base ``Page`` rows with their
    tree paths and URL paths, then the page type's own table.
    """
    if not pages:
        return []
    model = type(pages[0])
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    for page, path in zip(pages, _child_paths(parent, len(pages)), strict=True):
        page.path, page.depth, page.numchild = path, parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages],
        batch_size=BATCH_SIZE,
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = base.pk
    # A page type's table is written as bulk_create writes a plain model's: Django's
    # bulk_create refuses multi-table models, so its insert is called for the one table.
    for first in range(0, len(pages), BATCH_SIZE):
        model._base_manager._insert(
            pages[first : first + BATCH_SIZE], fields=model._meta.local_concrete_fields
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    return pages


# --- Other stores, in bulk ----------------------------------------------------------------


@transaction.atomic
def add_other_stores(*, count: int) -> int:
    """Make stores ``bench-0001`` ... up to ``count`` of them; return how many were made.

    Each has what ``tenants.services.create_store`` gives a store that a shopper can reach:
    its home page under the tree root, a Site, its platform domain, a collection, store
    settings, a published theme, an order-number sequence and the Store row.
    """
    wanted = [f"{OTHER_STORE_PREFIX}{number:04d}" for number in range(1, count + 1)]
    present = set(Store.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    slugs = [slug for slug in wanted if slug not in present]
    if not slugs:
        return 0
    names = {slug: f"Bench store {slug.removeprefix(OTHER_STORE_PREFIX)}" for slug in slugs}
    homes = add_child_pages(
        parent=Page.get_first_root_node(),
        pages=[StoreHomePage(title=names[slug], slug=slug) for slug in slugs],
    )
    sites = Site.objects.bulk_create(
        [
            Site(
                hostname=store_hostname(slug),
                port=settings.STORES_PORT,
                root_page_id=home.pk,
                site_name=names[slug],
            )
            for slug, home in zip(slugs, homes, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    collections = _add_collections([f"{names[slug]} ({slug})" for slug in slugs])
    Domain.objects.bulk_create(
        [
            Domain(
                site=site,
                hostname=site.hostname,
                kind=Domain.Kind.PLATFORM,
                status=Domain.Status.ACTIVE,
                is_primary=True,
            )
            for site in sites
        ],
        batch_size=BATCH_SIZE,
    )
    now = timezone.now()
    with store_scope([site.pk for site in sites]):
        StoreSettings.objects.bulk_create([StoreSettings(site=site) for site in sites])
        StoreTheme.objects.bulk_create(
            [
                StoreTheme(
                    site=site,
                    preset=Preset.MINIMAL,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
                for site in sites
            ],
            batch_size=BATCH_SIZE,
        )
        OrderNumberSequence.objects.bulk_create([OrderNumberSequence(site=site) for site in sites])
    Store.objects.bulk_create(
        [
            Store(site=site, slug=slug, name=names[slug], collection=collection)
            for slug, site, collection in zip(slugs, sites, collections, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    Site.clear_site_root_paths_cache()
    transaction.on_commit(resolver.forget_all)
    return len(slugs)


def _add_collections(names: list[str]) -> list[Collection]:
    root = Collection.get_first_root_node()
    collections = Collection.objects.bulk_create(
        [
            Collection(name=name, path=path, depth=root.depth + 1, numchild=0)
            for name, path in zip(names, _child_paths(root, len(names)), strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + len(names))
    return collections

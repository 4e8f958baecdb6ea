"""Reads for pages, blocks and views. Every function takes the store's ``site``.

They read the data models (``shop.data``). Page types sit above them (they are built from
blocks that read through these), so the reads of product pages go through the pages'
relations: a category's ``product_pages()``, a product's ``pages``.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)

from .data.cart import Cart, CartLine
from .data.catalog import OutOfStock, Product, ProductImage, ProductTag, ProductVariant
from .data.orders import Order, OrderLine
from .data.settings import StoreSettings, settings_of_store
from .data.stock import StockLevel, StockMovement
from .pricing import Totals, price_cart
from .promotions.cart import promotions_for_cart
from .promotions.customers import anonymous, customer_for
from .promotions.display import ShownPrice, remember_categories, shown_price

SORT_OPTIONS = {
    "featured": ("Featured", ("path",)),
    "price-asc": ("Price, low to high", ("min_price", "path")),
    "price-desc": ("Price, high to low", ("-min_price", "path")),
    "name": ("Name, A to Z", ("title", "path")),
    "newest": ("Newest", ("-first_published_at", "path")),
}
DEFAULT_SORT = "featured"


def _product_prefetches(prefix=""):
    """Variants with their price, stock and picture, and the product's own pictures: two
    queries for any number of products. Their renditions come after, in one more
    (``with_card_data``)."""
    return [
        Prefetch(
            f"{prefix}variants",
            queryset=ProductVariant.objects.select_related("stock", "image").order_by(
                "sort_order", "pk"
            ),
        ),
        Prefetch(
            f"{prefix}images",
            queryset=ProductImage.objects.select_related("image").order_by("sort_order", "pk"),
        ),
    ]


def with_card_data(products, *, pictures=(), renditions=True):
    """``products`` with their variants, pictures and the pictures' renditions, in three
    queries for all of them (renditions too: otherwise each picture costs a query whenever
    the cache is cold). Products already read with ``_product_prefetches`` only get the
    renditions. The renditions of ``pictures`` (other images the page shows) are read in
    the same query. Without ``renditions`` (products shown only as cards, whose rendered
    fragments are cached: ``shop.storefront.render_product_cards`` reads the renditions
    of the cards it renders), two queries."""
    products = [product for product in products if product is not None]
    prefetch_related_objects(products, *_product_prefetches())
    remember_categories(products)
    if not renditions:
        return products
    images = [picture for picture in pictures if picture is not None]
    for product in products:
        images.extend(item.image for item in product.images.all())
        images.extend(
            variant.image for variant in product.variants.all() if variant.image_id is not None
        )
    if images:
        prefetch_related_objects(images, "renditions")
    return products


def _available(site, product_ref):
    """Whether the product at ``product_ref`` has a variant a shopper can buy now: one
    not counted, with units available (on hand less held), sold on backorder, or taken on
    pre-order, by its own policy or, when it has none, by its product's or the store's
    sold-out choice (``shop.data.stock.selling_policy``)."""
    policy = StockLevel.Policy
    follows = Q(stock__policy="")
    sells = (
        Q(track_inventory=False)
        | Q(stock__on_hand__gt=F("stock__reserved"))
        | Q(stock__policy__in=[policy.CONTINUE, policy.PREORDER])
        | (follows & Q(product__out_of_stock=OutOfStock.PREORDER))
    )
    if store_settings(site).out_of_stock == OutOfStock.PREORDER:
        sells |= follows & Q(product__out_of_stock="")
    return Exists(ProductVariant.objects.filter(product=product_ref).filter(sells))


def hidden_when_sold_out(site, prefix: str = "") -> Q:
    """The products this store hides from shoppers: those whose sold-out choice (their
    own, else the store's) is "hide the product" and that have no variant to sell.
    ``prefix`` is the path to the product ("product__" from its pages)."""
    choices = [OutOfStock.HIDE]
    if store_settings(site).out_of_stock == OutOfStock.HIDE:
        choices.append("")
    product_ref = OuterRef(prefix.removesuffix("__") or "pk")
    return Q(**{f"{prefix}out_of_stock__in": choices}) & ~_available(site, product_ref)


def is_hidden(*, site, product: Product) -> bool:
    """Whether this store hides ``product`` now (``hidden_when_sold_out``): one query, and
    only for a product whose sold-out choice is to hide it."""
    choice = product.out_of_stock or store_settings(site).out_of_stock
    if choice != OutOfStock.HIDE:
        return False
    return Product.objects.filter(pk=product.pk).filter(hidden_when_sold_out(site)).exists()


def category_products(
    *, site, category, sort: str, page_number, per_page: int, available_only: bool = False
):
    """One page of the live product pages under ``category`` (a ``CategoryPage``) with their
    product data; with ``available_only``, only the products a shopper can buy now.

    Runs the same number of queries whatever the catalog size.
    """
    order = SORT_OPTIONS.get(sort, SORT_OPTIONS[DEFAULT_SORT])[1]
    pages = (
        category.product_pages()
        .filter(product__site=site, product__status=Product.Status.ACTIVE)
        .exclude(hidden_when_sold_out(site, "product__"))
        .annotate(min_price=Min("product__variants__price"))
        .select_related("product")
        .prefetch_related(*_product_prefetches("product__"))
        .order_by(*order)
    )
    if available_only:
        pages = pages.filter(_available(site, OuterRef("product")))
    listing = Paginator(pages, per_page).get_page(page_number)
    listing.object_list = list(listing.object_list)
    with_card_data([page.product for page in listing.object_list], renditions=False)
    return listing


def first_product_pages(*, site, category, limit: int) -> list:
    """The first ``limit`` live product pages under ``category`` in tree order (a grid
    block's), with their product data; no count of the rest."""
    pages = list(
        category.product_pages()
        .filter(product__site=site, product__status=Product.Status.ACTIVE)
        .exclude(hidden_when_sold_out(site, "product__"))
        .select_related("product")
        .prefetch_related(*_product_prefetches("product__"))
        .order_by("path")[:limit]
    )
    with_card_data([page.product for page in pages])
    return pages


RELATED_PRODUCTS_LIMIT = 4


def related_products(*, site, pages, product, limit: int = RELATED_PRODUCTS_LIMIT):
    """Up to ``limit`` live product pages among ``pages`` (the product page's siblings in
    its category) of other active products of this store, those in stock first, with their
    product data.

    Runs the same number of queries whatever the catalog size.
    """
    related = list(
        pages.filter(product__site=site, product__status=Product.Status.ACTIVE)
        .exclude(product=product)
        .exclude(hidden_when_sold_out(site, "product__"))
        .annotate(available=_available(site, OuterRef("product")))
        .select_related("product")
        .order_by("-available", "path")[:limit]
    )
    with_card_data([product, *(page.product for page in related)])
    return related


def products_by_ids(*, site, ids) -> list[Product]:
    """Active products of this store among ``ids``, in the order given, with their pages."""
    products = (
        Product.objects.for_site(site)
        .active()
        .filter(pk__in=ids)
        .exclude(hidden_when_sold_out(site))
        .prefetch_related(*_product_prefetches(), "pages")
    )
    by_id = {product.pk: product for product in with_card_data(products)}
    return [by_id[pk] for pk in ids if pk in by_id]


def product_with_variants(*, site, product_id) -> Product | None:
    """The product, without its variants and pictures: ``related_products`` (or
    ``with_card_data``) reads them with those of its related products."""
    return Product.objects.for_site(site).filter(pk=product_id).first()


@dataclass(frozen=True)
class GalleryImage:
    """A picture of a product page's gallery; ``variant_ids`` are the variants it shows."""

    image: object
    alt: str
    variant_ids: tuple[int, ...] = ()

    @property
    def pk(self) -> int:
        return self.image.pk


def product_gallery(*, product: Product, variant: ProductVariant | None) -> list[GalleryImage]:
    """The pictures of ``product`` (read by ``product_with_variants``): those of its
    variants after its own, each once, ``variant``'s picture first."""
    pictures: dict[int, GalleryImage] = {}
    for item in product.images.all():
        pictures.setdefault(
            item.image_id, GalleryImage(image=item.image, alt=item.alt_text or product.title)
        )
    for option in product.variants.all():
        if option.image_id is None:
            continue
        known = pictures.get(option.image_id)
        label = f"{product.title}, {option.options_label}" if option.options_label else ""
        pictures[option.image_id] = GalleryImage(
            image=option.image,
            alt=(known.alt if known and not label else label or product.title),
            variant_ids=(*(known.variant_ids if known else ()), option.pk),
        )
    ordered = list(pictures.values())
    if variant is not None and variant.image_id in pictures:
        ordered.sort(key=lambda picture: picture.pk != variant.image_id)
    return ordered


def store_settings(site) -> StoreSettings:
    """The store's settings, from the store's cache (saving them drops the entry)."""
    return settings_of_store(site.pk)


def find_cart(*, site, session_key) -> Cart | None:
    if not session_key:
        return None
    return Cart.objects.filter(site=site, session_key=session_key).first()


def cart_totals(
    *,
    site,
    cart: Cart | None,
    country: str | None = None,
    postal_code: str = "",
    rate_key: str | None = None,
    email: str = "",
) -> Totals:
    """The cart priced for shipping to ``country`` (a code; by default the store's own) and
    ``postal_code``, by the rate ``rate_key`` names (the cheapest that applies if none),
    with the promotions live now and the codes it carries, for the customer ``email``
    names (anonymous until checkout asks)."""
    lines = []
    if cart is not None:
        lines = list(
            CartLine.objects.filter(cart=cart)
            .select_related("variant__product", "variant__stock", "variant__image")
            .prefetch_related(
                Prefetch(
                    "variant__product__images",
                    queryset=ProductImage.objects.select_related("image").order_by("sort_order"),
                ),
            )
        )
        # The renditions of every picture the lines show, in one query.
        pictures = [line.variant.image for line in lines if line.variant.image is not None]
        pictures += [item.image for line in lines for item in line.variant.product.images.all()]
        prefetch_related_objects(pictures, "renditions")
    customer = customer_for(site_id=site.pk, email=email) if email else anonymous()
    promotions = promotions_for_cart(site=site, cart=cart, lines=lines, customer=customer)
    return price_cart(
        lines=lines,
        store_settings=store_settings(site),
        country=country,
        postal_code=postal_code,
        rate_key=rate_key,
        offers=promotions.offers,
        customer=customer,
        categories=promotions.categories,
        refused=promotions.refused,
    )


def order_for_checkout_token(*, site, token) -> Order | None:
    """The order placed from the checkout form that carried ``token``, if any."""
    if token is None:
        return None
    return Order.objects.for_site(site).filter(checkout_token=token).first()


def cart_item_count(*, site, session_key) -> int:
    cart = find_cart(site=site, session_key=session_key)
    if cart is None:
        return 0
    return sum(CartLine.objects.filter(cart=cart).values_list("quantity", flat=True))


@dataclass(frozen=True)
class ProductCard:
    """What a product card shows, whichever way the product was found."""

    product: Product
    url: str

    @classmethod
    def from_page(cls, page, request=None) -> "ProductCard":
        return cls(product=page.product, url=page.get_url(request))

    @classmethod
    def from_product(cls, product, request=None) -> "ProductCard":
        """The card of ``product`` read with its pages (``products_by_ids``): it links to the
        first live one, in tree order."""
        live_pages = [page for page in product.pages.all() if page.live]
        return cls(product=product, url=live_pages[0].get_url(request) if live_pages else "")

    @property
    def title(self) -> str:
        return self.product.title

    @property
    def image(self):
        return self.product.cover_image

    @cached_property
    def shown(self) -> ShownPrice:
        """The lowest price among the variants for sale, with live promotions, as the
        card shows it ("From €30.00", struck "€40.00", "-25%")."""
        variants = [v for v in self.product.variants.all() if v.price is not None]
        if not variants:
            return ShownPrice(price=self.product.price_from)
        currency = settings_of_store(self.product.site_id).currency
        prices = [shown_price(variant=v, currency=currency) for v in variants]
        return min(prices, key=lambda shown: (shown.price, not shown.on_sale))

    @property
    def price(self):
        return self.shown.price

    @property
    def compare_at_price(self):
        shown = self.shown
        return shown.compare if shown.on_sale else None

    @property
    def in_stock(self) -> bool:
        return self.product.in_stock

    @property
    def preorder(self) -> bool:
        """For sale only on pre-order: none of its variants has units to sell now."""
        variants = self.product.variants.all()
        buyable = [variant for variant in variants if variant.is_available]
        return bool(buyable) and all(variant.is_preorder for variant in buyable)


@dataclass(frozen=True)
class VariantHistory:
    """How many ledger rows and order lines refer to some variants: rows that keep them."""

    stock_movements: int
    order_lines: int

    def __bool__(self) -> bool:
        return bool(self.stock_movements or self.order_lines)


def variant_history(*, variant_ids) -> VariantHistory:
    """The stock history and sales of these variants (a product's, or one of them)."""
    ids = list(variant_ids)
    return VariantHistory(
        stock_movements=StockMovement.objects.filter(variant_id__in=ids).count(),
        order_lines=OrderLine.objects.filter(variant_id__in=ids).count(),
    )


def _listed_products(*, site, source: str, key: str):
    """The active products of this store that have a live page and the tag of slug ``key``
    (``source`` "tag"; a slug of another store's tag finds nothing) or the type ``key``
    (``source`` "type", any case), by title: what a grid of that source lists."""
    product_pages = Product._meta.get_field("pages").related_model
    products = (
        Product.objects.for_site(site)
        .active()
        .filter(Exists(product_pages.objects.filter(product=OuterRef("pk"), live=True)))
        .exclude(hidden_when_sold_out(site))
    )
    if source == "tag":
        tags = ProductTag.objects.filter(site=site, slug=key.strip(), products=OuterRef("pk"))
        products = products.filter(Exists(tags))
    else:
        products = products.filter(product_type__iexact=key.strip())
    return products.order_by("title", "pk")


def products_of_type(*, site, product_type: str, limit: int) -> list[Product]:
    """Up to ``limit`` active products of this store whose type is ``product_type`` (any
    case) and that have a live page, by title, with their pages."""
    products = _listed_products(site=site, source="type", key=product_type)
    return with_card_data(products.prefetch_related(*_product_prefetches(), "pages")[:limit])


def products_with_tag(*, site, tag: str, limit: int) -> list[Product]:
    """Up to ``limit`` active products of this store that have its tag of slug ``tag`` and
    a live page, by title, with their pages. A slug of another store's tag finds nothing.

    Runs the same number of queries whatever the catalog size.
    """
    products = _listed_products(site=site, source="tag", key=tag)
    return with_card_data(products.prefetch_related(*_product_prefetches(), "pages")[:limit])


@dataclass(frozen=True)
class GridQuery:
    """A product grid that lists products by tag or type: its first ``limit`` products."""

    source: str  # "tag" or "type"
    key: str  # the tag's slug, or the type
    limit: int


@dataclass
class BlockProducts:
    """The products the blocks of a page show, read together (``products_for_blocks``)."""

    products: dict[int, Product]  # chosen products and those of grids by tag or type
    listed: dict[GridQuery, list[int]]  # ids of each grid's products, in order
    pages: list  # live product pages of the grids' categories and of the products, by path

    def first_page(self, product_id: int):
        """The product's first live page in tree order, which its card links to."""
        return next((page for page in self.pages if page.product_id == product_id), None)

    def category_pages(self, category, limit: int) -> list:
        """The first ``limit`` product pages under ``category`` (asked for in
        ``products_for_blocks``), in tree order."""
        under = [
            page
            for page in self.pages
            if page.path.startswith(category.path) and page.depth > category.depth
        ]
        return under[:limit]


def products_for_blocks(
    *, site, product_ids=(), grids=(), categories=(), pictures=()
) -> BlockProducts:
    """Every product the blocks of one page show, in a fixed number of queries whatever
    the number of blocks: the products chosen by id (``product_ids``, active ones of this
    store) and the first products of each grid of ``grids`` (``GridQuery``) in one query;
    the live product pages of the first products of each ``(category, limit)`` and those
    of the products above, by path, in one more; then variants, pictures and the
    renditions of those pictures and of ``pictures`` (``with_card_data``).

    Each page of the second query lies under a category only if it is among the first
    ``limit`` of that category or is the page of a product read in the first query, which
    passed the same filters: so the first ``limit`` pages under a category in the answer
    are exactly its first ``limit``.
    """
    product_ids = [pk for pk in product_ids if pk is not None]
    grids = list(dict.fromkeys(grids))
    products: dict[int, Product] = {}
    listed: dict[GridQuery, list[int]] = {}
    if product_ids or grids:
        wanted = Q(pk__in=product_ids)
        flags = {}
        for n, grid in enumerate(grids):
            first = _listed_products(site=site, source=grid.source, key=grid.key)
            first = first.values("pk")[: grid.limit]
            wanted |= Q(pk__in=first)
            flags[f"in_grid_{n}"] = Case(
                When(pk__in=first, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        found = list(
            Product.objects.for_site(site)
            .active()
            .filter(wanted)
            .exclude(hidden_when_sold_out(site))
            .annotate(**flags)
            .order_by("title", "pk")
        )
        products = {product.pk: product for product in found}
        for n, grid in enumerate(grids):
            listed[grid] = [product.pk for product in found if getattr(product, f"in_grid_{n}")]
    pages = []
    if products or categories:
        product_pages = Product._meta.get_field("pages").related_model
        wanted = Q(product_id__in=list(products))
        for category, limit in categories:
            first = (
                category.product_pages()
                .filter(product__site=site, product__status=Product.Status.ACTIVE)
                .exclude(hidden_when_sold_out(site, "product__"))
                .order_by("path")
                .values("pk")[:limit]
            )
            wanted |= Q(pk__in=first)
        pages = list(
            product_pages.objects.live()
            .filter(product__site=site, product__status=Product.Status.ACTIVE)
            .exclude(hidden_when_sold_out(site, "product__"))
            .filter(wanted)
            .select_related("product")
            .order_by("path")
        )
    with_card_data([*products.values(), *(page.product for page in pages)], pictures=pictures)
    return BlockProducts(products=products, listed=listed, pages=pages)


TAG_SUGGESTIONS_LIMIT = 10


def tag_suggestions(*, site_ids, term: str) -> list[str]:
    """Names of the tags in use in these stores that start with ``term`` (any case), for
    the product form's tag field; ``site_ids`` None means every store (the operator)."""
    term = term.strip()
    if not term:
        return []
    tags = ProductTag.objects.filter(name__istartswith=term, products__isnull=False)
    if site_ids is not None:
        tags = tags.filter(site_id__in=site_ids)
    names = tags.values_list("name", flat=True).distinct().order_by("name")
    return list(names[:TAG_SUGGESTIONS_LIMIT])


def tags_in_scope() -> list[ProductTag]:
    """The tags in use in the stores of the open store scope, by name.

    For a block's choices, which have no page to ask: in a merchant's admin request the
    scope is their active store's, so only its tags are offered.
    """
    return list(ProductTag.objects.filter(products__isnull=False).distinct().order_by("name", "pk"))


def live_pages_of_store(*, site, pages) -> list:
    """Of ``pages`` (chosen in a block), the live ones of this store's tree, in the order
    given: a page of another store, or one unpublished since, is left out."""
    root_path = site.root_page.path
    return [
        page for page in pages if page is not None and page.live and page.path.startswith(root_path)
    ]


def products_for_promotion_preview(*, site, offer, limit: int) -> list[Product]:
    """Active products of ``site`` a promotion's preview shows: those it names, else the
    store's first ones (the preview keeps those its categories cover)."""
    products = Product.objects.filter(site=site, status=Product.Status.ACTIVE)
    if (offer.product_ids or offer.variant_ids) and not offer.category_ids:
        products = products.filter(
            Q(pk__in=offer.product_ids) | Q(variants__pk__in=offer.variant_ids)
        )
    return list(products.distinct().order_by("title").prefetch_related("variants")[: limit * 4])

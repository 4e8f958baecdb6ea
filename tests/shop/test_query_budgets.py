"""Storefront pages stay within a fixed budget of SQL queries (ADR 31): whatever the size of
the catalog, the depth of the page tree or the number of other stores.

Each page is asked for twice, as shoppers do: the first request fills the store's cache
(theme, overrides, settings, menus, routes) and makes the pictures' renditions; the second
is measured. No page cache is involved.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from demo.images import SMALL_SIZES
from demo.seeding import seed_demo
from shop.models import (
    CategoryPage,
    Product,
    ProductPage,
    ProductVariant,
    StockLevel,
    StorePage,
    StoreSettings,
)
from shop.services import set_product_tags
from tenancy.scope import store_scope
from tests.shop.factories import (
    CartFactory,
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    ProductPageFactory,
    stocked_product,
)
from tests.tenants.factories import StoreFactory

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 10  # home, category and product pages
SHOPPER_PAGE_BUDGET = 4  # cart and checkout, with a cart
# Checkout holds the cart's items: a visit whose holds already match the cart reads its
# lines and holds and renews their expiry. (Entering checkout writes the holds themselves,
# a ledger row per variant.)
CHECKOUT_HOLD_RENEWAL = 3


@pytest.fixture(autouse=True)
def _pages_uncached(settings):
    """Every page renders: the page cache would answer the second request without SQL."""
    settings.PAGECACHE_ENABLED = False


def _queries(client, path) -> int:
    assert client.get(path).status_code == 200  # fills the store's cache, makes renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _bulk_catalog(store, category, count, *, start=0):
    """``count`` active products with a variant, stock rows and a live page under
    ``category``, written in a few statements (the tree paths are worked out here)."""
    site = store.site
    with store_scope([site.pk]):
        products = Product.objects.bulk_create(
            Product(site=site, title=f"Bulk {n:04d}", handle=f"bulk-{n:04d}")
            for n in range(start, start + count)
        )
        variants = ProductVariant.objects.bulk_create(
            ProductVariant(
                product=product, site=site, sku=f"BULK-{product.pk}", price=Decimal("12.00")
            )
            for product in products
        )
        StockLevel.objects.bulk_create(StockLevel(variant=v, site=site) for v in variants)
    category.refresh_from_db()
    content_type_id = ProductPage().content_type_id
    first = category.numchild + 1
    pages = Page.objects.bulk_create(
        Page(
            title=product.title,
            slug=product.handle,
            path=Page._get_path(category.path, category.depth + 1, first + n),
            depth=category.depth + 1,
            numchild=0,
            url_path=f"{category.url_path}{product.handle}/",
            content_type_id=content_type_id,
            live=True,
            locale_id=category.locale_id,
        )
        for n, product in enumerate(products)
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO shop_productpage (page_ptr_id, product_id) VALUES (%s, %s)",
            [(page.pk, product.pk) for page, product in zip(pages, products, strict=True)],
        )
    Page.objects.filter(pk=category.pk).update(numchild=category.numchild + count)


def _grid(source, **value):
    return ("product_grid", {"heading": "", "source": source, "limit": 8, **value})


@pytest.fixture
def shop(store):
    """A store like the demo's: a category of pictured products, a product page, a home
    page with a hero picture and a grid of the category, and an about page."""
    home = store.site.root_page.specific
    category = CategoryPageFactory(parent=home, title="Mugs", slug="mugs")
    picture = ImageFactory(collection=store.collection, title="Mug photo")
    for n in range(3):
        product = stocked_product(site=store.site, title=f"Mug {n}")
        ProductImageFactory(product=product, image=picture)
        ProductPageFactory(parent=category, product=product, slug=f"mug-{n}")
    with store_scope([store.site.pk]):
        home.body = [
            (
                "hero",
                {
                    "heading": "Welcome",
                    "image": picture,
                    "button": {"label": "", "page": None, "url": ""},
                },
            ),
            _grid("category", category=category),
        ]
        home.save_revision().publish()
    about = StorePage(title="About us", slug="about")
    home.add_child(instance=about)
    return {"home": home, "category": category, "picture": picture}


def test_home_category_and_product_pages_stay_within_the_budget(shopper_client, shop):
    for path in ("/", "/mugs/", "/mugs/mug-1/"):
        assert _queries(shopper_client, path) <= PAGE_BUDGET, path


def test_a_content_page_reads_no_more_than_its_own_row_and_the_stores_home(shopper_client, shop):
    assert _queries(shopper_client, "/about/") <= 2


def test_two_thousand_products_cost_the_same_queries_as_three(
    shopper_client, shop, store, django_assert_max_num_queries
):
    settings = StoreSettings.for_site(store.site)
    settings.products_per_page = 24
    settings.save()
    small = {path: _queries(shopper_client, path) for path in ("/", "/mugs/", "/mugs/mug-1/")}

    _bulk_catalog(store, shop["category"], 1997)

    for path in small:
        with django_assert_max_num_queries(PAGE_BUDGET):
            assert shopper_client.get(path).status_code == 200
        assert _queries(shopper_client, path) == small[path], path
    listing = shopper_client.get("/mugs/?sort=name").content.decode()
    assert listing.count('<article class="product-card') == 24
    assert "Bulk 0020" in listing and "Bulk 0030" not in listing


def test_a_product_page_deep_in_the_tree_costs_what_a_shallow_one_does(shopper_client, shop):
    deep = shop["category"]
    for level in range(6):
        deep = CategoryPageFactory(parent=deep, title=f"Level {level}", slug=f"level-{level}")
    for slug in ("deep", "deeper"):  # pictured, with a sibling, as the shallow one
        product = stocked_product(site=deep.get_site(), title=f"Mug {slug}")
        ProductImageFactory(product=product, image=shop["picture"])
        ProductPageFactory(parent=deep, product=product, slug=slug)
    deep_path = "/mugs/" + "".join(f"level-{level}/" for level in range(6)) + "deep/"

    assert _queries(shopper_client, deep_path) == _queries(shopper_client, "/mugs/mug-1/")
    assert _queries(shopper_client, deep_path) <= PAGE_BUDGET


def test_fifty_other_stores_change_nothing(shopper_client, shop):
    before = {path: _queries(shopper_client, path) for path in ("/", "/mugs/", "/mugs/mug-1/")}

    for n in range(50):
        StoreFactory(slug=f"other-{n:02d}", name=f"Other {n}")

    after = {path: _queries(shopper_client, path) for path in before}
    assert after == before


def test_a_category_with_more_subcategories_costs_the_same(shopper_client, shop):
    few = _queries(shopper_client, "/mugs/")
    for n in range(5):
        CategoryPageFactory(parent=shop["category"], title=f"Sub {n}", slug=f"sub-{n}")

    assert _queries(shopper_client, "/mugs/") == few


def test_the_cart_and_checkout_with_a_cart_stay_small(shopper_client, shop, store):
    shopper_client.get("/")  # a session
    with store_scope([store.site.pk]):
        variant = ProductVariant.objects.filter(product__title="Mug 1").get()
    session = shopper_client.session
    session.save()
    CartFactory(site=store.site, session_key=session.session_key, lines=[(variant, 2)])

    assert _queries(shopper_client, "/cart/") <= SHOPPER_PAGE_BUDGET
    shopper_client.get("/checkout/")  # entering checkout holds the items
    assert _queries(shopper_client, "/checkout/") <= SHOPPER_PAGE_BUDGET + CHECKOUT_HOLD_RENEWAL


def test_pages_under_a_category_page_type_are_served_by_their_own_type(shopper_client, shop):
    """The cached route finds a page of its own type (a category, not a bare Page)."""
    response = shopper_client.get("/mugs/")

    assert isinstance(response.context["page"], CategoryPage)


def test_the_demo_fjord_home_stays_within_the_budget():
    seed_demo(sizes=SMALL_SIZES)

    assert _queries(HttpClient(HTTP_HOST="fjord.localhost"), "/") <= PAGE_BUDGET


def _link(page=None):
    return {"label": "Go" if page else "", "page": page, "url": ""}


def _blocks(*, category, other_category, tag, product_type, picked, pictures, pages, copies):
    """A home page body with ``copies`` of every kind of block that reads rows: grids of a
    category, a tag, a type and picked products, featured products, category tiles and
    blocks of pictures and page links. Each copy chooses other rows."""
    body = []
    for n in range(copies):
        picture = pictures[n % len(pictures)]
        page = pages[n % len(pages)]
        body += [
            (
                "hero",
                {"heading": f"Hero {n}", "image": picture, "button": _link(page)},
            ),
            (
                "image_text",
                {
                    "image": pictures[(n + 1) % len(pictures)],
                    "heading": "Made to last",
                    "text": "<p>By hand.</p>",
                    "button": _link(pages[(n + 1) % len(pages)]),
                },
            ),
            (
                "gallery",
                {
                    "images": [{"image": image, "alt": "", "caption": ""} for image in pictures],
                    "layout": "grid",
                },
            ),
            (
                "columns",
                {
                    "columns": [
                        {"image": picture, "heading": "One", "text": "<p>One</p>"},
                        {"image": None, "heading": "Two", "text": "<p>Two</p>"},
                    ]
                },
            ),
            (
                "call_to_action",
                {"heading": "Come in", "text": "", "button": _link(page)},
            ),
            _grid("category", category=category if n % 2 else other_category),
            _grid("tag", tag=tag, limit=2 + n),
            _grid("type", product_type=product_type, limit=3 + n),
            _grid("picked", products=picked[n:] + picked[:n], limit=2 + n),
            (
                "featured_product",
                {"product": picked[n % len(picked)], "heading": "", "text": "", "action": "cart"},
            ),
            (
                "category_tiles",
                {
                    "heading": "",
                    "tiles": [
                        {"category": category, "title": ""},
                        {"category": other_category, "title": f"Tile {n}"},
                    ],
                },
            ),
        ]
    return body


@pytest.fixture
def block_shop(shop, store):
    """``shop`` with a second category, tagged and typed products, more pictures and a
    content page, for homes of many blocks."""
    site = store.site
    home = shop["home"]
    other = CategoryPageFactory(parent=home, title="Bowls", slug="bowls")
    pictures = [shop["picture"]]
    pictures += [ImageFactory(collection=store.collection, title=f"Photo {n}") for n in range(3)]
    with store_scope([site.pk]):
        CategoryPage.objects.filter(pk=other.pk).update(image=pictures[1])
    picked = []
    for n in range(4):
        product = stocked_product(site=site, title=f"Bowl {n}", product_type="Bowl")
        ProductImageFactory(product=product, image=pictures[n % len(pictures)])
        ProductPageFactory(parent=other, product=product, slug=f"bowl-{n}")
        with store_scope([site.pk]):
            set_product_tags(product=product, names=["Gift"])
        picked.append(product)
    return {
        **shop,
        "other_category": other,
        "pictures": pictures,
        "picked": picked,
        "pages": [shop["category"], other, StorePage.objects.get(slug="about")],
    }


def _publish_home(home, body):
    with store_scope([home.get_site().pk]):
        home.body = body
        home.save_revision().publish()


def _block_home(shop, copies):
    return _blocks(
        category=shop["category"],
        other_category=shop["other_category"],
        tag="gift",
        product_type="bowl",
        picked=shop["picked"],
        pictures=shop["pictures"],
        pages=shop["pages"],
        copies=copies,
    )


def test_a_home_of_many_blocks_costs_what_a_home_with_one_of_each_does(shopper_client, block_shop):
    _publish_home(block_shop["home"], _block_home(block_shop, copies=1))
    one_of_each = _queries(shopper_client, "/")

    _publish_home(block_shop["home"], _block_home(block_shop, copies=4))
    many = _queries(shopper_client, "/")

    assert many == one_of_each
    assert many <= PAGE_BUDGET


def test_the_blocks_show_what_each_chose(shopper_client, block_shop):
    """Read together, every block still shows its own rows: each grid its source's
    products in its order and limit, each featured product and tile its own."""
    _publish_home(block_shop["home"], _block_home(block_shop, copies=2))

    html = shopper_client.get("/").content.decode()

    grids = html.split('class="container product-section"')[1:]
    titles = [
        [t.split("<")[0] for t in grid.split('class="product-card__title">')[1:]] for grid in grids
    ]
    assert titles == [
        ["Bowl 0", "Bowl 1", "Bowl 2", "Bowl 3"],  # copy 0: the other category, Bowls
        ["Bowl 0", "Bowl 1"],  # tag, limit 2
        ["Bowl 0", "Bowl 1", "Bowl 2"],  # type, limit 3
        ["Bowl 0", "Bowl 1"],  # picked, limit 2
        ["Mug 0", "Mug 1", "Mug 2"],  # copy 1: the category Mugs
        ["Bowl 0", "Bowl 1", "Bowl 2"],  # tag, limit 3
        ["Bowl 0", "Bowl 1", "Bowl 2", "Bowl 3"],  # type, limit 4
        ["Bowl 1", "Bowl 2", "Bowl 3"],  # picked from the second, limit 3
    ]
    featured = html.split('class="featured-product__title">')[1:]
    assert [t.split("<")[0] for t in featured] == ["Bowl 0", "Bowl 1"]
    assert html.count('href="/bowls/bowl-1/"') >= 1
    assert html.count('class="category-tile"') == 4
    assert "Tile 1" in html


def test_a_home_of_many_blocks_costs_the_same_at_two_thousand_products(
    shopper_client, block_shop, store
):
    _publish_home(block_shop["home"], _block_home(block_shop, copies=3))
    small = _queries(shopper_client, "/")

    _bulk_catalog(store, block_shop["category"], 1997)

    assert _queries(shopper_client, "/") == small <= PAGE_BUDGET

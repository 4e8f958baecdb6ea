import functools
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client as HttpClient
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from demo import seeding
from demo.catalogs import FJORD, STORES
from demo.images import SHAPES, SMALL_SIZES
from demo.management.commands import seed_demo as seed_demo_command
from demo.seeding import ADMIN_PASSWORD, seed_demo
from shop.models import (
    CartLine,
    Product,
    ProductImage,
    ProductTag,
    ProductVariant,
    StockLevel,
    StoreSettings,
)
from shop.pages import CategoryPage, ProductPage, StoreHomePage, StorePage
from tenancy.scope import all_stores, store_scope
from tenants.models import Store
from tenants.roles import Role
from tenants.selectors import role_of
from tests.tenants.factories import role_group
from tests.themes.editor import theme_of
from themes.presets import Preset

pytestmark = pytest.mark.django_db

seed_small = functools.partial(seed_demo, sizes=SMALL_SIZES)


def _counts():
    models = [Store, Site, Page, Product, ProductVariant, ProductImage, StockLevel, User]
    with all_stores():
        return {model.__name__: model.objects.count() for model in [*models, get_image_model()]}


def test_seed_demo_creates_four_stores_one_per_preset():
    seed_small()

    stores = Store.objects.select_related("site")
    assert {store.slug for store in stores} == {"fjord", "aurora", "heritage", "maison"}
    themes = [theme_of(store) for store in stores]
    assert {theme.preset for theme in themes} == set(Preset.values)
    assert len({StoreSettings.for_site(store.site).currency for store in stores}) == 4
    assert all(theme.tagline for theme in themes)
    # What the demo sets is published: the storefront shows it, and the history starts there.
    assert all(theme.live and not theme.has_unpublished_changes for theme in themes)


def test_each_demo_store_has_a_catalog_in_categories_with_pages_and_pictures():
    seed_small()

    for store in Store.objects.select_related("site__root_page"):
        site, home = store.site, store.site.root_page
        with store_scope([site.pk]):
            products = Product.objects.for_site(site).active()
            assert products.count() >= 12, store.slug
            assert not products.filter(images=None).exists()
            product_count = products.count()
        categories = CategoryPage.objects.child_of(home).live()
        assert categories.count() >= 3, store.slug
        assert all(category.show_in_menus for category in categories)
        assert ProductPage.objects.descendant_of(home).live().count() == product_count
        images = get_image_model().objects.filter(collection=store.collection)
        assert images.count() > product_count  # products' pictures, hero, story
        assert StorePage.objects.child_of(home).filter(slug="about", show_in_menus=True).exists()


def test_each_demo_store_has_variants_sales_and_stock_edge_cases():
    seed_small()

    for store in Store.objects.select_related("site"):
        with store_scope([store.site.pk]):
            variants = ProductVariant.objects.for_site(store.site).select_related("stock")
            assert variants.filter(stock__on_hand=0).exists(), store.slug
            assert variants.filter(stock__on_hand__in=[1, 2, 3]).exists(), store.slug
            assert variants.exclude(compare_at_price=None).exists(), store.slug
            assert any(variant.options for variant in variants), store.slug
            assert all(
                variant.compare_at_price is None or variant.compare_at_price > variant.price
                for variant in variants
            )


def test_demo_home_page_is_published_with_its_blocks():
    seed_small()

    for store in Store.objects.select_related("site"):
        home = StoreHomePage.objects.get(pk=store.site.root_page_id)
        assert home.live and home.live_revision is not None
        with store_scope([store.site.pk]):  # its product grids name the store's products
            block_types = [block.block_type for block in home.body]
        assert block_types == [
            "hero",
            "product_grid",
            "image_text",
            "product_grid",
            "call_to_action",
            "rich_text",
        ]


def test_demo_products_have_tags_of_their_own_store():
    seed_small()

    with all_stores():
        gift_ideas = ProductTag.objects.filter(slug="gift-ideas")
        assert gift_ideas.count() == len(STORES)  # one tag per store, never shared
        for store in Store.objects.select_related("site"):
            products = Product.objects.for_site(store.site)
            assert not products.filter(tags=None).exists(), store.slug
            foreign = ProductTag.objects.filter(products__site=store.site).exclude(site=store.site)
            assert not foreign.exists(), store.slug


def test_seed_demo_twice_creates_nothing_new():
    seed_small()
    before = _counts()

    result = seed_small()

    assert _counts() == before
    assert not any(item.created for item in result.stores)


def test_seed_demo_creates_the_superuser_and_merchant_logins():
    result = seed_small(specs=(FJORD,))

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(ADMIN_PASSWORD)
    assert result.admin_created and result.admin_password_is_demo
    store = Store.objects.get(slug="fjord")
    merchant = User.objects.get(email=FJORD.owner_email)
    assert merchant.check_password(FJORD.owner_password)
    assert not merchant.is_superuser
    assert role_group(store, Role.OWNER) in merchant.groups.all()
    editor = User.objects.get(email="editor@fjord.example")
    support = User.objects.get(email="support@fjord.example")
    assert editor.check_password("fjord-demo")
    assert role_of(user=editor, store=store) == Role.EDITOR
    assert role_of(user=support, store=store) == Role.SUPPORT
    assert {spec.email for spec in result.staff} == {editor.email, support.email}


def test_seed_demo_leaves_an_existing_admin_password_alone():
    User.objects.create_superuser("admin", "ops@example.test", "ops-own-password")

    result = seed_small(specs=(FJORD,))

    assert User.objects.get(username="admin").check_password("ops-own-password")
    assert not result.admin_created and not result.admin_password_is_demo


def test_seed_demo_points_demo_and_platform_sites_at_stores_port(settings):
    settings.STORES_PORT = 8123
    seed_small(specs=(FJORD,))
    settings.STORES_PORT = 9000

    seed_small(specs=(FJORD,))

    assert Site.objects.get(hostname="fjord.localhost").port == 9000
    assert Site.objects.get(is_default_site=True).port == 9000


def test_demo_storefront_serves_its_pages_and_takes_a_cart():
    seed_small(specs=(FJORD,))
    shopper = HttpClient(HTTP_HOST="fjord.localhost")
    home = Store.objects.get(slug="fjord").site.root_page

    assert shopper.get("/").status_code == 200
    for category in CategoryPage.objects.child_of(home):
        assert shopper.get(f"/{category.slug}/").status_code == 200
    assert shopper.get("/ceramics/hav-stoneware-mug/").status_code == 200
    assert shopper.get("/about/").status_code == 200

    with store_scope([Store.objects.get(slug="fjord").site_id]):
        mug = ProductVariant.objects.get(sku="FJ-MUG-BLU")
    response = shopper.post("/cart/add/", {"variant": mug.pk, "quantity": 2})

    assert response.status_code == 302
    with store_scope([mug.site_id]):
        assert CartLine.objects.get(variant=mug).quantity == 2

    # The demo's welcome code takes 10 % off a first order.
    shopper.post("/cart/codes/", {"code": "welcome10"})
    cart = shopper.get("/cart/").content.decode()
    assert "Welcome: 10 % off your first order" in cart
    assert 'class="discount-codes__amount"' in cart


def test_seed_demo_command_prints_urls_and_demo_logins(monkeypatch, settings):
    settings.STORES_PORT = 8000
    monkeypatch.setattr(
        seed_demo_command, "seed_demo", functools.partial(seed_small, specs=STORES[:1])
    )
    out = StringIO()

    call_command("seed_demo", stdout=out)

    output = out.getvalue()
    assert "http://localhost:8000/admin/" in output
    assert f"admin / {ADMIN_PASSWORD}" in output
    assert "http://fjord.localhost:8000/" in output
    assert f"{FJORD.owner_email} / {FJORD.owner_password}" in output
    assert "editor: editor@fjord.example / fjord-demo" in output
    assert "demo only" in output


def test_a_failing_store_leaves_nothing_half_made(monkeypatch):
    def broken_home(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(seeding, "_build_home", broken_home)

    with pytest.raises(RuntimeError):
        seed_small(specs=(FJORD,))

    assert not Store.objects.filter(slug="fjord").exists()
    assert not Site.objects.filter(hostname="fjord.localhost").exists()
    with all_stores():
        assert not Product.objects.exists()


def test_demo_catalogs_are_consistent():
    for spec in STORES:
        products = [product for category in spec.categories for product in category.products]
        skus = [variant.sku for product in products for variant in product.variants]
        handles = {product.handle for product in products}
        assert len(skus) == len(set(skus)), spec.slug
        assert len(handles) == len(products), spec.slug
        assert all(product.shape in SHAPES for product in products)
        assert set(spec.home.picked) <= handles
        slugs = {category.slug for category in spec.categories}
        assert {spec.home.hero_category, spec.home.featured_category} <= slugs
        assert spec.home.cta_category in slugs

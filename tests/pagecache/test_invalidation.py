"""Every row of ADR 30's table: each change invalidates exactly the pages it affects, or
every page of its store when it is store-wide, and never another store's pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from domains.models import Domain
from shop.models import StockMovement, StoreMenu, StorePage, StoreSettings
from shop.services import adjust_stock, set_product_tags
from tenancy.scope import all_stores, store_scope
from tenants.models import Store
from tenants.services import reactivate_store, suspend_store
from tests.pagecache.conftest import ALL, Catalog, assert_only_stale, cached_pages, is_cached, warm
from tests.shop.factories import ImageFactory, ProductImageFactory, stocked_product
from themes.models import StoreTheme
from themes.services import publish_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(catalog, anonymous, other_anonymous):
    """Every page of the store and the other store's home page, in the cache."""
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")


CATALOG_PAGES = {Catalog.CATEGORY, Catalog.PRODUCT}


# --- Pages ----------------------------------------------------------------------------


def test_publishing_a_pages_body_invalidates_the_pages_that_show_it(
    catalog, cached, change, anonymous, other_anonymous
):
    def edit_body():
        catalog.about.body = [("rich_text", "<p>Since 1921.</p>")]
        catalog.about.save_revision().publish()

    change(edit_body)

    assert_only_stale(anonymous, other_anonymous, {Catalog.ABOUT})
    assert "Since 1921." in anonymous.get(Catalog.ABOUT).content.decode()


def test_renaming_a_page_invalidates_the_store(catalog, cached, change, anonymous, other_anonymous):
    def rename():
        catalog.category.title = "Shirts and blouses"
        catalog.category.save_revision().publish()

    change(rename)

    assert_only_stale(anonymous, other_anonymous, ALL)


def test_publishing_a_new_page_invalidates_the_store(
    store, catalog, cached, change, anonymous, other_anonymous
):
    def publish_new_page():
        page = StorePage(title="Shipping", slug="shipping", live=False, show_in_menus=True)
        store.site.root_page.add_child(instance=page)
        page.save_revision().publish()

    change(publish_new_page)

    assert_only_stale(anonymous, other_anonymous, ALL)


def test_a_page_made_live_without_a_revision_invalidates_the_store(
    store, catalog, cached, change, anonymous, other_anonymous
):
    """Code (an import, a script) that adds a live page with ``add_child``."""
    change(
        lambda: store.site.root_page.add_child(
            instance=StorePage(title="Shipping", slug="shipping", show_in_menus=True)
        )
    )

    assert_only_stale(anonymous, other_anonymous, ALL)
    assert "Shipping" in anonymous.get(Catalog.HOME).content.decode()


def test_a_privacy_setting_invalidates_the_store(
    catalog, cached, change, anonymous, other_anonymous
):
    """A page that became private is never answered from the cache again."""
    change(
        lambda: PageViewRestriction.objects.create(
            page=catalog.about, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )

    assert_only_stale(anonymous, other_anonymous, ALL)
    assert not is_cached(anonymous, Catalog.ABOUT), "a private page was stored"
    assert "Password required" in anonymous.get(Catalog.ABOUT).content.decode()


def test_unpublishing_a_page_invalidates_the_store(
    catalog, cached, change, anonymous, other_anonymous
):
    change(lambda: catalog.about.unpublish())

    assert cached_pages(anonymous, ALL - {Catalog.ABOUT}) == set()
    assert anonymous.get(Catalog.ABOUT).status_code == 404
    assert is_cached(other_anonymous, "/")


def test_moving_a_page_invalidates_the_store(
    store, catalog, cached, change, anonymous, other_anonymous
):
    def move():
        parent = StorePage(title="Company", slug="company")
        store.site.root_page.add_child(instance=parent)
        catalog.about.move(parent, pos="last-child")

    change(move)

    assert cached_pages(anonymous, ALL - {Catalog.ABOUT}) == set()
    assert anonymous.get("/company/about-us/").status_code == 200
    assert is_cached(other_anonymous, "/")


def test_deleting_a_page_invalidates_the_store(catalog, cached, change, anonymous, other_anonymous):
    change(lambda: catalog.about.delete())

    assert cached_pages(anonymous, ALL - {Catalog.ABOUT}) == set()
    assert anonymous.get(Catalog.ABOUT).status_code == 404
    assert is_cached(other_anonymous, "/")


# --- Theme, menus, settings, domains --------------------------------------------------


def test_publishing_the_theme_invalidates_the_store(
    store, cached, change, anonymous, other_anonymous
):
    def publish():
        theme = StoreTheme.objects.get(site=store.site)
        theme.tagline = "Winter collection"
        publish_theme(theme=theme)

    change(publish)

    assert_only_stale(anonymous, other_anonymous, ALL)
    assert "Winter collection" in anonymous.get("/").content.decode()


def test_a_theme_scheduled_for_later_invalidates_the_store_when_it_goes_live(
    store, catalog, change, anonymous, other_anonymous
):
    start = timezone.now() + timedelta(days=1)
    with time_machine.travel(start, tick=True) as clock:
        with store_scope([store.site.pk]):
            theme = StoreTheme.objects.get(site=store.site)
            theme.tagline = "Winter collection"
            theme.go_live_at = start + timedelta(hours=1)
            theme.save_revision().publish()
        warm(anonymous, *Catalog.PATHS)
        warm(other_anonymous, "/")

        clock.move_to(start + timedelta(hours=1, seconds=1))
        with all_stores():
            call_command("publish_scheduled")

        assert_only_stale(anonymous, other_anonymous, ALL)
        assert "Winter collection" in anonymous.get("/").content.decode()


def test_changing_a_menu_invalidates_the_store(store, cached, change, anonymous, other_anonymous):
    change(lambda: StoreMenu.objects.create(site=store.site, location="footer", links=[]))

    assert_only_stale(anonymous, other_anonymous, ALL)


def test_changing_the_store_settings_invalidates_the_store(
    store, cached, change, anonymous, other_anonymous
):
    def set_currency():
        settings = StoreSettings.for_site(store.site)
        settings.currency = "USD"
        settings.save()

    change(set_currency)

    assert_only_stale(anonymous, other_anonymous, ALL)


def test_adding_a_domain_invalidates_the_store(store, cached, change, anonymous, other_anonymous):
    change(
        lambda: Domain.objects.create(
            site=store.site, hostname="shop.alpha.test", status=Domain.Status.ACTIVE
        )
    )

    assert_only_stale(anonymous, other_anonymous, ALL)


# --- Domains and the store's status ---------------------------------------------------
# The front door answers before the host is resolved or the store's status is read: each
# of these must invalidate the store's pages, or a stored page would still be served.


def test_a_new_primary_domain_makes_the_old_host_redirect_at_once(
    store, cached, change, anonymous, other_anonymous
):
    def move_to_own_domain():
        old = Domain.objects.get(site=store.site, is_primary=True)
        old.is_primary = False
        old.save()
        Domain.objects.create(
            site=store.site,
            hostname="shop.alpha.test",
            status=Domain.Status.ACTIVE,
            is_primary=True,
        )

    change(move_to_own_domain)

    for path in Catalog.PATHS:
        response = anonymous.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == f"http://shop.alpha.test{path}"
    assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


def test_a_domain_given_to_another_store_invalidates_both_stores(
    store, other_store, cached, change, anonymous, other_anonymous
):
    """The stored pages are found by host: the host's old store must not answer for it."""

    def move_domain():
        with all_stores():
            domain = Domain.objects.get(site=store.site, is_primary=True)
            other_store.site.domains.update(is_primary=False)
            domain.site = other_store.site
            domain.save()

    change(move_domain)

    home = anonymous.get(Catalog.HOME)
    assert home.get("X-Page-Cache") != "hit"
    assert other_store.name in home.content.decode()
    assert store.name not in home.content.decode()


def test_removing_a_domain_invalidates_the_store(store, cached, change, anonymous, other_anonymous):
    change(lambda: Domain.objects.filter(site=store.site).delete())

    for path in Catalog.PATHS:
        response = anonymous.get(path)
        assert response.status_code == 404, path
        assert store.name not in response.content.decode()
    assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


def test_suspending_a_store_invalidates_the_store(
    store, cached, change, anonymous, other_anonymous
):
    change(lambda: suspend_store(store=store, reason="Unpaid invoices"))

    for path in Catalog.PATHS:
        response = anonymous.get(path)
        assert response.status_code == 503, path
        assert response.get("X-Page-Cache") is None
    assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


def test_reactivating_a_store_invalidates_the_store(
    store, cached, change, anonymous, other_anonymous
):
    change(lambda: suspend_store(store=store))
    assert anonymous.get(Catalog.HOME).status_code == 503

    change(lambda: reactivate_store(store=store))

    assert cached_pages(anonymous) == set()
    assert cached_pages(anonymous) == ALL, "the store's pages are stored again"
    assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


def test_deleting_a_store_invalidates_the_store(store, cached, change, anonymous, other_anonymous):
    """The store's row goes (its catalog keeps its Site from going with it): none of the
    pages stored under it is served again."""

    def delete_store():
        with all_stores():
            Store.objects.filter(pk=store.pk).delete()

    change(delete_store)

    assert cached_pages(anonymous) == set()
    assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


# --- Catalog --------------------------------------------------------------------------


def test_editing_a_products_description_invalidates_the_pages_that_show_it(
    catalog, cached, change, anonymous, other_anonymous
):
    def describe():
        catalog.product.description = "<p>Woven in Ghent.</p>"
        catalog.product.save()

    change(describe)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "Woven in Ghent." in anonymous.get(Catalog.PRODUCT).content.decode()


def test_renaming_a_product_invalidates_the_stores_listings(
    catalog, cached, change, anonymous, other_anonymous
):
    def rename():
        catalog.product.title = "Linen overshirt"
        catalog.product.save()

    change(rename)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "Linen overshirt" in anonymous.get(Catalog.CATEGORY).content.decode()


def test_tagging_a_product_invalidates_the_stores_listings(
    catalog, cached, change, anonymous, other_anonymous
):
    """A grid of "products with a tag" may now show it, or stop showing it."""
    change(lambda: set_product_tags(product=catalog.product, names=["Summer"]))

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)

    warm(anonymous, *CATALOG_PAGES)
    change(lambda: set_product_tags(product=catalog.product, names=[]))

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)


def test_changing_a_price_invalidates_the_pages_that_list_products(
    catalog, cached, change, anonymous, other_anonymous
):
    def reprice():
        variant = catalog.product.variants.get()
        variant.price = Decimal("24.00")
        variant.save()

    change(reprice)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "24.00" in anonymous.get(Catalog.CATEGORY).content.decode()


def test_a_compare_at_price_invalidates_the_pages_that_show_the_product(
    catalog, cached, change, anonymous, other_anonymous
):
    """The card and the product page strike the old price through."""

    def put_on_sale():
        variant = catalog.product.variants.get()
        variant.compare_at_price = Decimal("45.00")
        variant.save()

    change(put_on_sale)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "45.00" in anonymous.get(Catalog.CATEGORY).content.decode()


def test_adding_a_product_picture_invalidates_the_pages_that_show_the_product(
    store, catalog, cached, change, anonymous, other_anonymous
):
    change(
        lambda: ProductImageFactory(
            product=catalog.product, image=ImageFactory(collection=store.collection)
        )
    )

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)


def test_editing_a_picture_invalidates_the_pages_that_show_it(
    store, catalog, change, anonymous, other_anonymous
):
    image = ImageFactory(collection=store.collection, title="Linen shirt, front")
    ProductImageFactory(product=catalog.product, image=image)
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")

    def refocus():
        image.set_focal_point(None)
        image.title = "Linen shirt, folded"
        image.save()

    change(refocus)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)


# --- Stock ----------------------------------------------------------------------------


def _sell(catalog, quantity):
    def sell():
        variant = catalog.product.variants.get()
        adjust_stock(variant=variant, quantity=-quantity, reason=StockMovement.Reason.SALE)

    return sell


def test_a_sale_that_leaves_the_product_in_stock_keeps_every_page(
    catalog, cached, change, anonymous, other_anonymous
):
    change(_sell(catalog, 1))  # 20 -> 19: in stock, not low

    assert_only_stale(anonymous, other_anonymous, set())


def test_selling_out_invalidates_the_pages_that_list_products(
    catalog, cached, change, anonymous, other_anonymous
):
    change(_sell(catalog, 20))

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "Sold out" in anonymous.get(Catalog.CATEGORY).content.decode()


def test_back_in_stock_invalidates_the_pages_that_list_products(
    catalog, change, anonymous, other_anonymous
):
    change(_sell(catalog, 20))
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")

    def restock():
        variant = catalog.product.variants.get()
        adjust_stock(variant=variant, quantity=4, reason=StockMovement.Reason.RESTOCK)

    change(restock)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)


def test_running_low_invalidates_the_pages_that_show_the_product(
    catalog, cached, change, anonymous, other_anonymous
):
    change(_sell(catalog, 17))  # 20 -> 3, at or under the threshold of 5

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)


def test_a_sale_while_stock_is_low_invalidates_the_count_shown(
    catalog, change, anonymous, other_anonymous
):
    change(_sell(catalog, 17))  # "Only 3 left"
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")

    change(_sell(catalog, 1))

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "Only 2 left" in anonymous.get(Catalog.PRODUCT).content.decode()


def test_a_new_low_stock_threshold_invalidates_the_pages_that_show_the_product(
    catalog, cached, change, anonymous, other_anonymous
):
    def raise_threshold():  # 20 on hand is now "low"
        level = catalog.product.variants.get().stock
        level.low_stock_threshold = 25
        level.save()

    change(raise_threshold)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "Only 20 left" in anonymous.get(Catalog.PRODUCT).content.decode()


def test_back_in_stock_reaches_a_listing_that_showed_nothing(
    catalog, change, anonymous, other_anonymous
):
    in_stock_only = f"{Catalog.CATEGORY}?available=1"
    change(_sell(catalog, 20))
    warm(anonymous, in_stock_only, Catalog.ABOUT)
    assert "Linen shirt" not in anonymous.get(in_stock_only).content.decode()

    def restock():
        variant = catalog.product.variants.get()
        adjust_stock(variant=variant, quantity=4, reason=StockMovement.Reason.RESTOCK)

    change(restock)

    assert not is_cached(anonymous, in_stock_only)
    assert "Linen shirt" in anonymous.get(in_stock_only).content.decode()
    assert is_cached(anonymous, Catalog.ABOUT)


def test_another_stores_sell_out_leaves_this_stores_pages(
    other_store, catalog, cached, django_capture_on_commit_callbacks, anonymous
):
    theirs = stocked_product(site=other_store.site, title="Their mug")
    warm(anonymous, *Catalog.PATHS)

    with django_capture_on_commit_callbacks(execute=True), store_scope([other_store.site.pk]):
        variant = theirs.variants.get()
        adjust_stock(variant=variant, quantity=-5, reason=StockMovement.Reason.SALE)

    assert cached_pages(anonymous) == ALL

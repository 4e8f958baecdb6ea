"""The rows of ADR 30's table about what a shopper sees of a sold-out product (ADR 37): a
change of the store's or a product's sold-out choice, or a variant selling out, reaches
every page that shows it, and no other store's."""

from datetime import date

import pytest

from shop.data.catalog import OutOfStock
from shop.models import StockLevel, StockMovement, StoreSettings
from shop.services import adjust_stock
from tests.pagecache.conftest import ALL, Catalog, assert_only_stale, is_cached, warm

pytestmark = pytest.mark.django_db

CATALOG_PAGES = {Catalog.CATEGORY, Catalog.PRODUCT}


@pytest.fixture
def cached(catalog, anonymous, other_anonymous):
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")


def _sell_out(catalog):
    def sell():
        variant = catalog.product.variants.get()
        adjust_stock(variant=variant, quantity=-20, reason=StockMovement.Reason.SALE)

    return sell


def test_a_products_sold_out_choice_invalidates_the_stores_listings(
    catalog, cached, change, anonymous, other_anonymous
):
    def hide_when_sold_out():
        catalog.product.out_of_stock = OutOfStock.HIDE
        catalog.product.save()

    change(hide_when_sold_out)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)


def test_the_stores_sold_out_choice_invalidates_the_store(
    store, catalog, cached, change, anonymous, other_anonymous
):
    def take_pre_orders():
        settings = StoreSettings.for_site(store.site)
        settings.out_of_stock = OutOfStock.PREORDER
        settings.save()

    change(take_pre_orders)

    assert_only_stale(anonymous, other_anonymous, ALL)


def test_selling_out_in_a_store_that_hides_removes_the_product_from_every_page(
    store, catalog, change, anonymous, other_anonymous
):
    StoreSettings.objects.filter(site=store.site).update(out_of_stock=OutOfStock.HIDE)
    change(lambda: None)  # the settings' cached entry
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")

    change(_sell_out(catalog))

    assert anonymous.get(Catalog.PRODUCT).status_code == 404
    assert not is_cached(anonymous, Catalog.CATEGORY)
    assert "Linen shirt" not in anonymous.get(Catalog.CATEGORY).content.decode()
    assert is_cached(anonymous, Catalog.ABOUT)
    assert is_cached(other_anonymous, "/")


def test_a_hidden_product_back_in_stock_is_shown_again_at_once(
    store, catalog, change, anonymous, other_anonymous
):
    StoreSettings.objects.filter(site=store.site).update(out_of_stock=OutOfStock.HIDE)
    change(_sell_out(catalog))
    assert anonymous.get(Catalog.PRODUCT).status_code == 404
    warm(anonymous, Catalog.CATEGORY, Catalog.ABOUT)

    def restock():
        variant = catalog.product.variants.get()
        adjust_stock(variant=variant, quantity=5, reason=StockMovement.Reason.RESTOCK)

    change(restock)

    assert anonymous.get(Catalog.PRODUCT).status_code == 200
    assert "Linen shirt" in anonymous.get(Catalog.CATEGORY).content.decode()
    assert is_cached(anonymous, Catalog.ABOUT)


def test_a_pre_order_variant_selling_its_last_unit_invalidates_the_pages_that_show_it(
    catalog, change, anonymous, other_anonymous
):
    def take_pre_orders():
        catalog.product.out_of_stock = OutOfStock.PREORDER
        catalog.product.preorder_expected_on = date(2030, 1, 12)
        catalog.product.save()

    change(take_pre_orders)
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")

    change(_sell_out(catalog))

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)
    assert "Ships from 12 January 2030" in anonymous.get(Catalog.PRODUCT).content.decode()


def test_a_variants_own_sold_out_policy_invalidates_the_pages_that_list_it(
    catalog, cached, change, anonymous, other_anonymous
):
    def take_pre_orders():
        level = catalog.product.variants.get().stock
        level.policy = StockLevel.Policy.PREORDER
        level.save()

    change(take_pre_orders)

    assert_only_stale(anonymous, other_anonymous, CATALOG_PAGES)

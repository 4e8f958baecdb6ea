"""Bulk edits of products: status, prices, stock and tags of the selected products in one
step, all or nothing, with a summary and one entry in the store's activity."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from shop.exceptions import BulkEditRefused
from shop.models import Product, ProductVariant, StockLevel, StockMovement, StoreSettings
from shop.services import bulk, set_product_tags
from tenancy.scope import store_scope
from tests.shop.factories import stocked_product

pytestmark = pytest.mark.django_db


def _bulk_url(action: str, products, **extra) -> str:
    ids = "&".join(f"id={product.pk}" for product in products)
    url = reverse("wagtail_bulk_action", args=("shop", "product", action))
    return f"{url}?{ids}&next=/admin/snippets/shop/product/"


def _bulk_entries(store):
    with store_scope([store.site.pk]):
        settings = StoreSettings.objects.get(site=store.site)
    return ModelLogEntry.objects.filter(object_id=str(settings.pk), action=bulk.BULK_EDIT_ACTION)


@pytest.fixture
def catalog(store):
    with store_scope([store.site.pk]):
        lamp = stocked_product(
            site=store.site, title="Lamp", variants=[{"price": "10.00", "stock": 5}]
        )
        vase = stocked_product(
            site=store.site,
            title="Vase",
            variants=[
                {"price": "19.99", "stock": 2},
                {"price": "40.00", "stock": 0, "compare_at_price": Decimal("50.00")},
            ],
        )
    return lamp, vase


def _prices(product):
    with store_scope([product.site_id]):
        return sorted(v.price for v in ProductVariant.objects.filter(product=product))


def test_a_percentage_off_rounds_each_price_to_the_cent(store, catalog, in_store_scope):
    lamp, vase = catalog
    variants = list(ProductVariant.objects.filter(product__in=catalog).select_related("product"))

    edit = bulk.bulk_change_price(variants=variants, mode="percent", value=Decimal("-20"))

    assert _prices(lamp) == [Decimal("8.00")]
    assert _prices(vase) == [Decimal("15.99"), Decimal("32.00")]  # 15.992, 32.00
    assert edit.summary == "Prices changed by -20% on 3 variants"
    assert [entry.data["summary"] for entry in _bulk_entries(store)] == [edit.summary]


def test_a_price_rise_past_a_compare_at_price_changes_nothing_and_names_the_variant(
    store, catalog, in_store_scope
):
    lamp = catalog[0]
    variants = list(ProductVariant.objects.filter(product__in=catalog).select_related("product"))

    with pytest.raises(BulkEditRefused) as refused:
        bulk.bulk_change_price(variants=variants, mode="percent", value=Decimal("30"))

    assert "compare-at price (50.00) would no longer be above its price (52.00)" in str(
        refused.value
    )
    assert _prices(lamp) == [Decimal("10.00")]
    assert not _bulk_entries(store).exists()


@pytest.mark.parametrize(
    ("mode", "value"),
    [("set", Decimal("-1")), ("percent", Decimal("-100")), ("set", Decimal("1e12"))],
)
def test_prices_out_of_range_are_refused(store, catalog, in_store_scope, mode, value):
    variants = list(ProductVariant.objects.filter(product__in=catalog).select_related("product"))

    with pytest.raises(BulkEditRefused):
        bulk.bulk_change_price(variants=variants, mode=mode, value=value)

    assert _prices(catalog[0]) == [Decimal("10.00")]


def test_stock_is_set_through_the_ledger_with_the_reason(store, catalog, merchant, in_store_scope):
    variants = list(ProductVariant.objects.filter(product__in=catalog).select_related("product"))

    edit = bulk.bulk_change_stock(
        variants=variants, mode="set", quantity=20, note="Stock take", user=merchant
    )

    levels = StockLevel.objects.filter(variant__in=variants)
    assert sorted(levels.values_list("on_hand", flat=True)) == [20, 20, 20]
    movements = StockMovement.objects.filter(variant__in=variants, note="Bulk edit: Stock take")
    assert sorted(movements.values_list("quantity", flat=True)) == [15, 18, 20]
    assert edit.summary == "Stock set to 20 on 3 variants (Stock take)"


def test_removing_more_than_one_variant_holds_changes_none(store, catalog, in_store_scope):
    variants = list(ProductVariant.objects.filter(product__in=catalog).select_related("product"))

    with pytest.raises(BulkEditRefused):
        bulk.bulk_change_stock(variants=variants, mode="set", quantity=-3, note="Oops")
    with pytest.raises(Exception, match="Not enough stock"):
        bulk.bulk_change_stock(variants=variants, mode="adjust", quantity=-3, note="Damaged")

    levels = StockLevel.objects.filter(variant__in=variants)
    assert sorted(levels.values_list("on_hand", flat=True)) == [0, 2, 5]
    assert not StockMovement.objects.filter(note__startswith="Bulk edit").exists()


def test_tags_are_added_and_removed_keeping_the_others(store, catalog, in_store_scope):
    lamp, vase = catalog
    set_product_tags(product=lamp, names=["Summer", "Gifts"])

    edit = bulk.bulk_change_tags(products=[lamp, vase], add=["Winter"], remove=["summer"])

    assert sorted(t.name for t in lamp.tags.all()) == ["Gifts", "Winter"]
    assert [t.name for t in vase.tags.all()] == ["Winter"]
    assert edit.summary == "Tags added Winter and removed summer on 2 products"


def test_the_merchant_archives_products_from_the_listing(store, catalog, merchant_client):
    lamp, vase = catalog
    url = _bulk_url("change_status", [lamp, vase])

    form = merchant_client.get(url)
    assert form.status_code == 200
    assert "Lamp" in form.content.decode() and "Vase" in form.content.decode()
    done = merchant_client.post(url, {"status": Product.Status.ARCHIVED}, follow=True)

    assert "Status set to Archived on 2 products." in done.content.decode()
    with store_scope([store.site.pk]):
        statuses = set(Product.objects.filter(pk__in=[lamp.pk, vase.pk]).values_list("status"))
    assert statuses == {(Product.Status.ARCHIVED,)}
    assert _bulk_entries(store).count() == 1


def test_a_refused_edit_in_the_listing_says_why_and_changes_nothing(
    store, catalog, merchant_client
):
    url = _bulk_url("change_prices", catalog)

    done = merchant_client.post(url, {"mode": "percent", "value": "30"}, follow=True)

    assert "Nothing was changed" in done.content.decode()
    assert _prices(catalog[0]) == [Decimal("10.00")]


def test_another_stores_product_named_in_a_bulk_edit_is_never_touched(
    store, other_store, catalog, merchant_client
):
    with store_scope([other_store.site.pk]):
        theirs = stocked_product(site=other_store.site, title="Theirs", variants=[{"price": "5"}])

    url = _bulk_url("change_prices", [catalog[0], theirs])
    form = merchant_client.get(url)
    done = merchant_client.post(url, {"mode": "set", "value": "1.00"}, follow=True)

    # The store scope finds only the merchant's own product: the other is neither shown
    # nor changed.
    assert "Theirs" not in form.content.decode()
    assert "Prices set to 1.00 on 1 variant." in done.content.decode()
    assert _prices(theirs) == [Decimal("5.00")]
    assert _prices(catalog[0]) == [Decimal("1.00")]

"""Deleting a product with stock history or orders is refused with an offer to archive it;
one never stocked nor sold is deleted (docs/adr/0013-...).

Each test goes through the admin's delete view as the store's owner.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from shop.models import OrderLine, Product, ProductVariant, StockMovement
from tenancy.scope import store_scope
from tests.shop.factories import (
    ProductFactory,
    ProductVariantFactory,
    place_test_order,
    stocked_product,
)

pytestmark = pytest.mark.django_db


def _delete_url(product):
    return reverse("wagtailsnippets_shop_product:delete", args=[product.pk])


def _ledger_and_lines(site):
    with store_scope([site.pk]):
        return (
            list(StockMovement.objects.order_by("pk").values()),
            list(OrderLine.objects.order_by("pk").values()),
        )


@pytest.fixture
def sold(store):
    """A product stocked and sold once."""
    product = stocked_product(site=store.site, title="Alpha Lamp", variants=[{"stock": 3}])
    with store_scope([store.site.pk]):
        place_test_order(lines=[(product.variants.get(), 1)])
    return product


def test_delete_page_of_a_product_with_history_offers_archiving(merchant_client, sold):
    response = merchant_client.get(_delete_url(sold))

    assert response.status_code == 200
    text = response.content.decode()
    assert "“Alpha Lamp” cannot be deleted: 2 stock movement(s) and 1 order line(s)" in text
    assert "Archive the product" in text
    assert "Yes, delete" not in text


def test_deleting_a_product_with_history_is_refused_and_keeps_everything(
    merchant_client, store, sold
):
    before = _ledger_and_lines(store.site)

    response = merchant_client.post(_delete_url(sold))

    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    with store_scope([store.site.pk]):
        assert Product.objects.filter(pk=sold.pk, status=Product.Status.ACTIVE).exists()
        assert ProductVariant.objects.filter(product=sold).count() == 1
    assert _ledger_and_lines(store.site) == before


def test_archiving_from_the_delete_page_takes_the_product_off_sale(merchant_client, store, sold):
    before = _ledger_and_lines(store.site)

    response = merchant_client.post(_delete_url(sold), {"archive": "1"}, follow=True)

    assert response.status_code == 200
    assert "“Alpha Lamp” archived" in response.content.decode()
    with store_scope([store.site.pk]):
        assert Product.objects.get(pk=sold.pk).status == Product.Status.ARCHIVED
    assert _ledger_and_lines(store.site) == before


def test_a_product_only_stocked_is_refused_too(merchant_client, store):
    product = stocked_product(site=store.site, title="Alpha Shelf", variants=[{"stock": 2}])

    response = merchant_client.post(_delete_url(product))

    assert "1 stock movement(s) refer to it" in response.content.decode()
    with store_scope([store.site.pk]):
        assert Product.objects.filter(pk=product.pk).exists()


def test_a_product_never_stocked_nor_sold_is_deleted(merchant_client, store):
    product = ProductFactory(site=store.site, title="Alpha Typo")
    ProductVariantFactory(product=product)

    response = merchant_client.post(_delete_url(product))

    assert response.status_code == 302
    with store_scope([store.site.pk]):
        assert not Product.objects.filter(pk=product.pk).exists()


def test_removing_a_variant_with_history_in_the_product_form_is_refused(merchant_client, store):
    product = stocked_product(
        site=store.site,
        option_names=["Size"],
        variants=[
            {"sku": "LAMP-S", "options": {"Size": "S"}, "stock": 1},
            {"sku": "LAMP-L", "options": {"Size": "L"}, "stock": 0},
        ],
    )
    url = reverse("wagtailsnippets_shop_product:edit", args=[product.pk])
    data = querydict_from_html(merchant_client.get(url).content.decode(), "w-editor-form")
    data["option1_values"] = "L"  # S is no longer offered: its variant would go

    response = merchant_client.post(url, data)

    assert response.status_code == 200
    assert "S (LAMP-S) has stock history or orders and cannot be removed" in (
        response.content.decode()
    )
    with store_scope([store.site.pk]):
        assert ProductVariant.objects.filter(product=product).count() == 2


def _bulk_delete_url(*products):
    url = reverse("wagtail_bulk_action", args=["shop", "product", "delete"])
    return url + "?" + "&".join(f"id={product.pk}" for product in products)


def test_bulk_delete_with_a_product_with_history_deletes_nothing(merchant_client, store, sold):
    fresh = ProductFactory(site=store.site, title="Alpha Typo")
    before = _ledger_and_lines(store.site)

    page = merchant_client.get(_bulk_delete_url(sold, fresh))
    response = merchant_client.post(_bulk_delete_url(sold, fresh), follow=True)

    assert "“Alpha Lamp” cannot be deleted" in page.content.decode()
    assert response.status_code == 200
    assert "“Alpha Lamp” cannot be deleted" in response.content.decode()
    with store_scope([store.site.pk]):
        assert set(Product.objects.values_list("title", flat=True)) == {"Alpha Lamp", "Alpha Typo"}
    assert _ledger_and_lines(store.site) == before


def test_bulk_delete_of_products_without_history_deletes_them(merchant_client, store):
    typos = [ProductFactory(site=store.site, title=f"Alpha Typo {n}") for n in range(2)]

    response = merchant_client.post(_bulk_delete_url(*typos))

    assert response.status_code == 302
    with store_scope([store.site.pk]):
        assert not Product.objects.exists()

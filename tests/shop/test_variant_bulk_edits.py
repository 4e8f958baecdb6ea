"""Bulk edits in the inventory listing: the selected variants' stock, prices or sold-out
policy in one step, all or nothing, with one entry in the store's activity."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from shop.exceptions import BulkEditRefused
from shop.models import ProductVariant, StockLevel, StockMovement, StoreSettings
from shop.services import bulk
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.shop.factories import stocked_product
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db


def _bulk_url(action: str, levels) -> str:
    ids = "&".join(f"id={level.pk}" for level in levels)
    url = reverse("wagtail_bulk_action", args=("shop", "stocklevel", action))
    return f"{url}?{ids}&next=/admin/snippets/shop/stocklevel/"


def _bulk_summaries(store):
    with store_scope([store.site.pk]):
        settings = StoreSettings.objects.get(site=store.site)
    entries = ModelLogEntry.objects.filter(object_id=str(settings.pk), action=bulk.BULK_EDIT_ACTION)
    return [entry.data["summary"] for entry in entries]


@pytest.fixture
def levels(store):
    """The stock rows of a lamp (5 on hand) and of a vase's two sizes (2 and 0)."""
    with store_scope([store.site.pk]):
        stocked_product(site=store.site, title="Lamp", variants=[{"price": "10.00", "stock": 5}])
        stocked_product(
            site=store.site,
            title="Vase",
            variants=[{"price": "19.99", "stock": 2}, {"price": "40.00", "stock": 0}],
        )
        return list(StockLevel.objects.select_related("variant").order_by("variant__price"))


def _state(store):
    with store_scope([store.site.pk]):
        return [
            (level.variant.price, level.on_hand, level.policy)
            for level in StockLevel.objects.select_related("variant").order_by("variant__price")
        ]


def test_the_merchant_sets_the_stock_of_two_variants_from_the_inventory_listing(
    store, levels, merchant_client
):
    lamp, small_vase, _ = levels
    url = _bulk_url("change_variant_stock", [lamp, small_vase])

    form = merchant_client.get(url)
    done = merchant_client.post(
        url, {"mode": "adjust", "quantity": "10", "note": "Delivery 42"}, follow=True
    )

    assert form.status_code == 200
    assert "Stock changed by +10 on 2 variants (Delivery 42)." in done.content.decode()
    assert _state(store) == [
        (Decimal("10.00"), 15, ""),
        (Decimal("19.99"), 12, ""),
        (Decimal("40.00"), 0, ""),
    ]
    with store_scope([store.site.pk]):
        notes = set(StockMovement.objects.values_list("note", flat=True))
    assert "Bulk edit: Delivery 42" in notes
    assert _bulk_summaries(store) == ["Stock changed by +10 on 2 variants (Delivery 42)"]


def test_the_merchant_takes_ten_percent_off_the_selected_variants_only(
    store, levels, merchant_client
):
    _, small_vase, large_vase = levels

    done = merchant_client.post(
        _bulk_url("change_variant_prices", [small_vase, large_vase]),
        {"mode": "percent", "value": "-10"},
        follow=True,
    )

    assert "Prices changed by -10% on 2 variants." in done.content.decode()
    assert [price for price, _, _ in _state(store)] == [
        Decimal("10.00"),
        Decimal("17.99"),
        Decimal("36.00"),
    ]


def test_the_merchant_lets_a_sold_out_variant_take_pre_orders(store, levels, merchant_client):
    large_vase = levels[2]

    done = merchant_client.post(
        _bulk_url("change_variant_policy", [large_vase]), {"policy": "preorder"}, follow=True
    )

    assert "When sold out set to “Take pre-orders” on 1 variant." in done.content.decode()
    assert _state(store)[2] == (Decimal("40.00"), 0, "preorder")


def test_a_policy_back_to_the_products_setting_is_an_empty_policy(store, levels, in_store_scope):
    variants = [level.variant for level in levels]
    bulk.bulk_set_policy(variants=variants, policy="continue")

    edit = bulk.bulk_set_policy(variants=variants, policy="")

    assert edit.summary == "When sold out set to “Follow the product's setting” on 3 variants"
    assert {policy for _, _, policy in _state(store)} == {""}


def test_an_unknown_policy_is_refused_and_changes_nothing(store, levels, in_store_scope):
    with pytest.raises(BulkEditRefused, match="not a sold-out policy"):
        bulk.bulk_set_policy(variants=[levels[0].variant], policy="give-away")

    assert {policy for _, _, policy in _state(store)} == {""}


def test_stopping_a_backordered_variant_from_selling_is_refused_as_a_whole(
    store, levels, in_store_scope
):
    """A variant sold below zero on backorder cannot be told to stop selling (the database
    would refuse its count): the edit names it and leaves every variant as it was."""
    lamp, _, large_vase = levels
    bulk.bulk_set_policy(variants=[large_vase.variant], policy="continue")
    bulk.bulk_change_stock(
        variants=[large_vase.variant], mode="adjust", quantity=-2, note="Backorder"
    )

    with pytest.raises(BulkEditRefused) as refused:
        bulk.bulk_set_policy(variants=[lamp.variant, large_vase.variant], policy="deny")

    assert large_vase.variant.sku in str(refused.value)
    assert [(on_hand, policy) for _, on_hand, policy in _state(store)] == [
        (5, ""),
        (2, ""),
        (-2, "continue"),
    ]


def test_the_support_role_cannot_change_prices_from_the_inventory_listing(
    store, levels, platform_client
):
    platform_client.force_login(staff_member(store, Role.SUPPORT))

    url = _bulk_url("change_variant_prices", levels[:1])

    form = platform_client.get(url)
    platform_client.post(url, {"mode": "set", "value": "1.00"})

    assert "You may not change these" in form.content.decode()
    assert _state(store)[0][0] == Decimal("10.00")
    assert _bulk_summaries(store) == []


def test_another_stores_variant_named_in_a_bulk_edit_is_never_touched(
    store, other_store, levels, merchant_client
):
    with store_scope([other_store.site.pk]):
        stocked_product(site=other_store.site, title="Theirs", variants=[{"stock": 7}])
        theirs = StockLevel.objects.get()

    url = _bulk_url("change_variant_stock", [levels[0], theirs])
    form = merchant_client.get(url)
    merchant_client.post(url, {"mode": "set", "quantity": "1", "note": "Count"}, follow=True)

    assert "Theirs" not in form.content.decode()
    with store_scope([other_store.site.pk]):
        assert StockLevel.objects.get(pk=theirs.pk).on_hand == 7
    assert _state(store)[0][1] == 1


def test_a_variant_with_no_stock_row_gets_one_with_its_policy(store, in_store_scope):
    product = stocked_product(site=store.site, title="Print", variants=[{"price": "3"}])
    variant = ProductVariant.objects.get(product=product)
    StockLevel.objects.filter(variant=variant).delete()

    bulk.bulk_set_policy(variants=[variant], policy="preorder")

    assert StockLevel.objects.get(variant=variant).policy == "preorder"

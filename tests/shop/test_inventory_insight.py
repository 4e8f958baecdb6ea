"""Inventory insight: sales velocity, days until stock-out, the suggested reorder quantity
and the store's health score, worked out as the dashboard explains them, from the store's
own orders only; on the merchant's dashboard and in its full report."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from shop import inventory_insight as insight
from shop.models import Order, StockLevel
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db


def _sell(variant, quantity, *, days_ago, cancelled=False):
    order = place_test_order(lines=[(variant, quantity)])
    fields = {"placed_at": timezone.now() - timedelta(days=days_ago)}
    if cancelled:
        fields["status"] = Order.Status.CANCELLED
    with store_scope([variant.site_id]):
        Order.objects.filter(pk=order.pk).update(**fields)
    return order


def _insight(store):
    with store_scope([store.site.pk]):
        return insight.inventory_insight(site_id=store.site.pk)


def _only(result, variant):
    return next(item for item in result.variants if item.variant.pk == variant.pk)


def test_velocity_days_left_and_reorder_follow_the_documented_formulas(store):
    variant = stocked_variant(site=store.site, stock=95, title="Linen towel")
    _sell(variant, 30, days_ago=3)  # in both windows
    _sell(variant, 15, days_ago=60)  # in the 90-day window only
    _sell(variant, 30, days_ago=120)  # too old to count

    item = _only(_insight(store), variant)

    assert item.available == 20
    assert (item.sold_30, item.sold_90) == (30, 45)
    assert (item.velocity_30, item.velocity_90) == (1, 0.5)
    # 0.7 x 1 + 0.3 x 0.5 = 0.85 units a day; 20 / 0.85 = 23.5 days
    assert item.daily_rate == Decimal("0.85")
    assert item.days_until_stockout == 23
    # ceil(0.85 x (14 + 30)) = 38, plus the threshold of 5, less 20 available
    assert item.reorder_quantity == 23


def test_cancelled_orders_and_other_stores_orders_do_not_count_as_sales(store, other_store):
    variant = stocked_variant(site=store.site, stock=50, title="Clay cup")
    theirs = stocked_variant(site=other_store.site, stock=50, title="Beta cup")
    _sell(variant, 4, days_ago=1)
    _sell(variant, 10, days_ago=1, cancelled=True)
    _sell(theirs, 7, days_ago=1)

    result = _insight(store)

    assert (_only(result, variant).sold_30, _only(result, variant).sold_90) == (4, 4)
    assert theirs.pk not in {item.variant.pk for item in result.variants}


def test_a_variant_that_never_sold_has_no_forecast_and_no_reorder(store):
    variant = stocked_variant(site=store.site, stock=12, title="Quiet vase")

    item = _only(_insight(store), variant)

    assert item.days_until_stockout is None
    assert item.reorder_quantity == 0
    assert item.is_dead


def test_the_health_score_weighs_in_stock_low_dead_and_overstocked_variants(store):
    selling = stocked_variant(site=store.site, stock=40, title="Steady seller")
    _sell(selling, 30, days_ago=2)  # 10 left, 0.7 + 0.1 = 0.8 a day: healthy
    low = stocked_variant(site=store.site, stock=8, title="Nearly gone")
    _sell(low, 5, days_ago=2)  # 3 left: low
    stocked_variant(site=store.site, stock=0, title="Sold out")  # out of stock
    stocked_variant(site=store.site, stock=30, title="Never sells")  # dead stock

    health = _insight(store).health

    assert (health.variants, health.in_stock, health.low, health.dead) == (4, 3, 1, 1)
    assert health.overstocked == 0
    # 40 x 3/4 + 20 x (1 - 1/4) + 20 x (1 - 1/4) + 20 x 1 = 30 + 15 + 15 + 20
    assert health.score == 80
    assert "3 of 4 variants in stock" in health.explanation


def test_overstock_is_more_than_half_a_year_of_selling(store):
    variant = stocked_variant(site=store.site, stock=400, title="Bulk candles")
    _sell(variant, 30, days_ago=5)  # 370 left at 0.8 a day: 462 days

    item = _only(_insight(store), variant)

    assert item.is_overstocked
    assert not item.is_dead


def test_a_variant_threshold_of_its_own_overrides_the_stores(store):
    variant = stocked_variant(site=store.site, stock=9, title="Big threshold")
    with store_scope([store.site.pk]):
        StockLevel.objects.filter(variant=variant).update(low_stock_threshold=10)

    result = _insight(store)

    assert _only(result, variant).is_low
    assert [item.variant.pk for item in result.low_stock] == [variant.pk]


def test_the_insight_reads_a_fixed_number_of_queries(store, django_assert_num_queries):
    for number in range(3):
        stocked_variant(site=store.site, stock=5, title=f"Few {number}")
    with store_scope([store.site.pk]), django_assert_num_queries(3):
        few = insight.inventory_insight(site_id=store.site.pk)
        [item.variant.product.title for item in few.variants]
    for number in range(30):
        stocked_variant(site=store.site, stock=5, title=f"Many {number}")
    with store_scope([store.site.pk]), django_assert_num_queries(3):
        many = insight.inventory_insight(site_id=store.site.pk)
        [item.variant.product.title for item in many.variants]
    assert len(many.variants) == 33


def test_the_dashboard_shows_the_score_and_what_runs_low_in_the_active_store_only(
    store, other_store, merchant_client
):
    stocked_variant(site=store.site, stock=2, title="Alpha lamp")
    stocked_variant(site=other_store.site, stock=1, title="Beta lamp")

    page = merchant_client.get("/admin/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Health score" in html
    assert "Alpha lamp" in html
    assert "Beta lamp" not in html


def test_the_report_lists_every_tracked_variant_by_urgency(store, merchant_client):
    stocked_variant(site=store.site, stock=40, title="Plenty")
    gone = stocked_variant(site=store.site, stock=0, title="All gone")

    page = merchant_client.get("/admin/shop/inventory-insight/")

    assert page.status_code == 200
    html = page.content.decode()
    assert html.index(gone.sku) < html.index("Plenty")
    assert "How these figures are worked out" in html


def test_support_staff_read_the_report_and_operators_get_no_insight(
    store, platform_client, operator_client
):
    # Wagtail sends a refused admin view back to the dashboard with a message.
    refused = operator_client.get("/admin/shop/inventory-insight/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "Health score" not in operator_client.get("/admin/").content.decode()
    # Support reads the catalog and its stock (tenants.roles), so the insight too.
    platform_client.force_login(staff_member(store, Role.SUPPORT))
    assert platform_client.get("/admin/shop/inventory-insight/").status_code == 200

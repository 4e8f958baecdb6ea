"""Promotion limits under concurrent checkouts, on PostgreSQL with real threads: the last
use of a code goes to one order, and a per-customer limit holds across a shopper's tabs
(ADR 47)."""

from decimal import Decimal

import pytest

from shop import services
from shop.exceptions import TotalChanged
from shop.models import Order, PromotionUsage
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.factories import checkout_details, stocked_variant
from tests.shop.promotion_factories import cart_with_codes, make_promotion
from tests.tenants.factories import StoreFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

SHOPPERS = 4


def _carts_with_code(variant, code, count):
    return [cart_with_codes(lines=[(variant, 1)], codes=[code]) for _ in range(count)]


def _checkouts(store, carts, *, emails, expected_total):
    def checkout(index):
        with store_scope([store.site.pk]):
            return services.place_order(
                cart=carts[index],
                details=checkout_details(email=emails[index]),
                expected_total=expected_total,
            )

    return race(checkout, len(carts))


def test_the_last_use_of_a_code_goes_to_one_order_only():
    store = StoreFactory(slug="code-race")
    lamp = stocked_variant(site=store.site, price="40.00", stock=20, title="Desk lamp")
    promotion = make_promotion(
        site=store.site,
        name="Last one",
        method="code",
        value="50",
        usage_limit=1,
        codes=["LASTONE"],
    )
    carts = _carts_with_code(lamp, "LASTONE", SHOPPERS)
    # Every shopper's page showed the discounted total: 20 and 5 shipping.
    outcomes = _checkouts(
        store,
        carts,
        emails=[f"shopper{index}@example.test" for index in range(SHOPPERS)],
        expected_total=Decimal("25.00"),
    )

    placed = [o for o in outcomes if isinstance(o, Order)]
    refused = [o for o in outcomes if isinstance(o, TotalChanged)]
    assert (len(placed), len(refused)) == (1, SHOPPERS - 1), outcomes
    assert "Your total changed to €45.00." in str(refused[0])
    with store_scope([store.site.pk]):
        assert PromotionUsage.objects.filter(promotion=promotion).count() == 1
        assert Order.objects.filter(site=store.site).count() == 1


def test_a_per_customer_limit_holds_across_one_shoppers_tabs():
    store = StoreFactory(slug="tab-race")
    lamp = stocked_variant(site=store.site, price="40.00", stock=20, title="Desk lamp")
    make_promotion(
        site=store.site,
        name="Welcome",
        method="code",
        value="10",
        usage_limit_per_customer=1,
        codes=["WELCOME"],
    )
    carts = _carts_with_code(lamp, "WELCOME", SHOPPERS)
    outcomes = _checkouts(
        store,
        carts,
        emails=["ann@example.test", "ANN@example.test", "ann@example.test", "Ann@Example.test"],
        expected_total=Decimal("41.00"),
    )

    placed = [o for o in outcomes if isinstance(o, Order)]
    assert len(placed) == 1, outcomes
    assert all(isinstance(o, (Order, TotalChanged)) for o in outcomes), outcomes
    with store_scope([store.site.pk]):
        assert PromotionUsage.objects.filter(email="ann@example.test").count() == 1

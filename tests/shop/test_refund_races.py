"""Two refunds of the same order at once, on PostgreSQL with real threads: together they
never give back more than was paid."""

from decimal import Decimal

import pytest

from shop import services
from shop.exceptions import RefundRefused
from shop.models import Order, Refund
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import StoreFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

REFUNDERS = 4


def test_concurrent_refunds_never_exceed_what_was_paid():
    store = StoreFactory(slug="refund-race")
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    order = place_test_order(lines=[(lamp, 2)])
    with store_scope([store.site.pk]):
        services.mark_paid(order=order)
    # Each asks for more than half of the total: only one of them can be given.
    share = (order.total / 2 + Decimal("1.00")).quantize(Decimal("0.01"))

    def refund(index):
        with store_scope([store.site.pk]):
            return services.refund(order=Order.objects.get(pk=order.pk), amount=share)

    outcomes = race(refund, REFUNDERS)

    refused = [o for o in outcomes if isinstance(o, RefundRefused)]
    given = [o for o in outcomes if isinstance(o, Refund)]
    assert (len(given), len(refused)) == (1, REFUNDERS - 1), outcomes
    with store_scope([store.site.pk]):
        order.refresh_from_db()
        assert order.refunded_total == share
        assert Refund.objects.filter(order=order, status="succeeded").count() == 1

"""Invoices issued at once, on PostgreSQL with real threads: one payment reported by
several callers at the same moment issues one invoice, and payments of several orders at
the same moment share out the store's numbers without a gap or a repeat."""

import pytest

from shop import services
from shop.models import Invoice, Order, OrderEvent
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import StoreFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

CALLERS = 5


def _pay(site_id, order_id):
    with store_scope([site_id]):
        services.mark_paid(order=Order.objects.get(pk=order_id), actor="Stripe", via="card")
        return Invoice.objects.get(order_id=order_id).reference


def test_one_payment_reported_at_once_by_several_callers_issues_one_invoice():
    store = StoreFactory(slug="invoice-race-one")
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    order = place_test_order(lines=[(lamp, 1)])

    outcomes = race(lambda index: _pay(store.site.pk, order.pk), CALLERS)

    assert outcomes == ["INV-0001"] * CALLERS
    with store_scope([store.site.pk]):
        assert Invoice.objects.count() == 1
        issued = OrderEvent.objects.filter(kind=OrderEvent.Kind.INVOICE_ISSUED)
        assert issued.count() == 1


def test_orders_paid_at_once_are_numbered_without_gaps_or_repeats():
    store = StoreFactory(slug="invoice-race-many")
    lamp = stocked_variant(site=store.site, price="20.00", stock=CALLERS, title="Desk lamp")
    orders = [place_test_order(lines=[(lamp, 1)]) for _ in range(CALLERS)]

    outcomes = race(lambda index: _pay(store.site.pk, orders[index].pk), CALLERS)

    assert sorted(outcomes) == [f"INV-{number:04d}" for number in range(1, CALLERS + 1)]
    with store_scope([store.site.pk]):
        numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == list(range(1, CALLERS + 1))

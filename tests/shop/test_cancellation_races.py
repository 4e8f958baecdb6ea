"""Two merchants cancelling (or fulfilling) the same order at once, on PostgreSQL with real
threads: the stock goes back once, the units are packed once, and the second is told why
not."""

from collections import Counter

import pytest
from django.contrib.messages import get_messages
from django.test import Client as HttpClient
from django.urls import reverse

from shop import services
from shop.models import Fulfilment, Order, StockLevel, StockMovement
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import StoreFactory, owner_of

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

MERCHANTS = 2


def _outcome(response):
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    return response.status_code, messages


def _merchants_and_order():
    store = StoreFactory(slug="race")
    lamp = stocked_variant(site=store.site, stock=5, title="Desk lamp")
    bulb = stocked_variant(site=store.site, stock=9, title="Bulb")
    with store_scope([store.site.pk]):
        order = place_test_order(lines=[(lamp, 2), (bulb, 4)])
    clients = [HttpClient(HTTP_HOST="localhost") for _ in range(MERCHANTS)]
    for client in clients:
        client.force_login(owner_of(store))
    return clients, order, lamp, bulb


def _assert_returned_once(order, lamp, bulb):
    with store_scope([order.site_id]):
        assert Order.objects.get(pk=order.pk).status == Order.Status.CANCELLED
        assert StockLevel.objects.get(variant=lamp).on_hand == 5
        assert StockLevel.objects.get(variant=bulb).on_hand == 9
        returns = StockMovement.objects.filter(
            order=order, reason=StockMovement.Reason.CANCELLATION
        )
        assert sorted(returns.values_list("variant_id", "quantity")) == [(lamp.pk, 2), (bulb.pk, 4)]


def test_two_concurrent_cancellations_return_the_stock_once():
    clients, order, lamp, bulb = _merchants_and_order()
    url = reverse("wagtailsnippets_shop_order:cancel", args=[order.pk])

    outcomes = race(lambda index: _outcome(clients[index].post(url)), MERCHANTS)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert {status for status, _ in outcomes} == {302}
    said = Counter(message for _, messages in outcomes for message in messages)
    assert said == {
        f"{order} cancelled: its items are back in stock.": 1,
        f"{order} is already cancelled; its stock was put back then.": 1,
    }, outcomes
    _assert_returned_once(order, lamp, bulb)


def test_two_concurrent_fulfilments_of_the_same_units_pack_them_once():
    clients, order, _, _ = _merchants_and_order()
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
        lines = {f"line_{line.pk}": line.quantity for line in order.lines.all()}
    url = reverse("wagtailsnippets_shop_order:edit", args=[order.pk])

    def fulfil(index):
        response = clients[index].post(url, {"action": "fulfil", "ship": "on", **lines})
        return response.status_code, response.content.decode()

    outcomes = race(fulfil, MERCHANTS)

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(status for status, _ in outcomes) == [200, 302]
    refused = next(body for status, body in outcomes if status == 200)
    assert "left to fulfil" in refused
    with store_scope([order.site_id]):
        assert Fulfilment.objects.filter(order=order).count() == 1
        assert Order.objects.get(pk=order.pk).status == Order.Status.SHIPPED

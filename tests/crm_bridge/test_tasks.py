from decimal import Decimal

import pytest

from crm_bridge import services as crm_services
from crm_bridge.models import Client, Ticket
from crm_bridge.tasks import sync_order_to_crm_task
from tenancy.scope import all_stores, current_scope, store_scope
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db


def _snapshot():
    with all_stores():
        return _rows()


def _rows():
    return (
        list(
            Client.objects.order_by("pk").values(
                "pk",
                "site_id",
                "email",
                "name",
                "phone",
                "orders_count",
                "total_spent",
                "currency",
                "last_order_at",
            )
        ),
        list(Ticket.objects.order_by("pk").values("pk", "client_id", "order_id", "subject")),
    )


def test_placing_an_order_creates_the_client_and_the_order_ticket(store, variant):
    order = place_test_order(
        lines=[(variant, 2)], email="Ann@Example.test", name="Ann Example", phone="+47 1"
    )

    with store_scope([store.site.pk]):
        client = Client.objects.get()
        ticket = Ticket.objects.get()
    assert client.site_id == store.site.pk
    assert client.email == "ann@example.test"
    assert (client.name, client.phone) == ("Ann Example", "+47 1")
    assert client.orders_count == 1
    assert client.total_spent == order.total == Decimal("45.00")
    assert client.last_order_at == order.placed_at
    assert ticket.subject == f"Order #{order.number}" == "Order #1001"
    assert (ticket.order, ticket.client, ticket.site_id) == (order, client, store.site.pk)
    assert ticket.status == Ticket.Status.OPEN


def test_nothing_reaches_the_crm_before_the_order_commits(variant):
    place_test_order(lines=[(variant, 1)], run_on_commit=False)

    with all_stores():
        assert not Client.objects.exists()
        assert not Ticket.objects.exists()


def test_running_the_sync_task_again_changes_nothing(variant):
    order = place_test_order(lines=[(variant, 1)])
    before = _snapshot()

    sync_order_to_crm_task(order.pk, order.site_id)
    sync_order_to_crm_task.delay(order.pk, order.site_id)

    assert _snapshot() == before


def test_sync_task_for_a_missing_order_does_nothing(store):
    sync_order_to_crm_task(987654, store.site.pk)

    with all_stores():
        assert not Client.objects.exists()


def test_sync_task_runs_in_the_scope_of_the_store_it_names(store, variant, monkeypatch):
    order = place_test_order(lines=[(variant, 1)], run_on_commit=False)
    scopes = []
    sync_order = crm_services.sync_order

    def recording_sync_order(*, order):
        scopes.append(current_scope())
        return sync_order(order=order)

    monkeypatch.setattr(crm_services, "sync_order", recording_sync_order)

    sync_order_to_crm_task.delay(order.pk, order.site_id)  # with no scope, as in a worker

    assert scopes == [frozenset({store.site.pk})]
    assert current_scope() is None
    with store_scope([store.site.pk]):
        assert Ticket.objects.get().order == order


def test_sync_task_naming_another_store_finds_no_order_and_writes_nothing(
    store, other_store, variant
):
    order = place_test_order(lines=[(variant, 1)], run_on_commit=False)

    sync_order_to_crm_task(order.pk, other_store.site.pk)

    with all_stores():
        assert not Client.objects.exists()
        assert not Ticket.objects.exists()


def test_second_order_by_the_same_email_updates_the_client_and_opens_a_ticket(variant):
    first = place_test_order(lines=[(variant, 1)], email="ann@example.test", phone="")
    second = place_test_order(
        lines=[(variant, 3)], email="ANN@example.TEST", name="Ann E.", phone="+47 2"
    )

    with store_scope([variant.site_id]):
        client = Client.objects.get()
        subjects = sorted(client.tickets.values_list("subject", flat=True))
    assert client.orders_count == 2
    assert client.total_spent == first.total + second.total == Decimal("90.00")
    assert client.last_order_at == second.placed_at
    assert (client.name, client.phone) == ("Ann Example", "")  # the checkout's stay on its order
    assert subjects == ["Order #1001", "Order #1002"]


def test_the_same_email_in_another_store_is_another_client(store, other_store, variant):
    theirs = stocked_variant(site=other_store.site, price="7.00")

    place_test_order(lines=[(variant, 1)], email="ann@example.test")
    place_test_order(lines=[(theirs, 1)], email="ann@example.test")

    with all_stores():
        clients = list(Client.objects.order_by("site_id"))
        tickets = list(Ticket.objects.select_related("client", "order"))
    assert [(c.site_id, c.orders_count) for c in clients] == [
        (store.site.pk, 1),
        (other_store.site.pk, 1),
    ]
    assert {t.client.site_id for t in tickets} == {store.site.pk, other_store.site.pk}
    for ticket in tickets:
        assert ticket.client.site_id == ticket.order.site_id == ticket.site_id

"""What a shopper types at checkout belongs to that order: it never rewrites the client
record of an existing customer. A difference is shown to the merchant on the order and its
ticket, in the admin; the client's figures keep following the store's orders."""

from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse

from crm_bridge.models import Client, Ticket
from shop import services
from shop.models import Order
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order
from tests.shop.shipping_factories import set_store

pytestmark = pytest.mark.django_db

NOTE = "Contact details differ from the client record"
NBSP = "\xa0"


@pytest.fixture
def known(variant):
    """A first order by Ann: the store's client record now holds her name and phone."""
    return place_test_order(
        lines=[(variant, 1)], email="ann@example.test", name="Ann Example", phone="+47 555 01 00"
    )


@pytest.fixture
def stranger(known, variant):
    """A guest checkout with Ann's email address and someone else's name and phone."""
    return place_test_order(
        lines=[(variant, 2)], email="ANN@example.test", name="Mallory Doe", phone="+1 666 0000"
    )


def _client(order):
    with store_scope([order.site_id]):
        return Client.objects.get(email=order.email)


def _ticket(order):
    with store_scope([order.site_id]):
        return Ticket.objects.select_related("client", "order").get(order=order)


def test_guest_checkout_with_a_clients_email_leaves_the_client_record(known, stranger):
    client = _client(stranger)

    assert (client.name, client.phone) == ("Ann Example", "+47 555 01 00")
    assert (stranger.name, stranger.phone) == ("Mallory Doe", "+1 666 0000")  # kept on the order


def test_figures_still_follow_the_orders(known, stranger):
    client = _client(stranger)

    assert client.orders_count == 2
    assert client.total_spent == known.total + stranger.total == Decimal("70.00")
    assert client.last_order_at == stranger.placed_at


def test_the_ticket_names_the_details_that_differ(known, stranger):
    differences = _ticket(stranger).contact_differences

    assert [(d.label, d.on_order, d.on_record) for d in differences] == [
        ("name", "Mallory Doe", "Ann Example"),
        ("phone", "+1 666 0000", "+47 555 01 00"),
    ]
    assert _ticket(known).contact_differences == []


def test_the_same_details_written_differently_are_not_a_difference(known, variant):
    again = place_test_order(
        lines=[(variant, 1)], email="ann@example.test", name="ann  example", phone="+4755501 00"
    )

    assert _ticket(again).contact_differences == []


@pytest.mark.parametrize(
    "url_name",
    ["wagtailsnippets_shop_order:edit", "wagtailsnippets_shop_order:inspect"],
)
def test_order_screens_show_the_difference(merchant_client, stranger, known, url_name):
    own = merchant_client.get(reverse(url_name, args=[known.pk])).content.decode()
    response = merchant_client.get(reverse(url_name, args=[stranger.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert NOTE in text
    assert "“Mallory Doe” on the order, “Ann Example” on the client record" in text
    assert NOTE not in own


@pytest.mark.parametrize(
    "url_name",
    ["wagtailsnippets_crm_bridge_ticket:edit", "wagtailsnippets_crm_bridge_ticket:inspect"],
)
def test_ticket_screens_show_the_difference(merchant_client, stranger, known, url_name):
    theirs, own = _ticket(stranger), _ticket(known)

    text = merchant_client.get(reverse(url_name, args=[theirs.pk])).content.decode()

    assert NOTE in text
    assert "“+1 666 0000” on the order, “+47 555 01 00” on the client record" in text
    assert NOTE not in merchant_client.get(reverse(url_name, args=[own.pk])).content.decode()


def test_saving_the_ticket_keeps_working_with_the_note_shown(merchant_client, stranger):
    ticket = _ticket(stranger)
    url = reverse("wagtailsnippets_crm_bridge_ticket:edit", args=[ticket.pk])

    response = merchant_client.post(
        url, {"subject": ticket.subject, "status": "in_progress", "notes": "Called Ann"}
    )

    assert response.status_code == 302
    assert _ticket(stranger).status == Ticket.Status.IN_PROGRESS


@pytest.mark.parametrize("status", [Order.Status.CANCELLED, Order.Status.REFUNDED])
def test_cancelled_and_refunded_orders_leave_total_spent(known, stranger, status):
    with store_scope([stranger.site_id]), TestCase.captureOnCommitCallbacks(execute=True):
        services.mark_paid(order=stranger)
        services.change_order_status(order=stranger, status=status)

    client = _client(stranger)
    assert client.orders_count == 2
    assert client.total_spent == known.total == Decimal("25.00")
    assert _ticket(stranger).status == Ticket.Status.CLOSED


def test_the_clients_total_is_written_the_stores_way(merchant_client, store, known, stranger):
    set_store(store.site, locale="de-DE")
    with store_scope([store.site.pk]):
        Client.objects.filter(email="ann@example.test").update(total_spent=Decimal("1234.50"))
        client = Client.objects.get(email="ann@example.test")

    listing = merchant_client.get(reverse("wagtailsnippets_crm_bridge_client:list"))
    inspect = merchant_client.get(
        reverse("wagtailsnippets_crm_bridge_client:inspect", args=[client.pk])
    )

    for response in (listing, inspect):
        assert response.status_code == 200
        assert f"1.234,50{NBSP}€" in response.content.decode()
        assert "€1,234.50" not in response.content.decode()

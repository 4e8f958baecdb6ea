"""The merchant's order screen through the real admin views: what it shows, the actions
its status allows, bad input shown on its form with nothing changed, another order's or
store's rows refused, refunds for owners only, and orders to fulfil."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from crm_bridge.models import Ticket
from shop import services
from shop.models import Fulfilment, Order, OrderEvent, Refund, StockLevel
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def goods(store):
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    bulb = stocked_variant(site=store.site, price="3.00", stock=9, title="Bulb")
    return lamp, bulb


@pytest.fixture
def order(goods):
    lamp, bulb = goods
    return place_test_order(lines=[(lamp, 1), (bulb, 4)], name="Ann Example")


def _url(order):
    return reverse("wagtailsnippets_shop_order:edit", args=[order.pk])


def _lines(order):
    with store_scope([order.site_id]):
        return list(order.lines.order_by("pk"))


def _post(client, order, **data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(_url(order), data)


def _reloaded(order):
    with store_scope([order.site_id]):
        return Order.objects.get(pk=order.pk)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_bank_transfer_order_is_marked_paid_from_its_screen(merchant_client, merchant, order):
    page = merchant_client.get(_url(order)).content.decode()
    assert order.payment_reference in page
    assert "not paid yet" in page
    assert 'value="fulfil"' not in page  # not before it is paid

    response = _post(merchant_client, order, action="mark_paid")

    assert response.status_code == 302
    order = _reloaded(order)
    assert order.status == Order.Status.PAID and order.is_paid
    with store_scope([order.site_id]):
        event = (
            OrderEvent.objects.filter(order=order)
            .exclude(kind__in=["email_sent", "invoice_issued"])
            .last()
        )
    assert (event.kind, event.user_id, event.data) == (
        "payment_received",
        merchant.pk,
        {"via": "bank_transfer"},
    )
    page = merchant_client.get(_url(order)).content.decode()
    assert 'value="mark_paid"' not in page
    assert 'value="fulfil"' in page


def test_fulfilling_half_then_the_rest_shows_on_the_lines_and_the_timeline(merchant_client, order):
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
    lamp_line, bulb_line = _lines(order)

    _post(
        merchant_client,
        order,
        action="fulfil",
        **{f"line_{lamp_line.pk}": 1, f"line_{bulb_line.pk}": 2},
        carrier="Bring",
        tracking_number="CN123",
        ship="on",
    )
    assert _reloaded(order).status == Order.Status.PARTIALLY_FULFILLED
    page = merchant_client.get(_url(order)).content.decode()
    assert "https://tracking.bring.com/tracking/CN123" in page
    fulfil_form = page.split('data-testid="fulfil-form"')[1].split("</form>")[0]
    assert f'name="line_{bulb_line.pk}"' in fulfil_form
    assert f'name="line_{lamp_line.pk}"' not in fulfil_form  # nothing left of it to fulfil

    _post(merchant_client, order, action="fulfil", **{f"line_{bulb_line.pk}": 2}, ship="on")

    assert _reloaded(order).status == Order.Status.SHIPPED
    page = merchant_client.get(_url(order)).content.decode()
    assert page.count("Shipped</strong>") == 2
    assert 'value="deliver"' in page


def test_more_units_than_are_left_are_refused_on_the_form(merchant_client, order):
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
    _, bulb_line = _lines(order)

    for quantity in (5, -1, "lots", 10**12):
        response = _post(
            merchant_client, order, action="fulfil", **{f"line_{bulb_line.pk}": quantity}
        )
        assert response.status_code == 200
        assert "error-message" in response.content.decode()

    with store_scope([order.site_id]):
        assert not Fulfilment.objects.filter(order=order).exists()
    assert _reloaded(order).status == Order.Status.PAID


def test_a_line_of_another_store_posted_to_the_form_fulfils_nothing(
    merchant_client, order, other_store
):
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
    foreign = stocked_variant(site=other_store.site, title="Beta lamp")
    theirs = place_test_order(lines=[(foreign, 1)])
    their_line = _lines(theirs)[0]

    response = _post(merchant_client, order, action="fulfil", **{f"line_{their_line.pk}": 1})

    assert response.status_code == 200
    assert "Choose at least one unit" in response.content.decode()
    with store_scope([order.site_id, theirs.site_id]):
        assert not Fulfilment.objects.exists()


def test_another_stores_order_screen_and_actions_are_not_found(merchant_client, other_store):
    foreign = stocked_variant(site=other_store.site, title="Beta lamp")
    theirs = place_test_order(lines=[(foreign, 1)])

    assert merchant_client.get(_url(theirs)).status_code == 404
    assert _post(merchant_client, theirs, action="mark_paid").status_code == 404
    assert _post(merchant_client, theirs, action="note", text="hi").status_code == 404
    assert not _reloaded(theirs).is_paid


def test_a_refund_by_line_with_restock_from_the_screen(merchant_client, order, goods):
    _, bulb = goods
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
    _, bulb_line = _lines(order)

    response = _post(
        merchant_client,
        order,
        action="refund",
        how="lines",
        **{f"line_{bulb_line.pk}": 2},
        restock="on",
        reason="Broken in transit",
    )

    assert response.status_code == 302
    assert "€6.00 refunded on" in _messages(response)[0]
    order = _reloaded(order)
    assert order.refunded_total == Decimal("6.00")
    with store_scope([order.site_id]):
        assert StockLevel.objects.get(variant=bulb).on_hand == 7
    page = merchant_client.get(_url(order)).content.decode()
    assert "Paid · partially refunded" in page
    assert "items back in stock" in page


def test_an_amount_over_what_was_paid_is_refused_on_the_form(merchant_client, order):
    with store_scope([order.site_id]):
        services.mark_paid(order=order)

    over = _post(merchant_client, order, action="refund", how="amount", amount="9999.00")
    huge = _post(merchant_client, order, action="refund", how="amount", amount="1e30")
    missing = _post(merchant_client, order, action="refund", how="amount", amount="")

    assert "more than can be refunded" in over.content.decode()
    assert huge.status_code == missing.status_code == 200
    assert "Give the amount to refund." in missing.content.decode()
    with store_scope([order.site_id]):
        assert not Refund.objects.exists()


def test_support_staff_fulfil_and_write_notes_but_do_not_refund(platform_client, store, order):
    platform_client.force_login(staff_member(store, Role.SUPPORT))
    with store_scope([order.site_id]):
        services.mark_paid(order=order)

    page = platform_client.get(_url(order)).content.decode()
    refused = _post(platform_client, order, action="refund", how="full")
    noted = _post(platform_client, order, action="note", text="Shopper called about the bulbs")

    assert 'value="fulfil"' in page
    assert 'value="refund"' not in page
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")  # Wagtail's "no permission"
    assert noted.status_code == 302
    assert _reloaded(order).refunded_total == 0
    page = platform_client.get(_url(order)).content.decode()
    assert "Shopper called about the bulbs" in page


def test_an_empty_note_is_refused_next_to_its_field(merchant_client, order):
    response = _post(merchant_client, order, action="note", text="   ")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    with store_scope([order.site_id]):
        assert not OrderEvent.objects.filter(order=order, kind="note").exists()


def test_cancelling_a_paid_order_refunds_it_in_the_same_screen(merchant_client, order, goods):
    lamp, _ = goods
    with store_scope([order.site_id]):
        services.mark_paid(order=order)
    cancel_url = reverse("wagtailsnippets_shop_order:cancel", args=[order.pk])
    assert "Refund what was paid" in merchant_client.get(cancel_url).content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        merchant_client.post(cancel_url, {"reason": "Out of stock", "refund": "1"})

    order = _reloaded(order)
    assert order.status == Order.Status.CANCELLED
    assert order.refunded_total == order.total
    with store_scope([order.site_id]):
        assert StockLevel.objects.get(variant=lamp).on_hand == 5


def test_the_client_and_ticket_are_one_click_away(merchant_client, order):
    with store_scope([order.site_id]):
        ticket = Ticket.objects.get(order=order)

    page = merchant_client.get(_url(order)).content.decode()

    assert reverse("wagtailsnippets_crm_bridge_client:edit", args=[ticket.client_id]) in page
    assert reverse("wagtailsnippets_crm_bridge_ticket:edit", args=[ticket.pk]) in page


def test_orders_to_fulfil_lists_paid_and_cash_on_delivery_orders_oldest_first(
    merchant_client, goods, store
):
    lamp, _ = goods
    unpaid = place_test_order(lines=[(lamp, 1)], name="Unpaid Person")
    first = place_test_order(lines=[(lamp, 1)], name="First Paid")
    second = place_test_order(lines=[(lamp, 1)], name="Second Paid")
    shipped = place_test_order(lines=[(lamp, 1)], name="Shipped Person")
    with store_scope([store.site.pk]):
        for paid in (first, second, shipped):
            services.mark_paid(order=paid)
        services.fulfil(order=shipped, lines={_lines(shipped)[0].pk: 1})
        Order.objects.filter(pk=unpaid.pk).update(payment_method="cash_on_delivery")
        cod = Order.objects.get(pk=unpaid.pk)

    listing = merchant_client.get(
        reverse("wagtailsnippets_shop_order:list") + "?to_fulfil=true&ordering=placed_at"
    ).content.decode()
    dashboard = merchant_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Shipped Person" not in listing
    assert listing.index(cod.name) < listing.index("First Paid") < listing.index("Second Paid")
    assert "<strong>3</strong> orders paid" in dashboard
    assert "Orders to fulfil" in dashboard


def test_parcels_are_numbered_within_their_order(merchant_client, goods, order):
    _lamp, bulb = goods
    earlier = place_test_order(lines=[(bulb, 1)], name="Bo Earlier")
    with store_scope([order.site_id]):
        services.mark_paid(order=earlier)
        services.fulfil(order=earlier, lines={_lines(earlier)[0].pk: 1})
        services.mark_paid(order=order)
    lamp_line, bulb_line = _lines(order)
    _post(merchant_client, order, action="fulfil", **{f"line_{lamp_line.pk}": 1})
    _post(merchant_client, order, action="fulfil", **{f"line_{bulb_line.pk}": 4})

    page = merchant_client.get(_url(order)).content.decode()
    parcels = page.split('data-testid="parcels"')[1].split("</ul>")[0]
    assert "Parcel 1</strong>" in parcels and "Parcel 2</strong>" in parcels
    assert "Parcel 3" not in parcels
    ship_form = page.split('name="fulfilment"')[1].split("</select>")[0]
    assert "Parcel 1: " in ship_form and "Parcel 2: " in ship_form

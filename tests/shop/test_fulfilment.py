"""Packing and shipping an order line by line (``shop.services.fulfilment``): statuses
move through the transition table, each parcel is on the timeline, units are never packed
twice, and another order's lines are refused."""

import pytest

from shop import services
from shop.exceptions import FulfilmentRefused
from shop.models import Fulfilment, Order, OrderEvent, StoreSettings
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db

S = Order.Status


@pytest.fixture
def goods(store):
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    bulb = stocked_variant(site=store.site, price="3.00", stock=9, title="Bulb")
    return lamp, bulb


@pytest.fixture
def order(goods):
    lamp, bulb = goods
    return place_test_order(lines=[(lamp, 1), (bulb, 4)])


def _lines(order):
    lamp_line, bulb_line = order.lines.order_by("pk")
    return lamp_line, bulb_line


def _timeline(order):
    """The order's timeline after it was placed, without the emails each step sent and the
    invoice its payment issued (tests/shop/test_invoices.py)."""
    events = OrderEvent.objects.filter(order=order).exclude(
        kind__in=[OrderEvent.Kind.EMAIL_SENT, OrderEvent.Kind.INVOICE_ISSUED]
    )
    return [(e.kind, e.data) for e in events][1:]


def test_a_paid_order_is_fulfilled_in_two_parcels_then_delivered(order, merchant, in_store_scope):
    services.mark_paid(order=order, via="bank_transfer", user=merchant)
    lamp_line, bulb_line = _lines(order)

    first = services.fulfil(
        order=order,
        lines={lamp_line.pk: 1, bulb_line.pk: 2},
        carrier="Posten",
        tracking_number="70712345678",
        user=merchant,
    )
    assert order.status == S.PARTIALLY_FULFILLED
    second = services.fulfil(
        order=order, lines={bulb_line.pk: 2}, carrier="UPS", tracking_number="1Z 999", user=merchant
    )
    assert order.status == S.SHIPPED
    services.mark_delivered(order=order, user=merchant)

    order.refresh_from_db()
    assert order.status == S.DELIVERED
    assert first.tracking_url == "https://sporing.posten.no/sporing/70712345678"
    assert second.tracking_url == "https://www.ups.com/track?tracknum=1Z%20999"
    assert [(line.order_line_id, line.quantity) for line in first.lines.all()] == [
        (lamp_line.pk, 1),
        (bulb_line.pk, 2),
    ]
    assert _timeline(order) == [
        ("payment_received", {"via": "bank_transfer"}),
        ("shipped", {"from": "paid", "to": "partially_fulfilled", "fulfilment": first.pk}),
        ("shipped", {"from": "partially_fulfilled", "to": "shipped", "fulfilment": second.pk}),
        ("delivered", {"from": "shipped", "to": "delivered"}),
    ]
    assert all(f.delivered_at for f in Fulfilment.objects.filter(order=order))


def test_packed_units_wait_for_the_carrier_and_ship_with_their_tracking(order, in_store_scope):
    services.mark_paid(order=order)
    lamp_line, bulb_line = _lines(order)

    parcel = services.fulfil(order=order, lines={lamp_line.pk: 1, bulb_line.pk: 4}, ship=False)
    assert order.status == S.FULFILLED
    services.mark_shipped(fulfilment=parcel, carrier="DHL", tracking_number="JD0146")

    order.refresh_from_db()
    parcel.refresh_from_db()
    assert order.status == S.SHIPPED
    assert parcel.shipped_at is not None
    assert parcel.tracking_url.endswith("tracking-id=JD0146")
    assert [kind for kind, _ in _timeline(order)] == ["payment_received", "fulfilled", "shipped"]
    with pytest.raises(FulfilmentRefused, match="shipped already"):
        services.mark_shipped(fulfilment=parcel)


def test_a_tracking_url_given_by_the_merchant_is_kept(order, in_store_scope):
    services.mark_paid(order=order)
    lamp_line, _ = _lines(order)

    parcel = services.fulfil(
        order=order,
        lines={lamp_line.pk: 1},
        carrier="Local courier",
        tracking_number="A1",
        tracking_url="https://courier.example/track/A1",
    )

    assert parcel.tracking_url == "https://courier.example/track/A1"


def test_units_are_never_fulfilled_twice(order, in_store_scope):
    services.mark_paid(order=order)
    _, bulb_line = _lines(order)
    services.fulfil(order=order, lines={bulb_line.pk: 3})

    with pytest.raises(FulfilmentRefused, match="Bulb: only 1 left to fulfil, not 2"):
        services.fulfil(order=order, lines={bulb_line.pk: 2})
    with pytest.raises(FulfilmentRefused, match="at least one unit"):
        services.fulfil(order=order, lines={bulb_line.pk: 0})

    assert Fulfilment.objects.filter(order=order).count() == 1
    assert Order.objects.get(pk=order.pk).status == S.PARTIALLY_FULFILLED


def test_a_line_of_another_order_or_store_is_refused(order, goods, other_store, in_store_scope):
    services.mark_paid(order=order)
    lamp, _ = goods
    other_order = place_test_order(lines=[(lamp, 1)])
    foreign = stocked_variant(site=other_store.site, title="Beta lamp")
    foreign_order = place_test_order(lines=[(foreign, 1)])

    for line_id in (other_order.lines.get().pk, foreign_order.pk * 1000, "x"):
        with pytest.raises(FulfilmentRefused):
            services.fulfil(order=order, lines={line_id: 1})

    assert not Fulfilment.objects.filter(order=order).exists()
    assert Order.objects.get(pk=order.pk).status == S.PAID


def test_an_unpaid_order_is_not_fulfilled_unless_paid_on_delivery(goods, store, in_store_scope):
    lamp, _ = goods
    unpaid = place_test_order(lines=[(lamp, 1)])
    StoreSettings.objects.filter(site=store.site).update(accepts_cash_on_delivery=True)
    cod = place_test_order(lines=[(lamp, 1)], payment_method=Order.PaymentMethod.CASH_ON_DELIVERY)

    with pytest.raises(FulfilmentRefused, match="not paid yet: mark it paid"):
        services.fulfil(order=unpaid, lines={unpaid.lines.get().pk: 1})
    services.fulfil(order=cod, lines={cod.lines.get().pk: 1}, tracking_number="X")

    assert Order.objects.get(pk=unpaid.pk).status == S.PENDING_PAYMENT
    assert Order.objects.get(pk=cod.pk).status == S.SHIPPED


def test_a_cancelled_order_is_not_fulfilled_nor_delivered(order, in_store_scope):
    services.cancel_order(order=order)

    with pytest.raises(FulfilmentRefused, match="cancelled: nothing more"):
        services.fulfil(order=order, lines={_lines(order)[0].pk: 1})
    with pytest.raises(FulfilmentRefused, match="only a shipped order can be delivered"):
        services.mark_delivered(order=order)


def test_refunded_units_are_not_left_to_fulfil(order, merchant, in_store_scope):
    services.mark_paid(order=order)
    lamp_line, bulb_line = _lines(order)
    services.refund(order=order, lines={bulb_line.pk: 4}, user=merchant)

    services.fulfil(order=order, lines={lamp_line.pk: 1})

    assert Order.objects.get(pk=order.pk).status == S.SHIPPED

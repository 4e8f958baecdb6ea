"""Returns (``shop.services.returns``): asked for by the shopper for shipped units within
the store's return window, once per line, and approved (with a refund and a restock) or
declined by the merchant, once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from shop import services
from shop.exceptions import NoteRefused, ReturnRefused
from shop.models import Fulfilment, Order, OrderEvent, ReturnRequest, StockLevel, StoreSettings
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulb(store):
    return stocked_variant(site=store.site, price="3.00", stock=9, title="Bulb")


@pytest.fixture
def shipped(bulb, in_store_scope):
    """An order of 4 bulbs, paid, 3 of them shipped."""
    order = place_test_order(lines=[(bulb, 4)])
    services.mark_paid(order=order)
    services.fulfil(order=order, lines={order.lines.get().pk: 3})
    services.fulfil(order=order, lines={order.lines.get().pk: 1}, ship=False)
    return order


def _line(order):
    return order.lines.get().pk


def test_a_shopper_returns_shipped_units_and_the_merchant_refunds_and_restocks(
    shipped, bulb, merchant, in_store_scope
):
    Order.objects.filter(pk=shipped.pk).update(status=Order.Status.SHIPPED)
    request = services.request_return(order=shipped, lines={_line(shipped): 2}, reason="Too dim")

    services.approve_return(return_request=request, user=merchant)

    request.refresh_from_db()
    assert request.status == ReturnRequest.Status.APPROVED
    assert request.refund.amount == Decimal("6.00")
    assert StockLevel.objects.get(variant=bulb).on_hand == 9 - 4 + 2
    kinds = list(OrderEvent.objects.filter(order=shipped).values_list("kind", "data"))
    credit_note = request.refund.credit_notes.get()
    assert kinds[-4:] == [
        ("return_requested", {"return": request.pk}),
        ("refunded", {"refund": request.refund.pk, "amount": "6.00"}),
        ("credit_note_issued", {"invoice": credit_note.pk, "reference": credit_note.reference}),
        ("return_approved", {"return": request.pk}),
    ]
    with pytest.raises(ReturnRefused, match="approved already"):
        services.reject_return(return_request=request, user=merchant)


def test_only_shipped_units_may_be_returned_and_each_line_once(shipped, in_store_scope):
    Order.objects.filter(pk=shipped.pk).update(status=Order.Status.SHIPPED)

    with pytest.raises(ReturnRefused, match="up to 3"):
        services.request_return(order=shipped, lines={_line(shipped): 4}, reason="All of them")
    first = services.request_return(order=shipped, lines={_line(shipped): 1}, reason="Broken")
    with pytest.raises(ReturnRefused, match="has a return already"):
        services.request_return(order=shipped, lines={_line(shipped): 1}, reason="Another")
    services.reject_return(return_request=first, message="Not broken in the photo")
    again = services.request_return(order=shipped, lines={_line(shipped): 2}, reason="Both")

    assert again.status == ReturnRequest.Status.REQUESTED
    first.refresh_from_db()
    assert first.response == "Not broken in the photo"


def test_an_order_not_shipped_cannot_be_returned(bulb, in_store_scope):
    order = place_test_order(lines=[(bulb, 1)])
    services.mark_paid(order=order)

    with pytest.raises(ReturnRefused, match="once it has been shipped"):
        services.request_return(order=order, lines={_line(order): 1}, reason="Changed my mind")

    assert not ReturnRequest.objects.exists()


def test_returns_close_when_the_store_window_is_over(bulb, store, in_store_scope):
    order = place_test_order(lines=[(bulb, 1)])
    services.mark_paid(order=order)
    services.fulfil(order=order, lines={_line(order): 1})
    StoreSettings.objects.filter(site=store.site).update(return_window_days=14)
    Fulfilment.objects.filter(order=order).update(shipped_at=timezone.now() - timedelta(days=15))

    with pytest.raises(ReturnRefused, match=r"return window of .* is over"):
        services.request_return(order=order, lines={_line(order): 1}, reason="Late")
    Fulfilment.objects.filter(order=order).update(shipped_at=timezone.now() - timedelta(days=13))
    services.request_return(order=order, lines={_line(order): 1}, reason="In time")
    StoreSettings.objects.filter(site=store.site).update(return_window_days=0)
    with pytest.raises(ReturnRefused, match="over"):
        services.request_return(order=order, lines={_line(order): 1}, reason="No returns")


def test_lines_of_another_order_and_nonsense_are_refused(shipped, bulb, in_store_scope):
    Order.objects.filter(pk=shipped.pk).update(status=Order.Status.SHIPPED)
    other = place_test_order(lines=[(bulb, 1)])

    for lines in ({_line(other): 1}, {"x": 1}, {_line(shipped): -1}, {_line(shipped): 0}):
        with pytest.raises(ReturnRefused):
            services.request_return(order=shipped, lines=lines, reason="Forged")
    with pytest.raises(ReturnRefused, match="why"):
        services.request_return(order=shipped, lines={_line(shipped): 1}, reason="  ")

    assert not ReturnRequest.objects.exists()


def test_a_return_approved_without_refund_gives_nothing_back(shipped, bulb, in_store_scope):
    Order.objects.filter(pk=shipped.pk).update(status=Order.Status.SHIPPED)
    request = services.request_return(order=shipped, lines={_line(shipped): 1}, reason="Swap")

    services.approve_return(return_request=request, refund=False)

    assert Order.objects.get(pk=shipped.pk).refunded_total == 0
    assert StockLevel.objects.get(variant=bulb).on_hand == 5


def test_an_internal_note_is_on_the_timeline_but_not_for_shoppers(
    shipped, merchant, in_store_scope
):
    note = services.add_note(order=shipped, text="Called the shopper", user=merchant)

    assert (note.kind, note.message, note.by) == ("note", "Called the shopper", merchant.username)
    assert OrderEvent.Kind.NOTE not in OrderEvent.SHOPPER_KINDS
    for text in ("", "   ", "x" * 2001, "evil\u202etext"):
        with pytest.raises(NoteRefused):
            services.add_note(order=shipped, text=text, user=merchant)

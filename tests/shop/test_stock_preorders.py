"""Pre-orders: checkout takes units beyond the stock up to the product's limit, and stock
that arrives goes to them first in first out, each shopper emailed once per allocation."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from shop import services, tasks
from shop.exceptions import InsufficientStock, PreorderLimitReached
from shop.models import (
    Order,
    OrderLine,
    PreorderAllocation,
    StockLevel,
    StockMovement,
    StoreSettings,
)
from tenancy.scope import store_scope
from tests.shop.factories import CartFactory, checkout_details, place_test_order, stocked_variant
from tests.shop.stock_ledger import assert_levels_match_ledger
from tests.shop.test_views import CHECKOUT_FORM

pytestmark = pytest.mark.django_db

Reason = StockMovement.Reason


@pytest.fixture
def kettle(store):
    """Two on the shelf; the product takes up to five pre-ordered units at a time."""
    return stocked_variant(
        site=store.site, stock=2, title="Kettle", out_of_stock="preorder", preorder_limit=5
    )


def _order(variant, quantity, email):
    return place_test_order(lines=[(variant, quantity)], email=email)


def _line(order):
    return OrderLine.objects.get(order=order)


def _level(variant):
    level = StockLevel.objects.get(variant=variant)
    return level.on_hand, level.reserved


def test_checkout_takes_units_beyond_the_stock_as_a_pre_order(store, kettle, in_store_scope):
    order = _order(kettle, 3, "ann@example.test")

    line = _line(order)
    assert (line.quantity, line.preordered, line.awaiting_stock) == (3, 1, 1)
    assert _level(kettle) == (0, 0)  # never negative stock
    assert list(StockMovement.objects.filter(order=order).values_list("reason", "quantity")) == [
        (Reason.SALE, -2)
    ]
    assert_levels_match_ledger(store.site.pk)


def test_pre_orders_stop_at_the_products_limit_of_units_awaiting_stock(
    store, kettle, in_store_scope
):
    _order(kettle, 5, "ann@example.test")  # 2 sold, 3 awaiting

    with pytest.raises(PreorderLimitReached, match="can be pre-ordered 2 more at most"):
        _order(kettle, 3, "bob@example.test")

    _order(kettle, 2, "cy@example.test")
    with pytest.raises(PreorderLimitReached, match="takes no more pre-orders"):
        _order(kettle, 1, "dee@example.test")
    assert Order.objects.count() == 2


def test_a_variant_that_stops_selling_takes_no_pre_order(store, in_store_scope):
    toaster = stocked_variant(site=store.site, stock=1, title="Toaster")

    with pytest.raises(InsufficientStock):
        _order(toaster, 2, "ann@example.test")


def test_the_store_setting_decides_for_products_that_chose_nothing(store, in_store_scope):
    StoreSettings.objects.filter(site=store.site).update(out_of_stock="preorder")
    toaster = stocked_variant(site=store.site, stock=0, title="Toaster")

    assert _line(_order(toaster, 2, "ann@example.test")).preordered == 2


def test_arriving_stock_goes_to_pre_orders_first_in_first_out_partially_when_short(
    store, kettle, in_store_scope, django_capture_on_commit_callbacks
):
    first = _order(kettle, 4, "first@example.test")  # 2 sold, 2 awaiting
    second = _order(kettle, 2, "second@example.test")  # 2 awaiting
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.adjust_stock(variant=kettle, quantity=3, reason=Reason.RESTOCK, note="Delivery")

    assert (_line(first).awaiting_stock, _line(second).awaiting_stock) == (0, 1)
    allocations = StockMovement.objects.filter(reason=Reason.PREORDER).order_by("pk")
    assert list(allocations.values_list("order_id", "quantity")) == [
        (first.pk, -2),
        (second.pk, -1),
    ]
    assert _level(kettle) == (0, 0)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "first@example.test",
        "second@example.test",
    ]
    assert_levels_match_ledger(store.site.pk)


def test_the_shopper_is_emailed_once_per_allocation_in_text_and_html(
    store, kettle, in_store_scope, django_capture_on_commit_callbacks
):
    order = _order(kettle, 3, "ann@example.test")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.adjust_stock(variant=kettle, quantity=5, reason=Reason.RESTOCK)
    allocation = PreorderAllocation.objects.get()

    tasks.email_preorder_allocated_task.delay(allocation.pk, store.site.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.test"]
    assert f"{order}" in message.subject
    assert "1 × Kettle" in message.body
    assert "1 × Kettle" in message.alternatives[0][0]
    assert allocation.pk and PreorderAllocation.objects.get().notified_at is not None


def test_the_email_task_of_another_stores_allocation_sends_nothing(
    store, other_store, kettle, in_store_scope, django_capture_on_commit_callbacks
):
    _order(kettle, 3, "ann@example.test")
    with django_capture_on_commit_callbacks(execute=False):
        services.adjust_stock(variant=kettle, quantity=1, reason=Reason.RESTOCK)
    mail.outbox.clear()

    sent = tasks.email_preorder_allocated_task.delay(
        PreorderAllocation.objects.get().pk, other_store.site.pk
    )

    assert sent.get() is False
    assert mail.outbox == []


def test_cancelling_returns_allocated_units_and_drops_those_awaiting_stock(
    store, kettle, in_store_scope
):
    order = _order(kettle, 5, "ann@example.test")  # 2 sold, 3 awaiting
    services.adjust_stock(variant=kettle, quantity=1, reason=Reason.RESTOCK)  # 1 allocated
    waiting = _order(kettle, 1, "bob@example.test")  # awaiting behind the first

    services.cancel_order(order=Order.objects.get(pk=order.pk))

    cancellation = StockMovement.objects.get(order=order, reason=Reason.CANCELLATION)
    assert cancellation.quantity == 3  # 2 sold at once + 1 allocated since
    # Returned units go to the next pre-order waiting; the rest is back on the shelf.
    assert _line(waiting).awaiting_stock == 0
    assert _level(kettle) == (2, 0)
    assert services.stock.units_awaiting_stock(kettle.pk) == 0
    assert_levels_match_ledger(store.site.pk)


def test_a_cart_on_pre_order_is_held_only_for_what_is_on_the_shelf(store, kettle, in_store_scope):
    cart = CartFactory(site=store.site, lines=[(kettle, 4)])

    services.reserve_cart(cart=cart)

    assert _level(kettle) == (2, 2)
    order = services.place_order(cart=cart, details=checkout_details())
    assert (_line(order).preordered, _level(kettle)) == (2, (0, 0))


def test_checkout_and_the_confirmation_say_what_is_on_pre_order(
    shopper_client, store, in_store_scope
):
    kettle = stocked_variant(
        site=store.site,
        stock=1,
        title="Kettle",
        out_of_stock="preorder",
        preorder_expected_on=date(2027, 3, 1),
    )
    shopper_client.post(reverse("shop:cart-add"), {"variant": kettle.pk, "quantity": 3})

    checkout = shopper_client.get(reverse("shop:checkout")).content.decode()
    assert "2 on pre-order, ships from 1 March 2027" in checkout

    done = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM, follow=True)
    assert "2 on pre-order: we will email you when they arrive." in done.content.decode()
    assert _line(Order.objects.get()).preordered == 2


def test_the_merchants_order_screen_shows_units_awaiting_stock(merchant_client, store, kettle):
    with store_scope([store.site.pk]):
        order = _order(kettle, 4, "ann@example.test")  # 2 sold, 2 awaiting
        services.adjust_stock(variant=kettle, quantity=1, reason=Reason.RESTOCK)

    page = merchant_client.get(reverse("wagtailsnippets_shop_order:edit", args=[order.pk]))

    assert "2 pre-ordered, 1 awaiting stock" in " ".join(page.content.decode().split())

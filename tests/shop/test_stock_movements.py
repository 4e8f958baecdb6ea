"""Every kind of stock movement is one ledger row, and levels equal their ledger's sums."""

import pytest
from django.db import IntegrityError

from shop import services
from shop.exceptions import InsufficientStock, ReasonRequired
from shop.models import Order, Reservation, StockLevel, StockMovement
from shop.services.stock import lock_levels, record_movement, reserve_cart
from shop.signals import stock_changed
from tenancy.scope import store_scope
from tests.shop.factories import CartFactory, place_test_order, stocked_variant
from tests.shop.stock_ledger import assert_levels_match_ledger
from tests.shop.test_numeric_bounds import _stock_edit

pytestmark = pytest.mark.django_db

Reason = StockMovement.Reason


@pytest.fixture
def mug(store):
    return stocked_variant(site=store.site, stock=5, title="Mug")


def _ledger(variant):
    return list(
        StockMovement.objects.filter(variant=variant)
        .order_by("pk")
        .values_list("reason", "quantity", "reserved_change", "balance_after", "reserved_after")
    )


def _level(variant):
    level = StockLevel.objects.get(variant=variant)
    return level.on_hand, level.reserved


def test_restock_adds_units_with_one_restock_row(store, mug, in_store_scope):
    services.adjust_stock(variant=mug, quantity=3, reason=Reason.RESTOCK, note="Delivery 12")

    assert _ledger(mug)[-1] == (Reason.RESTOCK, 3, 0, 8, 0)
    assert _level(mug) == (8, 0)
    assert_levels_match_ledger(store.site.pk)


def test_an_adjustment_needs_a_reason_and_writes_nothing_without_one(store, mug, in_store_scope):
    before = _ledger(mug)

    with pytest.raises(ReasonRequired, match="Say why"):
        services.adjust_stock(variant=mug, quantity=-1, reason=Reason.ADJUSTMENT, note="  ")

    assert _ledger(mug) == before
    services.adjust_stock(variant=mug, quantity=-1, reason=Reason.ADJUSTMENT, note="Chipped")
    assert _ledger(mug)[-1] == (Reason.ADJUSTMENT, -1, 0, 4, 0)


def test_a_return_puts_units_back_with_one_return_row(store, mug, in_store_scope):
    services.adjust_stock(variant=mug, quantity=1, reason=Reason.RETURN, note="Parcel back")

    assert _ledger(mug)[-1] == (Reason.RETURN, 1, 0, 6, 0)


def test_a_sale_takes_units_with_one_sale_row_per_line(store, mug, in_store_scope):
    order = place_test_order(lines=[(mug, 2)])

    assert list(StockMovement.objects.filter(order=order).values_list("reason", "quantity")) == [
        (Reason.SALE, -2)
    ]
    assert _level(mug) == (3, 0)
    assert_levels_match_ledger(store.site.pk)


def test_a_reservation_holds_units_and_a_release_lets_them_go(store, mug, in_store_scope):
    cart = CartFactory(site=store.site, lines=[(mug, 2)])

    reserve_cart(cart=cart)
    assert _level(mug) == (5, 2)
    services.remove_cart_line(cart=cart, line_id=cart.lines.get().pk)

    assert _ledger(mug)[-2:] == [(Reason.RESERVATION, 0, 2, 5, 2), (Reason.RELEASE, 0, -2, 5, 0)]
    assert not Reservation.objects.exists()
    assert_levels_match_ledger(store.site.pk)


def test_cancelling_an_order_returns_what_it_took_with_a_cancellation_row(
    store, mug, in_store_scope
):
    order = place_test_order(lines=[(mug, 2)])

    services.cancel_order(order=Order.objects.get(pk=order.pk), reason="Changed mind")

    assert _ledger(mug)[-1][:2] == (Reason.CANCELLATION, 2)
    assert _level(mug) == (5, 0)
    assert_levels_match_ledger(store.site.pk)


def test_units_held_in_checkout_cannot_be_adjusted_away(store, mug, in_store_scope):
    reserve_cart(cart=CartFactory(site=store.site, lines=[(mug, 4)]))

    with pytest.raises(InsufficientStock, match=r"only 1 left"):
        services.adjust_stock(variant=mug, quantity=-2, reason=Reason.ADJUSTMENT, note="Lost")

    assert _level(mug) == (5, 4)


def test_the_database_check_reaches_callers_as_insufficient_stock(store, mug, in_store_scope):
    level = lock_levels([mug.pk])[mug.pk]

    with pytest.raises(InsufficientStock) as raised:
        record_movement(level=level, quantity=-6, reason=Reason.ADJUSTMENT, note="Too many")

    assert not isinstance(raised.value, IntegrityError)
    assert _level(mug) == (5, 0)


def test_every_movement_sends_stock_changed_after_commit(
    store, mug, in_store_scope, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, movement, level, **kwargs):
        received.append((movement.reason, level.variant_id))

    stock_changed.connect(receiver, dispatch_uid="test_every_movement_sends_stock_changed")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cart = CartFactory(site=store.site, lines=[(mug, 1)])
            reserve_cart(cart=cart)
            services.adjust_stock(variant=mug, quantity=2, reason=Reason.RESTOCK)
    finally:
        stock_changed.disconnect(dispatch_uid="test_every_movement_sends_stock_changed")

    assert received == [(Reason.RESERVATION, mug.pk), (Reason.RESTOCK, mug.pk)]


def test_the_old_entry_points_keep_their_keyword_arguments(store, mug, in_store_scope):
    level = lock_levels([mug.pk])[mug.pk]

    movement = services.move_stock(level=level, quantity=-1, reason=Reason.SALE, note="Shop")

    assert (movement.quantity, movement.balance_after, movement.note) == (-1, 4, "Shop")


def _level_of(variant):
    with store_scope([variant.site_id]):
        return StockLevel.objects.get(variant=variant)


def test_the_stock_form_asks_why_for_an_adjustment(merchant_client, store, mug):
    response = _stock_edit(merchant_client, _level_of(mug), change=-1, reason="adjustment")

    assert response.status_code == 200
    assert "Say why" in str(response.context["form"].errors["note"])
    assert _level_of(mug).on_hand == 5


def test_the_stock_form_refuses_to_remove_units_held_in_checkout(merchant_client, store, mug):
    with store_scope([store.site.pk]):
        reserve_cart(cart=CartFactory(site=store.site, lines=[(mug, 4)]))

    response = _stock_edit(
        merchant_client, _level_of(mug), change=-2, reason="adjustment", note="Damaged"
    )

    assert response.status_code == 200
    assert "Only 5 on hand, 4 of them held in checkouts." in str(
        response.context["form"].errors["change"]
    )
    assert (_level_of(mug).on_hand, _level_of(mug).reserved) == (5, 4)

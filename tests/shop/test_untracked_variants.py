"""A variant whose stock is not counted ("Track inventory" off, such as a print made to
order) is always for sale: the cart, the checkout hold and the order take no stock from
it and write no ledger row, while the other lines of the same order do."""

import pytest

from shop.models import OrderLine, Reservation, StockLevel, StockMovement
from shop.services import add_to_cart, reserve_cart
from tenancy.scope import store_scope
from tests.shop.factories import CartFactory, place_test_order, stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def print_to_order(store):
    """An untracked variant with nothing on hand."""
    variant = stocked_variant(site=store.site, stock=0, title="Art print")
    with store_scope([store.site.pk]):
        variant.track_inventory = False
        variant.save(update_fields=["track_inventory"])
    return variant


def test_an_untracked_variant_with_nothing_on_hand_goes_in_the_cart(
    store, print_to_order, in_store_scope
):
    cart = CartFactory(site=store.site)

    line = add_to_cart(cart=cart, variant=print_to_order, quantity=3)

    assert line.quantity == 3


def test_checkout_holds_only_the_counted_lines(store, print_to_order, in_store_scope):
    mug = stocked_variant(site=store.site, stock=5, title="Mug")
    cart = CartFactory(site=store.site, lines=[(print_to_order, 2), (mug, 1)])

    hold = reserve_cart(cart=cart)

    assert hold.expires_at is not None
    assert dict(Reservation.objects.values_list("variant_id", "quantity")) == {mug.pk: 1}


def test_an_order_takes_stock_only_from_the_counted_lines(store, print_to_order):
    mug = stocked_variant(site=store.site, stock=5, title="Mug")

    order = place_test_order(lines=[(print_to_order, 2), (mug, 1)])

    with store_scope([store.site.pk]):
        lines = dict(OrderLine.objects.filter(order=order).values_list("variant_id", "quantity"))
        on_hand = dict(StockLevel.objects.values_list("variant_id", "on_hand"))
        sales = set(
            StockMovement.objects.filter(order=order, reason=StockMovement.Reason.SALE).values_list(
                "variant_id", flat=True
            )
        )
    assert lines == {print_to_order.pk: 2, mug.pk: 1}
    assert on_hand == {print_to_order.pk: 0, mug.pk: 4}
    assert sales == {mug.pk}

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from shop import services
from shop.exceptions import EmptyCart, InsufficientStock, ProductUnavailable
from shop.models import (
    CartLine,
    Order,
    OrderLine,
    Product,
    StockLevel,
    StockMovement,
    StoreSettings,
)
from shop.signals import order_placed
from tenancy.scope import all_stores, store_scope
from tests.shop.factories import (
    CartFactory,
    checkout_details,
    place_test_order,
    stocked_product,
    stocked_variant,
)
from tests.shop.shipping_factories import Kind, add_zone, rate

pytestmark = pytest.mark.django_db


def _on_hand(variant):
    return StockLevel.objects.get(variant=variant).on_hand


def _store_settings(site, **fields):
    StoreSettings.objects.filter(site=site).update(**fields)


@pytest.fixture
def received_orders():
    """Orders announced through ``order_placed``, in the order they were announced."""
    received = []

    def receiver(sender, order, **kwargs):
        received.append(order)

    order_placed.connect(receiver, dispatch_uid="tests_received_orders")
    yield received
    order_placed.disconnect(dispatch_uid="tests_received_orders")


def test_place_order_takes_stock_and_writes_one_ledger_row_per_line(store, in_store_scope):
    mug = stocked_variant(site=store.site, stock=5)
    cup = stocked_variant(site=store.site, stock=3)
    cart = CartFactory(site=store.site, lines=[(mug, 2), (cup, 3)])

    order = services.place_order(cart=cart, details=checkout_details())

    assert (_on_hand(mug), _on_hand(cup)) == (3, 0)
    sales = StockMovement.objects.filter(order=order)
    assert sales.count() == 2
    assert {(m.variant_id, m.quantity, m.balance_after, m.reason) for m in sales} == {
        (mug.pk, -2, 3, StockMovement.Reason.SALE),
        (cup.pk, -3, 0, StockMovement.Reason.SALE),
    }
    assert all(m.site_id == store.site.pk for m in sales)
    assert not CartLine.objects.filter(cart=cart).exists()


def test_order_lines_are_snapshots_that_later_catalog_edits_do_not_change(store, in_store_scope):
    product = stocked_product(
        site=store.site,
        title="Blue mug",
        variants=[{"price": "12.50", "sku": "MUG-BLUE-L", "options": {"Size": "Large"}}],
    )
    variant = product.variants.get()

    order = place_test_order(lines=[(variant, 2)], run_on_commit=False)
    product.title = "Renamed mug"
    product.save()
    variant.price = Decimal("99.00")
    variant.sku = "MUG-NEW"
    variant.options = {"Size": "Small"}
    variant.save()

    line = OrderLine.objects.get(order=order)
    assert (line.product_title, line.sku, line.variant_label) == (
        "Blue mug",
        "MUG-BLUE-L",
        "Large",
    )
    assert (line.unit_price, line.quantity, line.line_total) == (
        Decimal("12.50"),
        2,
        Decimal("25.00"),
    )
    order.refresh_from_db()
    assert order.total == Decimal("30.00")


def test_totals_are_computed_on_the_server_with_flat_shipping(store, in_store_scope):
    add_zone(store.site, ["NO"], rate(price="4.95"))
    mug = stocked_variant(site=store.site, price="12.50")
    spoon = stocked_variant(site=store.site, price="3.33")

    order = place_test_order(lines=[(mug, 2), (spoon, 3)], run_on_commit=False)

    order.refresh_from_db()
    assert order.subtotal == Decimal("34.99")
    assert order.shipping_total == Decimal("4.95")
    assert order.total == Decimal("39.94")
    assert all(isinstance(v, Decimal) for v in (order.subtotal, order.total))
    assert order.currency == "EUR"


@pytest.mark.parametrize(
    ("threshold", "expected_shipping"),
    [("25.00", "0.00"), ("24.99", "0.00"), ("25.01", "5.00")],
)
def test_shipping_is_free_at_or_above_the_store_threshold(
    store, threshold, expected_shipping, in_store_scope
):
    add_zone(
        store.site,
        ["NO"],
        rate(kind=Kind.FREE_ABOVE, price="5.00", free_above=Decimal(threshold)),
    )
    mug = stocked_variant(site=store.site, price="12.50")

    order = place_test_order(lines=[(mug, 2)], run_on_commit=False)

    order.refresh_from_db()
    assert order.shipping_total == Decimal(expected_shipping)
    assert order.total == Decimal("25.00") + Decimal(expected_shipping)


def test_order_uses_the_store_currency(store, in_store_scope):
    _store_settings(store.site, currency="NOK")
    mug = stocked_variant(site=store.site)

    order = place_test_order(lines=[(mug, 1)], run_on_commit=False)

    assert order.currency == "NOK"


def test_order_numbers_are_sequential_per_store(store, other_store):
    mine = stocked_variant(site=store.site, stock=10)
    theirs = stocked_variant(site=other_store.site, stock=10)

    numbers = [
        place_test_order(lines=[(mine, 1)], run_on_commit=False).number,
        place_test_order(lines=[(theirs, 1)], run_on_commit=False).number,
        place_test_order(lines=[(mine, 1)], run_on_commit=False).number,
        place_test_order(lines=[(theirs, 1)], run_on_commit=False).number,
        place_test_order(lines=[(mine, 1)], run_on_commit=False).number,
    ]

    assert numbers == [1001, 1001, 1002, 1002, 1003]


def test_place_order_refuses_more_than_in_stock_and_writes_nothing(store, in_store_scope):
    plenty = stocked_variant(site=store.site, stock=10)
    scarce = stocked_variant(site=store.site, stock=2)
    cart = CartFactory(site=store.site, lines=[(plenty, 1), (scarce, 3)])
    ledger_before = StockMovement.objects.count()

    with pytest.raises(InsufficientStock) as raised:
        services.place_order(cart=cart, details=checkout_details())

    assert [(variant.pk, left) for variant, left in raised.value.shortages] == [(scarce.pk, 2)]
    assert "only 2 left" in str(raised.value)
    assert not Order.objects.exists()
    assert not OrderLine.objects.exists()
    assert (_on_hand(plenty), _on_hand(scarce)) == (10, 2)
    assert StockMovement.objects.count() == ledger_before
    assert CartLine.objects.filter(cart=cart).count() == 2


def test_place_order_refuses_products_that_are_no_longer_for_sale(store, in_store_scope):
    variant = stocked_variant(site=store.site)
    cart = CartFactory(site=store.site, lines=[(variant, 1)])
    Product.objects.filter(pk=variant.product_id).update(status=Product.Status.ARCHIVED)

    with pytest.raises(ProductUnavailable):
        services.place_order(cart=cart, details=checkout_details())

    assert not Order.objects.exists()
    assert _on_hand(variant) == 5


def test_place_order_refuses_another_stores_variant_in_the_cart(store, other_store):
    theirs = stocked_variant(site=other_store.site)
    cart = CartFactory(site=store.site, lines=[(theirs, 1)])

    with store_scope([store.site.pk]), pytest.raises(ProductUnavailable):
        services.place_order(cart=cart, details=checkout_details())

    with all_stores():
        assert not Order.objects.exists()
        assert _on_hand(theirs) == 5


def test_place_order_refuses_an_empty_cart(store, in_store_scope):
    with pytest.raises(EmptyCart):
        services.place_order(cart=CartFactory(site=store.site), details=checkout_details())

    assert not Order.objects.exists()


def test_place_order_may_oversell_a_variant_that_allows_it(store, in_store_scope):
    product = stocked_product(site=store.site, variants=[{"stock": 1, "allow_oversell": True}])
    variant = product.variants.get()

    order = place_test_order(lines=[(variant, 3)], run_on_commit=False)

    assert _on_hand(variant) == -2
    assert StockMovement.objects.get(order=order).balance_after == -2


def test_order_placed_is_sent_only_after_commit(
    store, in_store_scope, received_orders, django_capture_on_commit_callbacks
):
    variant = stocked_variant(site=store.site)
    cart = CartFactory(site=store.site, lines=[(variant, 1)])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = services.place_order(cart=cart, details=checkout_details())

    assert received_orders == []
    for callback in callbacks:
        callback()
    assert received_orders == [order]


def test_order_placed_is_not_sent_when_the_order_is_refused(
    store, in_store_scope, received_orders, django_capture_on_commit_callbacks
):
    variant = stocked_variant(site=store.site, stock=1)
    cart = CartFactory(site=store.site, lines=[(variant, 2)])

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InsufficientStock):
        services.place_order(cart=cart, details=checkout_details())

    assert received_orders == []


def test_database_refuses_negative_stock_written_directly(store, in_store_scope):
    variant = stocked_variant(site=store.site, stock=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        StockLevel.objects.filter(variant=variant).update(on_hand=-1)

    assert _on_hand(variant) == 1


def test_database_allows_negative_stock_when_overselling_is_allowed(store, in_store_scope):
    variant = stocked_variant(site=store.site, stock=1)
    StockLevel.objects.filter(variant=variant).update(policy=StockLevel.Policy.CONTINUE)

    StockLevel.objects.filter(variant=variant).update(on_hand=-4)

    assert _on_hand(variant) == -4


def test_adjust_stock_writes_a_ledger_row_per_movement(store, merchant, in_store_scope):
    variant = stocked_variant(site=store.site, stock=0)

    services.adjust_stock(variant=variant, quantity=7, reason="restock", user=merchant)
    services.adjust_stock(variant=variant, quantity=-2, reason="adjustment", note="broken")

    movements = list(StockMovement.objects.filter(variant=variant).order_by("pk"))
    assert [(m.quantity, m.balance_after, m.reason) for m in movements] == [
        (7, 7, "restock"),
        (-2, 5, "adjustment"),
    ]
    assert movements[0].created_by == merchant
    assert movements[1].note == "broken"
    assert _on_hand(variant) == 5


def test_adjust_stock_refuses_to_remove_more_than_on_hand(store, in_store_scope):
    variant = stocked_variant(site=store.site, stock=2)
    ledger_before = StockMovement.objects.count()

    with pytest.raises(InsufficientStock):
        services.adjust_stock(variant=variant, quantity=-3, reason="adjustment", note="Stock take")

    assert _on_hand(variant) == 2
    assert StockMovement.objects.count() == ledger_before


def test_ensure_stock_levels_gives_every_variant_one_empty_row(store, in_store_scope):
    product = stocked_product(site=store.site, variants=[{"stock": 4}, {"stock": 0}])

    services.ensure_stock_levels(product=product)

    levels = StockLevel.objects.filter(variant__product=product)
    assert sorted(levels.values_list("on_hand", flat=True)) == [0, 4]
    assert {level.site_id for level in levels} == {store.site.pk}


def test_add_to_cart_refuses_more_than_in_stock(store, in_store_scope):
    variant = stocked_variant(site=store.site, stock=2)
    cart = CartFactory(site=store.site)
    services.add_to_cart(cart=cart, variant=variant, quantity=2)

    with pytest.raises(InsufficientStock):
        services.add_to_cart(cart=cart, variant=variant, quantity=1)

    assert cart.lines.get().quantity == 2

"""Entering checkout holds the cart's items: others see fewer, the shopper is never blocked
by their own hold, and expired holds are released by the beat task."""

from datetime import timedelta

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from shop import tasks
from shop.models import CartLine, Order, Reservation, StockLevel, StockMovement, StoreSettings
from tenancy.scope import all_stores
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.stock_ledger import assert_levels_match_ledger
from tests.shop.test_views import CHECKOUT_FORM

pytestmark = pytest.mark.django_db

Reason = StockMovement.Reason


@pytest.fixture
def lamp(store):
    return stocked_variant(site=store.site, stock=3, title="Desk lamp")


@pytest.fixture
def other_shopper(store):
    return HttpClient(HTTP_HOST=store.site.hostname)


def _add(client, variant, quantity):
    return client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": quantity})


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _level(variant):
    level = StockLevel.objects.get(variant=variant)
    return level.on_hand, level.reserved


def _expire_holds():
    Reservation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))


def test_entering_checkout_holds_the_cart_for_the_stores_minutes(
    shopper_client, store, lamp, in_store_scope
):
    StoreSettings.objects.filter(site=store.site).update(reservation_minutes=15)
    _add(shopper_client, lamp, 2)
    before = timezone.now()

    page = shopper_client.get(reverse("shop:checkout"))

    hold = Reservation.objects.get()
    assert (hold.variant_id, hold.quantity) == (lamp.pk, 2)
    assert (
        before + timedelta(minutes=15) <= hold.expires_at <= timezone.now() + timedelta(minutes=15)
    )
    assert _level(lamp) == (3, 2)
    assert "held for you for 15 minutes" in page.content.decode()


def test_another_shopper_sees_only_what_is_not_held(
    shopper_client, other_shopper, store, lamp, in_store_scope
):
    _add(shopper_client, lamp, 2)
    shopper_client.get(reverse("shop:checkout"))

    refused = other_shopper.get(_add(other_shopper, lamp, 2)["Location"])

    assert "Not enough stock for: Desk lamp (only 1 left)." in _messages(refused)
    lamp.refresh_from_db()
    assert StockLevel.objects.get(variant=lamp).available == 1
    _add(other_shopper, lamp, 1)
    assert CartLine.objects.filter(cart__session_key__isnull=False).count() == 2


def test_the_shopper_is_not_blocked_by_their_own_hold(shopper_client, store, lamp, in_store_scope):
    _add(shopper_client, lamp, 3)
    shopper_client.get(reverse("shop:checkout"))

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    order = Order.objects.get()
    assert response.status_code == 302
    assert list(
        StockMovement.objects.filter(order=order)
        .order_by("pk")
        .values_list("reason", "quantity", "reserved_change")
    ) == [(Reason.RELEASE, 0, -3), (Reason.SALE, -3, 0)]
    assert _level(lamp) == (0, 0)
    assert not Reservation.objects.exists()
    assert_levels_match_ledger(store.site.pk)


def test_each_checkout_request_extends_the_hold(shopper_client, store, lamp, in_store_scope):
    _add(shopper_client, lamp, 1)
    shopper_client.get(reverse("shop:checkout"))
    Reservation.objects.update(expires_at=timezone.now() + timedelta(minutes=1))

    shopper_client.get(reverse("shop:checkout"))

    assert Reservation.objects.get().expires_at > timezone.now() + timedelta(minutes=9)
    assert _level(lamp) == (3, 1)  # extended, not held twice


def test_the_beat_task_releases_expired_holds_once(
    shopper_client, other_shopper, store, lamp, in_store_scope
):
    _add(shopper_client, lamp, 3)
    shopper_client.get(reverse("shop:checkout"))
    refused = other_shopper.get(_add(other_shopper, lamp, 1)["Location"])
    assert "Not enough stock for: Desk lamp (out of stock)." in _messages(refused)
    _expire_holds()

    assert tasks.release_expired_reservations_task.delay().get() == 3
    assert tasks.release_expired_reservations_task.delay().get() == 0

    assert _level(lamp) == (3, 0)
    assert StockMovement.objects.filter(reason=Reason.RELEASE).count() == 1
    _add(other_shopper, lamp, 1)
    assert CartLine.objects.filter(variant=lamp).count() == 2
    assert_levels_match_ledger(store.site.pk)


def test_a_hold_not_yet_expired_is_kept_by_the_task(shopper_client, store, lamp, in_store_scope):
    _add(shopper_client, lamp, 2)
    shopper_client.get(reverse("shop:checkout"))

    tasks.release_expired_reservations_task.delay()

    assert _level(lamp) == (3, 2)


def test_an_order_after_its_hold_expired_takes_the_stock_still_there(
    shopper_client, store, lamp, in_store_scope
):
    _add(shopper_client, lamp, 2)
    shopper_client.get(reverse("shop:checkout"))
    _expire_holds()
    tasks.release_expired_reservations_task.delay()

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    assert response.status_code == 302
    assert Order.objects.get().lines.get().quantity == 2
    assert _level(lamp) == (1, 0)
    assert_levels_match_ledger(store.site.pk)


def test_an_order_after_its_hold_expired_and_the_stock_went_keeps_the_cart(
    shopper_client, store, lamp, in_store_scope
):
    _add(shopper_client, lamp, 2)
    shopper_client.get(reverse("shop:checkout"))
    _expire_holds()
    tasks.release_expired_reservations_task.delay()
    place_test_order(lines=[(lamp, 2)], email="quicker@example.test")

    response = shopper_client.post(reverse("shop:checkout"), CHECKOUT_FORM)

    assert response.status_code == 200
    assert "Not enough stock for: Desk lamp (only 1 left)." in _messages(response)
    assert response.context["form"]["name"].value() == CHECKOUT_FORM["name"]
    assert list(CartLine.objects.filter(variant=lamp).values_list("quantity", flat=True)) == [2]
    assert Order.objects.count() == 1
    assert _level(lamp) == (1, 0)


def test_checkout_names_the_items_that_fell_short_and_how_many_are_left(
    shopper_client, store, lamp, in_store_scope
):
    vase = stocked_variant(site=store.site, stock=4, title="Vase")
    _add(shopper_client, lamp, 3)
    _add(shopper_client, vase, 1)
    place_test_order(lines=[(lamp, 2)], email="quicker@example.test")

    page = shopper_client.get(reverse("shop:checkout"))

    assert page.context["shortages"] == [(lamp, 1)]
    assert "Desk lamp: only 1 left" in page.content.decode()
    assert not Reservation.objects.exists()  # all or nothing: the vase is not held either
    assert _level(vase) == (4, 0)


def test_removing_a_line_lets_go_of_its_hold(shopper_client, store, lamp, in_store_scope):
    _add(shopper_client, lamp, 2)
    shopper_client.get(reverse("shop:checkout"))

    shopper_client.post(reverse("shop:cart-line-remove", args=[CartLine.objects.get().pk]))

    assert _level(lamp) == (3, 0)
    assert not Reservation.objects.exists()
    assert_levels_match_ledger(store.site.pk)


def test_a_hold_of_another_store_is_not_released_by_this_ones_sweep(
    shopper_client, store, other_store, lamp
):
    theirs = stocked_variant(site=other_store.site, stock=2, title="Their lamp")
    their_shopper = HttpClient(HTTP_HOST=other_store.site.hostname)
    _add(their_shopper, theirs, 1)
    their_shopper.get(reverse("shop:checkout"))

    with all_stores():
        _expire_holds()
    tasks.release_expired_reservations_task.delay()

    with all_stores():
        assert StockLevel.objects.get(variant=theirs).reserved == 0
        assert StockMovement.objects.get(reason=Reason.RELEASE).site_id == other_store.site.pk

"""The shopper's order tracking page (ADR 44): order number and email address in, status,
timeline and parcels out, nothing else. A wrong number and a wrong address get the same
answer; attempts are counted per client and per order number; a signed link of one store
opens nothing on another."""

import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from shop import services
from shop.models import Fulfilment, Order, OrderEvent
from shop.order_access import order_for_token, order_token
from shop.tracking_views import ATTEMPTS_PER_WINDOW, NOT_FOUND
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.order_email_helpers import run_after_commit
from tests.shop.shipping_factories import set_store

pytestmark = pytest.mark.django_db

EMAIL = "ann@example.test"
NBSP = "\xa0"
TRACK = "/orders/track/"


@pytest.fixture
def order(store) -> Order:
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    return place_test_order(lines=[(lamp, 1)], email=EMAIL, phone="+4755501000")


@pytest.fixture
def browser(store):
    """A shopper's browser on the store: it enforces CSRF checks and sends the Origin of
    the page its form is on."""
    return HttpClient(HTTP_HOST=store.site.hostname, enforce_csrf_checks=True)


def _ask(browser, store, number, email=EMAIL, **extra):
    return browser.post(
        TRACK,
        {"number": number, "email": email},
        headers={"origin": f"http://{store.site.hostname}"},
        **extra,
    )


def _status_url(order) -> str:
    return reverse("shop:order-status", kwargs={"token": order_token(order)})


def test_the_right_number_and_email_open_the_orders_status(browser, store, order):
    response = _ask(browser, store, f"#{order.number}", email=EMAIL.upper())

    assert response.status_code == 302
    assert response["Location"] == _status_url(order)
    assert "no-store" in response["Cache-Control"]
    page = browser.get(response["Location"])
    assert page.status_code == 200
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    body = page.content.decode()
    assert f"Order #{order.number}" in body
    assert ">Pending payment<" in body
    assert "Order placed" in body


def test_a_wrong_number_and_a_wrong_email_get_the_same_answer(browser, store, order):
    wrong_number = _ask(browser, store, order.number + 1)
    wrong_email = _ask(browser, store, order.number, email="someone@example.test")

    assert wrong_number.status_code == wrong_email.status_code == 404
    assert NOT_FOUND in wrong_number.content.decode()

    def without_input(response, number, email):
        body = response.content.decode()
        return body.replace(f'value="{number}"', "").replace(f'value="{email}"', "")

    assert without_input(wrong_number, order.number + 1, EMAIL) == without_input(
        wrong_email, order.number, "someone@example.test"
    )


def test_bad_input_is_refused_next_to_its_field(browser, store, order):
    response = _ask(browser, store, "12ab", email="ann@")

    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the order number from your confirmation email, such as 1001." in body
    assert "Enter a valid email address, such as name@example.com." in body


@pytest.mark.parametrize("number", ["99999999999999999999", "-1", "0", "١٠٠١", "1 OR 1=1"])
def test_hostile_numbers_are_refused_without_an_error(browser, store, order, number):
    assert _ask(browser, store, number).status_code == 400


def test_a_post_from_another_site_is_refused(store, order):
    response = HttpClient(HTTP_HOST=store.site.hostname, enforce_csrf_checks=True).post(
        TRACK, {"number": order.number, "email": EMAIL}, headers={"origin": "https://evil.test"}
    )

    assert response.status_code == 403


def test_one_client_guessing_many_numbers_is_stopped(browser, store, order):
    for guess in range(ATTEMPTS_PER_WINDOW):
        assert _ask(browser, store, 5000 + guess).status_code == 404

    response = _ask(browser, store, order.number)

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_many_clients_guessing_one_orders_email_are_stopped(store, order):
    for guess in range(ATTEMPTS_PER_WINDOW):
        client = HttpClient(HTTP_HOST=store.site.hostname, REMOTE_ADDR=f"10.0.0.{guess + 1}")
        assert (
            _ask(client, store, order.number, email=f"guess{guess}@example.test").status_code == 404
        )

    last = HttpClient(HTTP_HOST=store.site.hostname, REMOTE_ADDR="10.0.1.1")

    assert _ask(last, store, order.number).status_code == 429


def test_a_token_of_another_store_opens_nothing(store, other_store, order):
    theirs = HttpClient(HTTP_HOST=other_store.site.hostname)

    response = theirs.get(_status_url(order))

    assert response.status_code == 404
    assert "This link does not open an order of this shop" in response.content.decode()
    assert order_for_token(other_store.site, order_token(order)) is None
    with store_scope([store.site.pk]):
        assert order_for_token(store.site, order_token(order)) == order


@pytest.mark.parametrize("token", ["x", "eyJzIjoxLCJuIjoxMDAxfQ:1abc:forged", "a" * 500])
def test_a_forged_token_opens_nothing(browser, store, order, token):
    assert browser.get(f"{TRACK}{token}/").status_code == 404


def test_the_status_page_shows_parcels_and_the_shoppers_timeline_only(
    browser, store, order, merchant
):
    merchant.first_name, merchant.last_name = "Otto", "Owner"
    merchant.save()

    def ship():
        services.mark_paid(order=order, user=merchant)
        services.record_event(
            order=order, kind=OrderEvent.Kind.NOTE, user=merchant, message="Fragile, VIP"
        )
        parcel = Fulfilment.objects.create(
            order=order,
            carrier="Posten",
            tracking_number="LX123456789NO",
            tracking_url="https://sporing.posten.no/sporing/LX123456789NO",
            shipped_at=timezone.now(),
        )
        services.transition(
            order=order,
            status=Order.Status.SHIPPED,
            user=merchant,
            kind=OrderEvent.Kind.SHIPPED,
            fulfilment=parcel.pk,
        )

    run_after_commit(store.site, ship)

    body = browser.get(_status_url(order)).content.decode()
    main = re.search(
        r'<div class="container container--narrow order-status">.*?</main>', body, re.S
    )
    shown = main.group(0) if main else body
    for expected in ("Shipped", "Payment received", "Posten", "LX123456789NO"):
        assert expected in shown
    assert 'href="https://sporing.posten.no/sporing/LX123456789NO"' in shown
    for private in (
        "Fragile, VIP",
        "Internal note",
        "Otto",
        "Email sent",
        "1 Fjord Street",
        "+4755501000",
        EMAIL,
        "Desk lamp",
        "Ann Example",
    ):
        assert private not in shown, private


def test_every_store_page_links_to_order_tracking(browser, store):
    page = browser.get("/").content.decode()

    assert f'href="{TRACK}"' in page
    assert browser.get(TRACK).status_code == 200


def test_the_timeline_names_each_parcels_carrier_and_each_refunds_amount(browser, store):
    set_store(store.site, currency="NOK", locale="nb-NO")
    vase = stocked_variant(site=store.site, price="200.00", stock=5, title="Vase")
    order = place_test_order(lines=[(vase, 1)], email=EMAIL)

    def ship_and_refund():
        services.mark_paid(order=order, via="bank_transfer")
        parcel = Fulfilment.objects.create(order=order, carrier="Bring", shipped_at=timezone.now())
        services.transition(
            order=order,
            status=Order.Status.SHIPPED,
            kind=OrderEvent.Kind.SHIPPED,
            fulfilment=parcel.pk,
        )
        services.refund(order=order, amount="7.50", reason="Scratched base")

    run_after_commit(store.site, ship_and_refund)

    body = browser.get(_status_url(order)).content.decode()
    entries = [
        re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", "", entry)).strip()
        for entry in re.findall(r'<span class="timeline__what">(.*?)</span>\s*<time', body, re.S)
    ]
    assert entries[:2] == [f"Refunded · 7,50{NBSP}kr", "Shipped · Bring"]
    assert "Scratched base" not in body

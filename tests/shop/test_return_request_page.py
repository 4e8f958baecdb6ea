"""The shopper's return request page, opened with the order's access link: shipped items
only, a clear error next to a missing reason, other stores' and forged tokens not found,
posts from elsewhere refused, and the merchant sees the request on the order's screen."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from shop import services
from shop.models import ReturnRequest
from shop.order_access import order_token
from tenancy.scope import all_stores, store_scope
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(store):
    bulb = stocked_variant(site=store.site, price="3.00", stock=9, title="Bulb")
    order = place_test_order(lines=[(bulb, 4)])
    with store_scope([store.site.pk]):
        services.mark_paid(order=order)
        services.fulfil(order=order, lines={order.lines.get().pk: 4}, tracking_number="T1")
        line = order.lines.get()
    return order, line


def _url(order):
    return reverse("shop:order-return", args=[order_token(order)])


def _post(client, store, url, **data):
    return client.post(url, data, headers={"origin": f"http://{store.site.hostname}"})


def _returns():
    with all_stores():
        return list(ReturnRequest.objects.values_list("order_id", "status"))


def test_a_shopper_asks_to_return_shipped_items(shopper_client, store, shipped, merchant_client):
    order, line = shipped
    page = shopper_client.get(_url(order))
    assert page.status_code == 200
    assert "Bulb" in page.content.decode()

    response = _post(shopper_client, store, _url(order), **{f"line_{line.pk}": 2}, reason="Dim")

    assert response.status_code == 302
    assert _returns() == [(order.pk, "requested")]
    thanks = shopper_client.get(response["Location"]).content.decode()
    assert "the store has your request" in thanks
    screen = merchant_client.get(
        reverse("wagtailsnippets_shop_order:edit", args=[order.pk])
    ).content.decode()
    assert "Return requested" in screen
    assert 'value="approve"' in screen


def test_a_missing_reason_is_shown_next_to_its_field(shopper_client, store, shipped):
    order, line = shipped

    response = _post(shopper_client, store, _url(order), **{f"line_{line.pk}": 1}, reason="")

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert _returns() == []


def test_nothing_chosen_or_too_many_is_refused(shopper_client, store, shipped):
    order, line = shipped

    nothing = _post(shopper_client, store, _url(order), **{f"line_{line.pk}": 0}, reason="x")
    too_many = _post(shopper_client, store, _url(order), **{f"line_{line.pk}": 9}, reason="x")

    assert "Choose at least one item" in nothing.content.decode()
    assert too_many.status_code == 400
    assert _returns() == []


def test_forged_and_other_stores_tokens_are_not_found(shopper_client, other_store, shipped):
    order, _ = shipped
    theirs = place_test_order(lines=[(stocked_variant(site=other_store.site), 1)])

    assert shopper_client.get(_url(theirs)).status_code == 404
    assert shopper_client.get(_url(order)[:-3] + "abc/").status_code == 404
    assert shopper_client.get(reverse("shop:order-return", args=["x"])).status_code == 404


def test_a_post_from_another_site_is_refused(shopper_client, store, shipped):
    order, line = shipped

    response = shopper_client.post(
        _url(order),
        {f"line_{line.pk}": 1, "reason": "x"},
        headers={"origin": "https://evil.example"},
    )

    assert response.status_code == 403
    assert _returns() == []


def test_an_order_not_shipped_offers_no_return(shopper_client, store):
    bulb = stocked_variant(site=store.site, title="Bulb")
    order = place_test_order(lines=[(bulb, 1)])

    page = shopper_client.get(_url(order)).content.decode()

    assert "Nothing of this order can be returned now" in page


def test_the_tracking_page_of_a_shipped_order_leads_to_the_return_request(
    shopper_client, store, shipped
):
    order, _ = shipped
    # Signed links carry the second they were made: the page's and the test's must match.
    with time_machine.travel(timezone.now(), tick=False):
        token = order_token(order)
        page = shopper_client.get(reverse("shop:order-status", args=[token])).content.decode()
        expected = _url(order)

    assert f'href="{expected}" data-testid="request-return"' in page


def test_the_tracking_page_of_an_unshipped_order_offers_no_return(shopper_client, store):
    bulb = stocked_variant(site=store.site, price="3.00", stock=9, title="Bulb")
    order = place_test_order(lines=[(bulb, 1)])

    page = shopper_client.get(reverse("shop:order-status", args=[order_token(order)]))

    assert page.status_code == 200
    assert "request-return" not in page.content.decode()

"""The shopper picks a shipping rate at checkout among those of their address and cart;
tax shows on cart, checkout and order; a forged or stale rate is refused beside its field."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from shop.exceptions import ShippingUnavailable
from shop.models import Order, OrderLine, ProductVariant, ShippingRate
from tenancy.scope import store_scope
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.shipping_factories import Kind, add_zone, rate, set_store
from tests.shop.test_views import CHECKOUT_FORM

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def zones(store):
    """Norway: post by weight (under 2 kg 69.00, 2 kg and up 149.00), express 199.00 and
    pickup in Oslo; Oslo postcodes (0...) also get a bike courier. Sweden: flat 250.00."""
    set_store(store.site, currency="NOK", locale="nb-NO", default_country="NO")
    norway = add_zone(
        store.site,
        ["NO"],
        rate("Post", Kind.WEIGHT, "69.00", min_weight_grams=0, max_weight_grams=2000),
        rate("Post", Kind.WEIGHT, "149.00", min_weight_grams=2000),
        rate("Express", Kind.FLAT, "199.00"),
        rate("Pickup", Kind.PICKUP, "0", pickup_address="Tollbugata 8, Oslo"),
        name="Norway",
    )
    oslo = add_zone(
        store.site, ["NO"], rate("Bike courier", price="49.00"), name="Oslo", postal_codes="0"
    )
    sweden = add_zone(store.site, ["SE"], rate("Postnord", price="250.00"), name="Sweden")
    return {"norway": norway, "oslo": oslo, "sweden": sweden}


@pytest.fixture
def lamp(store):
    """A 500.00 lamp weighing 800 g."""
    variant = stocked_variant(site=store.site, price="500.00", stock=10, title="Desk lamp")
    with store_scope([store.site.pk]):
        ProductVariant.objects.filter(pk=variant.pk).update(weight_grams=800)
        variant.refresh_from_db()
    return variant


@pytest.fixture
def in_checkout(shopper_client, lamp):
    shopper_client.post(reverse("shop:cart-add"), {"variant": lamp.pk, "quantity": 2})
    return shopper_client


def _rate_id(zone, name) -> str:
    with store_scope([zone.site_id]):
        return str(ShippingRate.objects.filter(zone=zone, name=name).order_by("sort_order")[0].pk)


def _submit(client, **fields):
    form = {**CHECKOUT_FORM, "checkout_token": issued_checkout_token(client), **fields}
    return client.post(reverse("shop:checkout"), form)


def _orders(store):
    with store_scope([store.site.pk]):
        return list(Order.objects.all())


def _offered(response) -> list[tuple[str, str]]:
    page = response.content.decode()
    fieldset = re.search(r"<fieldset[^>]*data-shipping-choices.*?</fieldset>", page, re.S).group(0)
    names = re.findall(r'<span class="shipping-choice__name">([^<]+)', fieldset)
    prices = re.findall(r'<span class="shipping-choice__price">([^<]+)</span>', fieldset)
    return [(n.strip(), p.strip()) for n, p in zip(names, prices, strict=True)]


def test_the_rates_offered_are_those_of_the_address_and_the_carts_weight(zones, in_checkout):
    outside_oslo = in_checkout.get(reverse("shop:checkout"), {"postal_code": "5003"})
    in_oslo = in_checkout.get(reverse("shop:checkout"), {"postal_code": "0150"})
    sweden = in_checkout.get(reverse("shop:checkout"), {"country": "SE"})

    assert _offered(outside_oslo) == [
        ("Pickup", "Free"),
        ("Post", f"69,00{NBSP}kr"),
        ("Express", f"199,00{NBSP}kr"),
    ]
    assert _offered(in_oslo) == [("Bike courier", f"49,00{NBSP}kr")]
    assert _offered(sweden) == [("Postnord", f"250,00{NBSP}kr")]


def test_the_shopper_places_the_order_with_the_rate_they_chose(store, zones, in_checkout):
    express = _rate_id(zones["norway"], "Express")

    response = _submit(in_checkout, postal_code="5003", city="Bergen", shipping_rate=express)

    assert response.status_code == 302
    [order] = _orders(store)
    assert (order.shipping_rate_name, order.shipping_rate_kind) == ("Express", Kind.FLAT)
    assert (order.shipping_total, order.total) == (Decimal("199.00"), Decimal("1199.00"))


def test_a_heavier_cart_falls_in_the_next_weight_band(store, zones, shopper_client, lamp):
    shopper_client.post(reverse("shop:cart-add"), {"variant": lamp.pk, "quantity": 3})  # 2.4 kg

    response = shopper_client.get(reverse("shop:checkout"), {"postal_code": "5003"})

    assert ("Post", f"149,00{NBSP}kr") in _offered(response)
    assert ("Post", f"69,00{NBSP}kr") not in _offered(response)


def test_the_cheapest_delivery_is_preselected_never_a_pickup_the_shopper_did_not_ask_for(
    zones, in_checkout
):
    page = in_checkout.get(reverse("shop:checkout"), {"postal_code": "5003"}).content.decode()

    checked = re.search(r'name="shipping_rate" value="(\d+)" checked', page).group(1)
    assert checked == _rate_id(zones["norway"], "Post")
    assert "Post, to Norway</small></dt>" in page


def test_pickup_is_free_and_the_confirmation_says_where_to_collect(store, zones, in_checkout):
    pickup = _rate_id(zones["norway"], "Pickup")

    response = _submit(in_checkout, postal_code="5003", shipping_rate=pickup)

    [order] = _orders(store)
    assert order.shipping_total == 0 and order.pickup_address == "Tollbugata 8, Oslo"
    page = in_checkout.get(response["Location"]).content.decode()
    assert "Collect your order at" in page and "Tollbugata 8, Oslo" in page


@pytest.mark.parametrize("forged", ["other-store", "other-zone", "nonsense", "9" * 19])
def test_a_forged_rate_is_refused_beside_the_shipping_methods(
    store, other_store, zones, in_checkout, forged
):
    theirs = add_zone(other_store.site, ["NO"], rate("Cheap", price="1.00"))
    rate_id = {
        "other-store": _rate_id(theirs, "Cheap"),
        "other-zone": _rate_id(zones["sweden"], "Postnord"),
        "nonsense": "'; drop table",
        "9" * 19: "9" * 19,
    }[forged]

    response = _submit(in_checkout, postal_code="5003", shipping_rate=rate_id)

    assert response.status_code == 200
    errors = response.context["form"].errors["shipping_rate"]
    assert "not offered to Norway" in errors[0]
    page = response.content.decode()
    assert 'aria-describedby="shipping-rate-errors"' in page
    assert re.search(r'id="shipping-rate-errors">\s*<p class="field__error">That shipping', page)
    assert _orders(store) == []


def test_a_country_no_rate_reaches_is_refused_beside_the_country(store, in_checkout, lamp):
    set_store(store.site, default_country="NO")
    add_zone(store.site, ["NO"], rate("Letter", Kind.WEIGHT, "20.00", max_weight_grams=500))

    response = _submit(in_checkout)  # 1.6 kg: no band holds it

    assert response.status_code == 200
    [error] = response.context["form"].errors["country"]
    assert error.startswith("We have no way of shipping this order to Norway")
    assert _orders(store) == []


def test_without_javascript_update_shipping_shows_the_new_countrys_rates_without_errors(
    zones, in_checkout
):
    response = in_checkout.post(
        reverse("shop:checkout"), {"country": "SE", "update_shipping": "1", "email": ""}
    )

    assert response.status_code == 200
    assert _offered(response) == [("Postnord", f"250,00{NBSP}kr")]
    assert not response.context["form"].is_bound
    assert 'class="field__error"' not in response.content.decode()
    assert "Place order · <span data-place-order-total>1" in response.content.decode()


def test_the_order_service_refuses_a_rate_that_no_longer_applies(store, zones, lamp):
    light_post = _rate_id(zones["norway"], "Post")  # the first: under 2 kg

    with pytest.raises(ShippingUnavailable):
        place_test_order(lines=[(lamp, 3)], postal_code="5003", shipping_rate=light_post)

    assert _orders(store) == []


def test_tax_included_shows_the_vat_in_the_total_and_the_order_keeps_it_per_line(
    store, zones, in_checkout
):
    set_store(store.site, tax_rate=Decimal("25"), prices_include_tax=True)
    express = _rate_id(zones["norway"], "Express")

    page = in_checkout.get(
        reverse("shop:checkout"), {"postal_code": "5003", "shipping_rate": express}
    ).content.decode()
    _submit(in_checkout, postal_code="5003", shipping_rate=express)

    assert "Including VAT" in page
    [order] = _orders(store)
    # 1000.00 of lamps hold 200.00 of VAT; 199.00 of shipping 39.80.
    assert (order.total, order.tax_total, order.shipping_tax) == (
        Decimal("1199.00"),
        Decimal("239.80"),
        Decimal("39.80"),
    )
    with store_scope([store.site.pk]):
        [line] = OrderLine.objects.filter(order=order)
    assert (line.tax_rate, line.tax_amount) == (Decimal("25.00"), Decimal("200.00"))
    assert f"239,80{NBSP}kr" in page


def test_tax_excluded_is_added_to_the_total_at_the_zones_own_rate(store, zones, in_checkout):
    set_store(store.site, tax_rate=Decimal("25"), prices_include_tax=False)
    zones["sweden"].tax_rate = Decimal("10")
    with store_scope([store.site.pk]):
        zones["sweden"].save()

    response = _submit(in_checkout, country="SE", postal_code="111 22", city="Stockholm")

    assert response.status_code == 302
    [order] = _orders(store)
    # 1000.00 + 250.00 shipping + 10 % of both.
    assert (order.tax_total, order.total) == (Decimal("125.00"), Decimal("1375.00"))
    assert not order.prices_include_tax


def test_a_yen_store_writes_and_keeps_whole_yen(store, shopper_client):
    set_store(store.site, currency="JPY", locale="ja-JP", default_country="JP", tax_rate=10)
    add_zone(store.site, ["JP"], rate("Yamato", price="800"))
    teapot = stocked_variant(site=store.site, price="1999", stock=5, title="Teapot")
    shopper_client.post(reverse("shop:cart-add"), {"variant": teapot.pk, "quantity": 1})

    page = shopper_client.get(reverse("shop:checkout")).content.decode()
    response = _submit(shopper_client, country="JP", postal_code="100-0001", city="Tokyo", phone="")

    assert "￥2,799" in page and "2,799.00" not in page
    assert response.status_code == 302, response.context["form"].errors
    [order] = _orders(store)
    # Tax in 1999 (10 %): 181.73, in 800: 72.73; each rounded to whole yen.
    assert (order.total, order.tax_total) == (Decimal("2799"), Decimal("255"))


def test_hostile_addresses_in_the_query_are_read_as_the_stores_own_country(zones, in_checkout):
    response = in_checkout.get(
        reverse("shop:checkout"),
        {"country": "\x00" + "X" * 5000, "postal_code": "9" * 5000, "shipping_rate": "-1e999"},
    )

    assert response.status_code == 200
    assert response.context["shipping_country"].code == "NO"
    assert _offered(response)[0] == ("Pickup", "Free")

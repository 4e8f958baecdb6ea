"""Merchants set up shipping zones and their rates under Settings, for their own store only;
bad input is refused beside its field and changes nothing."""

import pytest
from django.urls import reverse

from shop.models import ShippingRate, ShippingZone
from tenancy.scope import all_stores, store_scope
from tests.shop.shipping_factories import add_zone, rate

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_shop_shippingzone:add"
EDIT = "wagtailsnippets_shop_shippingzone:edit"
INDEX = "wagtailsnippets_shop_shippingzone:list"


def _rate_fields(index, **fields) -> dict:
    values = {
        "name": "Standard",
        "kind": "flat",
        "price": "5.00",
        "min_weight_grams": "",
        "max_weight_grams": "",
        "min_order_value": "",
        "max_order_value": "",
        "free_above": "",
        "pickup_address": "",
        "pickup_instructions": "",
        "ORDER": str(index + 1),
        "DELETE": "",
        "id": "",
        **fields,
    }
    return {f"rates-{index}-{name}": value for name, value in values.items()}


def _zone_form(*rates, **fields) -> dict:
    data = {
        "name": "Nordics",
        "countries": ["NO", "SE"],
        "postal_codes": "",
        "tax_rate": "",
        "rates-TOTAL_FORMS": str(len(rates)),
        "rates-INITIAL_FORMS": "0",
        "rates-MIN_NUM_FORMS": "1",
        "rates-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, values in enumerate(rates):
        data |= _rate_fields(index, **values)
    return data


def _zones(site):
    with store_scope([site.pk]):
        return list(ShippingZone.objects.filter(site=site).prefetch_related("rates"))


def _rate_errors(response, index) -> dict:
    form = response.context["form"]
    return {
        name: [str(e) for e in errors]
        for name, errors in form.formsets["rates"].forms[index].errors.items()
    }


def test_a_merchant_adds_a_zone_with_weight_bands_to_their_store(merchant_client, store):
    form = merchant_client.get(reverse(ADD))
    assert form.status_code == 200
    assert "Local pickup" in form.content.decode()  # a kind of rate, and its fields

    response = merchant_client.post(
        reverse(ADD),
        _zone_form(
            {"name": "Small parcel", "kind": "weight", "price": "69", "max_weight_grams": "2000"},
            {"name": "Big parcel", "kind": "weight", "price": "149", "min_weight_grams": "2000"},
        ),
    )

    assert response.status_code == 302
    [zone] = _zones(store.site)
    assert [c.code for c in zone.countries] == ["NO", "SE"]
    assert [(r.name, r.min_weight_grams, r.max_weight_grams) for r in zone.rates.all()] == [
        ("Small parcel", None, 2000),
        ("Big parcel", 2000, None),
    ]
    listing = merchant_client.get(reverse(INDEX)).content.decode()
    assert "Nordics" in listing and "Small parcel" in listing


def test_overlapping_weight_bands_are_refused_beside_the_second_band(merchant_client, store):
    response = merchant_client.post(
        reverse(ADD),
        _zone_form(
            {"name": "Small", "kind": "weight", "price": "69", "max_weight_grams": "2000"},
            {"name": "Big", "kind": "weight", "price": "149", "min_weight_grams": "1500"},
        ),
    )

    assert response.status_code == 200
    assert _rate_errors(response, 0) == {}
    assert "overlaps the band of “Small”" in _rate_errors(response, 1)["min_weight_grams"][0]
    assert _zones(store.site) == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"price": "-5"}, "price", "greater than or equal to 0"),
        ({"price": "123456789012"}, "price", "no more than 10 digits"),
        ({"price": "1e400"}, "price", ""),
        ({"kind": "weight", "max_weight_grams": "99999999999"}, "max_weight_grams", ""),
        ({"kind": "weight"}, "min_weight_grams", "lower or an upper bound"),
        (
            {"kind": "value", "min_order_value": "100", "max_order_value": "50"},
            "max_order_value",
            "above the lower one",
        ),
        ({"kind": "free_above"}, "free_above", "from which this rate is free"),
        ({"kind": "pickup"}, "pickup_address", "collect their order from"),
    ],
)
def test_bad_rates_are_refused_beside_their_field_and_nothing_is_saved(
    merchant_client, store, fields, field, message
):
    response = merchant_client.post(reverse(ADD), _zone_form(fields))

    assert response.status_code == 200
    errors = _rate_errors(response, 0)
    assert field in errors and message in errors[field][0]
    assert _zones(store.site) == []


def test_a_tax_rate_above_100_percent_is_refused(merchant_client, store):
    response = merchant_client.post(reverse(ADD), _zone_form({}, tax_rate="250"))

    assert response.status_code == 200
    assert "tax_rate" in response.context["form"].errors
    assert _zones(store.site) == []


def test_another_stores_zone_is_a_404_to_a_merchant_and_stays_as_it_was(
    merchant_client, store, other_store
):
    theirs = add_zone(other_store.site, ["DE"], rate("Theirs", price="9.00"), name="Germany")

    shown = merchant_client.get(reverse(EDIT, args=[theirs.pk]))
    posted = merchant_client.post(reverse(EDIT, args=[theirs.pk]), _zone_form({}))
    listing = merchant_client.get(reverse(INDEX)).content.decode()

    assert (shown.status_code, posted.status_code) == (404, 404)
    assert "Germany" not in listing
    with all_stores():
        assert ShippingZone.objects.get(pk=theirs.pk).name == "Germany"
        assert list(ShippingRate.objects.filter(zone=theirs).values_list("price", flat=True)) == [9]


def test_editing_a_rate_changes_the_shipping_note_of_the_storefront(
    merchant_client, store, shopper_client
):
    zone = add_zone(store.site, ["NO"], rate("Standard", price="5.00"), name="Norway")
    before = shopper_client.get("/").content.decode()
    with store_scope([store.site.pk]):
        rate_id = zone.rates.get().pk
    data = _zone_form({"name": "Standard", "price": "7.50", "id": str(rate_id)}, countries=["NO"])
    data["rates-INITIAL_FORMS"] = "1"

    response = merchant_client.post(reverse(EDIT, args=[zone.pk]), data)

    assert response.status_code == 302
    with store_scope([store.site.pk]):
        assert zone.rates.get().price == 7.5
    after = shopper_client.get("/").content.decode()
    assert "Shipping €5 on every order" in before
    assert "Shipping €7.50 on every order" in after


def test_the_shipping_note_says_from_when_dearer_rates_exist(store, shopper_client):
    add_zone(
        store.site,
        ["NO"],
        rate("Standard", price="5.00"),
        rate("Express", price="15.00"),
        rate("Pickup in the shop", price="0.00", kind="pickup"),
        name="Norway",
    )

    page = shopper_client.get("/").content.decode()

    assert "Shipping from €5" in page
    assert "on every order" not in page

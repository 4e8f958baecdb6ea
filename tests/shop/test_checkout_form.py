"""What the checkout form accepts: the store's countries, phone numbers, visible text, a
payment method it offers, and one order per form submitted."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from shop.exceptions import CountryNotServed
from shop.models import Order, StockLevel
from tenancy.scope import store_scope
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.shipping_factories import Kind, add_zone, rate, set_store
from tests.shop.test_views import CHECKOUT_FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def uk_store(store):
    """A store in the United Kingdom that also ships to Norway, free at home from 40.00."""
    set_store(store.site, currency="GBP", default_country="GB")
    add_zone(
        store.site,
        ["GB"],
        rate(kind=Kind.FREE_ABOVE, price="3.95", free_above=Decimal("40.00")),
        name="UK",
    )
    add_zone(store.site, ["NO"], rate("International", price="12.00"), name="Abroad")
    return store


@pytest.fixture
def variant(store):
    return stocked_variant(site=store.site, price="25.00", stock=5, title="Wool blanket")


@pytest.fixture
def in_checkout(shopper_client, variant):
    """A shopper with two blankets (50.00) in the cart, on the checkout page."""
    shopper_client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 2})
    return shopper_client


def _submit(client, **fields):
    form = {**CHECKOUT_FORM, "checkout_token": issued_checkout_token(client), **fields}
    return client.post(reverse("shop:checkout"), form)


def _orders(store):
    with store_scope([store.site.pk]):
        return list(Order.objects.all())


def _field_errors(response, name) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get(name, [])]


def _as_posted(form) -> dict:
    """A bound settings form's values as the browser posts them (0 stays 0)."""
    values = {name: form[name].value() for name in form.fields}
    return {
        name: "" if value is None or value is False else value for name, value in values.items()
    }


def _payment_fieldset(response) -> str:
    html = response.content.decode()
    return re.search(
        r"<fieldset[^>]*>\s*<legend><span class=\"step\">3</span> Payment.*?</fieldset>", html, re.S
    ).group(0)


def test_an_unknown_payment_method_is_shown_next_to_the_payment_choice(store, in_checkout):
    response = _submit(in_checkout, payment_method="bitcoin")

    assert response.status_code == 200
    payment = _payment_fieldset(response)
    assert "That way of paying is not offered. Choose one of these." in payment
    assert 'class="field__error"' in payment
    assert 'value="bank_transfer"' in payment
    assert _orders(store) == []


def test_the_country_is_a_choice_of_the_stores_countries_with_its_own_first(uk_store, in_checkout):
    page = in_checkout.get(reverse("shop:checkout")).content.decode()

    select = re.search(r'<select name="country".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\w+)"', select) == ["GB", "NO"]
    assert '<option value="GB" selected>United Kingdom</option>' in select


def test_a_country_the_store_does_not_sell_to_is_refused_with_a_clear_error(uk_store, in_checkout):
    response = _submit(in_checkout, country="SE")

    assert response.status_code == 200
    assert _field_errors(response, "country") == [
        "This store ships only to United Kingdom, Norway. Choose one of these countries."
    ]
    assert "This store ships only to United Kingdom, Norway." in response.content.decode()
    assert _orders(uk_store) == []


def test_a_country_typed_by_hand_outside_the_list_is_refused(uk_store, in_checkout):
    response = _submit(in_checkout, country="Narnia")

    assert "country" in response.context["form"].errors
    assert _orders(uk_store) == []


@pytest.mark.parametrize(
    ("country", "shipping", "total"),
    [("GB", "0.00", "50.00"), ("NO", "12.00", "62.00")],
)
def test_shipping_is_decided_by_the_chosen_country(uk_store, in_checkout, country, shipping, total):
    response = _submit(in_checkout, country=country, postal_code="SW1A 1AA", city="London")

    assert response.status_code == 302
    [order] = _orders(uk_store)
    assert order.country.code == country
    assert (order.shipping_total, order.total) == (Decimal(shipping), Decimal(total))


def test_the_checkout_summary_prices_shipping_for_the_chosen_country(uk_store, in_checkout):
    response = _submit(in_checkout, country="NO", name="")  # shown again: the name is missing

    page = response.content.decode()
    assert "to Norway" in page
    assert "£12.00" in page
    assert "Place order · £62.00" in re.sub(r"<[^>]+>", "", page)


def test_a_country_written_out_in_full_is_read_as_its_code(store, in_checkout):
    response = _submit(in_checkout, country="Norway")

    assert response.status_code == 302
    assert [order.country.code for order in _orders(store)] == ["NO"]


@pytest.mark.parametrize(
    ("phone", "country", "stored"),
    [
        ("22 12 34 56", "NO", "+4722123456"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+44 20 7946 0958", "NO", "+442079460958"),
        ("", "NO", ""),
    ],
)
def test_valid_phone_numbers_are_stored_in_e164(uk_store, in_checkout, phone, country, stored):
    response = _submit(in_checkout, phone=phone, country=country)

    assert response.status_code == 302
    assert [order.phone for order in _orders(uk_store)] == [stored]


@pytest.mark.parametrize(
    ("phone", "country", "name"),
    [
        ("020 7946 0958", "NO", "Norway"),
        ("12", "GB", "United Kingdom"),
        ("call me", "NO", "Norway"),
    ],
)
def test_phone_numbers_invalid_for_the_chosen_country_are_refused(
    uk_store, in_checkout, phone, country, name
):
    response = _submit(in_checkout, phone=phone, country=country)

    assert response.status_code == 200
    assert _field_errors(response, "phone") == [
        f"Enter a valid phone number for {name}, or leave it empty."
    ]
    assert _orders(uk_store) == []


@pytest.mark.parametrize("field", ["name", "address_line1", "address_line2", "city", "postal_code"])
@pytest.mark.parametrize(
    ("char", "label"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\x1b", "U+001B CONTROL"),
    ],
)
def test_invisible_control_characters_in_names_and_addresses_are_refused(
    store, in_checkout, field, char, label
):
    response = _submit(in_checkout, **{field: f"Ann{char}elpmaxE"})

    assert response.status_code == 200
    [error] = _field_errors(response, field)
    assert label in error
    assert "Remove the invisible control character" in error
    assert _orders(store) == []


def test_a_note_may_have_several_lines_but_no_bidi_override(store, in_checkout):
    refused = _submit(in_checkout, note="Leave it\u202e at the door")
    assert "note" in refused.context["form"].errors

    accepted = _submit(in_checkout, note="Leave it at the door.\r\nThanks!")

    assert accepted.status_code == 302
    assert [order.note for order in _orders(store)] == ["Leave it at the door.\r\nThanks!"]


def test_the_same_form_submitted_again_shows_the_order_it_placed(store, variant, in_checkout):
    form = {**CHECKOUT_FORM, "checkout_token": issued_checkout_token(in_checkout)}

    first = in_checkout.post(reverse("shop:checkout"), form)
    again = in_checkout.post(reverse("shop:checkout"), form)

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert len(_orders(store)) == 1
    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant=variant).on_hand == 3
    assert "Thank you, Ann Example!" in in_checkout.get(again["Location"]).content.decode()


def test_a_tampered_checkout_token_is_refused_and_a_fresh_one_issued(store, in_checkout):
    token = issued_checkout_token(in_checkout)

    response = in_checkout.post(
        reverse("shop:checkout"), {**CHECKOUT_FORM, "checkout_token": token[:-2] + "xx"}
    )

    assert response.status_code == 200
    assert "This checkout form has expired." in response.content.decode()
    assert response.context["form"].issued_token != token[:-2] + "xx"
    assert _orders(store) == []


def test_a_token_issued_for_another_cart_is_refused(store, variant, in_checkout):
    other = type(in_checkout)(HTTP_HOST=store.site.hostname)
    other.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    foreign = issued_checkout_token(other)

    response = in_checkout.post(
        reverse("shop:checkout"), {**CHECKOUT_FORM, "checkout_token": foreign}
    )

    assert response.status_code == 200
    assert "checkout_token" in response.context["form"].errors
    assert _orders(store) == []


def _quoted_total(response) -> str:
    return re.search(r'name="quoted_total" value="([^"]+)"', response.content.decode()).group(1)


def test_an_order_is_not_placed_at_a_total_the_shopper_was_not_shown(uk_store, in_checkout):
    page = in_checkout.get(reverse("shop:checkout"))
    assert _quoted_total(page) == "50.00"  # to the United Kingdom: free shipping
    form = {**CHECKOUT_FORM, "checkout_token": issued_checkout_token(in_checkout)}

    shown_again = in_checkout.post(
        reverse("shop:checkout"), {**form, "country": "NO", "quoted_total": "50.00"}
    )

    assert shown_again.status_code == 200
    assert (
        "Shipping to Norway costs £12.00: your total is now £62.00. "
        "Check it and place your order again." in shown_again.content.decode()
    )
    assert _orders(uk_store) == []

    placed = in_checkout.post(
        reverse("shop:checkout"),
        {**form, "country": "NO", "quoted_total": _quoted_total(shown_again)},
    )

    assert placed.status_code == 302
    assert [order.total for order in _orders(uk_store)] == [Decimal("62.00")]


def test_the_order_service_refuses_a_country_the_store_does_not_ship_to(uk_store, variant):
    with pytest.raises(CountryNotServed):
        place_test_order(lines=[(variant, 1)], country="SE")

    assert _orders(uk_store) == []
    with store_scope([uk_store.site.pk]):
        assert StockLevel.objects.get(variant=variant).on_hand == 5


def test_the_merchant_sets_the_stores_country_under_store_settings_and_zones_give_the_rest(
    merchant_client, store, in_checkout
):
    url = reverse("wagtailsettings:edit", args=["shop", "storesettings", store.site.pk])
    form = merchant_client.get(url).context["form"]
    data = _as_posted(form)

    response = merchant_client.post(
        url,
        {
            **data,
            "default_country": "GB",
            "bank_account_holder": "Harbour Goods AS",
            "bank_account_number": "NO93 8601 1117 947",
        },
    )
    add_zone(store.site, ["NO", "IE", "GB"], name="Europe")

    assert response.status_code == 302, response.context["form"].errors
    page = in_checkout.get(reverse("shop:checkout")).content.decode()
    select = re.search(r'<select name="country".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\w+)"', select) == ["GB", "IE", "NO"]


def test_bank_transfers_need_the_account_shoppers_pay_into(merchant_client, store):
    url = reverse("wagtailsettings:edit", args=["shop", "storesettings", store.site.pk])
    form = merchant_client.get(url).context["form"]
    data = _as_posted(form)

    response = merchant_client.post(url, {**data, "accepts_bank_transfer": "on"})

    assert response.status_code == 200
    assert "Enter the account holder and the account number" in str(
        response.context["form"].errors["bank_account_number"]
    )
    data.pop("accepts_bank_transfer", None)
    response = merchant_client.post(url, {**data, "accepts_cash_on_delivery": "on"})
    assert response.status_code == 302, response.context["form"].errors


def test_a_field_error_is_tied_to_its_input_for_screen_readers(uk_store, in_checkout):
    response = _submit(in_checkout, phone="12", country="GB")

    page = response.content.decode()
    phone = re.search(r"<input[^>]*name=\"phone\"[^>]*>", page).group(0)
    assert 'aria-invalid="true"' in phone
    described_by = re.search(r'aria-describedby="([^"]+)"', phone).group(1)
    error = re.search(rf'<div class="field__errors" id="{described_by}">(.*?)</div>', page, re.S)
    assert error is not None, f"no element has the id {described_by}"
    assert _field_errors(response, "phone")[0] in error.group(1)
    email = re.search(r"<input[^>]*name=\"email\"[^>]*>", page).group(0)
    assert "aria-invalid" not in email and "aria-describedby" not in email

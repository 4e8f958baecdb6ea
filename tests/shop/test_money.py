"""Amounts are rounded to their currency's minor unit and written one way per store locale."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from shop.money import format_money, quantize

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("1499.5", "JPY", Decimal("1500")),
        ("10.005", "EUR", Decimal("10.01")),
        ("10.004", "NOK", Decimal("10.00")),
        ("0.5", "JPY", Decimal("1")),
    ],
)
def test_amounts_are_rounded_half_up_to_the_currencys_minor_unit(amount, currency, rounded):
    value = quantize(Decimal(amount), currency)

    assert value == rounded
    assert value.as_tuple().exponent == rounded.as_tuple().exponent


@pytest.mark.parametrize(
    ("currency", "locale", "written"),
    [
        ("NOK", "nb-NO", f"1{NBSP}000,00{NBSP}kr"),
        ("NOK", "en-GB", "NOK1,000.00"),
        ("EUR", "de-DE", f"1.000,00{NBSP}€"),
        ("USD", "en-US", "$1,000.00"),
        ("JPY", "ja-JP", "￥1,000"),
        ("JPY", "en-GB", "JP¥1,000"),
        ("DKK", "da-DK", f"1.000,00{NBSP}kr."),
    ],
)
def test_an_amount_is_written_as_the_stores_locale_writes_its_currency(currency, locale, written):
    assert format_money(Decimal("1000"), currency=currency, locale=locale) == written


def test_a_zero_decimal_currency_never_shows_a_fraction():
    assert format_money(Decimal("1234.56"), currency="JPY", locale="en-US") == "¥1,235"


def test_whole_amounts_may_leave_out_a_minor_unit_of_zero_but_never_drop_cents():
    assert format_money(Decimal("1000"), currency="NOK", locale="nb-NO", whole=True) == (
        f"1{NBSP}000{NBSP}kr"
    )
    assert format_money(Decimal("99.50"), currency="NOK", locale="nb-NO", whole=True) == (
        f"99,50{NBSP}kr"
    )


def test_every_template_writes_an_amount_of_a_store_the_same_way():
    """The cart's totals, an order and the storefront's ``store`` carry the store's
    currency and locale: the filter writes the same amount the same way from each."""

    class Owner:
        currency, locale = "NOK", "nb-NO"

    rendered = Template(
        "{% load shop_tags %}{{ a|money:totals }}|{{ a|money:order }}|{{ a|money:store }}"
    ).render(Context({"a": Decimal("1000"), "totals": Owner(), "order": Owner(), "store": Owner()}))

    assert rendered == "|".join([f"1{NBSP}000,00{NBSP}kr"] * 3)

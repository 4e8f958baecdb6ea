"""Orders placed when the country was free text keep it: as a code where it names one."""

from importlib import import_module

import pytest
from django.apps import apps

from shop.models import Order, StoreSettings
from tenancy.scope import all_stores, store_scope
from tests.shop.factories import place_test_order, stocked_variant

migration = import_module("shop.migrations.0004_countries_phone_checkout_token")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Norway", "NO"),
        ("  norway ", "NO"),
        ("NOR", "NO"),
        ("no", "NO"),
        ("UK", "GB"),
        ("England", "GB"),
        ("United Kingdom", "GB"),
        ("USA", "US"),
        ("Deutschland", "DE"),
        ("Narnia", None),
        ("", None),
    ],
)
def test_typed_countries_map_to_codes_where_they_name_one(typed, code):
    assert migration.country_code(typed) == code


def _orders_typed(store, variant, countries):
    orders = [place_test_order(lines=[(variant, 1)], run_on_commit=False) for _ in countries]
    with store_scope([store.site.pk]):
        for order, typed in zip(orders, countries, strict=True):
            Order.objects.filter(pk=order.pk).update(country=typed)
    return orders


def test_the_migration_turns_typed_countries_into_codes_and_keeps_the_rest(store, other_store):
    variant = stocked_variant(site=store.site, stock=10)
    orders = _orders_typed(store, variant, ["Norway", "uk", "Narnia", "Sverige", "NO"])
    StoreSettings.objects.filter(site=other_store.site).update(currency="GBP")

    with all_stores():
        migration.countries_to_codes(apps, schema_editor=None)

        assert [Order.objects.get(pk=o.pk).country.code for o in orders] == [
            "NO",
            "GB",
            "Narnia",
            "SE",
            "NO",
        ]
        # A euro store takes the country most of its orders went to; others their currency's.
        assert StoreSettings.objects.get(site=store.site).default_country.code == "NO"
        assert StoreSettings.objects.get(site=other_store.site).default_country.code == "GB"
    assert Order.objects.model(country="Narnia").shipping_address.endswith("Narnia")

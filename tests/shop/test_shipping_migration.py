"""Stores made before shipping zones keep shipping where and at what they did: their flat,
free-from and international settings become zones and rates."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from shop.models import ShippingZone, StoreSettings
from tenancy.scope import store_scope

to_zones = import_module("shop.migrations.0016_shipping_zones_rates_tax_and_locale")

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
OLD_FIELDS = [
    "flat_shipping_rate",
    "free_shipping_threshold",
    "international_shipping_rate",
    "selling_countries",
]


class _Apps:
    """The settings model as it was, with the zone models as they are."""

    def __init__(self, old, new):
        self.old, self.new = old, new

    def get_model(self, app_label, name):
        return (self.old if name == "StoreSettings" else self.new).get_model(app_label, name)


@pytest.fixture
def old_settings(postgresql_only, store, other_store):
    """The store settings' former shipping columns, back in the table inside the test's
    transaction (PostgreSQL rolls them back with it), and apps to run the migration with.
    The stores are made first: the columns have no default for rows inserted after."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger on the table
    loader = MigrationExecutor(connection).loader
    old = loader.project_state([("shop", "0015_merge_stock_alerts")]).apps
    model = old.get_model("shop", "StoreSettings")
    with connection.schema_editor() as editor:
        for name in OLD_FIELDS:
            editor.add_field(model, model._meta.get_field(name))
    return _Apps(old, loader.project_state().apps)


def _zones(site):
    with store_scope([site.pk]):
        return [
            (
                zone.name,
                sorted(c.code for c in zone.countries),
                [(r.kind, r.price, r.free_above) for r in zone.rates.all()],
            )
            for zone in ShippingZone.objects.filter(site=site).prefetch_related("rates")
        ]


def test_the_former_settings_become_a_home_zone_and_an_international_one(
    old_settings, store, other_store
):
    model = old_settings.get_model("shop", "StoreSettings")
    StoreSettings.objects.filter(site__in=[store.site, other_store.site]).update(
        default_country="GB"
    )
    model.objects.filter(site_id=store.site.pk).update(
        flat_shipping_rate=Decimal("3.95"),
        free_shipping_threshold=Decimal("40.00"),
        international_shipping_rate=Decimal("12.00"),
        selling_countries="IE,NO,GB",
    )
    model.objects.filter(site_id=other_store.site.pk).update(
        flat_shipping_rate=Decimal("6.00"),
        free_shipping_threshold=None,
        international_shipping_rate=None,
        selling_countries="",
    )

    to_zones.zones_from_shipping_settings(old_settings, None)

    assert _zones(store.site) == [
        ("Domestic", ["GB"], [("free_above", Decimal("3.95"), Decimal("40.00"))]),
        ("International", ["IE", "NO"], [("flat", Decimal("12.00"), None)]),
    ]
    assert _zones(other_store.site) == [("Domestic", ["GB"], [("flat", Decimal("6.00"), None)])]

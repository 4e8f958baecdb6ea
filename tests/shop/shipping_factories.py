"""Shipping zones and rates of a store, made in the store's scope as the admin makes them."""

from decimal import Decimal

from shop.models import ShippingRate, ShippingZone, StoreSettings
from tenancy.scope import store_scope

Kind = ShippingRate.Kind


def rate(name="Standard", kind=Kind.FLAT, price="5.00", **fields) -> dict:
    """The fields of one rate, for ``add_zone``."""
    return {"name": name, "kind": kind, "price": Decimal(price), **fields}


def add_zone(site, countries, *rates, name="Zone", **fields) -> ShippingZone:
    """A zone of ``site`` covering ``countries`` (codes) with ``rates`` (``rate(...)``)."""
    with store_scope([site.pk]):
        zone = ShippingZone.objects.create(site=site, name=name, countries=countries, **fields)
        for position, values in enumerate(rates or [rate()]):
            ShippingRate.objects.create(zone=zone, sort_order=position, **values)
    return zone


def set_store(site, **settings) -> StoreSettings:
    """Change the store's settings, as saving them in the admin does (its cache dropped)."""
    store_settings = StoreSettings.for_site(site)
    for name, value in settings.items():
        setattr(store_settings, name, value)
    store_settings.save()
    return store_settings

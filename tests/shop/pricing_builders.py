"""Carts, store settings and shipping tables in memory, for pricing tests without a database."""

from decimal import Decimal
from types import SimpleNamespace

from shop.data.shipping import ShippingRate, ShippingTable, ShippingZone


def store(currency="EUR", *, included=True, tax_rate="0", country="NO", locale="en-GB"):
    """What ``price_cart`` reads of a store's settings."""
    return SimpleNamespace(
        currency=currency,
        locale=locale,
        prices_include_tax=included,
        tax_rate=Decimal(tax_rate),
        default_country=SimpleNamespace(code=country),
    )


def line(price, quantity=1, grams=0, *, product_id=1):
    """A cart line of ``quantity`` units of a variant at ``price`` weighing ``grams``."""
    variant = SimpleNamespace(price=Decimal(price), weight_grams=grams, product_id=product_id)
    return SimpleNamespace(variant=variant, quantity=quantity, variant_id=id(variant))


def table(*zones) -> ShippingTable:
    """``zones`` as (ShippingZone, [ShippingRate, ...]) pairs; rates get ids from 1."""
    pairs, next_id = [], 1
    for zone, rates in zones:
        for rate in rates:
            rate.pk, next_id = next_id, next_id + 1
        pairs.append((zone, tuple(rates)))
    return ShippingTable(zones=tuple(pairs))


def zone(countries, *, postal_codes="", tax_rate=None, name="Zone") -> ShippingZone:
    return ShippingZone(
        name=name,
        countries=countries,
        postal_codes=postal_codes,
        tax_rate=None if tax_rate is None else Decimal(tax_rate),
    )


def rate(kind=ShippingRate.Kind.FLAT, price="5.00", name="Standard", **fields) -> ShippingRate:
    amounts = {"min_order_value", "max_order_value", "free_above"}
    fields = {k: Decimal(v) if k in amounts and v is not None else v for k, v in fields.items()}
    return ShippingRate(name=name, kind=kind, price=Decimal(price), **fields)

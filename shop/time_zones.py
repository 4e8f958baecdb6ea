"""A store's time zone: the IANA names (``zoneinfo``) a merchant may choose, and the zone a
store gets from its country when it chose none.

Times are kept in UTC. The store's zone is activated for its storefront requests and for
the admin requests of its staff (``shop.middleware.StoreTimeZoneMiddleware``), so dates
are entered and shown in the store's own time, as the merchant and the shoppers read it.
"""

import functools
import zoneinfo

from babel.core import get_global
from django.core.exceptions import ValidationError

FALLBACK_ZONE = "UTC"
# The zone of countries that span several, where most of their people and shops are
# (the capital's, or the largest city's when the capital is small).
PRIMARY_ZONES = {
    "AQ": "UTC",
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UM": "Pacific/Wake",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}


@functools.cache
def available_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def zone_choices() -> list[tuple[str, str]]:
    """Every zone a store may choose, by name; the regions' zones first (``Europe/Oslo``),
    then the rest (``UTC``, ``Etc/GMT+1``)."""
    names = sorted(available_zones())
    regional = [name for name in names if "/" in name and not name.startswith(("Etc/", "US/"))]
    others = [name for name in names if name not in set(regional)]
    return [(name, name.replace("_", " ")) for name in regional + others]


def zone_of_country(country_code: str) -> str:
    """The time zone a store in this country gets unless it chooses another."""
    code = (country_code or "").upper()
    if code in PRIMARY_ZONES:
        return PRIMARY_ZONES[code]
    zones = [zone for zone in get_global("territory_zones").get(code, ()) if is_zone(zone)]
    return zones[0] if zones else FALLBACK_ZONE


def is_zone(name: str) -> bool:
    return name in available_zones()


def validate_time_zone(value: str) -> None:
    if value and not is_zone(value):
        raise ValidationError(
            "%(value)s is not a time zone. Choose one from the list, such as Europe/Oslo.",
            params={"value": value},
            code="invalid_time_zone",
        )


def zone_info(name: str) -> zoneinfo.ZoneInfo:
    """The zone named, or UTC for a name this machine does not know (a zone removed from
    the system's tz database since it was chosen)."""
    return zoneinfo.ZoneInfo(name if is_zone(name) else FALLBACK_ZONE)

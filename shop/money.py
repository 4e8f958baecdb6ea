"""Money: amounts quantized to their currency's minor unit and written the store's way.

Every amount a shopper or merchant reads goes through ``format_money`` (the ``money``
template filter calls it), so one store writes one amount one way everywhere: Babel's
pattern of the store's locale ("1 000,00 kr" in nb-NO, "NOK 1,000.00" in en-GB) with the
currency's own precision (no minor unit for JPY). ADR 40.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from babel import Locale
from babel.numbers import format_currency, get_currency_precision, parse_pattern

# The locales a store may write its amounts in (BCP 47 tags, as HTML's ``lang`` takes).
LOCALES = [
    ("en-GB", "English (United Kingdom)"),
    ("en-US", "English (United States)"),
    ("nb-NO", "Norwegian Bokmål (Norway)"),
    ("sv-SE", "Swedish (Sweden)"),
    ("da-DK", "Danish (Denmark)"),
    ("de-DE", "German (Germany)"),
    ("fr-FR", "French (France)"),
    ("ja-JP", "Japanese (Japan)"),
]
DEFAULT_LOCALE = "en-GB"


@lru_cache(maxsize=64)
def minor_digits(currency: str) -> int:
    """How many decimals the currency's amounts have: 2 for EUR, 0 for JPY."""
    return get_currency_precision(currency)


def minor_unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_digits(currency))


def quantize(amount, currency: str) -> Decimal:
    """``amount`` rounded half up to the currency's minor unit."""
    return Decimal(amount).quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=16)
def _babel_locale(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


def format_money(amount, *, currency: str, locale: str = DEFAULT_LOCALE, whole=False) -> str:
    """The amount as the locale writes it in the currency. ``whole`` leaves out a minor
    unit of zero ("Free shipping over 1 000 kr"); any other amount keeps it."""
    value = quantize(amount, currency)
    babel_locale = _babel_locale(locale)
    if whole and value == value.to_integral_value():
        pattern = parse_pattern(babel_locale.currency_formats["standard"])
        pattern.frac_prec = (0, 0)
        return pattern.apply(value, babel_locale, currency=currency, currency_digits=False)
    return format_currency(value, currency, locale=babel_locale, currency_digits=True)


class MoneyFormat(NamedTuple):
    """A currency and the locale that writes it, for amounts with no store object at hand
    (a listing of rows of several stores)."""

    currency: str
    locale: str = DEFAULT_LOCALE


def money_format(owner) -> tuple[str, str]:
    """The currency and locale to write amounts of ``owner`` in: a currency code (written
    in the default locale), or anything with ``currency`` and ``locale`` (the storefront's
    ``store``, a cart's ``totals``, an ``order``, the store's settings)."""
    if isinstance(owner, str):
        return owner, DEFAULT_LOCALE
    return owner.currency, getattr(owner, "locale", None) or DEFAULT_LOCALE

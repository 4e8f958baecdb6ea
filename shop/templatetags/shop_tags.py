from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from tenancy.request import store_site

from .. import selectors
from ..data.settings import CURRENCY_SYMBOLS
from ..pricing import quantize
from ..storefront import shopper_session_key

register = template.Library()


@register.filter
def money(amount, currency="EUR"):
    """Format a Decimal amount in a currency: ``{{ order.total|money:order.currency }}``."""
    if amount is None or amount == "":
        return ""
    value = quantize(Decimal(amount))
    symbol = CURRENCY_SYMBOLS.get(currency, f"{currency} ")
    whole, _, cents = f"{value:.2f}".partition(".")
    return f"{symbol}{intcomma(int(whole))}.{cents}"


@register.simple_tag(takes_context=True)
def cart_count(context) -> str:
    """Number of items in the shopper's cart, on the shopper's own pages (cart, checkout).

    Empty everywhere else: shared storefront pages never read the session, and
    ``themes/js/shopper.js`` fills the count in from ``shop:shopper-state``. Empty for an
    empty cart too, which the theme shows as no badge.
    """
    request = context.get("request")
    site = store_site(request) if request is not None else None
    if site is None or not context.get("shopper_page"):
        return ""
    count = selectors.cart_item_count(site=site, session_key=shopper_session_key(request))
    return str(count) if count else ""

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from tenancy.request import store_site

from .. import selectors
from ..data.settings import CURRENCY_SYMBOLS
from ..pricing import quantize
from ..storefront import render_product_cards, shopper_session_key

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
def product_cards(context, cards) -> str:
    """``{% product_cards cards %}``: the theme's product card of each card, kept in the
    cache while nothing it shows changes (``shop.storefront.render_product_cards``)."""
    return render_product_cards(context, cards)


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
    totals = context.get("totals")  # the cart and checkout pages have priced the cart
    if totals is not None:
        count = totals.item_count
    else:
        count = selectors.cart_item_count(site=site, session_key=shopper_session_key(request))
    return str(count) if count else ""


@dataclass(frozen=True)
class StockState:
    """What a shopper is told about a variant's stock: ``key`` is in, low or out."""

    key: str
    label: str


@register.filter
def stock_state(variant) -> StockState:
    """``{% with state=variant|stock_state %}``: in stock, only N left, or sold out."""
    stock = getattr(variant, "stock", None) if variant is not None else None
    if stock is None or not variant.is_available:
        return StockState("out", "Sold out")
    if stock.available <= 0:  # sold on backorder
        return StockState("in", "Available to order")
    if stock.is_low:
        return StockState("low", f"Only {stock.available} left")
    return StockState("in", "In stock")


@register.filter
def colour_scheme(background: str) -> str:
    """``dark`` or ``light`` for a #RRGGBB background, so messages, errors and stock states
    pick colours that keep WCAG AA contrast on it."""
    try:
        channels = [int(background[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except (TypeError, ValueError):
        return "light"
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "dark" if luminance < 0.18 else "light"

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from tenancy.request import store_site
from tenancy.scope import store_scope

from .. import selectors
from ..money import format_money, money_format
from ..promotions.book import offer_of
from ..promotions.display import ShownPrice, example_of, shown_price
from ..promotions.messages import refusals
from ..promotions.scope import categories_of
from ..storefront import render_product_cards, shopper_session_key

register = template.Library()


@register.filter
def money(amount, owner="EUR"):
    """An amount written the store's way: ``{{ order.total|money:order }}``,
    ``{{ line.total|money:totals }}``, ``{{ price|money:store }}``. ``owner`` is what knows
    the currency and the store's locale (``shop.money.money_format``)."""
    if amount is None or amount == "":
        return ""
    currency, locale = money_format(owner)
    return format_money(Decimal(amount), currency=currency, locale=locale)


@register.filter
def money_whole(amount, owner="EUR"):
    """As ``money``, without a minor unit of zero: "Free shipping over 1 000 kr"."""
    if amount is None or amount == "":
        return ""
    currency, locale = money_format(owner)
    return format_money(Decimal(amount), currency=currency, locale=locale, whole=True)


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
    """What a shopper is told about a variant's stock: ``key`` is in, low, preorder or out;
    ``button`` is what the add-to-cart button says; ``note`` when pre-orders ship."""

    key: str
    label: str
    button: str = "Add to cart"
    note: str = ""


SOLD_OUT = StockState("out", "Sold out", button="Sold out")


def shipping_day(day, *, today=None) -> str:
    """The day pre-orders ship, as "12 January", with the year when it is not this year."""
    today = today or timezone.localdate()
    shown = f"{day.day} {date_format(day, 'F')}"
    return shown + (f" {day.year}" if day.year != today.year else "")


def ships_from(day) -> str:
    return f"Ships from {shipping_day(day)}"


@register.filter
def stock_state(variant) -> StockState:
    """``{% with state=variant|stock_state %}``: in stock, only N left, pre-order (with
    when it ships) or sold out, from the units available (on hand less held) and what the
    variant does when none are (``StockLevel.effective_policy``)."""
    if variant is None:
        return SOLD_OUT
    if not variant.track_inventory:
        return StockState("in", "In stock")
    stock = getattr(variant, "stock", None)
    if stock is None or not variant.is_available:
        return SOLD_OUT
    if stock.available <= 0:
        if stock.is_preorder:
            expected = variant.product.preorder_expected_on
            note = ships_from(expected) if expected else "Ships as soon as it arrives"
            return StockState("preorder", "Available to pre-order", button="Pre-order", note=note)
        return StockState("in", "Available to order")  # sold on backorder
    if stock.is_low:
        return StockState("low", f"Only {stock.available} left")
    return StockState("in", "In stock")


@register.filter
def preorder_note(line) -> str:
    """``{{ line|preorder_note }}``: what a cart line's shopper should know when some of
    its units are not in stock yet and are taken on pre-order: how many ship now, and
    when the rest do. Empty when every unit is in stock."""
    variant = line.variant
    stock = getattr(variant, "stock", None)
    if not variant.track_inventory or stock is None:
        return ""
    if stock.effective_policy != stock.Policy.PREORDER:
        return ""
    now = max(stock.available, 0)
    later = line.quantity - now
    if later <= 0:
        return ""
    expected = variant.product.preorder_expected_on
    when = f"ships from {shipping_day(expected)}" if expected else "ships as soon as it arrives"
    if now == 0:
        return f"Pre-order: not in stock yet, {when}."
    return f"Pre-order: {now} in stock, the other {later} {when}."


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


@dataclass(frozen=True)
class ShownTotals:
    """The totals ``includes/order_totals.html`` shows, of a cart's Totals or an Order."""

    currency: str
    locale: str
    subtotal: Decimal
    shipping: Decimal
    tax: Decimal
    tax_rate: Decimal
    prices_include_tax: bool
    total: Decimal
    rate_name: str
    ships: bool
    pickup: bool = False
    # One (name, code, amount) per promotion applied, in the order applied; ``discount``
    # is what they took off the items, ``shipping_discount`` off the shipping.
    discounts: tuple = ()
    discount: Decimal = Decimal("0")
    shipping_discount: Decimal = Decimal("0")

    @property
    def shipping_after_discount(self) -> Decimal:
        return self.shipping - self.shipping_discount


@register.filter
def order_totals(source, lines=None) -> ShownTotals:
    """``{% with t=totals|order_totals %}``: the same totals of a cart or of an order.
    ``order|order_totals:lines`` reads the tax rate from the order lines given (an email
    lists them; an order built in memory has no saved lines to read)."""
    if hasattr(source, "quotes"):  # a cart's Totals
        return ShownTotals(
            currency=source.currency,
            locale=source.locale,
            subtotal=source.subtotal,
            shipping=source.shipping,
            tax=source.tax,
            tax_rate=source.tax_rate,
            prices_include_tax=source.prices_include_tax,
            total=source.total,
            rate_name=source.rate.name if source.rate else "",
            ships=source.ships,
            pickup=bool(source.rate and source.rate.is_pickup),
            discounts=tuple(
                (applied.offer.title, applied.offer.code or "", applied.amount)
                for applied in source.applied
            ),
            discount=source.discount,
            shipping_discount=source.shipping_discount,
        )
    if lines is None:
        lines = source.lines.all() if source.pk else ()
    rates = {line.tax_rate for line in lines}
    return ShownTotals(
        currency=source.currency,
        locale=source.locale,
        subtotal=source.subtotal,
        shipping=source.shipping_total,
        tax=source.tax_total,
        tax_rate=max(rates) if rates else Decimal("0"),
        prices_include_tax=source.prices_include_tax,
        total=source.total,
        rate_name=source.shipping_rate_name,
        ships=True,
        pickup=bool(source.pickup_address),
        discounts=tuple(
            (usage.title, usage.code_text, usage.amount)
            for usage in (source.promotions.order_by("pk") if source.pk else ())
        ),
        discount=source.discount_total,
        shipping_discount=source.shipping_discount,
    )


@dataclass(frozen=True)
class EnteredCode:
    code: str
    amount: Decimal | None  # what it took off; None when refused
    message: str = ""


@register.filter
def discount_codes(totals, where: str = "cart") -> list[EnteredCode]:
    """The codes a priced cart carries, each with what it took off or why it took nothing.
    At checkout (``where="checkout"``) the customer's email is known."""
    entered = [
        EnteredCode(applied.offer.code, applied.amount)
        for applied in totals.applied
        if applied.offer.code
    ]
    entered += [
        EnteredCode(code, None, sentence)
        for code, sentence in refusals(totals, email_known=where == "checkout")
    ]
    return entered


@dataclass(frozen=True)
class PromotionExamples:
    settings: object  # the store's settings: what amounts are written with
    rows: list


@register.simple_tag
def promotion_examples(promotion, limit: int = 12) -> PromotionExamples:
    """For a promotion's preview: up to ``limit`` of the store's products it applies to,
    each as (title, quantity, price, price with the promotion), in a cart of its own."""
    # Wagtail renders previews for a request of its own, outside the admin's store scope:
    # read in the promotion's own store.
    with store_scope([promotion.site_id]):
        return _promotion_examples(promotion, limit)


def _promotion_examples(promotion, limit: int) -> PromotionExamples:
    offer = offer_of(promotion)
    settings = selectors.store_settings(promotion.site)
    products = selectors.products_for_promotion_preview(
        site=promotion.site, offer=offer, limit=limit
    )
    categories = categories_of(product_ids=[p.pk for p in products])
    examples = []
    for product in products:
        variants = list(product.variants.all())
        if not variants:
            continue
        example = example_of(
            offer,
            variant=variants[0],
            category_ids=categories.get(product.pk, frozenset()),
            currency=settings.currency,
        )
        if example is None:
            continue
        examples.append((product.title, *example))
        if len(examples) >= limit:
            break
    return PromotionExamples(settings=settings, rows=examples)


@register.filter
def promoted(variant, store) -> ShownPrice:
    """``{% with shown=variant|promoted:store %}``: the variant's price as the storefront
    shows it now, with its live automatic promotion, the price struck through and a badge
    (``shop.promotions.display``)."""
    return shown_price(variant=variant, currency=store.currency)

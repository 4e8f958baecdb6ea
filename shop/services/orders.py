"""Turning a cart into an order."""

from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.db.models import F

from ..data import (
    Cart,
    Order,
    OrderEvent,
    OrderLine,
    OrderNumberSequence,
    Product,
    Reservation,
    StockLevel,
    StockMovement,
    StoreSettings,
)
from ..exceptions import (
    CountryNotServed,
    EmptyCart,
    InsufficientStock,
    ProductUnavailable,
    ShippingUnavailable,
    TotalChanged,
)
from ..money import format_money
from ..pricing import price_cart
from ..promotions.cart import promotions_for_cart
from ..promotions.customers import customer_for
from ..promotions.messages import refusals
from ..signals import order_placed
from .lifecycle import record_event
from .promotions import lock_promotions, record_usages
from .stock import (
    allocate_preorders,
    check_preorder_limit,
    held_by_cart,
    lock_levels,
    policy_of,
    record_movement,
    store_sold_out_choice,
)


@dataclass(frozen=True)
class CheckoutDetails:
    email: str
    name: str
    address_line1: str
    postal_code: str
    city: str
    country: str  # ISO 3166-1 alpha-2 code, one the store ships to
    phone: str = ""
    address_line2: str = ""
    note: str = ""
    payment_method: str = Order.PaymentMethod.BANK_TRANSFER
    # The key of the shipping rate chosen (``shop.pricing.ShippingQuote.key``).
    shipping_rate: str = ""


def next_order_number(*, site) -> int:
    """The store's next order number. The sequence row stays locked until commit."""
    sequence, _ = OrderNumberSequence.objects.get_or_create(site=site)
    OrderNumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    return OrderNumberSequence.objects.values_list("last_number", flat=True).get(pk=sequence.pk)


@dataclass(frozen=True)
class _Take:
    """What a cart line takes from its locked level: ``sold`` units from stock, the rest
    ``preordered`` (waiting for stock)."""

    level: StockLevel
    sold: int
    preordered: int = 0


def _create_order(
    *, cart, details: CheckoutDetails, totals, token: UUID | None, takes: dict[int, _Take]
) -> Order:
    """The order row and its line snapshots, at the totals computed by ``place_order``."""
    order = Order.objects.create(
        site_id=cart.site_id,
        checkout_token=token,
        number=next_order_number(site=cart.site),
        payment_method=details.payment_method,
        email=details.email.strip().lower(),
        name=details.name,
        phone=details.phone,
        address_line1=details.address_line1,
        address_line2=details.address_line2,
        postal_code=details.postal_code,
        city=details.city,
        country=details.country,
        note=details.note,
        currency=totals.currency,
        subtotal=totals.subtotal,
        shipping_total=totals.shipping,
        total=totals.total,
        discount_total=totals.discount,
        shipping_discount=totals.shipping_discount,
        **_shipping_and_tax(totals),
    )
    OrderLine.objects.bulk_create(
        [
            OrderLine(
                order=order,
                variant=priced.line.variant,
                product_title=priced.line.variant.product.title,
                variant_label=priced.line.variant.options_label,
                sku=priced.line.variant.sku,
                unit_price=priced.unit_price,
                quantity=priced.line.quantity,
                preordered=(
                    takes[priced.line.variant_id].preordered
                    if priced.line.variant_id in takes
                    else 0
                ),
                line_total=priced.total,
                discount_amount=priced.discount,
                tax_rate=totals.tax_rate,
                tax_amount=priced.tax,
            )
            for priced in totals.lines
        ]
    )
    return order


def _shipping_and_tax(totals) -> dict:
    """The order's snapshot of the rate chosen and the tax, as checkout showed them."""
    rate = totals.rate
    return {
        "shipping_rate_name": rate.name,
        "shipping_rate_kind": rate.kind,
        "pickup_address": rate.pickup_address if rate.is_pickup else "",
        "tax_total": totals.tax,
        "shipping_tax": totals.shipping_tax,
        "prices_include_tax": totals.prices_include_tax,
        "locale": totals.locale,
    }


def _priced(*, cart, lines, store_settings, details: CheckoutDetails):
    """The cart priced for the address and the rate chosen, with the promotions it gets,
    their rows locked (``shop.services.promotions``); ShippingUnavailable when no rate
    applies, or the one chosen no longer does (its price is not the shopper's to pick: any
    other would change the total they saw)."""
    customer = customer_for(site_id=cart.site_id, email=details.email)
    promotions = promotions_for_cart(site=cart.site, cart=cart, lines=lines, customer=customer)
    if promotions.promotion_ids:
        lock_promotions(promotions.promotion_ids)
        # Again behind the locks: a use counted since is counted now.
        promotions = promotions_for_cart(site=cart.site, cart=cart, lines=lines, customer=customer)
    totals = price_cart(
        lines=lines,
        store_settings=store_settings,
        country=details.country,
        postal_code=details.postal_code,
        rate_key=details.shipping_rate or None,
        offers=promotions.offers,
        customer=customer,
        categories=promotions.categories,
        refused=promotions.refused,
    )
    if not totals.ships:
        raise ShippingUnavailable("No shipping option of this store reaches that address.")
    if details.shipping_rate and totals.rate.key != details.shipping_rate:
        raise ShippingUnavailable("That shipping option is not offered for this order.")
    return totals


def _total_changed(totals, details: CheckoutDetails) -> str:
    total = format_money(totals.total, currency=totals.currency, locale=totals.locale)
    why = [sentence for _, sentence in refusals(totals, email_known=bool(details.email))]
    return " ".join(
        [f"Your total changed to {total}.", *why[:1], "Check it and place your order again."]
    )


def _lock_cart(*, cart, token: UUID | None) -> tuple[Cart, Order | None]:
    """Lock the cart row; return it with the order ``token`` already placed, if any."""
    cart = Cart.objects.select_for_update().get(pk=cart.pk)
    if token is None:
        return cart, None
    return cart, Order.objects.filter(site_id=cart.site_id, checkout_token=token).first()


def _checked_lines(*, cart, details: CheckoutDetails) -> tuple[list, StoreSettings]:
    """The cart's lines by variant, with the store's settings, once they can be ordered."""
    lines = list(cart.lines.select_related("variant__product").order_by("variant_id"))
    if not lines:
        raise EmptyCart()
    store_settings = StoreSettings.for_site(cart.site)
    if not store_settings.ships_to(details.country):
        raise CountryNotServed(details.country)
    for line in lines:
        product = line.variant.product
        if line.variant.site_id != cart.site_id or product.status != Product.Status.ACTIVE:
            raise ProductUnavailable(f"{product.title} is no longer available.")
    return lines, store_settings


def _take_for(*, line, level: StockLevel, policy: str, held: int) -> _Take | None:
    """How a line is served from its level, counting the cart's own hold as its own;
    None when a variant that stops selling has too few."""
    free = level.available + held
    if policy == StockLevel.Policy.CONTINUE or line.quantity <= free:
        return _Take(level=level, sold=line.quantity)
    if policy == StockLevel.Policy.PREORDER:
        sold = max(free, 0)
        return _Take(level=level, sold=sold, preordered=line.quantity - sold)
    return None


def _lock_stock(*, cart, lines) -> tuple[dict[int, _Take], dict[int, StockLevel], dict[int, int]]:
    """Lock the stock rows of the lines and of the cart's holds in primary-key order, and
    decide what each line takes: InsufficientStock names every line that falls short,
    PreorderLimitReached a pre-order past its product's limit."""
    # A variant whose stock is not counted (``track_inventory`` off) is sold without
    # taking stock: no lock, no ledger row.
    lines = [line for line in lines if line.variant.track_inventory]
    levels = lock_levels([*(line.variant_id for line in lines), *held_by_cart(cart=cart)])
    held = held_by_cart(cart=cart)  # as it is behind the stock locks
    store_choice = store_sold_out_choice(cart.site_id)
    takes, short = {}, []
    for line in lines:
        level = levels.get(line.variant_id)
        if level is None:  # never stocked
            short.append((line.variant, 0))
            continue
        own = held.get(line.variant_id, 0)
        policy = policy_of(level, store_choice=store_choice)
        take = _take_for(line=line, level=level, policy=policy, held=own)
        if take is None:
            short.append((line.variant, level.available + own))
        else:
            takes[line.variant_id] = take
    if short:
        raise InsufficientStock(short)
    for take in takes.values():
        check_preorder_limit(level=take.level, units=take.preordered)
    return takes, levels, held


def _take_stock(*, order: Order, cart, takes, levels, held) -> None:
    """Turn the cart's holds into the sale of ``order``: for each locked level, in
    primary-key order, a RELEASE of the hold and a SALE of the units taken from stock.
    A hold of a line no longer in the cart frees its units for waiting pre-orders."""
    for level in levels.values():
        own = held.get(level.variant_id, 0)
        if own:
            record_movement(
                level=level,
                reserved_change=-own,
                reason=StockMovement.Reason.RELEASE,
                order=order,
                note="Checkout hold taken by the order",
            )
        take = takes.get(level.variant_id)
        if take is not None and take.sold:
            record_movement(
                level=level, quantity=-take.sold, reason=StockMovement.Reason.SALE, order=order
            )
        elif own:
            allocate_preorders(level=level)
    Reservation.objects.filter(cart=cart).delete()


@transaction.atomic
def place_order(
    *,
    cart,
    details: CheckoutDetails,
    checkout_token: UUID | None = None,
    expected_total=None,
) -> Order:
    """Turn a cart into an order and take its items out of stock.

    One cart, one order: the cart row is locked first, so two submissions of one cart run
    one after the other, and a submission whose ``checkout_token`` (issued with the
    checkout form) already placed an order gets that order back instead of a second one.
    Stock rows are then locked in primary-key order, so two checkouts that share items
    always lock in the same order and cannot deadlock; the order-number row is locked
    after them. The cart's own holds count as its own: they are released and the units
    sold in the same transaction. A hold that expired and was swept is simply gone: the
    order takes what is still available, or fails with InsufficientStock and the cart as
    it was. On pre-order, units beyond the stock are recorded on the line as pre-ordered.
    Totals are computed here from current prices and the promotions live now, never taken
    from the shopper; with ``expected_total`` (what the checkout page showed), a total that
    changed since (a promotion ended, a code's last use went to another order) raises
    TotalChanged and places nothing. Each promotion applied is counted as used.
    """
    cart, placed = _lock_cart(cart=cart, token=checkout_token)
    if placed is not None:
        return placed
    lines, store_settings = _checked_lines(cart=cart, details=details)
    takes, levels, held = _lock_stock(cart=cart, lines=lines)
    totals = _priced(cart=cart, lines=lines, store_settings=store_settings, details=details)
    if expected_total is not None and totals.total != expected_total:
        raise TotalChanged(totals, _total_changed(totals, details))
    order = _create_order(
        cart=cart, details=details, totals=totals, token=checkout_token, takes=takes
    )
    record_usages(order=order, applied=totals.applied)
    _take_stock(order=order, cart=cart, takes=takes, levels=levels, held=held)
    record_event(order=order, kind=OrderEvent.Kind.PLACED, actor="Shopper")
    cart.lines.all().delete()
    transaction.on_commit(lambda: order_placed.send(sender=Order, order=order))
    return order

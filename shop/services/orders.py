"""Turning a cart into an order."""

from dataclasses import dataclass
from uuid import UUID

from django.db import transaction
from django.db.models import F

from ..data import (
    Cart,
    Order,
    OrderLine,
    OrderNumberSequence,
    Product,
    StockLevel,
    StockMovement,
    StoreSettings,
)
from ..exceptions import CountryNotServed, EmptyCart, InsufficientStock, ProductUnavailable
from ..pricing import price_cart
from ..signals import order_placed
from .stock import move_stock


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
    payment_method: str = Order.PaymentMethod.OFFLINE


def next_order_number(*, site) -> int:
    """The store's next order number. The sequence row stays locked until commit."""
    sequence, _ = OrderNumberSequence.objects.get_or_create(site=site)
    OrderNumberSequence.objects.filter(pk=sequence.pk).update(last_number=F("last_number") + 1)
    return OrderNumberSequence.objects.values_list("last_number", flat=True).get(pk=sequence.pk)


def _create_order(*, cart, details: CheckoutDetails, totals, token: UUID | None) -> Order:
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
                line_total=priced.total,
            )
            for priced in totals.lines
        ]
    )
    return order


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


def _lock_stock(*, lines) -> dict[int, StockLevel]:
    """Lock the lines' stock rows in primary-key order; InsufficientStock if any falls short."""
    levels = {
        level.variant_id: level
        for level in StockLevel.objects.filter(variant_id__in=[line.variant_id for line in lines])
        .select_related("variant__product")
        .order_by("pk")
        .select_for_update(of=("self",))
    }
    short = [
        (line.variant, levels[line.variant_id].on_hand if line.variant_id in levels else 0)
        for line in lines
        if line.variant_id not in levels or not levels[line.variant_id].can_take(line.quantity)
    ]
    if short:
        raise InsufficientStock(short)
    return levels


def _take_stock(*, order: Order, lines, levels: dict[int, StockLevel]) -> None:
    """Take each line's quantity out of its locked stock row, as a sale of ``order``."""
    for line in lines:
        move_stock(
            level=levels[line.variant_id],
            quantity=-line.quantity,
            reason=StockMovement.Reason.SALE,
            order=order,
        )


@transaction.atomic
def place_order(*, cart, details: CheckoutDetails, checkout_token: UUID | None = None) -> Order:
    """Turn a cart into an order and take its items out of stock.

    One cart, one order: the cart row is locked first, so two submissions of one cart run
    one after the other, and a submission whose ``checkout_token`` (issued with the
    checkout form) already placed an order gets that order back instead of a second one.
    Stock rows are then locked in primary-key order, so two checkouts that share items
    always lock in the same order and cannot deadlock; the order-number row is locked
    after them. Totals are computed here from current prices, never taken from the shopper.
    """
    cart, placed = _lock_cart(cart=cart, token=checkout_token)
    if placed is not None:
        return placed
    lines, store_settings = _checked_lines(cart=cart, details=details)
    levels = _lock_stock(lines=lines)
    totals = price_cart(lines=lines, store_settings=store_settings, country=details.country)
    order = _create_order(cart=cart, details=details, totals=totals, token=checkout_token)
    _take_stock(order=order, lines=lines, levels=levels)
    cart.lines.all().delete()
    transaction.on_commit(lambda: order_placed.send(sender=Order, order=order))
    return order

"""Cart writes. A cart belongs to one store and one session; stock is checked, not taken
(checkout holds it: ``shop.services.stock.reserve_cart``)."""

from django.db import transaction

from ..data import Cart, CartLine, Product, Reservation, StockLevel
from ..data.promotions import CODE_LENGTH, normalise_code
from ..exceptions import DiscountCodeRefused, InsufficientStock, ProductUnavailable
from ..promotions.codes import MAX_CODES, parse_codes
from .stock import (
    check_preorder_limit,
    policy_of,
    release_cart_reservations,
    store_sold_out_choice,
)

MAX_LINE_QUANTITY = 999


def get_or_create_cart(*, site, session_key: str) -> Cart:
    cart, _ = Cart.objects.get_or_create(site=site, session_key=session_key)
    return cart


def _check_sellable(*, cart: Cart, variant, quantity: int) -> None:
    if variant.site_id != cart.site_id or variant.product.status != Product.Status.ACTIVE:
        raise ProductUnavailable("This product is not available.")
    if quantity > MAX_LINE_QUANTITY:
        raise ProductUnavailable(f"You can order at most {MAX_LINE_QUANTITY} of one item.")
    if not variant.track_inventory:  # its stock is not counted: always for sale
        return
    level = StockLevel.objects.filter(variant=variant).select_related("variant__product").first()
    if level is None:
        raise InsufficientStock([(variant, 0)])
    # What others hold in checkout is not for sale; what this cart holds is its own.
    held = Reservation.objects.filter(cart=cart, variant=variant).values_list("quantity", flat=True)
    free = level.available + sum(held)
    policy = policy_of(level, store_choice=store_sold_out_choice(cart.site_id))
    if policy == StockLevel.Policy.CONTINUE or quantity <= free:
        return
    if policy == StockLevel.Policy.PREORDER:
        check_preorder_limit(level=level, units=quantity - max(free, 0))
        return
    raise InsufficientStock([(variant, free)])


@transaction.atomic
def add_to_cart(*, cart: Cart, variant, quantity: int = 1) -> CartLine:
    """Add units of a variant; the line's new total must be in stock.

    The cart row is locked first: a missing line cannot be locked, so two adds of one
    variant at once would both create it. Behind the cart's lock the second add finds the
    first one's line and adds to its quantity.
    """
    if quantity < 1:
        raise ProductUnavailable("Choose a quantity of at least 1.")
    Cart.objects.select_for_update().get(pk=cart.pk)
    line = CartLine.objects.filter(cart=cart, variant=variant).first()
    new_quantity = quantity + (line.quantity if line else 0)
    _check_sellable(cart=cart, variant=variant, quantity=new_quantity)
    if line is None:
        line = CartLine.objects.create(cart=cart, variant=variant, quantity=new_quantity)
    else:
        line.quantity = new_quantity
        line.save(update_fields=["quantity"])
    cart.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def update_cart_line(*, cart: Cart, line_id: int, quantity: int) -> CartLine | None:
    """Set a line's quantity; zero removes it. Returns the line, or None once removed."""
    line = CartLine.objects.select_related("variant__product").get(cart=cart, pk=line_id)
    if quantity <= 0:
        remove_cart_line(cart=cart, line_id=line.pk)
        return None
    _check_sellable(cart=cart, variant=line.variant, quantity=quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


def remove_cart_line(*, cart: Cart, line_id: int) -> None:
    """Remove a line, and let go of what the cart held of it in checkout."""
    line = CartLine.objects.filter(cart=cart, pk=line_id).first()
    if line is None:
        return
    line.delete()
    if Reservation.objects.filter(cart=cart, variant_id=line.variant_id).exists():
        release_cart_reservations(cart=cart, variant_ids=[line.variant_id])


@transaction.atomic
def add_discount_code(*, cart: Cart, code: str) -> str:
    """Keep ``code`` on the cart (normalised); whether it applies is decided each time the
    cart is priced, so a code entered before its promotion starts works from its first
    second. Returns the code as kept. A blank or overlong code, or one too many, raises
    DiscountCodeRefused and changes nothing."""
    normalised = normalise_code(code)
    if not normalised:
        raise DiscountCodeRefused("Enter a discount code.")
    if len(normalised) > CODE_LENGTH:
        raise DiscountCodeRefused(f"A discount code has at most {CODE_LENGTH} characters.")
    locked = Cart.objects.select_for_update().get(pk=cart.pk)
    codes = parse_codes(locked.discount_codes)
    if normalised in codes:
        return normalised
    if len(codes) >= MAX_CODES:
        raise DiscountCodeRefused(f"One order can use up to {MAX_CODES} codes.")
    locked.discount_codes = " ".join([*codes, normalised])
    locked.save(update_fields=["discount_codes", "updated_at"])
    cart.discount_codes = locked.discount_codes
    return normalised


@transaction.atomic
def remove_discount_code(*, cart: Cart, code: str) -> None:
    locked = Cart.objects.select_for_update().get(pk=cart.pk)
    normalised = normalise_code(code)
    locked.discount_codes = " ".join(
        c for c in parse_codes(locked.discount_codes) if c != normalised
    )
    locked.save(update_fields=["discount_codes", "updated_at"])
    cart.discount_codes = locked.discount_codes

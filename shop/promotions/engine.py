"""Which promotions a cart gets, and what each takes off which line (ADR 47).

The one place discounts are decided: cart, checkout, order placement and emails all price
through it (``shop.pricing.price_cart``), so they show the same figures. It is pure: it
reads the cart and the offers it is given and touches no database, which is what lets the
property tests drive it with random carts.

An offer is one of three classes, as Shopify's combination model has them:

- **items**: a percentage or fixed amount off the items in its scope (products, variants,
  categories), or buy X get Y;
- **order**: a percentage or fixed amount off the whole order;
- **shipping**: free shipping.

Choosing: the offers whose conditions hold are taken by priority (highest first; then the
larger saving; then the older offer), each kept only if it combines with every offer kept
before it, both ways. An exclusive offer combines with nothing. A code that loses gets the
reason. On one line only the best items offer applies: items offers that combine apply to
different lines side by side, they never stack on one unit.

Amounts: items offers are rounded per line; an order offer is a percentage rounded per
line, or a fixed amount shared between the lines in proportion to what is left of them
(largest remainder, so the shares add up to the amount exactly). No discount takes a line
below zero or shipping below zero, and the order's discounts never exceed its subtotal.
Tax is then computed on what each line costs after its discounts.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from ..money import minor_unit, quantize

HUNDRED = Decimal(100)
ZERO = Decimal(0)


class Kind:
    PERCENTAGE = "percentage"
    FIXED_AMOUNT = "fixed_amount"
    FREE_SHIPPING = "free_shipping"
    BUY_X_GET_Y = "buy_x_get_y"


class Target:
    ORDER = "order"
    ITEMS = "items"


class Klass:
    ITEMS = "items"
    ORDER = "order"
    SHIPPING = "shipping"


class Reason:
    """Why a code gives nothing; ``shop.promotions.messages`` words each for the shopper."""

    UNKNOWN = "unknown"
    NOT_ACTIVE = "not_active"
    USED_UP = "used_up"
    USED_BY_CUSTOMER = "used_by_customer"
    MIN_SUBTOTAL = "min_subtotal"
    MIN_QUANTITY = "min_quantity"
    FIRST_ORDER = "first_order"
    CUSTOMER_TAGS = "customer_tags"
    NO_ITEMS = "no_items"
    NO_SHIPPING = "no_shipping"
    NOT_COMBINABLE = "not_combinable"
    NOTHING_OFF = "nothing_off"
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class Item:
    """One cart line as the engine sees it."""

    key: object
    variant_id: int
    product_id: int
    unit_price: Decimal
    quantity: int
    category_ids: frozenset = frozenset()


@dataclass(frozen=True)
class Customer:
    email: str = ""
    first_order: bool = True
    tags: frozenset = frozenset()


@dataclass(frozen=True)
class Offer:
    """A live promotion, as it reads at the moment the cart is priced. ``code`` is the code
    the shopper entered for it; None for an automatic promotion."""

    id: int
    title: str
    kind: str
    value: Decimal = ZERO
    target: str = Target.ORDER
    product_ids: frozenset = frozenset()
    variant_ids: frozenset = frozenset()
    category_ids: frozenset = frozenset()
    min_subtotal: Decimal | None = None
    min_quantity: int | None = None
    first_order_only: bool = False
    customer_tags: frozenset = frozenset()
    buy_quantity: int = 0
    get_quantity: int = 0
    priority: int = 0
    exclusive: bool = False
    combines_with_items: bool = False
    combines_with_order: bool = False
    combines_with_shipping: bool = False
    code: str | None = None
    # Read by ``shop.promotions.codes`` against the usages recorded; the engine ignores them.
    usage_limit: int | None = None
    usage_limit_per_customer: int | None = None

    @property
    def klass(self) -> str:
        if self.kind == Kind.FREE_SHIPPING:
            return Klass.SHIPPING
        if self.kind == Kind.BUY_X_GET_Y or self.target == Target.ITEMS:
            return Klass.ITEMS
        return Klass.ORDER

    def combines_with(self, other: "Offer") -> bool:
        if self.exclusive or other.exclusive:
            return False
        return {
            Klass.ITEMS: self.combines_with_items,
            Klass.ORDER: self.combines_with_order,
            Klass.SHIPPING: self.combines_with_shipping,
        }[other.klass]

    def covers(self, item: Item) -> bool:
        """Whether the item is in this offer's scope."""
        if self.target == Target.ORDER and self.kind != Kind.BUY_X_GET_Y:
            return True
        if not (self.product_ids or self.variant_ids or self.category_ids):
            return True
        return (
            item.product_id in self.product_ids
            or item.variant_id in self.variant_ids
            or bool(item.category_ids & self.category_ids)
        )


@dataclass(frozen=True)
class Rejection:
    code: str
    reason: str
    offer: Offer | None = None
    # The offer that won instead (NOT_COMBINABLE).
    blocked_by: Offer | None = None


@dataclass(frozen=True)
class Applied:
    offer: Offer
    amount: Decimal


@dataclass
class Outcome:
    """What the cart gets: per line, the discount on it (items and order offers together);
    the discount on shipping; the offers applied, with what each gave; the codes refused."""

    line_discounts: dict = field(default_factory=dict)
    shipping_discount: Decimal = ZERO
    applied: list[Applied] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum(self.line_discounts.values(), ZERO) + self.shipping_discount

    def discount_of(self, key) -> Decimal:
        return self.line_discounts.get(key, ZERO)


def _line_total(item: Item, currency: str) -> Decimal:
    return quantize(item.unit_price * item.quantity, currency)


def _items_off(offer: Offer, item: Item, currency: str) -> Decimal:
    """What an items offer (not buy X get Y) takes off one line, never more than the line."""
    total = _line_total(item, currency)
    if offer.kind == Kind.PERCENTAGE:
        off = quantize(total * min(offer.value, HUNDRED) / HUNDRED, currency)
    elif offer.kind == Kind.FIXED_AMOUNT:
        # A fixed amount off each unit in scope, up to the unit's price.
        off = quantize(min(offer.value, item.unit_price) * item.quantity, currency)
    else:
        off = ZERO
    return min(off, total)


def _buy_x_get_y(offer: Offer, items: list[Item], currency: str) -> dict:
    """Buy X get Y: of the units in scope, every (X + Y)th set gives its Y cheapest units
    at ``value`` percent off (100: free). The cheapest units are the ones given."""
    if offer.buy_quantity < 1 or offer.get_quantity < 1:
        return {}
    units = sorted(
        (item.unit_price, index)
        for index, item in enumerate(items)
        if offer.covers(item)
        for _ in range(item.quantity)
    )
    sets = len(units) // (offer.buy_quantity + offer.get_quantity)
    percent = min(offer.value or HUNDRED, HUNDRED)
    off: dict[int, Decimal] = {}
    for price, index in units[: sets * offer.get_quantity]:
        off[index] = off.get(index, ZERO) + price * percent / HUNDRED
    return {
        items[index].key: min(quantize(amount, currency), _line_total(items[index], currency))
        for index, amount in off.items()
    }


def _items_offer_lines(offer: Offer, items: list[Item], currency: str) -> dict:
    if offer.kind == Kind.BUY_X_GET_Y:
        return _buy_x_get_y(offer, items, currency)
    return {item.key: _items_off(offer, item, currency) for item in items if offer.covers(item)}


def _share(amount: Decimal, bases: dict, currency: str) -> dict:
    """``amount`` split across ``bases`` in proportion, in minor units, largest remainder
    first, so the shares add up to ``amount`` exactly and none exceeds its base."""
    unit = minor_unit(currency)
    whole = sum(bases.values(), ZERO)
    if not whole or not amount:
        return dict.fromkeys(bases, ZERO)
    amount = min(amount, whole)
    units = int(amount / unit)
    raw = {key: Decimal(units) * base / whole for key, base in bases.items()}
    floors = {key: int(value) for key, value in raw.items()}
    left = units - sum(floors.values())
    by_remainder = sorted(bases, key=lambda key: (raw[key] - floors[key], bases[key]), reverse=True)
    for key in by_remainder[:left]:
        floors[key] += 1
    return {key: Decimal(count) * unit for key, count in floors.items()}


def _conditions_fail(offer: Offer, items: list[Item], customer: Customer, subtotal) -> str:
    """The first condition of ``offer`` that the cart or customer does not meet, or ""."""
    if offer.first_order_only and not customer.first_order:
        return Reason.FIRST_ORDER
    if offer.customer_tags and not (offer.customer_tags & customer.tags):
        return Reason.CUSTOMER_TAGS
    if offer.min_subtotal is not None and subtotal < offer.min_subtotal:
        return Reason.MIN_SUBTOTAL
    in_scope = [item for item in items if offer.covers(item)]
    if offer.min_quantity and sum(item.quantity for item in in_scope) < offer.min_quantity:
        return Reason.MIN_QUANTITY
    if offer.klass == Klass.ITEMS and not in_scope:
        return Reason.NO_ITEMS
    return ""


def _estimated_saving(offer: Offer, items, shipping: Decimal, subtotal, currency) -> Decimal:
    if offer.klass == Klass.SHIPPING:
        return shipping
    if offer.klass == Klass.ITEMS:
        return sum(_items_offer_lines(offer, items, currency).values(), ZERO)
    if offer.kind == Kind.PERCENTAGE:
        return quantize(subtotal * min(offer.value, HUNDRED) / HUNDRED, currency)
    return min(offer.value, subtotal)


def choose(
    offers: list[Offer],
    *,
    items: list[Item],
    customer: Customer,
    shipping: Decimal,
    currency: str,
) -> tuple[list[Offer], list[Rejection]]:
    """The offers that apply together, and the codes refused with their reasons."""
    subtotal = sum((_line_total(item, currency) for item in items), ZERO)
    rejected = []
    eligible = []
    for offer in offers:
        reason = _conditions_fail(offer, items, customer, subtotal)
        if not reason and offer.klass == Klass.SHIPPING and not shipping:
            reason = Reason.NO_SHIPPING
        if reason:
            if offer.code:
                rejected.append(Rejection(offer.code, reason, offer))
            continue
        saving = _estimated_saving(offer, items, shipping, subtotal, currency)
        eligible.append((-offer.priority, -saving, offer.id, offer))
    chosen: list[Offer] = []
    for *_, offer in sorted(eligible, key=lambda entry: entry[:3]):
        blocker = next(
            (c for c in chosen if not (offer.combines_with(c) and c.combines_with(offer))), None
        )
        if blocker is None:
            chosen.append(offer)
        elif offer.code:
            rejected.append(Rejection(offer.code, Reason.NOT_COMBINABLE, offer, blocker))
    return chosen, rejected


def apply(
    offers: list[Offer],
    *,
    items: list[Item],
    shipping: Decimal,
    currency: str,
    customer: Customer | None = None,
) -> Outcome:
    """Choose among ``offers`` for this cart and work out what each takes off."""
    customer = customer or Customer()
    chosen, rejected = choose(
        offers, items=items, customer=customer, shipping=shipping, currency=currency
    )
    outcome = Outcome(rejected=rejected)
    given = {offer.id: ZERO for offer in chosen}

    # Items offers: on each line, the best of them.
    best: dict = {}
    for offer in (o for o in chosen if o.klass == Klass.ITEMS):
        for key, off in _items_offer_lines(offer, items, currency).items():
            if off > best.get(key, (ZERO, None))[0]:
                best[key] = (off, offer)
    for key, (off, offer) in best.items():
        outcome.line_discounts[key] = off
        given[offer.id] += off

    # Order offers, in the order chosen, on what is left of each line.
    for offer in (o for o in chosen if o.klass == Klass.ORDER):
        left = {
            item.key: _line_total(item, currency) - outcome.discount_of(item.key) for item in items
        }
        if offer.kind == Kind.PERCENTAGE:
            rate = min(offer.value, HUNDRED) / HUNDRED
            shares = {key: quantize(amount * rate, currency) for key, amount in left.items()}
        else:
            shares = _share(quantize(offer.value, currency), left, currency)
        for key, off in shares.items():
            off = min(off, left[key])
            if off:
                outcome.line_discounts[key] = outcome.discount_of(key) + off
                given[offer.id] += off

    for offer in (o for o in chosen if o.klass == Klass.SHIPPING):
        off = shipping - outcome.shipping_discount
        outcome.shipping_discount += off
        given[offer.id] += off

    outcome.applied = [Applied(offer, given[offer.id]) for offer in chosen if given[offer.id]]
    # An offer that ended up giving nothing (its lines went to a better offer, or nothing
    # was left to take off) is not applied; a code among them is told so.
    for offer in chosen:
        if offer.code and not given[offer.id]:
            outcome.rejected.append(Rejection(offer.code, Reason.NOTHING_OFF, offer))
    return outcome

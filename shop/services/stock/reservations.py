"""Reservations: a cart in checkout holds its items for the store's ``reservation_minutes``.

A hold is a ``Reservation`` row plus the units it adds to ``StockLevel.reserved`` (through
RESERVATION and RELEASE ledger rows), so other shoppers see fewer available while the
cart's own shopper counts their held units as theirs. Lock order, everywhere: the cart row,
then stock rows by primary key, then reservation rows.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ...data import Cart, Reservation, StockLevel, StockMovement, StoreSettings
from ...exceptions import InsufficientStock
from .ledger import lock_levels, policy_of, record_movement, store_sold_out_choice
from .preorders import allocate_preorders


@dataclass(frozen=True)
class Hold:
    """What a cart holds: until when, and for how many minutes from the last activity."""

    expires_at: datetime | None
    minutes: int


def hold_minutes(site_id: int) -> int:
    minutes = (
        StoreSettings.objects.filter(site_id=site_id)
        .values_list("reservation_minutes", flat=True)
        .first()
    )
    return minutes or 10


def held_by_cart(*, cart: Cart) -> dict[int, int]:
    """Units the cart holds, by variant id (expired holds count until they are swept)."""
    return dict(Reservation.objects.filter(cart=cart).values_list("variant_id", "quantity"))


def _target(*, level: StockLevel, policy: str, wanted: int, held: int) -> int | None:
    """Units the cart should hold of a level: what it wants, or on pre-order what is left;
    None when a variant that stops selling has too few."""
    free = level.available + held
    if policy == StockLevel.Policy.CONTINUE or wanted <= free:
        return wanted
    if policy == StockLevel.Policy.PREORDER:
        return max(free, 0)
    return None


def _hold(*, level: StockLevel, held: int, target: int, cart: Cart, expires_at) -> None:
    """Move the cart's hold on a locked level from ``held`` to ``target`` units."""
    change = target - held
    if change:
        reason = StockMovement.Reason.RESERVATION if change > 0 else StockMovement.Reason.RELEASE
        record_movement(level=level, reserved_change=change, reason=reason, note=f"Cart {cart.pk}")
    if target:
        Reservation.objects.update_or_create(
            cart=cart,
            variant_id=level.variant_id,
            defaults={"site_id": cart.site_id, "quantity": target, "expires_at": expires_at},
        )
    else:
        Reservation.objects.filter(cart=cart, variant_id=level.variant_id).delete()
    if change < 0:
        allocate_preorders(level=level)


def _renew_if_unchanged(*, cart: Cart, expires_at: datetime, minutes: int) -> Hold | None:
    """The common visit: the holds already match the cart, so renewing them is one UPDATE.
    None when they do not match (or one was swept meanwhile)."""
    wanted = dict(
        cart.lines.filter(variant__track_inventory=True).values_list("variant_id", "quantity")
    )
    held = held_by_cart(cart=cart)
    if not held or held != wanted:
        return None
    renewed = Reservation.objects.filter(cart=cart).update(expires_at=expires_at)
    return Hold(expires_at=expires_at, minutes=minutes) if renewed == len(held) else None


def reserve_cart(*, cart: Cart, now: datetime | None = None, minutes: int | None = None) -> Hold:
    """Hold the cart's lines for ``minutes`` (the store's ``reservation_minutes`` unless
    given) from ``now``; see ``_reserve_cart``. Holds that already match the cart are only
    renewed."""
    minutes = minutes or hold_minutes(cart.site_id)
    expires_at = (now or timezone.now()) + timedelta(minutes=minutes)
    renewed = _renew_if_unchanged(cart=cart, expires_at=expires_at, minutes=minutes)
    if renewed is not None:
        return renewed
    return _reserve_cart(cart=cart, expires_at=expires_at, minutes=minutes)


@transaction.atomic
def _reserve_cart(*, cart: Cart, expires_at: datetime, minutes: int) -> Hold:
    """Hold the cart's lines for the store's ``reservation_minutes`` from ``now``, matching
    the holds to the cart as it is now (more, fewer, none of a removed line).

    All or nothing: when a variant that stops selling has too few units for its line,
    InsufficientStock names each such variant with how many are left for this shopper,
    and the holds stay as they were.
    """
    cart = Cart.objects.select_for_update().get(pk=cart.pk)
    # A variant whose stock is not counted is never short and holds nothing.
    lines = [
        line
        for line in cart.lines.select_related("variant__product")
        if line.variant.track_inventory
    ]
    wanted = {line.variant_id: line.quantity for line in lines}
    held_before = held_by_cart(cart=cart)
    levels = lock_levels([*wanted, *held_before])
    held = held_by_cart(cart=cart)  # as it is behind the stock locks
    store_choice = store_sold_out_choice(cart.site_id)
    short = [(line.variant, 0) for line in lines if line.variant_id not in levels]
    for level in levels.values():
        policy = policy_of(level, store_choice=store_choice)
        have = held.get(level.variant_id, 0)
        target = _target(
            level=level, policy=policy, wanted=wanted.get(level.variant_id, 0), held=have
        )
        if target is None:
            short.append((level.variant, level.available + have))
            continue
        _hold(level=level, held=have, target=target, cart=cart, expires_at=expires_at)
    if short:
        raise InsufficientStock(short)
    has_hold = Reservation.objects.filter(cart=cart).exists()
    return Hold(expires_at=expires_at if has_hold else None, minutes=minutes)


def extend_reservations(
    *, cart: Cart, now: datetime | None = None, minutes: int | None = None
) -> Hold:
    """Push the cart's holds to the store's ``reservation_minutes`` from ``now`` (the
    shopper is still active). Holds already swept are not brought back here: placing the
    order takes what is still available."""
    minutes = minutes or hold_minutes(cart.site_id)
    expires_at = (now or timezone.now()) + timedelta(minutes=minutes)
    renewed = Reservation.objects.filter(cart=cart).update(expires_at=expires_at)
    return Hold(expires_at=expires_at if renewed else None, minutes=minutes)


@transaction.atomic
def release_cart_reservations(*, cart: Cart, variant_ids=None) -> None:
    """Let go of the cart's holds (of ``variant_ids`` only, when given)."""
    cart = Cart.objects.select_for_update().get(pk=cart.pk)
    held = held_by_cart(cart=cart)
    ids = [v for v in held if variant_ids is None or v in set(variant_ids)]
    levels = lock_levels(ids)
    held = held_by_cart(cart=cart)
    for level in levels.values():
        if held.get(level.variant_id):
            _hold(level=level, held=held[level.variant_id], target=0, cart=cart, expires_at=None)


@transaction.atomic
def release_expired_reservations(*, site_id: int, now: datetime | None = None) -> int:
    """Release every hold of one store that expired by ``now``, one RELEASE ledger row per
    variant; freed units go to waiting pre-orders first. Returns the units released.

    Safe to run twice or beside a checkout: the stock rows are locked first, then the
    expired holds are read again and deleted behind the locks, so a hold just renewed or
    turned into a sale is not released.
    """
    now = now or timezone.now()
    expired = Reservation.objects.filter(site_id=site_id).expired(now=now)
    levels = lock_levels(expired.values_list("variant_id", flat=True))
    released = 0
    for level in levels.values():
        holds = list(expired.filter(variant_id=level.variant_id).select_for_update().order_by("pk"))
        units = sum(hold.quantity for hold in holds)
        if not units:
            continue
        Reservation.objects.filter(pk__in=[hold.pk for hold in holds]).delete()
        record_movement(
            level=level,
            reserved_change=-units,
            reason=StockMovement.Reason.RELEASE,
            note="Checkout hold expired",
        )
        allocate_preorders(level=level)
        released += units
    return released

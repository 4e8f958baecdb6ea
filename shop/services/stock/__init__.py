"""The one write path for stock: every change locks its row and writes a ledger line.

``ledger`` locks levels (in primary-key order) and records movements; ``movements`` holds
restocks and adjustments; ``reservations`` the checkout holds; ``preorders`` the
allocation of arriving stock to waiting pre-orders; ``reconcile`` the check of every level
against its ledger. Orders (``shop.services.orders``) and cancellations
(``shop.services.lifecycle``) move stock through the same functions.
"""

from .ledger import (
    ensure_stock_levels,
    lock_levels,
    policy_of,
    record_movement,
    stock_range_message,
    store_sold_out_choice,
)
from .movements import adjust_stock, move_stock
from .preorders import (
    allocate_preorders,
    check_preorder_limit,
    notify_preorder_allocation,
    preordered_in_cart,
    units_awaiting_stock,
)
from .reconcile import reconcile_stock, resolve_drift
from .reservations import (
    Hold,
    extend_reservations,
    held_by_cart,
    hold_minutes,
    release_cart_reservations,
    release_expired_reservations,
    reserve_cart,
)

__all__ = [
    "Hold",
    "adjust_stock",
    "allocate_preorders",
    "check_preorder_limit",
    "ensure_stock_levels",
    "extend_reservations",
    "held_by_cart",
    "hold_minutes",
    "lock_levels",
    "move_stock",
    "notify_preorder_allocation",
    "policy_of",
    "preordered_in_cart",
    "reconcile_stock",
    "record_movement",
    "release_cart_reservations",
    "release_expired_reservations",
    "reserve_cart",
    "resolve_drift",
    "stock_range_message",
    "store_sold_out_choice",
    "units_awaiting_stock",
]

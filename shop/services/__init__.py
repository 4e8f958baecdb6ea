"""Every write that matters in the shop goes through these functions."""

from .cart import add_to_cart, get_or_create_cart, remove_cart_line, update_cart_line
from .catalog import (
    VariantChange,
    archive_product,
    delete_product,
    in_use_message,
    save_variants,
    set_product_tags,
)
from .lifecycle import cancel_order, change_order_status, mark_paid, record_event, transition
from .orders import CheckoutDetails, place_order
from .product_pages import sync_product_page
from .stock import (
    Hold,
    adjust_stock,
    ensure_stock_levels,
    extend_reservations,
    move_stock,
    notify_preorder_allocation,
    reconcile_stock,
    release_expired_reservations,
    reserve_cart,
    resolve_drift,
    stock_range_message,
)

__all__ = [
    "CheckoutDetails",
    "Hold",
    "VariantChange",
    "add_to_cart",
    "adjust_stock",
    "archive_product",
    "cancel_order",
    "change_order_status",
    "delete_product",
    "ensure_stock_levels",
    "extend_reservations",
    "get_or_create_cart",
    "in_use_message",
    "mark_paid",
    "move_stock",
    "notify_preorder_allocation",
    "place_order",
    "reconcile_stock",
    "record_event",
    "release_expired_reservations",
    "remove_cart_line",
    "reserve_cart",
    "resolve_drift",
    "save_variants",
    "set_product_tags",
    "stock_range_message",
    "sync_product_page",
    "transition",
    "update_cart_line",
]

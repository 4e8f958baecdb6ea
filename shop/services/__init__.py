"""Every write that matters in the shop goes through these functions."""

from .cart import (
    add_discount_code,
    add_to_cart,
    get_or_create_cart,
    remove_cart_line,
    remove_discount_code,
    update_cart_line,
)
from .catalog import (
    VariantChange,
    archive_product,
    delete_product,
    in_use_message,
    save_variants,
    set_product_tags,
)
from .fulfilment import CARRIERS, fulfil, mark_delivered, mark_shipped, tracking_url_for
from .lifecycle import (
    add_note,
    cancel_order,
    change_order_status,
    mark_paid,
    record_event,
    transition,
)
from .orders import CheckoutDetails, place_order
from .product_pages import sync_product_page
from .refunds import REFUND_PROVIDERS, record_provider_refund, refund, refundable_amount
from .returns import approve_return, reject_return, request_return
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
    "CARRIERS",
    "REFUND_PROVIDERS",
    "CheckoutDetails",
    "Hold",
    "VariantChange",
    "add_discount_code",
    "add_note",
    "add_to_cart",
    "adjust_stock",
    "approve_return",
    "archive_product",
    "cancel_order",
    "change_order_status",
    "delete_product",
    "ensure_stock_levels",
    "extend_reservations",
    "fulfil",
    "get_or_create_cart",
    "in_use_message",
    "mark_delivered",
    "mark_paid",
    "mark_shipped",
    "move_stock",
    "notify_preorder_allocation",
    "place_order",
    "reconcile_stock",
    "record_event",
    "record_provider_refund",
    "refund",
    "refundable_amount",
    "reject_return",
    "release_expired_reservations",
    "remove_cart_line",
    "remove_discount_code",
    "request_return",
    "reserve_cart",
    "resolve_drift",
    "save_variants",
    "set_product_tags",
    "stock_range_message",
    "sync_product_page",
    "tracking_url_for",
    "transition",
    "update_cart_line",
]

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
from .lifecycle import cancel_order, change_order_status
from .orders import CheckoutDetails, place_order
from .product_pages import sync_product_page
from .stock import adjust_stock, ensure_stock_levels, move_stock, stock_range_message

__all__ = [
    "CheckoutDetails",
    "VariantChange",
    "add_to_cart",
    "adjust_stock",
    "archive_product",
    "cancel_order",
    "change_order_status",
    "delete_product",
    "ensure_stock_levels",
    "get_or_create_cart",
    "in_use_message",
    "move_stock",
    "place_order",
    "remove_cart_line",
    "save_variants",
    "set_product_tags",
    "stock_range_message",
    "sync_product_page",
    "update_cart_line",
]

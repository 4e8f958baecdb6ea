"""Every model of the shop, where Django and the other apps find them.

The data models live in ``shop.data``, at the bottom of the app; the page types live in
``shop.pages``, above the blocks and selectors they are built from, which read the data
models. This module imports both, so it sits above them all: code inside the app that the
page types depend on imports from ``shop.data``, never from here, and the imports of the
app stay free of cycles (``make lint`` checks it).
"""

from .contact_page import ContactFormField, ContactPage, ContactSubmission
from .data import (
    BackInStockRequest,
    Cart,
    CartLine,
    Fulfilment,
    FulfilmentLine,
    ImportJob,
    NewsletterSubscriber,
    Order,
    OrderEvent,
    OrderLine,
    OrderNumberSequence,
    PendingProductImage,
    PreorderAllocation,
    Product,
    ProductImage,
    ProductTag,
    ProductVariant,
    Refund,
    RefundLine,
    Reservation,
    ShippingRate,
    ShippingZone,
    StockDrift,
    StockLevel,
    StockMovement,
    StoreMenu,
    StoreSettings,
    VariantStockAlert,
)
from .pages import CategoryPage, ProductPage, StoreHomePage, StorePage

__all__ = [
    "BackInStockRequest",
    "Cart",
    "CartLine",
    "CategoryPage",
    "ContactFormField",
    "ContactPage",
    "ContactSubmission",
    "Fulfilment",
    "FulfilmentLine",
    "ImportJob",
    "NewsletterSubscriber",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderNumberSequence",
    "PendingProductImage",
    "PreorderAllocation",
    "Product",
    "ProductImage",
    "ProductPage",
    "ProductTag",
    "ProductVariant",
    "Refund",
    "RefundLine",
    "Reservation",
    "ShippingRate",
    "ShippingZone",
    "StockDrift",
    "StockLevel",
    "StockMovement",
    "StoreHomePage",
    "StoreMenu",
    "StorePage",
    "StoreSettings",
    "VariantStockAlert",
]

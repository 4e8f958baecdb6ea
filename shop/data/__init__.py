"""The shop's data: catalog, stock, carts, orders and each store's shop settings.

These models sit at the bottom of the app: selectors, blocks, page types and services read
and write them from here. Django finds them through ``shop.models``, which imports them
together with the page types (``shop.pages``) that sit above the blocks and selectors.
"""

from .alerts import BackInStockRequest, VariantStockAlert
from .campaigns import Campaign, CampaignChange, CampaignProduct
from .cart import Cart, CartLine
from .catalog import Product, ProductImage, ProductTag, ProductVariant
from .imports import ImportJob, PendingProductImage
from .invoices import Invoice, InvoiceNumberSequence
from .lifecycle import Fulfilment, FulfilmentLine, OrderEvent, Refund, RefundLine
from .navigation import StoreMenu
from .newsletter import NewsletterSubscriber
from .order_emails import OrderEmail
from .orders import Order, OrderLine, OrderNumberSequence
from .payments import Payment, PaymentSettings, StripeEvent
from .promotions import DiscountCode, Promotion, PromotionUsage
from .returns import ReturnLine, ReturnRequest
from .settings import StoreSettings
from .shipping import ShippingRate, ShippingZone
from .stock import PreorderAllocation, Reservation, StockDrift, StockLevel, StockMovement

__all__ = [
    "BackInStockRequest",
    "Campaign",
    "CampaignChange",
    "CampaignProduct",
    "Cart",
    "CartLine",
    "DiscountCode",
    "Fulfilment",
    "FulfilmentLine",
    "ImportJob",
    "Invoice",
    "InvoiceNumberSequence",
    "NewsletterSubscriber",
    "Order",
    "OrderEmail",
    "OrderEvent",
    "OrderLine",
    "OrderNumberSequence",
    "Payment",
    "PaymentSettings",
    "PendingProductImage",
    "PreorderAllocation",
    "Product",
    "ProductImage",
    "ProductTag",
    "ProductVariant",
    "Promotion",
    "PromotionUsage",
    "Refund",
    "RefundLine",
    "Reservation",
    "ReturnLine",
    "ReturnRequest",
    "ShippingRate",
    "ShippingZone",
    "StockDrift",
    "StockLevel",
    "StockMovement",
    "StoreMenu",
    "StoreSettings",
    "StripeEvent",
    "VariantStockAlert",
]

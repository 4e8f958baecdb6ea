from .cart import Cart, CartLine
from .catalog import Product, ProductImage, ProductVariant
from .orders import Order, OrderLine, OrderNumberSequence
from .settings import StoreSettings
from .stock import StockLevel, StockMovement

__all__ = [
    "Cart",
    "CartLine",
    "Order",
    "OrderLine",
    "OrderNumberSequence",
    "Product",
    "ProductImage",
    "ProductVariant",
    "StockLevel",
    "StockMovement",
    "StoreSettings",
]

# Page types live in shop.pages; importing them here registers them with Django.
from ..pages import CategoryPage, ProductPage, StoreHomePage, StorePage

__all__ += ["CategoryPage", "ProductPage", "StoreHomePage", "StorePage"]

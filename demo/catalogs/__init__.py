"""The four demo stores, as plain data (no database access).

``demo.seeding`` turns them into stores. Every SKU is unique within its store and
prices are Decimal strings in the store's currency.
"""

from .aurora import AURORA
from .fjord import FJORD
from .heritage import HERITAGE
from .maison import MAISON
from .specs import CategorySpec, HomeSpec, Palette, ProductSpec, StoreSpec, VariantSpec

STORES = (FJORD, AURORA, HERITAGE, MAISON)

__all__ = [
    "AURORA",
    "FJORD",
    "HERITAGE",
    "MAISON",
    "STORES",
    "CategorySpec",
    "HomeSpec",
    "Palette",
    "ProductSpec",
    "StoreSpec",
    "VariantSpec",
]

"""The shop's admin: its viewsets (``shop.viewsets``), its bulk delete of products, the
product form's tag suggestions, and the operator's list of stock drifts.

Its permission policies are registered in ``ShopConfig.ready()``, before any hook runs.
"""

from django.urls import path, reverse
from wagtail import hooks

from . import admin_drift
from .admin_drift import StockDriftView
from .admin_insight import InventoryInsightView, add_inventory_panel
from .admin_views import ProductDeleteBulkAction, product_tag_autocomplete
from .bulk_actions import BULK_EDITS, BulkEditFormatter
from .services.bulk import BULK_EDIT_ACTION
from .viewsets import ShopViewSetGroup, StoreMenuViewSet


@hooks.register("register_admin_viewset")
def register_shop_viewsets():
    return ShopViewSetGroup()


# After Wagtail's snippet bulk actions (order 0), so that this one replaces their delete.
hooks.register("register_bulk_action", ProductDeleteBulkAction, order=1)


@hooks.register("register_admin_viewset")
def register_store_menu_viewset():
    return StoreMenuViewSet()


@hooks.register("register_admin_urls")
def register_product_tag_autocomplete():
    return [
        path(
            "shop/product-tags/autocomplete/",
            product_tag_autocomplete,
            name="shop_product_tag_autocomplete",
        )
    ]


hooks.register("construct_homepage_panels", add_inventory_panel)


@hooks.register("register_admin_urls")
def register_stock_drift():
    return [path("shop/stock-drift/", StockDriftView.as_view(), name=admin_drift.URL_NAME)]


@hooks.register("register_settings_menu_item")
def register_stock_drift_menu_item():
    return admin_drift.OperatorMenuItem(
        "Stock drift", reverse(admin_drift.URL_NAME), name="stock-drift", icon_name="warning"
    )


@hooks.register("register_admin_urls")
def register_inventory_insight():
    return [
        path(
            "shop/inventory-insight/",
            InventoryInsightView.as_view(),
            name="shop_inventory_insight",
        )
    ]


for bulk_edit in BULK_EDITS:
    hooks.register("register_bulk_action", bulk_edit)


@hooks.register("register_log_actions")
def register_bulk_edit_log_action(actions):
    actions.register_action(BULK_EDIT_ACTION)(BulkEditFormatter)

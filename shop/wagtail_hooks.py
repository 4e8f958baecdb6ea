"""The shop's admin: its viewsets (``shop.viewsets``), its bulk delete of products, the
product form's tag suggestions, what goes live or expires next ("Coming up"), the
operator's list of stock drifts, CSV import and export, the previews of the order emails,
and the invoices of orders.

Its permission policies are registered in ``ShopConfig.ready()``, before any hook runs.
"""

from django.urls import path, reverse, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from . import (
    admin_campaigns,
    admin_coming_up,
    admin_drift,
    admin_email_previews,
    admin_invoices,
)
from .admin_drift import StockDriftView
from .admin_imports import (
    PERMISSIONS,
    ImportJobView,
    ImportMenuItem,
    ImportUploadView,
    ProductExportView,
    StockImportView,
)
from .admin_insight import InventoryInsightView, add_inventory_panel
from .admin_shipping import ShippingZoneViewSet
from .admin_views import ProductDeleteBulkAction, product_tag_autocomplete
from .bulk_actions import BULK_EDITS, BulkEditFormatter
from .data.imports import ImportJob
from .order_list import SHOP_MENU_HOOK, add_orders_to_fulfil_panel, orders_to_fulfil_menu_item
from .services.bulk import BULK_EDIT_ACTION
from .services.campaigns import CAMPAIGN_LOG_ACTIONS
from .viewsets import ShopViewSetGroup, StoreMenuViewSet


@hooks.register("register_admin_viewset")
def register_shop_viewsets():
    return ShopViewSetGroup()


# After Wagtail's snippet bulk actions (order 0), so that this one replaces their delete.
hooks.register("register_bulk_action", ProductDeleteBulkAction, order=1)


@hooks.register("register_admin_viewset")
def register_store_menu_viewset():
    return StoreMenuViewSet()


@hooks.register("register_admin_viewset")
def register_shipping_zone_viewset():
    return ShippingZoneViewSet()


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
hooks.register("construct_homepage_panels", admin_coming_up.add_coming_up_panel)
hooks.register(SHOP_MENU_HOOK, admin_coming_up.coming_up_menu_item)
hooks.register("construct_homepage_panels", add_orders_to_fulfil_panel)
hooks.register(SHOP_MENU_HOOK, orders_to_fulfil_menu_item)


@hooks.register("register_admin_urls")
def register_coming_up():
    return [
        path(
            "shop/coming-up/",
            admin_coming_up.ComingUpView.as_view(),
            name=admin_coming_up.URL_NAME,
        )
    ]


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


@hooks.register("register_log_actions")
def register_campaign_log_actions(actions):
    for action, label, message in CAMPAIGN_LOG_ACTIONS:
        actions.register_action(action, label, message)


# --- CSV import and export (shop.admin_imports) ----------------------------------------


@hooks.register("register_admin_urls")
def register_csv_import_urls():
    return [
        path("shop/products/import/", ImportUploadView.as_view(), name="shop_product_import"),
        path("shop/products/export/", ProductExportView.as_view(), name="shop_product_export"),
        path("shop/stock/import/", StockImportView.as_view(), name="shop_stock_import"),
        path("shop/imports/<int:job_id>/", ImportJobView.as_view(), name="shop_import_job"),
    ]


@hooks.register("register_admin_menu_item")
def register_csv_import_menu():
    return SubmenuMenuItem(
        "Import/export",
        Menu(
            items=[
                ImportMenuItem(
                    "Import products",
                    reverse_lazy("shop_product_import"),
                    icon_name="upload",
                    order=100,
                    permission=PERMISSIONS[ImportJob.Kind.PRODUCTS],
                ),
                ImportMenuItem(
                    "Export products",
                    reverse_lazy("shop_product_export"),
                    icon_name="download",
                    order=200,
                    permission=PERMISSIONS[ImportJob.Kind.PRODUCTS],
                ),
                ImportMenuItem(
                    "Stock take",
                    reverse_lazy("shop_stock_import"),
                    icon_name="list-ul",
                    order=300,
                    permission=PERMISSIONS[ImportJob.Kind.STOCK],
                ),
            ]
        ),
        icon_name="upload",
        name="shop-import-export",
        order=151,
    )


# --- Order email previews (shop.admin_email_previews) ------------------------------------


@hooks.register("register_admin_urls")
def register_order_email_previews():
    views = admin_email_previews
    preview = views.OrderEmailPreviewView.as_view()
    return [
        path("shop/order-emails/", views.OrderEmailIndexView.as_view(), name=views.INDEX_URL),
        path("shop/order-emails/<slug:kind>/", preview, name=views.SAMPLE_URL),
        path("shop/order-emails/<slug:kind>/<int:order_id>/", preview, name=views.ORDER_URL),
    ]


# --- Invoices and credit notes (shop.admin_invoices) ---------------------------------------


@hooks.register("register_admin_urls")
def register_invoice_views():
    return [
        path(
            "shop/invoices/",
            admin_invoices.InvoiceIndexView.as_view(),
            name=admin_invoices.INDEX_URL,
        ),
        path(
            "shop/invoices/<int:invoice_id>/",
            admin_invoices.invoice_view,
            name=admin_invoices.INVOICE_URL,
        ),
    ]


hooks.register(SHOP_MENU_HOOK, admin_invoices.invoices_menu_item)


@hooks.register("register_settings_menu_item")
def register_order_emails_menu_item():
    return admin_email_previews.OrderEmailsMenuItem(
        "Order emails",
        reverse_lazy(admin_email_previews.INDEX_URL),
        name="order-emails",
        icon_name="mail",
        order=600,
    )


# --- Campaigns (shop.admin_campaigns) --------------------------------------------------------


@hooks.register("register_admin_urls")
def register_campaign_views():
    views = admin_campaigns
    return [
        path("shop/campaigns/", views.CampaignIndexView.as_view(), name=views.INDEX_URL),
        path("shop/campaigns/new/", views.CampaignEditView.as_view(), name=views.ADD_URL),
        path("shop/campaigns/<int:pk>/", views.CampaignEditView.as_view(), name=views.EDIT_URL),
        path(
            "shop/campaigns/<int:pk>/cancel/",
            views.CampaignActionView.as_view(action="cancel"),
            name=views.CANCEL_URL,
        ),
        path(
            "shop/campaigns/<int:pk>/end/",
            views.CampaignActionView.as_view(action="end"),
            name=views.END_URL,
        ),
        path(
            "shop/campaigns/preview/",
            views.CampaignPreviewView.as_view(),
            name=views.PREVIEW_URL,
        ),
    ]


hooks.register(SHOP_MENU_HOOK, admin_campaigns.campaigns_menu_item)
hooks.register("before_edit_page", admin_campaigns.warn_of_campaigns)
hooks.register("before_edit_snippet", admin_campaigns.warn_of_campaigns)

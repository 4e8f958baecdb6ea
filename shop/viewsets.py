"""The shop's admin: products, inventory, stock history and orders, in the "Shop" menu.

Built on the store-scoped base of ``tenancy.admin``; registered in ``shop/wagtail_hooks.py``,
and the permission policies below in ``ShopConfig.ready()``. Other apps add notes to the
order screens through ``shop.order_notes.ORDER_NOTES_HOOK``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import EditView, InspectView, SnippetViewSetGroup

from tenancy.admin.forms import StoreOwnedForm
from tenancy.admin.policies import NoAddOrDeletePolicy, ViewOnlyPolicy
from tenancy.admin.viewsets import StoreCreateView, StoreScopedViewSet

from .admin_forms import StockLevelForm
from .admin_orders import OrderDetailView
from .admin_panels import product_edit_handler
from .admin_promotions import PromotionViewSet
from .admin_views import OrderCancelView, ProductDeleteView, ServiceEditView
from .exceptions import ShopError
from .models import (
    BackInStockRequest,
    NewsletterSubscriber,
    Order,
    Product,
    StockLevel,
    StockMovement,
    StoreMenu,
)
from .order_list import SHOP_MENU_HOOK, OrderFilterSet
from .order_notes import order_notes
from .product_list import ProductFilterSet, ProductIndexView
from .templatetags.shop_tags import money


def _money_column(name, label):
    return Column(name, label=label, accessor=lambda obj: money(getattr(obj, name), obj))


class ProductSaveMixin:
    """Saving the product editor: a refusal of a service (stock sold meanwhile) is shown
    on the form with nothing saved, and a stock count that moved while the merchant
    edited is said."""

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except (ShopError, ValidationError) as error:
            form.add_error(None, str(error) if isinstance(error, ShopError) else error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        for notice in form.stock_notices:
            messages.warning(self.request, notice)
        return response


class ProductCreateView(ProductSaveMixin, StoreCreateView):
    pass


class ProductEditView(ProductSaveMixin, EditView):
    pass


class ProductViewSet(StoreScopedViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    edit_handler = product_edit_handler
    add_view_class = ProductCreateView
    edit_view_class = ProductEditView
    index_view_class = ProductIndexView
    filterset_class = ProductFilterSet
    # Searched by ``ProductIndexView.search_queryset``: title, SKU and barcode.
    search_fields = ["title"]
    inspect_view_enabled = True
    delete_view_class = ProductDeleteView
    delete_template_name = ProductDeleteView.template_name


class StockLevelViewSet(StoreScopedViewSet):
    model = StockLevel
    icon = "list-ul"
    menu_label = "Inventory"
    list_display = [
        "__str__",
        Column("sku", label="SKU", accessor=lambda level: level.variant.sku),
        "on_hand",
        "reserved",
        "policy",
    ]
    search_fields = ["variant__sku", "variant__product__title"]
    edit_view_class = ServiceEditView
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("policy"), FieldPanel("low_stock_threshold")]),
            MultiFieldPanel(
                [FieldPanel("change"), FieldPanel("reason"), FieldPanel("note")],
                heading="Record a stock movement",
            ),
        ],
        base_form_class=StockLevelForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("variant__product")


class StockMovementViewSet(StoreScopedViewSet):
    model = StockMovement
    icon = "history"
    menu_label = "Stock history"
    list_display = [
        "__str__",
        "quantity",
        "balance_after",
        "reason",
        "created_at",
    ]
    list_filter = ["reason"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("variant__product")


# In an order's inspect fields: where the notes of other apps go, one row per note.
ORDER_NOTES_FIELD = "order_notes"


class OrderInspectView(InspectView):
    def get_fields_context(self):
        rows = []
        for name in self.fields:
            if name == ORDER_NOTES_FIELD:
                rows += [
                    {"label": note.label, "value": note.inspect_value, "component": None}
                    for note in order_notes(self.object)
                ]
            else:
                rows.append(self.get_context_for_field(name))
        return rows

    def get_lines_display_value(self):
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} × {} {} ({}) – {}</li>",
                (
                    (
                        line.quantity,
                        line.product_title,
                        line.variant_label,
                        line.sku,
                        money(line.line_total, self.object),
                    )
                    for line in self.object.lines.all()
                ),
            ),
        )

    def get_total_display_value(self):
        return money(self.object.total, self.object)


class OrderViewSet(StoreScopedViewSet):
    """Orders: the list (with "Orders to fulfil", ``shop.order_list``), the order's screen
    in place of an edit form (``shop.admin_orders``), its cancellation, and a read-only
    inspect view."""

    model = Order
    icon = "list-ol"
    menu_label = "Orders"
    # The order's screen edits no field of the order: every change is an action of the
    # lifecycle services, each with its own small form.
    panels = []
    inspect_view_class = OrderInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "number",
        "status",
        "placed_at",
        "name",
        "email",
        "phone",
        "shipping_address",
        "payment_method",
        ORDER_NOTES_FIELD,
        "lines",
        "total",
        "note",
    ]
    list_display = [
        "__str__",
        "name",
        "email",
        Column("status", label="Status", accessor="status_label"),
        _money_column("total", "Total"),
        "placed_at",
    ]
    filterset_class = OrderFilterSet
    search_fields = ["email", "name"]

    @property
    def edit_view(self):
        return self.construct_view(
            OrderDetailView,
            index_url_name=self.get_url_name("list"),
            edit_url_name=self.get_url_name("edit"),
            cancel_url_name=self.get_url_name("cancel"),
        )

    @property
    def cancel_view(self):
        return self.construct_view(
            OrderCancelView,
            index_url_name=self.get_url_name("list"),
            edit_url_name=self.get_url_name("edit"),
            cancel_url_name=self.get_url_name("cancel"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<str:pk>/", self.cancel_view, name="cancel"),
        ]


class NewsletterSubscriberViewSet(StoreScopedViewSet):
    """The store's newsletter list with the consent each shopper gave: view and export
    only (rows come from the sign-up form, through ``shop.services.newsletter``)."""

    model = NewsletterSubscriber
    icon = "mail"
    menu_label = "Newsletter"
    list_display = ["email", "created_at", "source_page"]
    list_export = ["email", "consent_text", "consented_at", "source_page", "created_at"]
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source_page")


class BackInStockRequestViewSet(StoreScopedViewSet):
    """Shoppers waiting to hear that a sold-out variant is back, by variant: view, search
    and export only (rows come from the product page's form, emails go when it is back)."""

    model = BackInStockRequest
    icon = "mail"
    menu_label = "Back in stock requests"
    list_display = [
        Column("variant", label="Variant", accessor=lambda row: str(row.variant)),
        Column("sku", label="SKU", accessor=lambda row: row.variant.sku),
        "email",
        "created_at",
        Column(
            "notified_at",
            label="Emailed",
            accessor=lambda row: (
                date_format(localtime(row.notified_at), "DATETIME_FORMAT")
                if row.notified_at
                else "Waiting"
            ),
        ),
    ]
    list_export = ["variant", "email", "created_at", "notified_at"]
    export_filename = "back-in-stock-requests"
    search_fields = ["email", "variant__sku", "variant__product__title"]
    inspect_view_enabled = True
    # Named, read-only: a form of every field would query the variants' default manager
    # when the admin URLs are built, where no store scope is open.
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel("notified_at", read_only=True),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("variant__product")
            .order_by("variant__product__title", "variant__sort_order", "variant", "created_at")
        )


class ShopViewSetGroup(SnippetViewSetGroup):
    menu_label = "Shop"
    # "Orders to fulfil" joins the group's menu through this hook (``shop.order_list``).
    submenu_hook = SHOP_MENU_HOOK
    menu_icon = "tag"
    menu_order = 150
    items = (
        ProductViewSet,
        StockLevelViewSet,
        StockMovementViewSet,
        OrderViewSet,
        PromotionViewSet,
        NewsletterSubscriberViewSet,
        BackInStockRequestViewSet,
    )


# Registered in ``ShopConfig.ready()``. Orders and stock rows are made by the system (at
# checkout, by the stock service); the stock ledger is append-only.
PERMISSION_POLICIES = {
    Order: NoAddOrDeletePolicy,
    StockLevel: NoAddOrDeletePolicy,
    StockMovement: ViewOnlyPolicy,
    NewsletterSubscriber: ViewOnlyPolicy,
    BackInStockRequest: ViewOnlyPolicy,
}


class StoreMenuViewSet(StoreScopedViewSet):
    """The store's header and footer menus, under Settings, previewed on the home page."""

    model = StoreMenu
    icon = "list-ul"
    menu_label = "Menus"
    add_to_settings_menu = True
    list_display = ["__str__", "location"]
    edit_handler = ObjectList(StoreMenu.panels, base_form_class=StoreOwnedForm)

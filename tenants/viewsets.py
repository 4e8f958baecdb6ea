"""Store-scoped admin for store-owned models (catalog, stock, orders, clients, tickets).

Isolation comes from two layers: the store scope opened by ``AdminStoreMiddleware``
restricts every default-manager lookup these views make (so another store's id is a 404),
and ``get_queryset`` filters listings explicitly.
"""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import (
    CreateView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from crm_bridge.models import Client, Ticket
from shop.admin_forms import OrderForm, ProductForm, StockLevelForm, StoreOwnedForm
from shop.models import Order, Product, StockLevel, StockMovement
from shop.templatetags.shop_tags import money
from tenancy.request import admin_site_ids, store_access

from .shop_admin_views import OrderCancelView, OrderEditView, ProductDeleteView, ServiceEditView


class SystemRecordPolicy(ModelPermissionPolicy):
    """Rows the system makes (orders, clients, stock rows): nobody adds or deletes them here."""

    blocked = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.blocked and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.blocked])


class LedgerPolicy(SystemRecordPolicy):
    """The stock ledger is append-only: it can only be viewed."""

    blocked = frozenset({"add", "change", "delete"})


class StoreCreateView(CreateView):
    """Creates rows in the merchant's active store."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        stores = store_access(self.request).stores
        if stores and issubclass(self.get_form_class(), StoreOwnedForm):
            kwargs["store_site"] = stores[0].site
        return kwargs


class StoreScopedViewSet(SnippetViewSet):
    add_view_class = StoreCreateView
    # Search the listed ``search_fields`` with the ORM: one store's rows are few, related
    # fields work, and the SQLite search backend cannot search named fields at all.
    search_backend_name = None

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        site_ids = admin_site_ids(request)
        return queryset if site_ids is None else queryset.filter(site_id__in=site_ids)


def _money_column(name, label):
    return Column(name, label=label, accessor=lambda obj: money(getattr(obj, name), obj.currency))


class ProductViewSet(StoreScopedViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    edit_handler = ObjectList(Product.panels, base_form_class=ProductForm)
    list_display = ["title", "status", "product_type", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "vendor", "product_type"]
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
        "allow_oversell",
    ]
    search_fields = ["variant__sku", "variant__product__title"]
    edit_view_class = ServiceEditView
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("allow_oversell"), FieldPanel("low_stock_threshold")]),
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


SAME_AS_RECORD = "Same as the client record"


def contact_context(ticket) -> dict:
    """The "contact details differ" note of a ticket's order, and where the client is."""
    if ticket is None:
        return {"contact_differences": []}
    return {
        "contact_differences": ticket.contact_differences,
        "client_url": reverse("wagtailsnippets_crm_bridge_client:edit", args=[ticket.client_id]),
    }


class OrderLinesPanel(Panel):
    """The order's lines, totals and customer, read-only, on the order's edit screen."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "tenants/admin/order_lines_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["order"] = self.instance
            context["lines"] = self.instance.lines.all()
            ticket = Ticket.objects.filter(order=self.instance).select_related("client").first()
            context.update(contact_context(ticket))
            return context


class ContactDifferencesPanel(Panel):
    """On a ticket's edit screen: its order's contact details that the client record lacks."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "tenants/admin/contact_differences.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(contact_context(self.instance if self.instance.pk else None))
            return context

        def is_shown(self):
            return bool(self.instance.pk and self.instance.contact_differences)


class OrderInspectView(InspectView):
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
                        money(line.line_total, self.object.currency),
                    )
                    for line in self.object.lines.all()
                ),
            ),
        )

    def get_total_display_value(self):
        return money(self.object.total, self.object.currency)

    def get_contact_differences_display_value(self):
        ticket = Ticket.objects.filter(order=self.object).select_related("client").first()
        note = render_to_string("tenants/admin/contact_differences.html", contact_context(ticket))
        return note if note.strip() else SAME_AS_RECORD

    def get_field_label(self, field_name, field):
        if field_name == "contact_differences":
            return "Contact details"
        return super().get_field_label(field_name, field)


class OrderViewSet(StoreScopedViewSet):
    model = Order
    icon = "list-ol"
    menu_label = "Orders"
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
        "contact_differences",
        "lines",
        "total",
        "note",
    ]
    list_display = [
        "__str__",
        "name",
        "email",
        "status",
        _money_column("total", "Total"),
        "placed_at",
    ]
    list_filter = ["status"]
    search_fields = ["email", "name"]
    edit_view_class = OrderEditView
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("status"), FieldPanel("placed_at", read_only=True)]),
            OrderLinesPanel(heading="Items and customer"),
            FieldPanel("note"),
        ],
        base_form_class=OrderForm,
    )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(cancel_url_name=self.get_url_name("cancel"), **kwargs)

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


class ClientInspectView(InspectView):
    def get_tickets_display_value(self):
        return ", ".join(str(ticket) for ticket in self.object.tickets.all()) or "-"

    def get_total_spent_display_value(self):
        return money(self.object.total_spent, self.object.currency or "EUR")


class ClientViewSet(StoreScopedViewSet):
    model = Client
    icon = "user"
    menu_label = "Clients"
    inspect_view_class = ClientInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "email",
        "phone",
        "orders_count",
        "total_spent",
        "last_order_at",
        "tickets",
        "notes",
    ]
    list_display = ["__str__", "email", "orders_count", "total_spent", "last_order_at"]
    search_fields = ["email", "name"]


class TicketInspectView(InspectView):
    def get_contact_differences_display_value(self):
        note = render_to_string(
            "tenants/admin/contact_differences.html", contact_context(self.object)
        )
        return note if note.strip() else SAME_AS_RECORD

    def get_field_label(self, field_name, field):
        if field_name == "contact_differences":
            return "Contact details"
        return super().get_field_label(field_name, field)


class TicketViewSet(StoreScopedViewSet):
    model = Ticket
    icon = "help"
    menu_label = "Tickets"
    inspect_view_enabled = True
    inspect_view_class = TicketInspectView
    inspect_view_fields = ["subject", "client", "order", "status", "contact_differences", "notes"]
    panels = [
        ContactDifferencesPanel(heading="Contact details"),
        FieldPanel("subject"),
        FieldPanel("status"),
        FieldPanel("notes"),
    ]
    list_display = ["subject", "client", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["subject"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("client")


class ShopViewSetGroup(SnippetViewSetGroup):
    menu_label = "Shop"
    menu_icon = "tag"
    menu_order = 150
    items = (ProductViewSet, StockLevelViewSet, StockMovementViewSet, OrderViewSet)


class CrmViewSetGroup(SnippetViewSetGroup):
    menu_label = "CRM"
    menu_icon = "group"
    menu_order = 160
    items = (ClientViewSet, TicketViewSet)


PERMISSION_POLICIES = {
    Order: SystemRecordPolicy,
    Client: SystemRecordPolicy,
    StockLevel: SystemRecordPolicy,
    StockMovement: LedgerPolicy,
    Ticket: SystemRecordPolicy,
}

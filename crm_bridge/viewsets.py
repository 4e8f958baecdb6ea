"""The CRM's admin: clients and tickets, in the "CRM" menu, and the ticket's "contact
details differ" note, shown on the ticket's screens and, through the shop's
``ORDER_NOTES_HOOK``, on its order's.

Built on the store-scoped base of ``tenancy.admin``; registered in
``crm_bridge/wagtail_hooks.py``, and the permission policies below in
``CrmBridgeConfig.ready()``.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import InspectView, SnippetViewSetGroup

from shop.money import MoneyFormat
from shop.order_notes import OrderLink, OrderNote
from shop.selectors import store_settings
from shop.templatetags.shop_tags import money
from tenancy.admin.policies import NoAddOrDeletePolicy
from tenancy.admin.viewsets import StoreScopedViewSet

from .models import Client, Ticket

CONTACT_DIFFERENCES_TEMPLATE = "crm_bridge/admin/contact_differences.html"
CONTACT_DETAILS = "Contact details"
SAME_AS_RECORD = "Same as the client record"


def contact_context(ticket) -> dict:
    """The "contact details differ" note of a ticket's order, and where the client is."""
    if ticket is None:
        return {"contact_differences": []}
    return {
        "contact_differences": ticket.contact_differences,
        "client_url": reverse("wagtailsnippets_crm_bridge_client:edit", args=[ticket.client_id]),
    }


def order_contact_note(order) -> OrderNote:
    """The ``ORDER_NOTES_HOOK`` answer: the note of the order's ticket (blank when the
    details match the client record, or the order has no ticket), and links to the
    ticket's client and to the ticket."""
    ticket = Ticket.objects.filter(order=order).select_related("client").first()
    links = ()
    if ticket is not None:
        links = (
            OrderLink(
                label=f"Client: {ticket.client}",
                url=reverse("wagtailsnippets_crm_bridge_client:edit", args=[ticket.client_id]),
                icon="user",
            ),
            OrderLink(
                label=f"Ticket: {ticket}",
                url=reverse("wagtailsnippets_crm_bridge_ticket:edit", args=[ticket.pk]),
                icon="help",
            ),
        )
    return OrderNote(
        label=CONTACT_DETAILS,
        html=render_to_string(CONTACT_DIFFERENCES_TEMPLATE, contact_context(ticket)),
        blank_text=SAME_AS_RECORD,
        links=links,
    )


class ContactDifferencesPanel(Panel):
    """On a ticket's edit screen: its order's contact details that the client record lacks."""

    class BoundPanel(Panel.BoundPanel):
        template_name = CONTACT_DIFFERENCES_TEMPLATE

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(contact_context(self.instance if self.instance.pk else None))
            return context

        def is_shown(self):
            return bool(self.instance.pk and self.instance.contact_differences)


def total_spent(client: Client) -> str:
    """What the client spent, written the store's way: in the currency of their orders
    (the store's, before their first) and the store's locale (ADR 40)."""
    store = store_settings(client.site)
    return money(client.total_spent, MoneyFormat(client.currency or store.currency, store.locale))


class ClientInspectView(InspectView):
    def get_tickets_display_value(self):
        return ", ".join(str(ticket) for ticket in self.object.tickets.all()) or "-"

    def get_total_spent_display_value(self):
        return total_spent(self.object)


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
    list_display = [
        "__str__",
        "email",
        "orders_count",
        Column("total_spent", label="Total spent", accessor=total_spent, sort_key="total_spent"),
        "last_order_at",
    ]
    search_fields = ["email", "name"]


class TicketInspectView(InspectView):
    def get_contact_differences_display_value(self):
        note = render_to_string(CONTACT_DIFFERENCES_TEMPLATE, contact_context(self.object))
        return note if note.strip() else SAME_AS_RECORD

    def get_field_label(self, field_name, field):
        if field_name == "contact_differences":
            return CONTACT_DETAILS
        return super().get_field_label(field_name, field)


class TicketViewSet(StoreScopedViewSet):
    model = Ticket
    icon = "help"
    menu_label = "Tickets"
    inspect_view_enabled = True
    inspect_view_class = TicketInspectView
    inspect_view_fields = [
        "subject",
        "kind",
        "client",
        "order",
        "variant",
        "status",
        "contact_differences",
        "notes",
    ]
    panels = [
        ContactDifferencesPanel(heading=CONTACT_DETAILS),
        FieldPanel("subject"),
        FieldPanel("status"),
        FieldPanel("notes"),
    ]
    list_display = ["subject", "kind", "client", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("client", "variant__product")


class CrmViewSetGroup(SnippetViewSetGroup):
    menu_label = "CRM"
    menu_icon = "group"
    menu_order = 160
    items = (ClientViewSet, TicketViewSet)


# Registered in ``CrmBridgeConfig.ready()``: clients and tickets are made from orders.
PERMISSION_POLICIES = {
    Client: NoAddOrDeletePolicy,
    Ticket: NoAddOrDeletePolicy,
}

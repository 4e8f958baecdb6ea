"""Inventory insight in the admin: a panel on the store's dashboard (health score, the
variants running low) and a report of every tracked variant (``shop.inventory_insight``).

Shown to the store's staff who may see its inventory (``shop.view_stocklevel``), in the
active store only; an operator, who works across stores, gets neither.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.request import store_access

from . import inventory_insight

PANEL_ROWS = 8
PERMISSION = "shop.view_stocklevel"


def active_site_id(request) -> int | None:
    """The site of the store the merchant works in, if they may see its inventory."""
    store = store_access(request).active
    if store is None or not request.user.has_perm(PERMISSION):
        return None
    return store.site_id


class InventoryInsightPanel(Component):
    name = "inventory_insight"
    order = 90
    template_name = "shop/admin/inventory_insight_panel.html"

    def __init__(self, site_id: int):
        self.site_id = site_id

    def get_context_data(self, parent_context=None):
        insight = inventory_insight.inventory_insight(site_id=self.site_id)
        return {
            "health": insight.health,
            "low_stock": insight.low_stock[:PANEL_ROWS],
            "more_low": max(0, len(insight.low_stock) - PANEL_ROWS),
            "report_url": reverse("shop_inventory_insight"),
        }


class InventoryInsightView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shop/admin/inventory_insight.html"
    page_title = "Inventory insight"
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        self.site_id = active_site_id(request)
        if self.site_id is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        insight = inventory_insight.inventory_insight(site_id=self.site_id)
        return super().get_context_data(
            health=insight.health,
            variants=insight.by_urgency,
            formulas={
                "short": inventory_insight.SHORT_DAYS,
                "long": inventory_insight.LONG_DAYS,
                "lead": inventory_insight.LEAD_DAYS,
                "cover": inventory_insight.COVER_DAYS,
                "recent_weight": inventory_insight.RECENT_WEIGHT,
                "overstock": inventory_insight.OVERSTOCK_DAYS,
            },
            **kwargs,
        )


def add_inventory_panel(request, panels):
    """``construct_homepage_panels``: the panel, for merchants who may see the inventory."""
    site_id = active_site_id(request)
    if site_id is not None:
        panels.append(InventoryInsightPanel(site_id))

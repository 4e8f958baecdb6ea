""" "Coming up": what goes live or expires next in the merchant's active store (pages, the
theme, promotions, any model with drafts: ``tenancy.coming_up``), as a panel on the
store's dashboard and a page under the Shop menu. Times are the store's own
(``shop.middleware.StoreTimeZoneMiddleware``), with its zone named.

Shown to the staff of the active store only; an operator, who works across stores, gets
neither. Each row links to its edit view when the person may edit it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.coming_up import ComingUp, coming_up
from tenancy.request import store_access

URL_NAME = "shop_coming_up"
PANEL_ROWS = 6
# The page lists this many changes at most, soonest first.
PAGE_ROWS = 500


@dataclass(frozen=True)
class Row:
    item: ComingUp
    edit_url: str | None


def active_site_id(request) -> int | None:
    store = store_access(request).active
    return store.site_id if store is not None else None


def _rows(request, site_id: int, limit: int) -> list[Row]:
    finder = AdminURLFinder(request.user)
    return [
        Row(item, finder.get_edit_url(item.obj))
        for item in coming_up(site_id=site_id, limit=limit + 1)
    ]


def _context(request, site_id: int, limit: int) -> dict:
    rows = _rows(request, site_id, limit)
    return {
        "rows": rows[:limit],
        "more": len(rows) > limit,
        "zone": timezone.get_current_timezone_name(),
        "list_url": reverse(URL_NAME),
    }


class ComingUpPanel(Component):
    name = "coming_up"
    order = 70
    template_name = "shop/admin/coming_up_panel.html"

    def __init__(self, site_id: int):
        self.site_id = site_id

    def get_context_data(self, parent_context=None):
        return _context(parent_context["request"], self.site_id, PANEL_ROWS)


class ComingUpView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "shop/admin/coming_up.html"
    page_title = "Coming up"
    header_icon = "time"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        self.site_id = active_site_id(request)
        if self.site_id is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**_context(self.request, self.site_id, PAGE_ROWS), **kwargs)


class ComingUpMenuItem(MenuItem):
    def is_shown(self, request):
        return active_site_id(request) is not None


def coming_up_menu_item():
    return ComingUpMenuItem(
        "Coming up", reverse(URL_NAME), name="coming-up", icon_name="time", order=6
    )


def add_coming_up_panel(request, panels):
    """``construct_homepage_panels``: for the staff of the active store."""
    site_id = active_site_id(request)
    if site_id is not None:
        panels.append(ComingUpPanel(site_id))

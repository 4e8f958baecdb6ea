"""The Wagtail hooks that narrow Wagtail's shared screens to the request's store.

Wagtail imports only ``tenants.wagtail_hooks``; it imports this module, which registers
these hooks as it loads.
"""

from wagtail import hooks

from tenancy.request import admin_site_ids

from .dashboard import use_store_panels
from .media import in_store_collections
from .scope import in_trees, root_paths

# Menu names of Wagtail's reports that span every store (their views are refused to
# merchants by ``guards.PLATFORM_ONLY_VIEWS``).
CROSS_STORE_REPORTS = frozenset({"site-history", "page-types-usage"})


def _in_store_trees(pages, request):
    site_ids = admin_site_ids(request)
    return pages if site_ids is None else pages.filter(in_trees(root_paths(site_ids)))


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_store(pages, request):
    """Merchants choose pages of their active store only."""
    return _in_store_trees(pages, request)


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_to_store(parent_page, pages, request):
    """The explorer lists pages of the merchant's active store only, even for people who
    hold page permissions in several stores."""
    return _in_store_trees(pages, request)


@hooks.register("construct_reports_menu")
def hide_cross_store_reports(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name not in CROSS_STORE_REPORTS]


@hooks.register("construct_homepage_panels")
def scope_dashboard_panels(request, panels):
    use_store_panels(panels)


hooks.register("construct_image_chooser_queryset", in_store_collections)
hooks.register("construct_document_chooser_queryset", in_store_collections)

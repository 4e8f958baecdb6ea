from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from tenancy.content_choices import STORE_COLLECTION_HOOK
from tenancy.request import admin_site_ids, store_access

from . import account_views, admin_views
from .admin_scoping.dashboard import use_store_panels
from .admin_scoping.media import in_store_collections
from .admin_scoping.pages import StorePageViewSet
from .admin_scoping.policies import register_store_permission_policies
from .admin_scoping.scope import in_trees, root_paths
from .log_formatters import FORMATTERS
from .models import Store
from .operator_views import PlatformOperatorPolicy, StoreViewSet
from .roles import Role
from .services import REACTIVATE_ACTION, SUSPEND_ACTION

register_permission_policy(Store, PlatformOperatorPolicy(Store))
register_store_permission_policies()


@hooks.register("register_admin_viewset")
def register_store_viewsets():
    # StorePageViewSet replaces Wagtail's default page viewset, registered before (order -1).
    return [StoreViewSet(), StorePageViewSet()]


@hooks.register("register_log_actions")
def register_store_log_actions(actions):
    actions.register_action(SUSPEND_ACTION, "Suspend store", "Store suspended")
    actions.register_action(REACTIVATE_ACTION, "Reactivate store", "Store reactivated")
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)


@hooks.register("register_admin_urls")
def register_store_area_urls():
    return [
        path("store/", include((admin_views.urlpatterns, "store"), namespace="store")),
        path(
            "account/email/", include((account_views.urlpatterns, "account"), namespace="account")
        ),
    ]


@hooks.register("register_account_settings_panel")
def register_email_panel(request, user, profile):
    return account_views.EmailSettingsPanel(request, user, profile)


@hooks.register("insert_global_admin_css")
def store_area_css():
    return format_html('<link rel="stylesheet" href="{}">', static("tenants/admin.css"))


class ActiveStoreMenuItem(MenuItem):
    """The merchant's active store, first in the menu; opens the store area."""

    def is_shown(self, request):
        return store_access(request).active is not None


class OwnerMenuItem(MenuItem):
    """A menu item of the store area that only the active store's owners see."""

    def is_shown(self, request):
        return store_access(request).role == Role.OWNER


@hooks.register("construct_main_menu")
def show_active_store_in_menu(request, menu_items):
    store = store_access(request).active
    if store is not None:
        menu_items.insert(
            0,
            ActiveStoreMenuItem(
                store.name, reverse("store:home"), name="active-store", icon_name="site", order=1
            ),
        )


@hooks.register("register_settings_menu_item")
def register_staff_menu_item():
    return OwnerMenuItem("Staff", reverse("store:staff"), name="store-staff", icon_name="group")


@hooks.register("register_settings_menu_item")
def register_activity_menu_item():
    return OwnerMenuItem(
        "Store activity", reverse("store:activity"), name="store-activity", icon_name="history"
    )


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


# Menu names of Wagtail's reports that span every store (refused by AdminStoreMiddleware).
CROSS_STORE_REPORTS = frozenset({"site-history", "page-types-usage"})


@hooks.register("construct_reports_menu")
def hide_cross_store_reports(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name not in CROSS_STORE_REPORTS]


@hooks.register("construct_homepage_panels")
def scope_dashboard_panels(request, panels):
    use_store_panels(panels)


hooks.register("construct_image_chooser_queryset", in_store_collections)
hooks.register("construct_document_chooser_queryset", in_store_collections)


@hooks.register(STORE_COLLECTION_HOOK)
def collection_of_store(site):
    """The store's collection, for the checks of images and documents chosen into content."""
    store = Store.objects.select_related("collection").filter(site_id=site.pk).first()
    return store.collection if store is not None else None

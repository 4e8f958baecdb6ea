"""tenants' own admin: the store area (home, staff, activity) and its menu items, the
account's email panel, the store log actions, the operator's store list and the admin CSS.

The scoping of Wagtail's own shared screens to the request's store lives in
``tenants.admin_scoping``, whose docstring lists every override. Wagtail imports only this
module of ours, so it imports the package's ``wagtail_hooks``, which registers its hooks.
"""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from shop.order_emails import MERCHANT_ADDRESSES_HOOK
from tenancy.content_choices import STORE_COLLECTION_HOOK
from tenancy.request import store_access

from . import account_views, admin_views
from .admin_scoping import wagtail_hooks as admin_scoping_hooks  # noqa: F401 (registers them)
from .admin_scoping.pages import StorePageViewSet
from .log_formatters import FORMATTERS
from .models import Store
from .operator_views import StoreViewSet
from .roles import Role
from .selectors import owner_addresses
from .services import REACTIVATE_ACTION, SUSPEND_ACTION


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


@hooks.register(STORE_COLLECTION_HOOK)
def collection_of_store(site):
    """The store's collection, for the checks of images and documents chosen into content."""
    store = Store.objects.select_related("collection").filter(site_id=site.pk).first()
    return store.collection if store is not None else None


# A store without a contact email has its new-order emails sent to its owners.
hooks.register(MERCHANT_ADDRESSES_HOOK, owner_addresses)

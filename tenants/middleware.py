from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import CollectionMember, Page, TaskState

from domains import resolver
from tenancy.request import (
    OPERATOR_ACCESS,
    StoreAccess,
    admin_site_ids,
    record_store_access,
    store_access,
    store_site,
)
from tenancy.scope import all_stores, store_scope

from .auth_backends import active_store
from .models import Store
from .selectors import stores_of

ADMIN_PREFIX = "/admin/"

# Wagtail admin views that list rows of every store and cannot be scoped to one: site
# history, page-type reports, form listings and the admin API's image and document
# endpoints. Platform operators only.
PLATFORM_ONLY_VIEWS = frozenset(
    {
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
        "wagtailadmin_pages:type_use",
        "wagtailadmin_pages:type_use_results",
        "wagtailforms:index",
        "wagtailforms:index_results",
        "wagtailadmin_api:images:listing",
        "wagtailadmin_api:images:detail",
        "wagtailadmin_api:images:find",
        "wagtailadmin_api:documents:listing",
        "wagtailadmin_api:documents:detail",
        "wagtailadmin_api:documents:find",
    }
)
# URL namespaces of admin areas for platform operators only: the store list, and workflows
# and their tasks (global, named after the stores they serve; merchants never manage them).
PLATFORM_ONLY_NAMESPACES = ("stores:", "wagtailadmin_workflows:")
# Admin views addressed by page ids. Some show the page before checking any permission
# (the chooser's browse view, the move confirmation), so a merchant may name only pages of
# their own stores, or the tree root.
PAGE_VIEW_PREFIXES = ("wagtailadmin_pages:", "wagtailadmin_explore", "wagtailadmin_choose_page")
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")
# Page views naming pages in the query string too (``?id=``).
PAGE_ID_QUERY_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})
# Admin views addressed by a site id (site settings): the active store's site only, even
# for people who hold settings permissions in several stores.
SITE_VIEW_PREFIXES = ("wagtailsettings:",)
# Wagtail lists every object a bulk action names, by title, including those the user may
# not act on: a merchant may name objects of their active store only.
BULK_ACTION_VIEW = "wagtail_bulk_action"


SUSPENDED_RETRY_AFTER = 60 * 60
STATUS_TIMEOUT = 60 * 60


class SuspendedStoreMiddleware:
    """Answer every storefront request of a suspended store with its holding page (503).

    Runs after ``domains.middleware.HostSiteMiddleware`` (which records the request's store,
    ``tenancy.request.store_site``) and after WhiteNoise, so static files still load. Covers pages,
    cart and checkout alike: a suspended store takes no orders. The store's status is
    cached per site under the routing generation, which ``suspend_store`` and
    ``reactivate_store`` bump.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = store_site(request)
        if site is None or _is_asset(request):
            return self.get_response(request)
        status, name = _store_status(site.pk)
        if status == Store.Status.SUSPENDED:
            return suspended_store_response(name)
        return self.get_response(request)


def _is_asset(request) -> bool:
    return request.path_info.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def _store_status(site_id: int) -> tuple[str, str]:
    """(status, name) of the site's store; ("", "") when the site is no store."""
    key = f"tenants:store-status:{resolver.generation()}:{site_id}"
    cached = cache.get(key)
    if cached is None:
        row = Store.objects.filter(site_id=site_id).values_list("status", "name").first()
        cached = tuple(row) if row else ("", "")
        cache.set(key, cached, timeout=STATUS_TIMEOUT)
    return tuple(cached)


def suspended_store_response(name: str) -> HttpResponse:
    response = HttpResponse(
        render_to_string("tenants/store_suspended.html", {"store_name": name}), status=503
    )
    response["Retry-After"] = str(SUSPENDED_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


ACTIVE_STORE_SESSION_KEY = "tenants.active_store"


class AdminStoreMiddleware:
    """Open the active store's scope for a merchant's admin requests.

    A merchant (any staff user who is not a superuser) works in one store at a time: the
    one chosen with the store switcher (kept in the session), or the first of their stores
    by name. Every store-owned default manager is restricted to that store's site, and
    their model permissions are those of their role there (``StoreRoleBackend``).
    Superusers are platform operators and see every store.

    Records the request's ``tenancy.request.StoreAccess`` (the merchant's stores with their
    roles, the active store and role; the operator's access to every store), which
    ``tenancy.request.store_access`` and ``admin_site_ids`` read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_operator_admin_request(request):
            record_store_access(request, OPERATOR_ACCESS)
            with all_stores():
                return self.get_response(request)
        if not _is_merchant_admin_request(request):
            return self.get_response(request)
        stores = stores_of(request.user)
        active = _chosen_store(request, stores)
        access = StoreAccess(
            member_stores=tuple(stores),
            active=active,
            role=active.role if active is not None else None,
        )
        record_store_access(request, access)
        if active is None:
            with store_scope([]):
                return self.get_response(request)
        with store_scope([active.site_id]), active_store(active, user=request.user):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Refuse merchants the admin views Wagtail does not scope to a site."""
        if not _is_merchant_admin_request(request):
            return None
        view_name = request.resolver_match.view_name
        if view_name in PLATFORM_ONLY_VIEWS or view_name.startswith(PLATFORM_ONLY_NAMESPACES):
            raise PermissionDenied
        active = store_access(request).active
        if view_name == "wagtailadmin_explore_root" and active is not None:
            return redirect("wagtailadmin_explore", active.site.root_page_id)
        if view_name.startswith(PAGE_VIEW_PREFIXES):
            page_ids = [view_kwargs[name] for name in PAGE_ID_KWARGS if name in view_kwargs]
            if view_name in PAGE_ID_QUERY_VIEWS:
                page_ids += request.GET.getlist("id")
            if not all(_in_active_tree(request, page_id) for page_id in page_ids):
                raise Http404
            if "task_id" in view_kwargs and not _is_task_of_page(**view_kwargs):
                raise Http404
        site_id = view_kwargs.get("pk") if view_name.startswith(SITE_VIEW_PREFIXES) else None
        if site_id is not None and int(site_id) not in admin_site_ids(request):
            raise Http404
        if view_name == BULK_ACTION_VIEW and not _bulk_action_stays_in_stores(
            request, **view_kwargs
        ):
            raise Http404
        return None


def _chosen_store(request, stores: list[Store]) -> Store | None:
    """The store picked with the switcher if the user is still on its staff, else the first."""
    chosen = request.session.get(ACTIVE_STORE_SESSION_KEY)
    return next((store for store in stores if store.pk == chosen), stores[0] if stores else None)


def choose_store(request, store: Store) -> None:
    """Make ``store`` the merchant's active store for their next requests."""
    request.session[ACTIVE_STORE_SESSION_KEY] = store.pk


def _is_merchant_admin_request(request) -> bool:
    user = getattr(request, "user", None)
    return (
        request.path_info.startswith(ADMIN_PREFIX)
        and user is not None
        and user.is_authenticated
        and not user.is_superuser
    )


def _is_operator_admin_request(request) -> bool:
    user = getattr(request, "user", None)
    return (
        request.path_info.startswith(ADMIN_PREFIX)
        and user is not None
        and user.is_authenticated
        and user.is_superuser
    )


def _in_active_tree(request, page_id) -> bool:
    """Whether the page is the tree root or inside the merchant's active store."""
    if not str(page_id).isdigit():
        return False
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    return path is not None and _is_active_tree_path(request, path)


def _is_active_tree_path(request, path) -> bool:
    return len(path) == Page.steplen or any(
        path.startswith(store.site.root_page.path) for store in store_access(request).stores
    )


def _is_task_of_page(*, task_id, page_id, **kwargs) -> bool:
    """Whether the workflow task has moderated the page (Wagtail names the task, whatever
    it is, in its message when the page is not awaiting it)."""
    return TaskState.objects.filter(
        task_id=task_id,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(page_id),
    ).exists()


def _bulk_action_stays_in_stores(request, *, app_label, model_name, action) -> bool:
    """Whether every object the bulk action names belongs to the merchant's stores."""
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        return True  # Wagtail answers 404
    model = apps.get_model(app_label, model_name)
    objects, others = action_class(request, model).get_actionable_objects()
    stores = store_access(request).stores
    collections = [store.collection.path for store in stores]
    site_ids = {store.site_id for store in stores}
    for obj in [*objects, *others["items_with_no_access"]]:
        if isinstance(obj, Page):
            inside = _is_active_tree_path(request, obj.path)
        elif isinstance(obj, CollectionMember):
            inside = obj.collection.path.startswith(tuple(collections))
        else:
            inside = getattr(obj, "site_id", None) in site_ids
        if not inside:
            return False
    return True

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from wagtail.models import Page

from domains import resolver
from shop.scoping import all_stores, store_scope

from .models import Store

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
# URL namespaces of admin areas for platform operators only (the store list).
PLATFORM_ONLY_NAMESPACES = ("stores:",)
# Admin views addressed by page ids. Some show the page before checking any permission
# (the chooser's browse view, the move confirmation), so a merchant may name only pages of
# their own stores, or the tree root.
PAGE_VIEW_PREFIXES = ("wagtailadmin_pages:", "wagtailadmin_explore", "wagtailadmin_choose_page")
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")


SUSPENDED_RETRY_AFTER = 60 * 60
STATUS_TIMEOUT = 60 * 60


class SuspendedStoreMiddleware:
    """Answer every storefront request of a suspended store with its holding page (503).

    Runs after ``domains.middleware.HostSiteMiddleware`` (which sets ``_wagtail_site`` and
    ``is_platform_host``) and after WhiteNoise, so static files still load. Covers pages,
    cart and checkout alike: a suspended store takes no orders. The store's status is
    cached per site under the routing generation, which ``suspend_store`` and
    ``reactivate_store`` bump.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = getattr(request, "_wagtail_site", None)
        if site is None or getattr(request, "is_platform_host", True) or _is_asset(request):
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


class AdminStoreMiddleware:
    """Open the store scope for a merchant's admin requests.

    A merchant (any staff user who is not a superuser) sees only the stores whose staff
    group they belong to: every store-owned default manager is restricted to those sites
    for the whole request. Superusers are platform operators and see every store.
    Sets ``request.admin_stores`` (a list of Store, empty for superusers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.admin_stores = []
        if _is_operator_admin_request(request):
            with all_stores():
                return self.get_response(request)
        if not _is_merchant_admin_request(request):
            return self.get_response(request)
        request.admin_stores = list(
            Store.objects.filter(staff_group__user=request.user).select_related("site__root_page")
        )
        with store_scope(store.site_id for store in request.admin_stores):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Refuse merchants the admin views Wagtail does not scope to a site."""
        if not _is_merchant_admin_request(request):
            return None
        view_name = request.resolver_match.view_name
        if view_name in PLATFORM_ONLY_VIEWS or view_name.startswith(PLATFORM_ONLY_NAMESPACES):
            raise PermissionDenied
        if view_name.startswith(PAGE_VIEW_PREFIXES):
            page_ids = [view_kwargs[name] for name in PAGE_ID_KWARGS if name in view_kwargs]
            if not all(_in_own_trees(request, page_id) for page_id in page_ids):
                raise Http404
        return None


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


def _in_own_trees(request, page_id) -> bool:
    """Whether the page is the tree root or inside one of the merchant's stores."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return False
    return len(path) == Page.steplen or any(
        path.startswith(store.site.root_page.path) for store in request.admin_stores
    )


def admin_site_ids(request) -> set[int] | None:
    """The site ids the admin user may act on, or None for a platform operator (all)."""
    if request.user.is_superuser:
        return None
    if not getattr(request, "admin_stores", None):
        raise PermissionDenied
    return {store.site_id for store in request.admin_stores}

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

from domains import resolver
from tenancy.request import (
    OPERATOR_ACCESS,
    StoreAccess,
    admin_user,
    record_store_access,
    store_site,
)
from tenancy.scope import all_stores, store_scope

from .admin_scoping.backends import active_store
from .models import Store
from .selectors import stores_of
from .store_choice import chosen_store

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


class AdminStoreMiddleware:
    """Open the active store's scope for a merchant's admin requests.

    A merchant (any staff user who is not a superuser) works in one store at a time: the
    one chosen with the store switcher (kept in the session), or the first of their stores
    by name. Every store-owned default manager is restricted to that store's site, and
    their model permissions are those of their role there
    (``tenants.admin_scoping.backends.StoreRoleBackend``). Superusers are platform
    operators and see every store.

    Records the request's ``tenancy.request.StoreAccess`` (the merchant's stores with their
    roles, the active store and role; the operator's access to every store), which
    ``tenancy.request.store_access`` and ``admin_site_ids`` read. The Wagtail views this
    scope cannot narrow are refused or checked by
    ``tenants.admin_scoping.guards.AdminViewGuardMiddleware``, listed right after it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = admin_user(request)
        if user is not None and user.is_superuser:
            record_store_access(request, OPERATOR_ACCESS)
            with all_stores():
                return self.get_response(request)
        if user is None:
            return self.get_response(request)
        stores = stores_of(request.user)
        active = chosen_store(request, stores)
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

from django.core.exceptions import PermissionDenied

from shop.scoping import store_scope

from .models import Store

ADMIN_PREFIX = "/admin/"


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
        user = getattr(request, "user", None)
        if (
            not request.path_info.startswith(ADMIN_PREFIX)
            or user is None
            or not user.is_authenticated
            or user.is_superuser
        ):
            return self.get_response(request)
        request.admin_stores = list(
            Store.objects.filter(staff_group__user=user).select_related("site")
        )
        with store_scope(store.site_id for store in request.admin_stores):
            return self.get_response(request)


def admin_site_ids(request) -> set[int] | None:
    """The site ids the admin user may act on, or None for a platform operator (all)."""
    if request.user.is_superuser:
        return None
    if not getattr(request, "admin_stores", None):
        raise PermissionDenied
    return {store.site_id for store in request.admin_stores}

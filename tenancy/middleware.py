from .request import store_site
from .root_paths import store_root_paths_for
from .scope import no_store_scope, store_scope


class StoreScopeMiddleware:
    """Open the store scope of the request's host for the whole request.

    Runs after ``domains.middleware.HostSiteMiddleware``, which records the request's
    host (``tenancy.request``). On a store host the scope is that store's site, so a lookup that
    forgot its ``for_site`` filter still cannot reach another store's rows. On the platform
    host every request starts with no scope, whatever the caller had open:
    ``tenants.middleware.AdminStoreMiddleware`` opens the admin's.

    On a store host the pages the request links find their addresses among the store's
    own root paths (``tenancy.root_paths``), whatever the number of stores.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = store_site(request)
        if site is None:
            with no_store_scope():
                return self.get_response(request)
        with store_scope([site.pk]), store_root_paths_for(request, site.pk):
            return self.get_response(request)

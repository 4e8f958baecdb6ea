from django.utils.cache import patch_cache_control, patch_vary_headers

from .scoping import no_store_scope, store_scope


class StoreScopeMiddleware:
    """Open the store scope of the request's host for the whole request.

    Runs after ``domains.middleware.HostSiteMiddleware``, which sets ``_wagtail_site`` and
    ``is_platform_host``. On a store host the scope is that store's site, so a lookup that
    forgot its ``for_site`` filter still cannot reach another store's rows. On the platform
    host every request starts with no scope, whatever the caller had open:
    ``tenants.middleware.AdminStoreMiddleware`` opens the admin's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = getattr(request, "_wagtail_site", None)
        if site is None or getattr(request, "is_platform_host", True):
            with no_store_scope():
                return self.get_response(request)
        with store_scope([site.pk]):
            return self.get_response(request)


class PrivateSessionResponseMiddleware:
    """A response built from the session (a cart, its count in the header, an order
    confirmation) is the visitor's own: it says ``Vary: Cookie`` and
    ``Cache-Control: private``, so a shared cache in front never serves it to another.

    ``SessionMiddleware`` adds only the ``Vary`` header, and only for a session marked as
    read, which is what ``shop.storefront.shopper_session_key`` does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            patch_vary_headers(response, ("Cookie",))
            patch_cache_control(response, private=True)
        return response

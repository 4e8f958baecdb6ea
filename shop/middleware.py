from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from tenancy.request import store_access, store_site
from themes.custom_code import StoreCode

from .data.settings import settings_of_store


class PrivateSessionResponseMiddleware:
    """A response built from the session (a cart, the shopper's state, an order
    confirmation) is the visitor's own: it says ``Vary: Cookie`` and
    ``Cache-Control: private``, so a shared cache in front never serves it to another.
    Storefront pages never read the session, so they stay shared.

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


# The views whose pages are the store's own storefront: Wagtail's page view (home,
# category, product, content and contact pages) and the store's search.
STOREFRONT_VIEWS = frozenset({"wagtail_serve", "shop:search"})


def is_storefront_page(request, response) -> bool:
    """A page of the store served on its own host by a storefront view, not an error,
    an admin preview (served by the admin on the platform host), cart or checkout."""
    match = request.resolver_match
    return (
        response.status_code == 200
        and match is not None
        and match.view_name in STOREFRONT_VIEWS
        and store_site(request) is not None
        and (response.context_data or {}).get("theme") is not None
    )


class StorefrontCodeMiddleware:
    """The store's own code (custom CSS and HTML, analytics) on its storefront pages only.

    The one way custom code reaches a page: this middleware gives the page's template a
    ``store_code`` (``themes.custom_code.StoreCode``), which ``base.html`` prints, and adds
    what that code needs to the response's Content-Security-Policy (django-csp's per-view
    ``_csp_update``, applied by ``config.csp.AreaPolicyCSPMiddleware``). Cart, checkout,
    order confirmation, error pages and everything on the platform host never get one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if not is_storefront_page(request, response):
            return response
        code = StoreCode(response.context_data["theme"])
        response.context_data["store_code"] = code
        update = code.csp_update()
        if update:
            merged = dict(getattr(response, "_csp_update", None) or {})
            for directive, sources in update.items():
                merged[directive] = [*merged.get(directive, []), *sources]
            response._csp_update = merged
        return response


class StoreTimeZoneMiddleware:
    """Dates in the store's own time zone (``StoreSettings.time_zone``): on its storefront
    (pages, cart, checkout, order pages) and in the admin of its staff, where the active
    store's zone is the one go-live and expiry dates are entered and shown in.

    Listed after ``tenants.middleware.AdminStoreMiddleware``, which records the admin's
    active store. Wagtail's admin views would switch to the person's own time zone; they
    keep the one activated here (``tenants.admin_scoping.time_zones``). A request of no
    store (the platform's pages, an operator's admin) keeps ``TIME_ZONE`` (UTC).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = store_site(request)
        if site is not None:
            site_id = site.pk
        else:
            active = store_access(request).active
            site_id = active.site_id if active is not None else None
        if site_id is None:
            return self.get_response(request)
        with timezone.override(settings_of_store(site_id).zone):
            return self.get_response(request)

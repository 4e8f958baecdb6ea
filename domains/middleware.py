from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect
from django.template.loader import render_to_string

from tenancy.request import record_host

from . import resolver

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class HostSiteMiddleware:
    """Resolve the request's Host to a Wagtail Site once, before anything else runs.

    - platform hosts serve the default Site (landing page, admin);
    - an active store domain serves its store; a non-primary one redirects to the primary;
    - any other Host gets the platform's 404, never a store (Wagtail would fall back to the
      default site, and its own lookup skips ALLOWED_HOSTS).

    Records the Site with ``tenancy.request.record_host``: from then on
    ``tenancy.request.store_site`` and ``is_platform_request`` answer for the request.

    The middleware that only add the baseline security headers (SecurityMiddleware, the
    Content-Security-Policy, X-Frame-Options) run before this one, so the answers it gives
    early, 404s and redirects alike, carry the same headers as every other response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        route = resolver.resolve(request.META.get("HTTP_HOST", ""))
        if route is None:
            return unknown_host_response(request)
        if route.redirect_host:
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{route.redirect_host}{_port_suffix(request)}"
                f"{request.get_full_path()}"
            )
        if not route.is_platform and request.path_info.startswith(ADMIN_PREFIXES):
            return unknown_host_response(request)
        record_host(request, site=route.site, is_platform=route.is_platform)
        return self.get_response(request)


def _port_suffix(request) -> str:
    host = request.META.get("HTTP_HOST", "")
    if host.startswith("["):
        _, _, rest = host.partition("]")
        return rest
    return f":{host.rsplit(':', 1)[1]}" if ":" in host else ""


def unknown_host_response(request):
    return HttpResponseNotFound(render_to_string("platform/unknown_host.html", request=None))

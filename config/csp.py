"""The Content-Security-Policy of a response: the admin's for the admin, the site's otherwise.

django-csp writes one policy from ``CONTENT_SECURITY_POLICY``. The storefront and Wagtail's
admin are served by the same process, and the admin needs what the storefront must never
allow (inline scripts), so the policy is chosen per request by its path. ADR 13.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

from domains.middleware import ADMIN_PREFIXES
from tenancy.request import is_platform_request


class AreaPolicyCSPMiddleware(CSPMiddleware):
    """``CONTENT_SECURITY_POLICY_ADMIN`` under the admin's paths, the site policy elsewhere.

    A view's own ``csp_update`` / ``csp_replace`` still applies on top of either.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


def is_admin_request(request) -> bool:
    """The admin answers on platform hosts only: ``/admin/`` on a store host is the host
    middleware's 404 and keeps the site policy."""
    return is_platform_request(request) and request.path_info.startswith(ADMIN_PREFIXES)

"""Which store a request is for: the one way to ask, on the storefront and in the admin.

Storefront (every request, on any host):

- ``store_site(request)``: the store's Site a store host serves; None on the platform
  host (landing page, admin) and for a request whose host was never resolved.
- ``is_platform_request(request)``: whether the host is the platform's own.
- ``request_site(request)``: the Site the host resolved to, whichever it is: the store's,
  or the platform's default Site on the platform host.

The answers are recorded once per request by ``domains.middleware.HostSiteMiddleware``
through ``record_host``, before any other code of ours runs. A page asks for its own
store with ``page.get_site()`` instead: an admin preview of a store's page is served on
the platform host.

Admin (requests under ``/admin/``):

- ``store_access(request)``: a ``StoreAccess``: the merchant's stores with their roles,
  the active store (the one the request works in) and the role there, or the platform
  operator's access to every store.
- ``admin_user(request)``: the signed-in person of an admin request (a superuser is a
  platform operator, anyone else a merchant), or None.
- ``admin_site_ids(request)``: the site ids an admin request may show and change: the
  active store's, or None for a platform operator (every store).

``tenants.middleware.AdminStoreMiddleware`` records the access through
``record_store_access`` and opens the matching store scope (``tenancy.scope``). A request
the middleware did not see (not an admin request, or not signed in) has no store access:
``store_access`` answers ``NO_ACCESS``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from wagtail.models import Site

ADMIN_PREFIX = "/admin/"

_HOST = "_tenancy_host"
_ACCESS = "_tenancy_store_access"


@dataclass(frozen=True)
class HostRoute:
    """What the request's host resolved to."""

    site: Site
    is_platform: bool


def record_host(request, *, site: Site, is_platform: bool) -> None:
    """Record the Site the request's host serves (``HostSiteMiddleware``, once)."""
    setattr(request, _HOST, HostRoute(site=site, is_platform=is_platform))
    # Wagtail's own per-request cache: ``Site.find_for_request`` answers without a lookup.
    request._wagtail_site = site


def _host(request) -> HostRoute | None:
    return getattr(request, _HOST, None)


def is_platform_request(request) -> bool:
    """Whether the request came to the platform's own host (landing page, admin)."""
    host = _host(request)
    return host is not None and host.is_platform


def store_site(request) -> Site | None:
    """The store's Site this request serves, or None when it serves no store."""
    host = _host(request)
    return host.site if host is not None and not host.is_platform else None


def request_site(request) -> Site | None:
    """The Site the request's host resolved to: the store's, or the platform's default."""
    host = _host(request)
    return host.site if host is not None else Site.find_for_request(request)


@dataclass(frozen=True)
class StoreAccess:
    """Which store an admin request works in, and with which role.

    ``member_stores`` are the merchant's stores (``tenants.models.Store`` rows, each with
    its ``role``); ``active`` is the one the request works in and ``role`` the merchant's
    role there. A platform operator (``is_operator``) works across every store and has
    neither.
    """

    is_operator: bool = False
    member_stores: Sequence[Any] = ()
    active: Any = None
    role: Any = None

    @property
    def stores(self) -> list:
        """The stores this request shows: the active one, or none (every store for an
        operator is not a list: see ``site_ids``)."""
        return [self.active] if self.active is not None else []

    @property
    def site_ids(self) -> frozenset[int] | None:
        """The active store's site id; empty with no active store; None for an operator."""
        if self.is_operator:
            return None
        return frozenset({self.active.site_id}) if self.active is not None else frozenset()

    @property
    def other_stores(self) -> list:
        """The merchant's stores other than the active one (for the store switcher)."""
        return [store for store in self.member_stores if store != self.active]


NO_ACCESS = StoreAccess()
OPERATOR_ACCESS = StoreAccess(is_operator=True)


def admin_user(request):
    """The signed-in person making an admin request; None outside the admin or signed out.

    A superuser is a platform operator; anyone else is a merchant (staff of stores)."""
    user = getattr(request, "user", None)
    if not request.path_info.startswith(ADMIN_PREFIX) or user is None:
        return None
    return user if user.is_authenticated else None


def record_store_access(request, access: StoreAccess) -> None:
    """Record the admin request's store access (``AdminStoreMiddleware``, once)."""
    setattr(request, _ACCESS, access)


def store_access(request) -> StoreAccess:
    """The admin request's store access; ``NO_ACCESS`` when none was recorded."""
    return getattr(request, _ACCESS, NO_ACCESS)


def admin_site_ids(request) -> frozenset[int] | None:
    """The site ids an admin request may act on (the active store's), or None for a
    platform operator (every store). A merchant with no store is refused."""
    if request.user.is_superuser:
        return None
    site_ids = store_access(request).site_ids
    if not site_ids:
        raise PermissionDenied
    return site_ids

"""Host -> Site resolution, cached.

Cache entries are versioned by a generation number; any Domain or Site change bumps the
generation, so every process sees the change on its next request without knowing which
keys to delete.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from .hostnames import normalise_host
from .models import Domain

GENERATION_KEY = "domains:generation"
ENTRY_TIMEOUT = 60 * 60
UNKNOWN_TIMEOUT = 60


@dataclass(frozen=True)
class Route:
    """Where a request's Host leads: a site to serve, or a hostname to redirect to.

    The site comes with its root page's place in the tree (id, type, path), which Wagtail's
    routing starts from; the page itself (``.specific``) is always read afresh.
    """

    site: Site
    is_platform: bool
    redirect_host: str = ""


def generation() -> int:
    """The current routing generation; keys of anything cached per host or site carry it."""
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        current = cache.get(GENERATION_KEY, 1)
    return current


def forget_all() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def platform_hosts() -> set[str]:
    return {normalise_host(host) for host in settings.PLATFORM_HOSTS}


def resolve(raw_host: str) -> Route | None:
    """Return the Route for a Host header, or None when no store or platform answers it."""
    host = normalise_host(raw_host)
    if not host:
        return None
    key = f"domains:route:{generation()}:{host}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    route = _lookup(host)
    cache.set(key, route or False, timeout=ENTRY_TIMEOUT if route else UNKNOWN_TIMEOUT)
    return route


def _lookup(host: str) -> Route | None:
    if host in platform_hosts():
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        return Route(site=site, is_platform=True) if site else None
    domain = (
        Domain.objects.serving().select_related("site__root_page").filter(hostname=host).first()
    )
    if domain is None:
        return None
    if not domain.is_primary:
        primary = Domain.objects.serving().filter(site=domain.site_id, is_primary=True).first()
        if primary is not None:
            return Route(site=domain.site, is_platform=False, redirect_host=primary.hostname)
    return Route(site=domain.site, is_platform=False)

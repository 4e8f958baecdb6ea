"""HTTP caching headers: shared storefront pages for browsers and a CDN, private pages
for nobody else.

A shared page says ``public, max-age=0, s-maxage=<PAGECACHE_CDN_MAX_AGE>`` with a strong
``ETag``: a browser asks again each time and gets a 304 when nothing changed, so a shopper
never sees an old price or stock state from their own cache; a CDN keeps the page for a
short while (ADR 30). A page of one visitor (cart, checkout, order confirmation, shopper
state, the admin) says ``private, no-store``.
"""

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from domains.middleware import ADMIN_PREFIXES
from tenancy.request import is_platform_request

from .entries import strong_etag

# The storefront's own views whose answers belong to one visitor.
PRIVATE_VIEWS = frozenset(
    {
        "shop:cart-detail",
        "shop:shopper-state",
        "shop:checkout",
        "shop:order-complete",
    }
)
# Headers a 304 repeats from the page it stands for (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary")


def mark_shared(response) -> None:
    """Headers of a page every anonymous shopper gets: public, validated by its ETag."""
    response.headers["ETag"] = strong_etag(response.content)
    response.headers["Cache-Control"] = (
        f"public, max-age=0, s-maxage={settings.PAGECACHE_CDN_MAX_AGE}"
    )


def is_private_page(request, response) -> bool:
    """The admin, and the storefront's pages of one visitor."""
    if is_platform_request(request) and request.path_info.startswith(ADMIN_PREFIXES):
        return True
    match = request.resolver_match
    return match is not None and match.view_name in PRIVATE_VIEWS


def mark_private(response) -> None:
    """Never stored by a browser or a cache in between; it depends on the visitor's cookie."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, as
    If-None-Match asks for: RFC 9110, 13.1.2)."""
    if not etag or not if_none_match:
        return False
    known = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
    return etag in known or "*" in known


def not_modified(request, response):
    """A 304 when the visitor already holds this page (its ``If-None-Match`` names the
    page's ETag), else None."""
    etag = response.headers.get("ETag")
    if not etag_matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
        return None
    answer = HttpResponseNotModified()
    for name in NOT_MODIFIED_HEADERS:
        if name in response.headers:
            answer.headers[name] = response.headers[name]
    return answer

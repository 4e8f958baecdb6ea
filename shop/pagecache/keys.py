"""Which requests the page cache may answer, and the key of each page.

A key is the store, its host, the path and the query string reduced to the parameters
the storefront knows, in a fixed order. Any other parameter (a tracking tag, a crawler's
random string, a search) makes the request uncacheable, and a known parameter is kept
only when the page honoured its value (a real variant of the product, a page of the
listing that exists, a sort it offers), so a page has a bounded number of keys however
many addresses are made up for it.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings

from tenancy.request import store_site

from ..selectors import SORT_OPTIONS

KEY_PREFIX = "pagecache:page:"


def _honoured_variant(value, context) -> bool:
    variant = context.get("default_variant")
    return variant is not None and str(variant.pk) == value


def _honoured_page(value, context) -> bool:
    listing = context.get("listing")
    return listing is not None and str(listing.number) == value


def _honoured_sort(value, context) -> bool:
    return value in SORT_OPTIONS and context.get("sort") == value


def _honoured_filter(value, context) -> bool:
    return value == "1" and bool(context.get("available_only"))


# The storefront's own query parameters, each with the test that the rendered page used
# the value it was given (``context`` is the page's template context).
KNOWN_PARAMETERS = {
    "variant": _honoured_variant,
    "page": _honoured_page,
    "sort": _honoured_sort,
    "available": _honoured_filter,
}
# Longer values than this are never a value the storefront offers.
MAX_VALUE_LENGTH = 20


def cacheable_query(request) -> tuple[tuple[str, str], ...] | None:
    """The request's query as sorted (name, value) pairs, or None when it has a parameter
    the storefront does not know, a parameter twice, or an overlong value."""
    pairs = []
    for name, values in request.GET.lists():
        if name not in KNOWN_PARAMETERS or len(values) != 1:
            return None
        if len(values[0]) > MAX_VALUE_LENGTH:
            return None
        pairs.append((name, values[0]))
    return tuple(sorted(pairs))


def query_was_honoured(query, context) -> bool:
    """Whether the rendered page used every parameter of ``query`` as given."""
    return all(KNOWN_PARAMETERS[name](value, context) for name, value in query)


def has_shopper_cookie(request) -> bool:
    """Whether the request carries a shopper's session or waiting messages: such a request
    is answered by the storefront itself, never from or into the shared cache."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def is_candidate(request) -> bool:
    """A GET or HEAD to a store host from a visitor with no session, no messages and no
    credentials: the only requests the page cache answers or stores pages for."""
    return (
        request.method in ("GET", "HEAD")
        and store_site(request) is not None
        and not has_shopper_cookie(request)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request, query) -> str:
    """The cache key of the page this request asks for."""
    site = store_site(request)
    address = "|".join(
        [str(site.pk), request.scheme, request.get_host().lower(), request.path, urlencode(query)]
    )
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()


def page_url(request, query) -> str:
    """The page's full address, as a CDN in front knows it (for purging)."""
    suffix = f"?{urlencode(query)}" if query else ""
    return f"{request.scheme}://{request.get_host().lower()}{request.path}{suffix}"

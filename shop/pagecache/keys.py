"""Which requests the page cache may answer, and the key of each page.

A key is the scheme, the Host as sent, the path and the query string reduced to the
parameters the storefront knows, in a fixed order. Any other parameter (a tracking tag, a crawler's
random string, a search) makes the request uncacheable, and a known parameter is kept
only when the page honoured its value (a real variant of the product, a page of the
listing that exists, a sort it offers), so a page has a bounded number of keys however
many addresses are made up for it.
"""

import hashlib
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from ..selectors import SORT_OPTIONS

# The stored answer with its headers and the keys of its latest changes; entries of older
# forms ("page", "entry") are never read.
KEY_PREFIX = "pagecache:answer:"


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


def query_pairs(query_string: str) -> tuple[tuple[str, str], ...] | None:
    """A raw query string (as the front door reads it, before Django has parsed anything)
    as sorted (name, value) pairs, parsed as Django's ``request.GET`` is; None when it has
    a parameter the storefront does not know, a parameter twice, or an overlong value."""
    if not query_string:
        return ()
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        values.setdefault(name, []).append(value)
    return _known_pairs(values.items())


def _known_pairs(lists) -> tuple[tuple[str, str], ...] | None:
    pairs = []
    for name, values in lists:
        if name not in KNOWN_PARAMETERS or len(values) != 1:
            return None
        if len(values[0]) > MAX_VALUE_LENGTH:
            return None
        pairs.append((name, values[0]))
    return tuple(sorted(pairs))


def query_was_honoured(query, context) -> bool:
    """Whether the rendered page used every parameter of ``query`` as given."""
    return all(KNOWN_PARAMETERS[name](value, context) for name, value in query)


def has_shopper_cookie(cookies) -> bool:
    """Whether the request carries a shopper's session or waiting messages: such a request
    is answered by the storefront itself, never from or into the shared cache."""
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def page_key(*, scheme: str, host: str, path: str, query) -> str:
    """The cache key of the page at this address: the scheme, the Host as sent (lower
    case), the path and the known query parameters. The store is not in the key: the
    front door answers before the host is resolved, and every entry carries its store's
    tag, which a change of the store's domains, status or Site invalidates."""
    address = "|".join([scheme, host, path, urlencode(query)])
    return KEY_PREFIX + hashlib.sha256(address.encode()).hexdigest()

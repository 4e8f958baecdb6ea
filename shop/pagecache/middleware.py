import time

from django.conf import settings

from tenancy.request import store_site

from ..middleware import is_storefront_page
from . import entries, keys, purge, tags
from .http import is_private_page, mark_private, mark_shared, not_modified


class PageCacheMiddleware:
    """Serve storefront pages from the page cache; store the ones every shopper shares.

    Runs after the host middleware (it needs the store) and before the session, CSRF,
    authentication and messages middleware, so a page served from the cache costs none
    of their work and no query. The baseline security headers and the
    Content-Security-Policy are written by the middleware before this one, on cached
    answers as on fresh ones; a store's own code reaches the policy through the response
    attributes the entry keeps (``entries.RESPONSE_ATTRIBUTES``).

    Only a GET or HEAD to a store host with no session or messages cookie is answered from
    or stored into the cache, and only a response that is a storefront page
    (``shop.middleware.is_storefront_page``), 200, sets no cookie, read no session and
    says nothing private is stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        candidate = settings.PAGECACHE_ENABLED and keys.is_candidate(request)
        query = keys.cacheable_query(request) if candidate else None
        if query is None:
            return self._answer(request, self.get_response(request))
        key = keys.page_key(request, query)
        entry = entries.load(key)
        if entry is not None:
            response = entry.to_response()
            answer = not_modified(request, response) or response
            answer.headers["X-Page-Cache"] = "hit"
            return answer
        site_id = store_site(request).pk
        started = time.time()
        with tags.recording(site_id) as recorder:
            response = self.get_response(request)
        shared = _is_shared(request, response)
        if (
            shared
            and request.method == "GET"
            and keys.query_was_honoured(query, getattr(response, "context_data", None) or {})
        ):
            mark_shared(response)
            entries.save(
                key, entries.Entry.from_response(response, tags=recorder.tags, started=started)
            )
            purge.remember(site_id, request.build_absolute_uri(), recorder.tags)
            response.headers["X-Page-Cache"] = "miss"
        return self._answer(request, response, shared=shared)

    def _answer(self, request, response, *, shared=None):
        """The response with its HTTP caching headers: a shared page gets its ETag (and a
        304 when the visitor holds it already), a private one ``private, no-store``."""
        if shared is None:
            shared = _is_shared(request, response)
        if shared:
            if "ETag" not in response.headers:
                mark_shared(response)
            return not_modified(request, response) or response
        if is_private_page(request, response):
            mark_private(response)
        return response


def _is_shared(request, response) -> bool:
    """A page of the storefront that carries nothing of the visitor who asked for it."""
    if request.method not in ("GET", "HEAD") or response.streaming:
        return False
    if response.cookies or not is_storefront_page(request, response):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.accessed or session.modified):
        return False
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        "cookie" not in vary
        and "private" not in cache_control
        and ("no-store" not in cache_control)
    )

from django.utils import timezone

from tenancy.request import store_site

from ..blocks import PREPARED_BLOCKS
from ..campaign_book import next_campaign_boundary
from ..middleware import is_storefront_page
from ..promotions import book
from . import keys, purge, tags
from .http import is_private_page, mark_private, mark_shared, not_modified


class PageCacheMiddleware:
    """Record what a storefront page is rendered from, and say whether every anonymous
    shopper may share it; the HTTP caching headers of every page.

    Runs after the host middleware (it needs the store) and before the session, CSRF,
    authentication and messages middleware. The page is answered from the cache, and
    stored, by the front door (``frontdoor``), the outermost middleware, which hands this
    one the request's ``Visit``: only such a request has its page recorded and marked
    for storing (``pagecache_tags`` on the response), and only when the response is a
    storefront page (``shop.middleware.is_storefront_page``), 200, sets no cookie, read
    no session, says nothing private and used every query parameter it was given.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        visit = getattr(request, "pagecache_visit", None)
        site = store_site(request)
        if visit is None or site is None:
            return self._answer(request, self.get_response(request))
        with tags.recording(site.pk) as recorder:
            response = self.get_response(request)
        if not _is_shared(request, response):
            return self._answer(request, response, shared=False)
        mark_shared(response)
        # The front door answers a 304 once it has stored the page.
        response.pagecache_shared = True
        context = getattr(response, "context_data", None) or {}
        if request.method == "GET" and keys.query_was_honoured(visit.query, context):
            response.pagecache_tags = frozenset(recorder.tags)
            response.pagecache_good_until = _good_until(context, site_id=site.pk)
            purge.remember(site.pk, request.build_absolute_uri(), recorder.tags)
        return response

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


def _good_until(context, *, site_id: int) -> float | None:
    """When the page stops being right by the clock alone, as a timestamp, or None: a
    promo banner's end, or the store's next promotion boundary (a promotion starts, changes
    or ends, and prices and badges with it; ADR 47), or next campaign start or end (ADR 48)."""
    prepared = context.get(PREPARED_BLOCKS)
    moments = [
        getattr(prepared, "good_until", None),
        book.next_boundary(site_id, timezone.now()),
        next_campaign_boundary(site_id, timezone.now()),
    ]
    moment = min((m for m in moments if m is not None), default=None)
    return moment.timestamp() if moment is not None else None


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

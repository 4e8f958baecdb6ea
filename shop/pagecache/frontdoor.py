"""The front door: a stored page answered before anything else runs (ADR 30).

A request is a *visit* of the page cache when it is a GET or HEAD with no session or
messages cookie and no ``Authorization`` header, to a host that can be a store's (not a
platform host, no port but the server's or the stores' own), outside the static and
media files, with no query parameter the storefront does not know. Its key is read from
the raw request (scheme, Host, path, query), so a stored page is found before the host
is resolved or any middleware has run: ``FrontDoorApplication`` in front of Django's
WSGI handler (``config.wsgi``), and ``PageCacheFrontDoor``, the outermost middleware,
for what is not answered there (and for servers without the WSGI layer, such as the
test client).

A hit reads the cache at most twice (``entries.load``) and runs no SQL. The entry holds
the finished answer, security headers and Content-Security-Policy included, so a hit
only adds ``X-Page-Cache: hit``, or answers 304 to an ``If-None-Match`` that names its
ETag. No ``Age``: the page is checked against what it was rendered from on every hit, so
it is as fresh as a page rendered now.

A miss renders through the whole stack; ``middleware.PageCacheMiddleware`` inside it
records what the page was rendered from and says whether it may be shared, and the
front door stores the finished response. When many visits miss the same page at once,
the first takes a short lock (``cache.add``) and renders; the others wait up to
``PAGECACHE_RENDER_WAIT`` seconds for its entry, then render themselves.
"""

import time
from dataclasses import dataclass
from functools import lru_cache
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.http.cookie import parse_cookie

from domains.hostnames import normalise_host

from . import entries, keys
from .http import NOT_MODIFIED_HEADERS, etag_matches, not_modified

# Where the WSGI layer leaves the visit it looked up (None: not a visit), so the
# middleware does not look it up again.
VISIT = "pagecache.visit"
LOCK_SUFFIX = ":rendering"
# How often a visit waiting for another's render looks for the entry (seconds).
POLL_SECONDS = 0.02
HIT = "hit"
_NOT_MODIFIED = frozenset(name.lower() for name in NOT_MODIFIED_HEADERS)


@dataclass(frozen=True)
class Visit:
    """A request the page cache may answer, or store the answer to."""

    key: str
    query: tuple[tuple[str, str], ...]
    started: float
    method: str
    if_none_match: str


def visit_of(environ) -> Visit | None:
    """The visit of a WSGI request (``environ``, or Django's ``request.META``), or None
    when the page cache must leave the request to the storefront."""
    method = environ.get("REQUEST_METHOD")
    if method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
        return None
    cookie = environ.get("HTTP_COOKIE")
    if cookie and keys.has_shopper_cookie(parse_cookie(cookie)):
        return None
    host = environ.get("HTTP_HOST", "").lower()
    if not _is_store_host(host, environ.get("SERVER_PORT", "")):
        return None
    scheme = _scheme(environ)
    if settings.SECURE_SSL_REDIRECT and scheme != "https":
        return None
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "/")
    if path.startswith(_asset_prefixes()):
        return None
    query = keys.query_pairs(environ.get("QUERY_STRING", ""))
    if query is None:
        return None
    return Visit(
        key=keys.page_key(scheme=scheme, host=host, path=path, query=query),
        query=query,
        started=time.time(),
        method=method,
        if_none_match=environ.get("HTTP_IF_NONE_MATCH", ""),
    )


def _is_store_host(host: str, server_port: str) -> bool:
    """A canonical hostname that is not the platform's, with no port or the one the
    request came in on or the stores' own: a Host written any other way is served, never
    stored, so made-up spellings of a store's address cannot fill the cache."""
    name, port = host, ""
    if host.count(":") == 1:
        name, _, port = host.partition(":")
        if port not in (server_port, str(settings.STORES_PORT)):
            return False
    return (
        bool(name)
        and _is_canonical(name)
        and name not in _platform_hosts(tuple(settings.PLATFORM_HOSTS))
    )


@lru_cache(maxsize=4096)
def _is_canonical(name: str) -> bool:
    return normalise_host(name) == name


@lru_cache(maxsize=8)
def _platform_hosts(hosts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalise_host(host) for host in hosts)


def _scheme(environ) -> str:
    """``request.scheme``, from the raw request."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return environ.get("wsgi.url_scheme", "http")


def _asset_prefixes() -> tuple[str, ...]:
    return tuple(
        prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix.startswith("/")
    )


# --- Answers --------------------------------------------------------------------------


def response_of(entry: entries.Entry, visit: Visit):
    """The stored page as Django's response (the middleware's answer)."""
    if etag_matches(visit.if_none_match, entry.etag):
        response = HttpResponseNotModified()
        for name, value in entry.headers:
            if name.lower() in _NOT_MODIFIED:
                response.headers[name] = value
    else:
        response = HttpResponse(entry.content, status=entry.status)
        for name, value in entry.headers:
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(entry.content))
    response.headers["X-Page-Cache"] = HIT
    return response


def wsgi_answer(entry: entries.Entry, visit: Visit):
    """The stored page as a WSGI answer: (status line, headers, body)."""
    if etag_matches(visit.if_none_match, entry.etag):
        headers = [(name, value) for name, value in entry.headers if name.lower() in _NOT_MODIFIED]
        headers.append(("X-Page-Cache", HIT))
        return "304 Not Modified", headers, []
    headers = [
        *entry.headers,
        ("Content-Length", str(len(entry.content))),
        ("X-Page-Cache", HIT),
    ]
    body = [] if visit.method == "HEAD" else [entry.content]
    return f"{entry.status} {HTTPStatus(entry.status).phrase}", headers, body


# --- Misses ---------------------------------------------------------------------------


def render(request, get_response, visit: Visit):
    """Render the page through the rest of the stack and store it when it may be shared;
    when another visit is rendering it already, wait briefly for its entry instead."""
    lock = visit.key + LOCK_SUFFIX
    if cache.add(lock, True, timeout=settings.PAGECACHE_RENDER_LOCK):
        try:
            return _render_and_store(request, get_response, visit)
        finally:
            cache.delete(lock)
    entry = _wait_for_entry(visit.key, lock)
    if entry is not None:
        return response_of(entry, visit)
    return _render_and_store(request, get_response, visit)


def _wait_for_entry(key: str, lock: str) -> entries.Entry | None:
    """The entry another visit is rendering, once stored; None when its render ended
    without storing one or took longer than ``PAGECACHE_RENDER_WAIT``."""
    deadline = time.monotonic() + settings.PAGECACHE_RENDER_WAIT
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        entry = entries.load(key)
        if entry is not None:
            return entry
        if cache.get(lock) is None:
            return entries.load(key)
    return None


def _render_and_store(request, get_response, visit: Visit):
    request.pagecache_visit = visit
    response = get_response(request)
    tags = getattr(response, "pagecache_tags", None)
    if tags is not None and visit.method == "GET" and not entries.has_script_nonce(response):
        entry = entries.Entry.from_response(
            response,
            tags=tags,
            started=visit.started,
            good_until=getattr(response, "pagecache_good_until", None),
        )
        entries.save(visit.key, entry)
        response.headers["X-Page-Cache"] = "miss"
    if getattr(response, "pagecache_shared", False):
        return not_modified(request, response) or response
    return response


class PageCacheFrontDoor:
    """The outermost middleware: a stored page for a visit, before any other middleware;
    otherwise the page rendered (once for many visits at the same time) and stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGECACHE_ENABLED:
            return self.get_response(request)
        if VISIT in request.META:  # looked up already, in front of Django
            visit = request.META[VISIT]
        else:
            visit = visit_of(request.META)
            if visit is not None:
                entry = entries.load(visit.key)
                if entry is not None:
                    return response_of(entry, visit)
        if visit is None:
            return self.get_response(request)
        return render(request, self.get_response, visit)


class FrontDoorApplication:
    """WSGI in front of Django's handler: a stored page is answered without building a
    request, sending Django's request signals or entering any middleware."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGECACHE_ENABLED:
            visit = environ[VISIT] = visit_of(environ)
            if visit is not None:
                entry = entries.load(visit.key)
                if entry is not None:
                    status, headers, body = wsgi_answer(entry, visit)
                    start_response(status, headers)
                    return body
        return self.application(environ, start_response)

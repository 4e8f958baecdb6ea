"""The front door: a stored page is answered before anything else runs, from the raw
request, in at most two cache reads and no query; the answer is the rendered page's,
headers and all, and many shoppers missing the same page at once cost one render."""

import re

import pytest
from django.core.cache import cache, caches

from shop.pagecache import entries, frontdoor, keys, tags
from tenancy.scope import store_scope
from tests.config.headers import csp_directives
from tests.pagecache import slow_render_middleware
from tests.pagecache.conftest import HIT, Catalog, warm
from tests.pagecache.wsgi import wsgi_get

pytestmark = pytest.mark.django_db

CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "delete", "incr", "has_key")


@pytest.fixture
def cache_calls(monkeypatch):
    """Every call this thread makes to the default cache, by name: one a round trip to
    Redis (a call the backend makes to itself, as local memory's ``get_many`` does, is
    part of the call that made it)."""
    backend = caches["default"]
    calls = []
    depth = []

    for name in CACHE_CALLS:
        method = getattr(backend, name)

        def counted(*args, _method=method, _name=name, **kwargs):
            if not depth:
                calls.append(_name)
            depth.append(_name)
            try:
                return _method(*args, **kwargs)
            finally:
                depth.pop()

        monkeypatch.setattr(backend, name, counted)
    return calls


@pytest.fixture
def application():
    from config.wsgi import application

    return application


def _key(store, path, query=()):
    return keys.page_key(scheme="http", host=store.site.hostname, path=path, query=query)


def _forget_worker_copies():
    """As in another worker, which has no copy of the page in its memory."""
    entries.local_entries._entries.clear()


def test_a_hit_reads_the_cache_twice_at_most_and_runs_no_query(
    catalog, anonymous, cache_calls, django_assert_num_queries
):
    warm(anonymous, Catalog.PRODUCT)
    _forget_worker_copies()

    cache_calls.clear()
    with django_assert_num_queries(0):
        from_shared = anonymous.get(Catalog.PRODUCT)
    shared_reads = list(cache_calls)
    cache_calls.clear()
    with django_assert_num_queries(0):
        from_worker = anonymous.get(Catalog.PRODUCT)

    assert from_shared["X-Page-Cache"] == HIT and from_worker["X-Page-Cache"] == HIT
    assert from_worker.content == from_shared.content
    assert shared_reads == ["get", "get_many"], "the entry, then its tags"
    assert cache_calls == ["get_many"], "a worker's own copy: only its tags"


def test_the_wsgi_door_answers_a_stored_page_with_the_rendered_headers(
    store, catalog, anonymous, application, django_assert_num_queries
):
    rendered = anonymous.get(Catalog.CATEGORY)
    host = store.site.hostname

    with django_assert_num_queries(0):
        answer = wsgi_get(application, host=host, path=Catalog.CATEGORY)
        head = wsgi_get(application, host=host, path=Catalog.CATEGORY, method="HEAD")
        held = wsgi_get(
            application, host=host, path=Catalog.CATEGORY, HTTP_IF_NONE_MATCH=rendered["ETag"]
        )

    assert answer.status == "200 OK"
    assert answer.body == rendered.content
    assert answer.headers["X-Page-Cache"] == HIT
    assert answer.headers["Content-Length"] == str(len(rendered.content))
    for name in (
        "Content-Type",
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Cache-Control",
        "ETag",
    ):
        assert answer.headers[name] == rendered[name], name
    assert (head.status, head.body) == ("200 OK", b"")
    assert held.status == "304 Not Modified" and held.body == b""
    assert held.headers["ETag"] == rendered["ETag"]


def test_the_wsgi_door_leaves_a_shopper_with_a_cart_to_the_storefront(
    store, catalog, anonymous, application
):
    warm(anonymous, Catalog.HOME)
    environ = {}

    def django(environ_, start_response):
        environ.update(environ_)
        start_response("204 No Content", [])
        return []

    door = frontdoor.FrontDoorApplication(django)
    with_cart = wsgi_get(door, host=store.site.hostname, path="/", HTTP_COOKIE="sessionid=abc")
    anonymous_visit = wsgi_get(door, host=store.site.hostname, path="/")

    assert with_cart.status == "204 No Content"
    assert environ[frontdoor.VISIT] is None
    assert anonymous_visit.headers["X-Page-Cache"] == HIT


@pytest.mark.parametrize(
    ("host", "path"),
    [
        ("{host}:8081", "/"),  # a port that is neither the server's nor the stores'
        ("{host}.", "/"),  # another spelling of the name
        ("localhost", "/"),  # the platform
        ("{host}", "/static/themes/js/storefront.js"),
        ("{host}", "/?utm_source=mail"),
    ],
)
def test_requests_the_cache_never_answers_are_not_visits(store, host, path):
    address, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "HTTP_HOST": host.format(host=store.site.hostname),
        "PATH_INFO": address,
        "QUERY_STRING": query,
        "SERVER_PORT": "8080",
        "wsgi.url_scheme": "http",
    }

    assert frontdoor.visit_of(environ) is None
    plain = {**environ, "HTTP_HOST": store.site.hostname, "PATH_INFO": "/", "QUERY_STRING": ""}
    assert frontdoor.visit_of(plain) is not None
    assert frontdoor.visit_of({**plain, "HTTP_HOST": f"{store.site.hostname}:8080"})


def test_a_stored_policy_never_repeats_a_nonce_that_allows_script(
    store, catalog, anonymous, settings
):
    """A policy with a nonce (here a middleware that asks for one) is never stored: shared,
    the nonce would let anyone who read the page run script under it."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "tests.pagecache.set_cookie_middleware.NonceMiddleware",
    ]

    first, second = anonymous.get(Catalog.PRODUCT), anonymous.get(Catalog.PRODUCT)

    nonces = [
        re.findall(r"'nonce-([^']+)'", " ".join(csp_directives(response)["script-src"]))
        for response in (first, second)
    ]
    assert nonces[0] and nonces[1], "the policy allows script by nonce"
    assert nonces[0] != nonces[1]
    assert second.get("X-Page-Cache") != HIT
    assert cache.get(_key(store, Catalog.PRODUCT)) is None


def test_a_stored_policy_carries_no_nonce(catalog, anonymous):
    anonymous.get(Catalog.HOME)
    cached = anonymous.get(Catalog.HOME)

    assert cached["X-Page-Cache"] == HIT
    assert "'nonce-" not in cached["Content-Security-Policy"]


# --- Many shoppers missing the same page ----------------------------------------------


@pytest.fixture
def slow_render(settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "tests.pagecache.slow_render_middleware.SlowRenderMiddleware",
    ]
    for kept in (
        slow_render_middleware.renders,
        slow_render_middleware.answers,
        slow_render_middleware.visitors,
    ):
        kept.clear()
    slow_render_middleware.CONCURRENT.clear()
    yield slow_render_middleware
    for thread in slow_render_middleware.visitors:
        thread.join(timeout=10)
    slow_render_middleware.CONCURRENT.clear()


def test_shoppers_missing_the_same_page_at_once_wait_for_one_render(
    store, catalog, anonymous, slow_render, settings
):
    settings.PAGECACHE_RENDER_WAIT = 10  # however slow the machine, they wait for it
    slow_render.CONCURRENT.update(host=store.site.hostname, path=Catalog.CATEGORY, count=4)

    first = anonymous.get(Catalog.CATEGORY)
    for thread in slow_render.visitors:
        thread.join(timeout=10)

    assert first["X-Page-Cache"] == "miss"
    assert slow_render.renders == [Catalog.CATEGORY], "one render for five shoppers"
    assert len(slow_render.answers) == 4
    for answer in slow_render.answers:
        assert answer.status == "200 OK"
        assert answer.headers["X-Page-Cache"] == HIT
        assert answer.body == first.content


def test_a_render_that_takes_too_long_is_not_waited_for(store, catalog, anonymous, settings):
    """Another worker holds the page's lock and never stores it: after a short wait, the
    shopper's page is rendered all the same, and stored."""
    settings.PAGECACHE_RENDER_WAIT = 0.1
    key = _key(store, Catalog.ABOUT)
    assert cache.add(key + frontdoor.LOCK_SUFFIX, True, timeout=60)

    response = anonymous.get(Catalog.ABOUT)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    assert "About us" in response.content.decode()
    assert cache.get(key) is not None


def test_a_changed_tag_that_left_the_cache_never_brings_an_old_page_back(
    store, catalog, anonymous, django_capture_on_commit_callbacks
):
    """Redis may evict a tag's time: the pages stored before it count as changed, and when
    another page stores the tag again, the older ones stay changed."""
    warm(anonymous, Catalog.ABOUT)
    with django_capture_on_commit_callbacks(execute=True), store_scope([store.site.pk]):
        catalog.about.title = "Who we are"  # a rename: every page of the store changed
        catalog.about.save_revision().publish()
    cache.delete(tags.KEY_PREFIX + tags.store_tag(store.site.pk))

    warm(anonymous, Catalog.HOME)  # stores the store's tag again
    about = anonymous.get(Catalog.ABOUT)

    assert about.get("X-Page-Cache") != HIT
    assert "Who we are" in about.content.decode()


@pytest.fixture
def keys_read(monkeypatch):
    """How many keys each ``get_many`` of the default cache asks for, in order."""
    backend = caches["default"]
    read = []
    get_many = backend.get_many

    def counted(keys, *args, **kwargs):
        read.append(len(list(keys)))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(backend, "get_many", counted)
    return read


def test_a_worker_checks_its_copy_by_two_latest_changes_not_by_every_tag(
    store, catalog, anonymous, keys_read, settings, django_capture_on_commit_callbacks
):
    settings.PAGECACHE_CLOCK_MARGIN = 0.0
    warm(anonymous, Catalog.CATEGORY)
    page_tags = len(
        entries.local_entries.get(entries._local_key(_key(store, Catalog.CATEGORY)))[0].tags
    )
    assert page_tags > 2

    keys_read.clear()
    assert anonymous.get(Catalog.CATEGORY)["X-Page-Cache"] == HIT
    assert keys_read == [2], "the store's latest change and that of no store"

    with django_capture_on_commit_callbacks(execute=True), store_scope([store.site.pk]):
        catalog.about.body = [("rich_text", "<p>Since 1921.</p>")]  # a page not shown here
        catalog.about.save_revision().publish()
    keys_read.clear()
    assert anonymous.get(Catalog.CATEGORY)["X-Page-Cache"] == HIT
    assert keys_read == [2, page_tags], "the store changed: the page's own tags decide"

    keys_read.clear()
    assert anonymous.get(Catalog.CATEGORY)["X-Page-Cache"] == HIT
    assert keys_read == [2], "found unchanged, the page is checked by the two again"

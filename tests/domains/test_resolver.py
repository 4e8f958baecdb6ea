import pytest
import redis
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from domains import resolver
from domains.models import Domain
from tests.helpers import require_service

pytestmark = pytest.mark.django_db


def _require_redis():
    if not settings.REDIS_URL:
        require_service("Redis", "set REDIS_URL (e.g. redis://127.0.0.1:6379/1) to test on Redis")


def test_resolve_answers_a_known_host_from_the_cache(store, django_assert_num_queries):
    first = resolver.resolve(store.site.hostname)

    with django_assert_num_queries(0):
        again = resolver.resolve(store.site.hostname.upper())

    assert first == again
    assert again.site.pk == store.site.pk
    assert not again.is_platform
    assert again.redirect_host == ""


def test_resolve_caches_unknown_hosts_too(db, django_assert_num_queries):
    assert resolver.resolve("nosuch.example") is None

    with django_assert_num_queries(0):
        assert resolver.resolve("nosuch.example") is None


def test_resolve_maps_platform_hosts_to_the_default_site(db):
    route = resolver.resolve("LOCALHOST:8000")

    assert route.is_platform
    assert route.site.is_default_site


def test_cache_is_redis_when_redis_url_is_set():
    _require_redis()

    assert isinstance(caches["default"], RedisCache)
    cache.set("tests:probe", {"ok": 1}, timeout=10)
    assert cache.get("tests:probe") == {"ok": 1}


def test_host_resolver_keeps_its_routes_in_redis_and_drops_them_on_change(store):
    _require_redis()
    server = redis.Redis.from_url(settings.REDIS_URL)
    store.site.domains.update(is_primary=False)
    domain = Domain.objects.create(
        site=store.site,
        hostname="shop.alpha.test",
        kind=Domain.Kind.CUSTOM,
        status=Domain.Status.ACTIVE,
        is_primary=True,
    )

    route = resolver.resolve("shop.alpha.test")
    assert route.site.pk == store.site.pk
    assert server.keys("*domains:route:*shop.alpha.test"), "the route is not stored in Redis"

    domain.status = Domain.Status.FAILED
    domain.save()

    assert resolver.resolve("shop.alpha.test") is None

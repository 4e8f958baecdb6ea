"""Helpers shared by test modules (fixtures live in ``tests/conftest.py``)."""

import os
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

PLATFORM_HOST = "localhost"

# Requests that name another store's ids carry this header, so that Wagtail answers a
# permission refusal with a plain 403 instead of a redirect to the dashboard, which would
# be indistinguishable from a successful POST.
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def services_required() -> bool:
    """CI sets REQUIRE_SERVICES=1: a missing service is then a failure, not a skip."""
    return os.environ.get("REQUIRE_SERVICES", "") == "1"


def require_service(name: str, reason: str) -> None:
    """Stop the current test because ``name`` is unavailable.

    Skips with ``reason`` on a developer machine; fails under ``REQUIRE_SERVICES=1`` so
    that CI never passes by silently skipping what it is meant to prove.
    """
    message = f"{name} is not available: {reason}"
    if services_required():
        pytest.fail(f"{message} (REQUIRE_SERVICES=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


def _fresh_caches(caches: dict) -> dict:
    namespace = uuid.uuid4().hex[:12]
    return {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}:test-{namespace}"}
        for alias, config in caches.items()
    }


def use_fresh_cache(settings) -> None:
    """Point every cache at a new, empty key namespace.

    Unlike ``cache.clear()`` this never flushes a Redis database that something else (a
    developer's server, a Celery broker) may share with the tests.
    """
    settings.CACHES = _fresh_caches(settings.CACHES)


@contextmanager
def fresh_cache():
    """``use_fresh_cache`` for a block, such as the rows a module-scoped fixture builds:
    counters it adds (the hourly email limits) never reach another module or run."""
    with override_settings(CACHES=_fresh_caches(django_settings.CACHES)):
        yield


def url_patterns(patterns=None, namespace=None, prefix=""):
    """Every URL pattern of the project (or of ``patterns``), as (namespace, pattern,
    route): ``namespace`` is the full namespace path, ``route`` the whole route."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern, route

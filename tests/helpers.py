"""Helpers shared by test modules (fixtures live in ``tests/conftest.py``)."""

import os
import uuid

import pytest


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


def use_fresh_cache(settings) -> None:
    """Point every cache at a new, empty key namespace.

    Unlike ``cache.clear()`` this never flushes a Redis database that something else (a
    developer's server, a Celery broker) may share with the tests.
    """
    namespace = uuid.uuid4().hex[:12]
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"{config.get('KEY_PREFIX', '')}:test-{namespace}"}
        for alias, config in settings.CACHES.items()
    }

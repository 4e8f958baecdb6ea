"""A stored page: its bytes, the headers the storefront gave it, and its tags."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse

from . import tags as dependency_tags

# How long a page may sit in the cache unread or unchanged (seconds).
TIMEOUT = 24 * 60 * 60
# Headers the storefront sets that the cache does not keep: the outer middleware add the
# security headers again on every answer, and cookies are never stored.
DROPPED_HEADERS = frozenset({"set-cookie", "content-length"})
# What ``config.csp.AreaPolicyCSPMiddleware`` (django-csp) and ``XFrameOptionsMiddleware``
# read from the response to write its policy: a store's own code adds its hashes and
# addresses through ``_csp_update`` (``shop.middleware.StorefrontCodeMiddleware``).
RESPONSE_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")


def strong_etag(content: bytes) -> str:
    """A strong validator: the same bytes always get the same tag."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


@dataclass(frozen=True)
class Entry:
    """A page as the storefront rendered it for every anonymous shopper."""

    content: bytes
    headers: tuple[tuple[str, str], ...]
    attributes: tuple[tuple[str, object], ...]
    tags: frozenset[str]
    started: float

    @classmethod
    def from_response(cls, response, *, tags, started: float) -> "Entry":
        return cls(
            content=response.content,
            headers=tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in DROPPED_HEADERS
            ),
            attributes=tuple(
                (name, getattr(response, name))
                for name in RESPONSE_ATTRIBUTES
                if getattr(response, name, None) is not None
            ),
            tags=frozenset(tags),
            started=started,
        )

    def to_response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response.headers[name] = value
        for name, value in self.attributes:
            setattr(response, name, value)
        return response

    def is_fresh(self) -> bool:
        """Whether nothing it was rendered from changed since the render began."""
        return dependency_tags.unchanged_since(self.tags, self.started)


def load(key: str) -> Entry | None:
    """The stored page under ``key`` if it is still what the storefront would render."""
    entry = cache.get(key)
    if not isinstance(entry, Entry) or not entry.is_fresh():
        return None
    return entry


def save(key: str, entry: Entry) -> None:
    dependency_tags.ensure(entry.tags)
    cache.set(key, entry, timeout=TIMEOUT)

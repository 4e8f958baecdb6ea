"""A stored page: the finished answer (status, every header, body) and its tags.

The entry is taken from the response as it leaves the outermost middleware, so it holds
the security headers and the Content-Security-Policy exactly as the rendered page had
them: a page served from the cache adds nothing to them.

A worker keeps the entries it served last in its own memory as well (``LocalEntries``),
with the moment it last found all their tags unchanged. A page it holds needs one read
of two keys to be served: its store's latest change and the latest change of no store
(``tags.quiet_since``). Only when one of them moved since are the page's own tags read
(a second round trip), and the moment renewed if none of them changed. Whether an entry
is still good depends only on its tags, never on where it was read from, so the copy in
memory is as exact as the shared one.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from . import tags as dependency_tags

# How long a page may sit in the shared cache unread or unchanged (seconds).
TIMEOUT = 24 * 60 * 60
# Headers of the rendered response the entry does not keep: cookies are never stored, the
# length is counted again, and whether the page came from the cache is said per answer.
DROPPED_HEADERS = frozenset({"set-cookie", "content-length", "x-page-cache"})
# Policies whose nonce would become public, and reusable, once the page is shared.
POLICY_HEADERS = ("content-security-policy", "content-security-policy-report-only")


def strong_etag(content: bytes) -> str:
    """A strong validator: the same bytes always get the same tag."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


@dataclass(frozen=True)
class Entry:
    """A page as every anonymous shopper gets it, with what it was rendered from."""

    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    etag: str
    tags: frozenset[str]
    started: float
    # The latest-change keys that cover the tags (``tags.changed_keys``).
    changed_keys: tuple[str, ...] = ()
    # When the page stops being right by the clock alone (a promo banner's end), or None.
    good_until: float | None = None

    @classmethod
    def from_response(
        cls, response, *, tags, started: float, good_until: float | None = None
    ) -> "Entry":
        return cls(
            status=response.status_code,
            headers=tuple(
                (name, value)
                for name, value in response.items()
                if name.lower() not in DROPPED_HEADERS
            ),
            content=response.content,
            etag=response.headers.get("ETag", ""),
            tags=frozenset(tags),
            started=started,
            changed_keys=dependency_tags.changed_keys(tags),
            good_until=good_until,
        )

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for header, value in self.headers:
            if header.lower() == wanted:
                return value
        return None

    def is_fresh(self, changed: dict[str, int]) -> bool:
        """Whether none of the tags changed since the render began; ``changed`` holds the
        times read from the cache (``tags.changed_times``), a missing tag counts as
        changed."""
        return dependency_tags.unchanged_since(self.tags, self.started, changed)


def has_script_nonce(response) -> bool:
    """Whether the response's policy names a nonce: shared, it would let anyone who read
    the page run script under it, so such a page is never stored."""
    return any(
        "'nonce-" in value for name, value in response.items() if name.lower() in POLICY_HEADERS
    )


class LocalEntries:
    """The entries a worker served last, by key, at most ``PAGECACHE_LOCAL_ENTRIES``, each
    with the moment its tags were last all found unchanged."""

    def __init__(self):
        self._entries: OrderedDict[str, tuple[Entry, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[Entry, float] | None:
        with self._lock:
            held = self._entries.get(key)
            if held is not None:
                self._entries.move_to_end(key)
            return held

    def put(self, key: str, entry: Entry, *, checked: float) -> None:
        limit = settings.PAGECACHE_LOCAL_ENTRIES
        if limit <= 0:
            return
        with self._lock:
            self._entries[key] = (entry, checked)
            self._entries.move_to_end(key)
            while len(self._entries) > limit:
                self._entries.popitem(last=False)

    def drop(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)


local_entries = LocalEntries()


def _local_key(key: str) -> str:
    # The cache's own prefix and version are part of the key, so a worker never answers
    # from an entry of another cache configuration.
    return cache.make_key(key)


def load(key: str) -> Entry | None:
    """The stored page under ``key`` if nothing it was rendered from changed since and its
    time (``good_until``) has not come; ``None`` otherwise."""
    entry = _load(key)
    if entry is not None and entry.good_until is not None and time.time() >= entry.good_until:
        local_entries.drop(_local_key(key))
        return None
    return entry


def _load(key: str) -> Entry | None:
    """The stored page under ``key`` if nothing it was rendered from changed since, in at
    most two cache round trips for a page that is still good: for the worker's own copy,
    the latest changes of its store (one), then its tags only if one moved (two); for the
    shared entry, the entry and its tags (two). When the worker's copy is stale and the
    shared entry has no tag it lacks, the times already read decide it."""
    local_key = _local_key(key)
    held = local_entries.get(local_key)
    changed = None
    checked = time.time()
    if held is not None:
        local, last_checked = held
        if dependency_tags.quiet_since(local.changed_keys, last_checked):
            return local
        checked = time.time()
        changed = dependency_tags.changed_times(local.tags)
        if local.is_fresh(changed):
            local_entries.put(local_key, local, checked=checked)
            return local
        local_entries.drop(local_key)
    shared = cache.get(key)
    if not isinstance(shared, Entry):
        return None
    if held is not None:
        if shared.started <= local.started or not shared.tags <= local.tags:
            return None
    else:
        checked = time.time()
        changed = dependency_tags.changed_times(shared.tags)
    if not shared.is_fresh(changed):
        return None
    local_entries.put(local_key, shared, checked=checked)
    return shared


def save(key: str, entry: Entry) -> None:
    dependency_tags.ensure(entry.tags, entry.started)
    cache.set(key, entry, timeout=TIMEOUT)
    local_entries.put(_local_key(key), entry, checked=entry.started)

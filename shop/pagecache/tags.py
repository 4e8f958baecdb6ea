"""Dependency tags: what a page was rendered from, and when each was last changed.

A tag names something a page shows: ``page:<id>``, ``product:<id>``, ``image:<id>``, the
store's catalog listings (``catalog:<site id>``) or the whole store (``store:<site id>``).
While a storefront page renders, a ``Recorder`` collects the tags of every page, product
and image instance loaded from the database (``post_init``) and of every query that reads
the catalog's tables, so no template or selector lists what it used.

Each tag's value in the cache is the time it was last invalidated. A stored page stays
good while every one of its tags was last changed before the page began to render; a
change committed during the render invalidates it too. A tag missing from the cache
(evicted, or expired) counts as changed, so losing a key can never keep a stale page.

Every invalidation also writes, in the same call, the time of the latest change to its
store (``store_changed_key``), or to no store in particular (an image). A page holds
dozens of tags (each card, picture and page it shows), but a worker that checked them all
at some moment only needs those two times afterwards: while neither moved since, nothing
the page shows did (``quiet_since``). Only when one did are the page's own tags read.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

# The times are whole microseconds: Redis keeps an int as it is, where a float would be
# pickled, and a page served from the cache reads several of them.
KEY_PREFIX = "pagecache:tag-us:"
# The time of the latest change to a store's tags, or to tags of no store ("*").
CHANGED_PREFIX = "pagecache:changed-us:"
ANY_STORE = "*"
# Tags outlive the pages that carry them; a page whose tag has expired renders again.
TIMEOUT = 7 * 24 * 60 * 60
# Tables whose rows decide which products a listing shows and in which order.
CATALOG_TABLES = ('"shop_product"', '"shop_productvariant"', '"shop_stocklevel"')


def store_tag(site_id: int) -> str:
    return f"store:{site_id}"


def catalog_tag(site_id: int) -> str:
    return f"catalog:{site_id}"


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def product_tag(product_id: int) -> str:
    return f"product:{product_id}"


def image_tag(image_id: int) -> str:
    return f"image:{image_id}"


def _key(tag: str) -> str:
    return KEY_PREFIX + tag


def _stamp(seconds: float) -> int:
    """A time as the cache keeps it: whole microseconds."""
    return int(seconds * 1_000_000)


def store_changed_key(site_id: int | None) -> str:
    """Where the time of the latest change to the store's tags is kept; with None, of
    tags that belong to no one store (images: a store's picture is its collection's)."""
    return CHANGED_PREFIX + (ANY_STORE if site_id is None else str(site_id))


def changed_keys(tags) -> tuple[str, ...]:
    """The latest-change keys that cover ``tags``: those of the stores they name (a page
    carries its own store's tag, and shows no other store's rows) and of no store."""
    sites = sorted(int(tag.split(":", 1)[1]) for tag in tags if tag.startswith("store:"))
    return (*(store_changed_key(site_id) for site_id in sites), store_changed_key(None))


def invalidate(tags, *, site_id: int | None) -> None:
    """Mark ``tags`` (of the store ``site_id``, or of no store with None) as changed now:
    every stored page that carries one is stale. The store's latest change is the same
    time, written in the same call."""
    now = _stamp(time.time())
    values = {_key(tag): now for tag in tags}
    values[store_changed_key(site_id)] = now
    cache.set_many(values, timeout=TIMEOUT)


def _add_missing(keys, started: float) -> None:
    found = cache.get_many(list(keys))
    just_before = _stamp(started - settings.PAGECACHE_CLOCK_MARGIN) - 1
    for key in keys:
        if key not in found:
            cache.add(key, just_before, timeout=TIMEOUT)


def ensure(tags, started: float) -> None:
    """Give each tag, and each latest-change key that covers them, that has no time yet
    (never changed, or its key left the cache) a time just before the render that began
    at ``started``, without overwriting a change recorded meanwhile. Not zero: a page
    rendered before the key was lost may have been rendered before a change, and stays
    stale."""
    _add_missing([_key(tag) for tag in tags] + list(changed_keys(tags)), started)


def quiet_since(keys, checked: float) -> bool:
    """Whether none of the latest-change ``keys`` moved since ``checked`` (one read): a
    page whose tags were all unchanged at ``checked`` is then still good. A key missing
    from the cache counts as moved; so does a change less than ``PAGECACHE_CLOCK_MARGIN``
    before ``checked``, which the clocks cannot order."""
    found = cache.get_many(list(keys))
    trusted_before = _stamp(checked - settings.PAGECACHE_CLOCK_MARGIN)
    return all(found.get(key) is not None and found[key] < trusted_before for key in keys)


def changed_times(tags) -> dict[str, int]:
    """When each of ``tags`` last changed, by tag, in one read; a tag missing from the
    cache is missing from the answer."""
    found = cache.get_many([_key(tag) for tag in tags])
    return {tag[len(KEY_PREFIX) :]: changed for tag, changed in found.items()}


def unchanged_since(tags, started: float, changed: dict[str, int]) -> bool:
    """Whether none of ``tags`` changed since ``started``, by the times ``changed``
    (``changed_times``) holds; a tag it does not hold counts as changed.

    The machines' clocks may disagree by ``PAGECACHE_CLOCK_MARGIN``: a change recorded
    less than that before ``started`` may have come after it, so it counts as after."""
    trusted_before = _stamp(started - settings.PAGECACHE_CLOCK_MARGIN)
    for tag in tags:
        when = changed.get(tag)
        if when is None or when >= trusted_before:
            return False
    return True


class Recorder:
    """The tags of one render, collected while it runs."""

    def __init__(self, site_id: int):
        self.site_id = site_id
        self.tags: set[str] = {store_tag(site_id)}

    def add(self, tag: str) -> None:
        self.tags.add(tag)

    def watch_query(self, execute, sql, params, many, context):
        if any(table in sql for table in CATALOG_TABLES):
            self.tags.add(catalog_tag(self.site_id))
        return execute(sql, params, many, context)


_recorder: ContextVar[Recorder | None] = ContextVar("pagecache_recorder", default=None)


@contextmanager
def recording(site_id: int):
    """Collect the tags of what is read inside the block; yields the ``Recorder``."""
    recorder = Recorder(site_id)
    token = _recorder.set(recorder)
    try:
        with connection.execute_wrapper(recorder.watch_query):
            yield recorder
    finally:
        _recorder.reset(token)


def record(tag: str) -> None:
    """Add ``tag`` to the render in progress, if any (for reads that load no model
    instance, such as values kept in another cache)."""
    recorder = _recorder.get()
    if recorder is not None:
        recorder.add(tag)


def record_page_on_init(sender, instance, **kwargs):
    if instance.pk is not None:
        record(page_tag(instance.pk))


def record_product_on_init(sender, instance, **kwargs):
    if instance.pk is not None:
        record(product_tag(instance.pk))


def record_image_on_init(sender, instance, **kwargs):
    if instance.pk is not None:
        record(image_tag(instance.pk))

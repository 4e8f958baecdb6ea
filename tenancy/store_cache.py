"""What every storefront request of one store reads, cached per store (ADR 31).

A store's theme with its page-tree overrides, its settings, its menus and the facts its
pages are routed by are the same for every shopper until a merchant changes them. Each
app keeps its own entries here with ``store_value(site_id, name, build)``; a request reads
them from Django's cache (Redis in production, local memory for ``make run``) instead of
the database.

Every key carries the store's site id, and every entry the store's *generation* it was
built in: a change to anything an entry holds calls ``forget_store(site_id)``, which bumps
that store's generation once the change is committed, so every process builds the entries
again on its next request without knowing which keys to delete. Another store's entries
keep their generation: a change never empties the cache of the other stores, and no key of
one store can answer for another.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

# Entries live a day at most: a change bumps the generation at once, and the timeout
# only lets entries of generations nobody asks for any more leave the cache.
ENTRY_TIMEOUT = 60 * 60 * 24


def _generation_key(site_id: int) -> str:
    return f"store:{site_id}:generation"


def generation(site_id: int) -> int:
    """The store's current generation; the key of every entry of the store carries it."""
    key = _generation_key(site_id)
    current = cache.get(key)
    if current is None:
        cache.add(key, 1, timeout=None)
        current = cache.get(key, 1)
    return current


def entry_key(site_id: int, name: str) -> str:
    """Where the store's ``name`` is kept, with the generation it was built in."""
    return f"store:{site_id}:entry:{name}"


def store_value(
    site_id: int, name: str, build: Callable[[], Any], *, keep_none: bool = True
) -> Any:
    """The store's cached ``name``, built with ``build()`` when missing or built in an
    older generation.

    The entry and the store's generation are read in one call to the cache: an entry
    answers only if it was built in the current generation.

    With ``keep_none=False`` a None answer is not kept: for entries named after what a
    visitor asks for (an address), so that asking for what does not exist fills nothing.
    """
    key = entry_key(site_id, name)
    found = cache.get_many([_generation_key(site_id), key])
    current = found.get(_generation_key(site_id))
    if current is None:
        current = generation(site_id)
    else:
        entry = found.get(key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == current:
            return entry[1]
    value = build()
    if value is not None or keep_none:
        cache.set(key, (current, value), timeout=ENTRY_TIMEOUT)
    return value


def _bump(site_id: int) -> None:
    key = _generation_key(site_id)
    try:
        cache.incr(key)
    except ValueError:  # no generation yet, or it left the cache: start past any old one
        cache.add(key, 2, timeout=None)


def forget_store(site_id: int | None) -> None:
    """Drop the store's cached values now, and again once the current transaction
    commits.

    Now, so that the rest of the transaction (the request that made the change, a test)
    reads the new rows; after commit, because a request of another process may have
    cached the old rows in between, before the change was visible to it.
    """
    if site_id is None:
        return
    _bump(site_id)
    transaction.on_commit(lambda: _bump(site_id))

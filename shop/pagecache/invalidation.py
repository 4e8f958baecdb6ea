"""Invalidating stored pages after a change commits (ADR 30 has the table of what each
change invalidates; ``signal_handlers`` applies it).

``invalidate_on_commit`` is the one entry point. It marks the tags as changed at once,
and again once the transaction that made the change commits, then purges the CDN: a page
rendered before the change is dropped at once, and one rendered from the old rows while
the transaction was still open is dropped at commit. A rolled-back change costs one
needless render of the pages it named. Running it twice only invalidates the same pages
again.
"""

from django.db import transaction

from . import purge, tags


def invalidate(*, site_id: int, tag_names) -> None:
    """Mark ``tag_names`` of the store ``site_id`` as changed, here and in the CDN."""
    names = sorted(set(tag_names))
    if not names:
        return
    tags.invalidate(names, site_id=site_id)
    purge.purge(site_id, names)


def invalidate_on_commit(*, site_id: int | None, tag_names) -> None:
    """Mark the tags as changed now, and ``invalidate`` (with the CDN purge) once the
    current transaction commits (at once outside one)."""
    if site_id is None:
        return
    names = list(tag_names)
    tags.invalidate(names, site_id=site_id)
    transaction.on_commit(lambda: invalidate(site_id=site_id, tag_names=names))


def invalidate_store_on_commit(site_id: int | None) -> None:
    """Every stored page of the store, now and after commit: a store-wide change."""
    if site_id is not None:
        invalidate_on_commit(site_id=site_id, tag_names=[tags.store_tag(site_id)])


def invalidate_tag_on_commit(tag_name: str) -> None:
    """One tag of no single store (an image, whose store is its collection's), now and
    after commit; only pages that carry it are stale. Nothing is purged from a CDN: which
    store to ask it for is unknown here, and the CDN's short expiry covers it (ADR 30)."""
    tags.invalidate([tag_name], site_id=None)
    transaction.on_commit(lambda: tags.invalidate([tag_name], site_id=None))

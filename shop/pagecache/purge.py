"""The same invalidations sent to a CDN in front, through Wagtail's frontend cache.

A CDN keeps pages by address, not by tag, so the page cache remembers, per store, the
addresses it stored and the tags of each (bounded to ``INDEX_LIMIT`` addresses: the pages
a CDN may hold are pages the storefront rendered and stored here). An invalidation purges
the addresses whose tags it names, or all of the store's for a store-wide change.

Off unless ``WAGTAILFRONTENDCACHE`` names a backend (Cloudflare, CloudFront, Azure, a
purge URL of Varnish or nginx: Wagtail's own backends). Wagtail's
``purge_urls_from_cache`` sends the purge in a background task (django-tasks). An address
that fell out of the index is purged by the CDN's own expiry (``s-maxage``, ADR 30).
"""

from django.conf import settings
from django.core.cache import cache
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from .tags import store_tag

INDEX_KEY = "pagecache:urls:{site_id}"
INDEX_LIMIT = 5000
INDEX_TIMEOUT = 7 * 24 * 60 * 60


def is_enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def remember(site_id: int, url: str, tags) -> None:
    """Note that ``url`` of the store is held, rendered from ``tags`` (when purging is on)."""
    if not is_enabled():
        return
    key = INDEX_KEY.format(site_id=site_id)
    index = cache.get(key) or {}
    if url not in index and len(index) >= INDEX_LIMIT:
        index.pop(next(iter(index)))
    index[url] = sorted(tags)
    cache.set(key, index, timeout=INDEX_TIMEOUT)


def urls_to_purge(site_id: int, tags) -> list[str]:
    """The store's remembered addresses rendered from any of ``tags``."""
    index = cache.get(INDEX_KEY.format(site_id=site_id)) or {}
    wanted = set(tags)
    if store_tag(site_id) in wanted:
        return sorted(index)
    return sorted(url for url, used in index.items() if wanted.intersection(used))


def purge(site_id: int, tags) -> list[str]:
    """Ask the CDN to drop the store's pages rendered from ``tags``; returns the addresses."""
    if not is_enabled():
        return []
    urls = urls_to_purge(site_id, tags)
    purge_urls_from_cache(urls)
    return urls

"""The root path of the store a request serves, so that its links cost the same with one
store or a thousand.

Wagtail works out a page's address from the root paths of *every* site
(``Site.get_site_root_paths()``): a list with an entry per store, read from the cache and
turned back into tuples on every request, then scanned for each link a page shows. With
1,000 stores a category page spent more time there than on its queries.

A store's pages only link to pages of that store (ADR 2: a store is a Site with its own
tree), so on a store host the request keeps the root paths of its own store only
(``store_root_paths_for``), from the store's cache (``tenancy.store_cache``), which a change
to the store's site or to any page of its tree renews. A page outside that tree gets no
address on that host, as a page outside every site gets none anywhere.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from wagtail.models import Site
from wagtail.models.sites import SiteRootPath

from .store_cache import store_value

# Where Wagtail looks for a request's root paths before asking the cache
# (``Page._get_site_root_paths(cache_object=request)``).
_WAGTAIL_ATTRIBUTE = "_wagtail_cached_site_root_paths"
# The root paths of the store being served, for code that has no request at hand.
_serving: ContextVar["StoreRootPaths | None"] = ContextVar("store_root_paths", default=None)


def _build(site_id: int) -> list[tuple]:
    site = Site.objects.select_related("root_page", "root_page__locale").filter(pk=site_id).first()
    if site is None:
        return []
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        roots = site.root_page.get_translations(inclusive=True).select_related("locale")
    else:
        roots = [site.root_page]
    return [(site.pk, root.url_path, site.root_url, root.locale.language_code) for root in roots]


def store_root_paths(site_id: int) -> list[SiteRootPath]:
    """The root paths of the store ``site_id`` (one, or one per language), as Wagtail
    gives them, from the store's cache."""
    rows = store_value(site_id, "site_root_paths", lambda: _build(site_id))
    return [SiteRootPath(*row) for row in rows]


class StoreRootPaths(Sequence):
    """A store's root paths, read from the cache the first time a link needs them: a
    request served from the page cache or a redirect never reads them."""

    def __init__(self, site_id: int):
        self.site_id = site_id
        self._paths: list[SiteRootPath] | None = None

    def _loaded(self) -> list[SiteRootPath]:
        if self._paths is None:
            self._paths = store_root_paths(self.site_id)
        return self._paths

    def __getitem__(self, index):
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self) -> Iterator[SiteRootPath]:
        return iter(self._loaded())


@contextmanager
def store_root_paths_for(request, site_id: int):
    """While serving ``request`` of the store ``site_id``, the pages it links find their
    address among the store's own root paths only, read once for the request."""
    paths = StoreRootPaths(site_id)
    setattr(request, _WAGTAIL_ATTRIBUTE, paths)
    token = _serving.set(paths)
    try:
        yield
    finally:
        _serving.reset(token)


def site_id_of_page(page) -> int | None:
    """The id of the store whose tree holds ``page`` (no query); None for a page outside
    every site.

    While a store is served, its own root paths answer for its pages; any other page is
    matched against every site's, from Wagtail's cache. Matched here rather than with
    ``page.get_url_parts()``, which keeps the root paths on the page: a page saved before
    its site exists would keep answering "no site"."""
    url_path = page.url_path or ""
    serving = _serving.get()
    if serving is not None:
        site_id = _matches(url_path, serving)
        if site_id is not None:
            return site_id
    return _matches(url_path, Site.get_site_root_paths())


def _matches(url_path: str, root_paths: Sequence[SiteRootPath]) -> int | None:
    for site_id, root_path, _root_url, _language in root_paths:
        if url_path.startswith(root_path):
            return site_id
    return None

"""Which pages, collections and objects belong to a set of stores (given by site ids)."""

from collections.abc import Iterable

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from wagtail.models import Collection, CollectionMember, Page, Site

from tenancy.request import admin_site_ids
from tenants.models import Store


def root_paths(site_ids: Iterable[int]) -> list[str]:
    """Tree paths of the stores' home pages."""
    return list(Site.objects.filter(pk__in=site_ids).values_list("root_page__path", flat=True))


def in_trees(paths: Iterable[str], *, prefix: str = "") -> Q:
    """Rows whose ``<prefix>path`` lies inside one of the trees (the tree roots included)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def pages_in_stores(site_ids: Iterable[int]) -> QuerySet[Page]:
    return Page.objects.filter(in_trees(root_paths(site_ids)))


def pages_over_stores(site_ids: Iterable[int]) -> QuerySet[Page]:
    """The stores' pages and the pages above their home pages (whose settings they inherit)."""
    paths = root_paths(site_ids)
    above = {path[:end] for path in paths for end in range(Page.steplen, len(path), Page.steplen)}
    return Page.objects.filter(in_trees(paths) | Q(path__in=above))


def page_ids_as_text(pages: QuerySet[Page]) -> QuerySet:
    """Page ids as the text that generic relations (workflow states) store in ``object_id``."""
    return pages.values_list(Cast("pk", output_field=CharField()), flat=True)


def collections_of_stores(site_ids: Iterable[int]) -> QuerySet[Collection]:
    """The stores' collections and the collections nested in them."""
    paths = Store.objects.filter(site_id__in=site_ids).values_list("collection__path", flat=True)
    return Collection.objects.filter(in_trees(paths))


class StoreContents:
    """What belongs to a set of stores: their pages, collection members and rows.

    ``obj in contents`` for a page, an image or document, or a store-owned row. Objects of
    none of these kinds are the platform's and belong to no store.
    """

    def __init__(self, site_ids: Iterable[int]):
        self.site_ids = frozenset(site_ids)

    @cached_property
    def paths(self) -> tuple[str, ...]:
        return tuple(root_paths(self.site_ids))

    @cached_property
    def collection_ids(self) -> frozenset[int]:
        return frozenset(collections_of_stores(self.site_ids).values_list("pk", flat=True))

    def __contains__(self, obj) -> bool:
        if isinstance(obj, Page):
            return obj.path.startswith(self.paths)
        if isinstance(obj, CollectionMember):
            return obj.collection_id in self.collection_ids
        return getattr(obj, "site_id", None) in self.site_ids


def request_contents(request) -> StoreContents | None:
    """What the request's stores hold, or None when the request shows every store."""
    site_ids = admin_site_ids(request)
    return None if site_ids is None else StoreContents(site_ids)

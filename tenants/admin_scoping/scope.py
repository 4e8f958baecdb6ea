"""Which pages, collections and objects belong to a set of stores (given by site ids)."""

from collections.abc import Container, Iterable

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.models import Collection, Page, Site

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


def belongs_to_stores(obj, *, site_ids: Container[int], paths: list[str]) -> bool:
    """Whether the object (a page or a store-owned row) belongs to one of the stores.

    Objects of neither kind are the platform's and never belong to a store.
    """
    if isinstance(obj, Page):
        return obj.path.startswith(tuple(paths))
    return getattr(obj, "site_id", None) in site_ids

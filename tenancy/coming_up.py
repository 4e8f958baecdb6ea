"""What goes live or expires next in one store: its pages, and the rows of every model with
drafts that belongs to a store (the theme, promotions, any later one), read the way
Wagtail's scheduled publishing reads them (``tenancy.scheduled_publishing``):

- goes live: a revision with ``approved_go_live_at`` (at most one per object, the one
  Wagtail will publish), with the expiry that revision carries, if any;
- expires: a live object's ``expire_at``.

Only the store's own rows: pages under its root page, rows whose ``site`` is the store's,
and revisions of those. A model with drafts and no ``site`` field belongs to no store and
is never listed. A read, scope-independent (each query names the store), a fixed number of
queries per model with drafts.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Cast
from django.utils import dateparse, timezone
from wagtail.models import Page, Revision, Site

from .scheduled_publishing import draft_models


@dataclass(frozen=True)
class ComingUp:
    """One change to come: ``obj`` goes live (``GOES_LIVE``) or expires (``EXPIRES``) at ``at``."""

    GOES_LIVE = "goes live"
    EXPIRES = "expires"

    at: datetime
    change: str
    title: str
    kind: str  # the model's verbose name: "category page", "store theme", "promotion"
    obj: models.Model
    until: datetime | None = None  # when what goes live expires, if it says

    @property
    def goes_live(self) -> bool:
        return self.change == self.GOES_LIVE


def coming_up(*, site_id: int, now: datetime | None = None, limit: int | None = None):
    """The store's scheduled changes after ``now``, soonest first (at most ``limit``)."""
    now = now or timezone.now()
    site = Site.objects.select_related("root_page").filter(pk=site_id).first()
    if site is None:
        return []
    found = _pages(site.root_page, now, limit)
    for model in store_draft_models():
        found += _rows(model, site_id, now, limit)
    found.sort(key=lambda item: (item.at, item.title))
    return found[:limit] if limit is not None else found


def store_draft_models() -> list[type]:
    """The models with drafts whose rows belong to a store (a ``site`` field)."""
    found = []
    for model in draft_models():
        if issubclass(model, Page):
            continue
        try:
            model._meta.get_field("site")
        except FieldDoesNotExist:
            continue
        found.append(model)
    return found


def _ids_as_text(queryset):
    """Revisions name their object by a text id."""
    return queryset.annotate(id_text=Cast("pk", models.CharField())).values("id_text")


def _scheduled(content_type, object_ids, now, limit):
    revisions = Revision.objects.filter(
        base_content_type=content_type,
        object_id__in=object_ids,
        approved_go_live_at__gt=now,
    ).order_by("approved_go_live_at", "pk")
    return list(revisions[:limit] if limit is not None else revisions)


def _until(revision) -> datetime | None:
    value = (revision.content or {}).get("expire_at")
    return dateparse.parse_datetime(value) if value else None


def _pages(root, now, limit) -> list[ComingUp]:
    tree = Page.objects.filter(path__startswith=root.path, depth__gte=root.depth)
    expiring = tree.filter(live=True, expire_at__gt=now).order_by("expire_at", "pk")
    expiring = list(expiring[:limit] if limit is not None else expiring)
    page_type = ContentType.objects.get_for_model(Page)
    revisions = _scheduled(page_type, _ids_as_text(tree), now, limit)
    scheduled = Page.objects.in_bulk([int(revision.object_id) for revision in revisions])
    items = [
        ComingUp(
            at=page.expire_at,
            change=ComingUp.EXPIRES,
            title=page.title,
            kind=page.specific_class._meta.verbose_name,
            obj=page,
        )
        for page in expiring
    ]
    for revision in revisions:
        page = scheduled.get(int(revision.object_id))
        if page is None:
            continue
        items.append(
            ComingUp(
                at=revision.approved_go_live_at,
                change=ComingUp.GOES_LIVE,
                title=revision.content.get("title") or revision.object_str,
                kind=page.specific_class._meta.verbose_name,
                obj=page,
                until=_until(revision),
            )
        )
    return items


def _rows(model, site_id, now, limit) -> list[ComingUp]:
    rows = model._base_manager.filter(site_id=site_id)
    kind = model._meta.verbose_name
    expiring = rows.filter(live=True, expire_at__gt=now).order_by("expire_at", "pk")
    expiring = list(expiring[:limit] if limit is not None else expiring)
    revisions = _scheduled(model.get_base_content_type(), _ids_as_text(rows), now, limit)
    objects = rows.in_bulk([revision.object_id for revision in revisions])
    items = [
        ComingUp(at=row.expire_at, change=ComingUp.EXPIRES, title=str(row), kind=kind, obj=row)
        for row in expiring
    ]
    for revision in revisions:
        row = objects.get(model._meta.pk.to_python(revision.object_id))
        if row is None:
            continue
        items.append(
            ComingUp(
                at=revision.approved_go_live_at,
                change=ComingUp.GOES_LIVE,
                title=revision.object_str or str(row),
                kind=kind,
                obj=row,
                until=_until(revision),
            )
        )
    return items

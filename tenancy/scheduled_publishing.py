"""Scheduled publishing, every store's at once: what Wagtail's ``publish_scheduled`` command
does, run every minute by Celery beat (``shop.tasks.publish_scheduled_task``).

Pages, the store's theme and every other model with drafts (``DraftStateMixin``) are
published when their approved revision's time has come, and unpublished (marked expired)
when their ``expire_at`` has passed. Unlike the command, which waits for the time to be
strictly past, an object due at T goes live at the first run at or after T.

Invariants:

- One run at a time: a run takes a lock in the shared cache (``cache.add``) and a second
  run (two beats, or a slow run overlapping the next minute) does nothing. The lock lapses
  after ``LOCK_SECONDS`` should a worker die holding it.
- Each object is published or unpublished once: its row is re-read under a row lock in its
  own transaction, so a revision that another run (or a person) published in the meantime,
  or an object no longer live, is skipped. Wagtail's log entry and signals are sent once.
- Each object is handled in its own store's scope (``tenancy.scope``), so receivers and
  the code publishing calls see that store's rows only. One object that fails is logged
  and the others still go live.

The cache invalidation of a publish (page cache, store cache) is done by the receivers of
Wagtail's ``published`` / ``page_published`` and ``unpublished`` signals, as for a publish
by hand: this path sends the same signals.
"""

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from .root_paths import site_id_of_page
from .scope import all_stores, store_scope

logger = logging.getLogger(__name__)

LOCK_KEY = "tenancy:scheduled-publishing:lock"
# Longer than any run should take; a run that finds the lock taken does nothing.
LOCK_SECONDS = 10 * 60


@dataclass
class ScheduledRun:
    """What one run did: ids of the revisions published and (label, pk) of the objects
    unpublished; ``skipped`` when another run held the lock."""

    published: list[int] = field(default_factory=list)
    unpublished: list[tuple[str, int]] = field(default_factory=list)
    failed: int = 0
    skipped: bool = False


def draft_models() -> list[type]:
    """``Page`` and every other model with drafts, as Wagtail's command lists them."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def publish_scheduled(*, now=None) -> ScheduledRun:
    """Unpublish what expired and publish what is due, unless another run holds the lock."""
    token = uuid.uuid4().hex
    if not cache.add(LOCK_KEY, token, timeout=LOCK_SECONDS):
        logger.info("Scheduled publishing is already running; this run does nothing.")
        return ScheduledRun(skipped=True)
    try:
        return _run(now or timezone.now())
    finally:
        if cache.get(LOCK_KEY) == token:
            cache.delete(LOCK_KEY)


def _run(now) -> ScheduledRun:
    run = ScheduledRun()
    for model, pk in _expired(now):
        if _guarded(run, f"unpublishing {model._meta.label} {pk}", _unpublish, model, pk, now):
            run.unpublished.append((model._meta.label, pk))
    for revision_id in _due_revisions(now):
        if _guarded(run, f"publishing revision {revision_id}", _publish, revision_id, now):
            run.published.append(revision_id)
    return run


def _guarded(run: ScheduledRun, what: str, action, *args) -> bool:
    try:
        return action(*args)
    except Exception:
        run.failed += 1
        logger.exception("Scheduled publishing failed %s; the others go on.", what)
        return False


def _expired(now) -> Iterator[tuple[type, int]]:
    for model in draft_models():
        with all_stores():
            ids = list(
                model._default_manager.filter(live=True, expire_at__lte=now)
                .order_by("expire_at", "pk")
                .values_list("pk", flat=True)
            )
        for pk in ids:
            yield model, pk


def _due_revisions(now) -> list[int]:
    return list(
        Revision.objects.filter(approved_go_live_at__lte=now)
        .order_by("approved_go_live_at", "pk")
        .values_list("pk", flat=True)
    )


def _site_id(obj) -> int | None:
    if isinstance(obj, Page):
        return site_id_of_page(obj)
    return getattr(obj, "site_id", None)


def _in_its_store(obj):
    """The scope of the object's store; every store's for an object of no store."""
    site_id = _site_id(obj)
    return store_scope([site_id]) if site_id is not None else all_stores()


def _unpublish(model, pk, now) -> bool:
    with transaction.atomic():
        with all_stores():
            obj = (
                model._default_manager.select_for_update()
                .filter(pk=pk, live=True, expire_at__lte=now)
                .first()
            )
        if obj is None:  # published again, or unpublished, since it was listed
            return False
        if isinstance(obj, Page):
            obj = obj.specific
        with _in_its_store(obj):
            obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    return True


def _publish(revision_id, now) -> bool:
    with transaction.atomic():
        revision = (
            Revision.objects.select_for_update()
            .filter(pk=revision_id, approved_go_live_at__lte=now)
            .first()
        )
        if revision is None:  # published, or unscheduled, since it was listed
            return False
        with all_stores():
            obj = revision.content_object
        with _in_its_store(obj):
            # Publishing a revision whose time has come makes its object live, and clears
            # ``approved_go_live_at`` of every revision of the object.
            revision.publish(log_action="wagtail.publish.scheduled")
    return True

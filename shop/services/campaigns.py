"""Campaigns: planned, started and ended (ADR 48).

``save_campaign`` plans one: every object it changes is pinned to that object's latest draft,
and the campaign is refused, with every reason, when it ends before it starts or in the past,
or when it changes an object that another campaign changes at an overlapping time, or that
Wagtail will publish or expire during it. Saves of one store's campaigns take the store's row
lock, so two editors cannot plan clashing campaigns at once.

``run_campaigns`` (the beat, every minute) ends the campaigns whose end has come, then starts
those whose start has, each in one transaction under the campaign's row lock: a campaign
starts or ends whole, once, or not at all (and is tried again at the next run).

- Start: for each object, what is live and its waiting draft are recorded; the pinned
  version is published (as a new revision, without the draft's own go-live or expiry dates:
  the campaign decides when). Products are shown (made active) or hidden (made draft).
- End: each object is put back: the version live at the start is published again, or the
  object is unpublished if it was not live. The latest edit made during the campaign, or
  else the draft waiting at the start, becomes the object's latest draft again, so nobody's
  work is lost. Products get their status back (unless archived meanwhile).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from wagtail.models import Page, Revision, Site

from tenancy.scope import all_stores, store_scope

from ..data import Campaign, CampaignChange, CampaignProduct, Product
from ..exceptions import CampaignRefused
from .product_pages import follow_status_of_products

logger = logging.getLogger(__name__)

PUBLISH_ACTION = "shop.campaign.publish"
RESTORE_ACTION = "shop.campaign.restore"
UNPUBLISH_ACTION = "shop.campaign.unpublish"
KEEP_DRAFT_ACTION = "shop.campaign.keep_draft"
# (action, label, what the history says), registered as Wagtail log actions.
CAMPAIGN_LOG_ACTIONS = [
    (PUBLISH_ACTION, "Publish for a campaign", "Published at the start of a campaign"),
    (RESTORE_ACTION, "Restore after a campaign", "Put back as it was before a campaign"),
    (UNPUBLISH_ACTION, "Unpublish after a campaign", "Unpublished at the end of a campaign"),
    (KEEP_DRAFT_ACTION, "Keep edits as a draft", "Edits made during a campaign kept as a draft"),
]


@dataclass
class Plan:
    """What a campaign does: ``objects`` are pages, the theme or promotions (any model with
    drafts of the store); ``shown`` and ``hidden`` are products."""

    name: str
    starts_at: datetime
    ends_at: datetime
    objects: list = field(default_factory=list)
    shown: list = field(default_factory=list)
    hidden: list = field(default_factory=list)


@dataclass
class CampaignRun:
    started: list[int] = field(default_factory=list)
    ended: list[int] = field(default_factory=list)
    failed: int = 0


def when(moment: datetime) -> str:
    """A moment as merchants read it, in the active (store's) time zone."""
    return formats.date_format(timezone.localtime(moment), "D j M Y, H:i")


def object_key(obj) -> tuple:
    return ("object", obj.get_base_content_type().pk, str(obj.pk))


def kind_of(obj) -> str:
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return str(model._meta.verbose_name)


def describe(row) -> str:
    """``the page “Summer sale”``: what a campaign row changes, for messages."""
    if isinstance(row, CampaignProduct):
        return f"the product “{row.product.title}”"
    return f"the {row.kind} “{row.revision.object_str}”"


# --- Planning -----------------------------------------------------------------------------


def save_campaign(
    *, site_id: int, plan: Plan, campaign: Campaign | None = None, user=None, now=None
) -> Campaign:
    """Create ``campaign`` (None) or change it to ``plan``; raises ``CampaignRefused``."""
    now = now or timezone.now()
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=site_id).first()  # one planner at a time
        if campaign is not None:
            campaign = Campaign.objects.select_for_update().get(pk=campaign.pk, site_id=site_id)
            if campaign.state == Campaign.State.RUNNING:
                if plan.starts_at != campaign.starts_at or _plan_keys(plan) != _campaign_keys(
                    campaign
                ):
                    raise CampaignRefused(
                        "The campaign has started: only its name and end can change. End it "
                        "now and plan a new one to change what it touches."
                    )
                return change_running_campaign(
                    campaign=campaign, name=plan.name, ends_at=plan.ends_at, now=now
                )
        _refuse_if_wrong(site_id, plan, campaign, now)
        if campaign is None:
            campaign = Campaign(site_id=site_id, created_by=user)
        campaign.name, campaign.starts_at, campaign.ends_at = (
            plan.name,
            plan.starts_at,
            plan.ends_at,
        )
        campaign.save()
        _write_changes(campaign, plan.objects, user)
        _write_products(campaign, plan.shown, plan.hidden)
    return campaign


def _plan_keys(plan: Plan) -> set[tuple]:
    return {object_key(obj) for obj in plan.objects} | {
        ("product", product.pk) for product in [*plan.shown, *plan.hidden]
    }


def _campaign_keys(campaign: Campaign) -> set[tuple]:
    return {row.key for row in [*campaign.changes.all(), *campaign.products.all()]}


def _refuse_if_wrong(site_id: int, plan: Plan, campaign: Campaign | None, now) -> None:
    problems = []
    if campaign is not None and not campaign.editable:
        raise CampaignRefused(
            f"“{campaign.name}” is {campaign.get_state_display().lower()}; it can no longer "
            "be changed."
        )
    if plan.ends_at <= plan.starts_at:
        problems.append("The campaign must end after it starts.")
    if plan.ends_at <= now:
        problems.append("The campaign must end in the future.")
    if not plan.objects and not plan.shown and not plan.hidden:
        problems.append("Choose at least one page, promotion, theme draft or product.")
    for obj in plan.objects:
        if getattr(obj, "site_id", site_id) != site_id and not _page_of_store(obj, site_id):
            problems.append(f"The {kind_of(obj)} “{obj}” is not this store's.")
    for product in [*plan.shown, *plan.hidden]:
        if product.site_id != site_id:
            problems.append(f"The product “{product.title}” is not this store's.")
        elif product.status == Product.Status.ARCHIVED:
            problems.append(f"The product “{product.title}” is archived.")
    if problems:
        raise CampaignRefused(problems)
    problems += _overlaps(site_id, plan, campaign)
    problems += _wagtail_schedules(plan)
    if problems:
        raise CampaignRefused(problems)


def _page_of_store(obj, site_id: int) -> bool:
    if not isinstance(obj, Page):
        return False
    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    return site is not None and obj.path.startswith(site.root_page.path)


def _overlaps(site_id: int, plan: Plan, campaign: Campaign | None, keys=None) -> list[str]:
    keys = _plan_keys(plan) if keys is None else keys
    others = (
        Campaign.objects.filter(
            site_id=site_id,
            state__in=Campaign.HOLDING,
            starts_at__lt=plan.ends_at,
            ends_at__gt=plan.starts_at,
        )
        .exclude(pk=campaign.pk if campaign is not None else None)
        .prefetch_related("changes__revision", "changes__content_type", "products__product")
    )
    return [
        f"“{other.name}” already changes {describe(row)} from {when(other.starts_at)} to "
        f"{when(other.ends_at)}."
        for other in others
        for row in [*other.changes.all(), *other.products.all()]
        if row.key in keys
    ]


def _wagtail_schedules(plan: Plan) -> list[str]:
    """Objects Wagtail itself publishes or expires during the campaign: the campaign's end
    would undo that, so it is refused until the schedule is moved or removed."""
    problems = []
    for obj in plan.objects:
        label = f"The {kind_of(obj)} “{obj}”"
        scheduled = Revision.objects.filter(
            base_content_type=obj.get_base_content_type(),
            object_id=str(obj.pk),
            approved_go_live_at__gte=plan.starts_at,
            approved_go_live_at__lt=plan.ends_at,
        ).first()
        if scheduled is not None:
            problems.append(
                f"{label} has a version scheduled to go live at "
                f"{when(scheduled.approved_go_live_at)}, during the campaign. Cancel that "
                "schedule first."
            )
        expire_at = getattr(obj, "expire_at", None)
        if obj.live and expire_at is not None and plan.starts_at <= expire_at < plan.ends_at:
            problems.append(
                f"{label} is set to expire at {when(expire_at)}, during the campaign. Remove "
                "its expiry first."
            )
    return problems


def _pinned_revision(obj, user) -> Revision:
    latest = obj.latest_revision
    if latest is None:
        latest = obj.save_revision(user=user, clean=False)
    return latest


def _write_changes(campaign: Campaign, objects: Iterable, user) -> None:
    wanted = {object_key(obj): obj for obj in objects}
    for change in list(campaign.changes.all()):
        if change.key not in wanted:
            change.delete()
    existing = {change.key: change for change in campaign.changes.all()}
    for key, obj in wanted.items():
        change = existing.get(key) or CampaignChange(
            campaign=campaign,
            content_type=ContentType.objects.get_for_id(key[1]),
            object_id=key[2],
        )
        change.revision = _pinned_revision(obj, user)
        change.save()


def _write_products(campaign: Campaign, shown: Iterable, hidden: Iterable) -> None:
    wanted = {product.pk: True for product in shown} | {product.pk: False for product in hidden}
    campaign.products.exclude(product_id__in=wanted).delete()
    existing = {row.product_id: row for row in campaign.products.all()}
    for product_id, visible in wanted.items():
        row = existing.get(product_id) or CampaignProduct(campaign=campaign, product_id=product_id)
        row.visible = visible
        row.save()


def change_running_campaign(
    *, campaign: Campaign, name: str, ends_at: datetime, now=None
) -> Campaign:
    """Rename a running campaign or move its end (not into the past): what it touches is
    fixed once it has started."""
    plan = Plan(name=name, starts_at=campaign.starts_at, ends_at=ends_at)
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=campaign.site_id).first()
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state != Campaign.State.RUNNING:
            raise CampaignRefused(f"“{locked.name}” is not running.")
        problems = []
        if ends_at <= locked.starts_at:
            problems.append("The campaign must end after it starts.")
        if ends_at <= (now or timezone.now()):
            problems.append("The campaign must end in the future. To end it now, use End now.")
        problems += _overlaps(locked.site_id, plan, locked, keys=_campaign_keys(locked))
        if problems:
            raise CampaignRefused(problems)
        locked.name, locked.ends_at = name, ends_at
        locked.save(update_fields=["name", "ends_at", "updated_at"])
    return locked


def cancel_campaign(*, campaign: Campaign) -> Campaign:
    """Call off a campaign that has not started; it changes nothing."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state != Campaign.State.SCHEDULED:
            raise CampaignRefused(
                f"“{locked.name}” is {locked.get_state_display().lower()}; only a campaign "
                "that has not started can be cancelled."
            )
        locked.state = Campaign.State.CANCELLED
        locked.save(update_fields=["state", "updated_at"])
    return locked


def end_campaign_now(*, campaign: Campaign, now=None) -> Campaign:
    """End a running campaign now: everything it touched is put back at once."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state != Campaign.State.RUNNING:
            raise CampaignRefused(f"“{locked.name}” is not running.")
        if locked.ends_at > now:
            locked.ends_at = max(now, locked.starts_at + timezone.timedelta(seconds=1))
            locked.save(update_fields=["ends_at", "updated_at"])
    end_campaign(locked.pk, now=max(now, locked.ends_at))
    locked.refresh_from_db()
    return locked


# --- Running ------------------------------------------------------------------------------


def run_campaigns(*, now=None) -> CampaignRun:
    """End, then start, every campaign whose time has come, in every store."""
    now = now or timezone.now()
    run = CampaignRun()
    with all_stores():
        ending = list(
            Campaign.objects.filter(state=Campaign.State.RUNNING, ends_at__lte=now)
            .order_by("ends_at", "pk")
            .values_list("pk", flat=True)
        )
        starting = list(
            Campaign.objects.filter(state=Campaign.State.SCHEDULED, starts_at__lte=now)
            .order_by("starts_at", "pk")
            .values_list("pk", flat=True)
        )
    for pk in ending:
        if _guarded(run, f"ending campaign {pk}", end_campaign, pk, now=now):
            run.ended.append(pk)
    for pk in starting:
        if _guarded(run, f"starting campaign {pk}", start_campaign, pk, now=now):
            run.started.append(pk)
    return run


def _guarded(run: CampaignRun, what: str, action, *args, **kwargs) -> bool:
    try:
        return action(*args, **kwargs)
    except Exception:
        run.failed += 1
        logger.exception("Campaigns: %s failed; it is tried again at the next run.", what)
        return False


def _locked_if_due(pk: int, **due) -> Campaign | None:
    """The campaign, its row locked until commit, if it is still as ``due`` says: a run
    that overlaps another finds it started or ended already."""
    with all_stores():
        return Campaign.objects.select_for_update().filter(pk=pk, **due).first()


def start_campaign(pk: int, *, now) -> bool:
    """Publish everything the campaign changes; False when it is not due (or not scheduled).
    A campaign whose end had already passed when it was due starts and ends in one run."""
    with transaction.atomic():
        campaign = _locked_if_due(pk, state=Campaign.State.SCHEDULED, starts_at__lte=now)
        if campaign is None:
            return False
        with store_scope([campaign.site_id]):
            for change in campaign.changes.select_related("revision"):
                _publish(change, campaign)
            for row in campaign.products.select_related("product"):
                _show(row)
            campaign.state = Campaign.State.RUNNING
            campaign.started_at = now
            campaign.save(update_fields=["state", "started_at", "updated_at"])
    if campaign.ends_at <= now:
        end_campaign(pk, now=now)
    return True


def end_campaign(pk: int, *, now) -> bool:
    """Put back everything the campaign changed; False when it is not running or not due."""
    with transaction.atomic():
        campaign = _locked_if_due(pk, state=Campaign.State.RUNNING, ends_at__lte=now)
        if campaign is None:
            return False
        with store_scope([campaign.site_id]):
            for change in campaign.changes.select_related(
                "revision", "before_revision", "draft_before", "published_revision"
            ):
                _restore(change, campaign)
            for row in campaign.products.select_related("product"):
                _put_back(row)
            campaign.state = Campaign.State.ENDED
            campaign.ended_at = now
            campaign.save(update_fields=["state", "ended_at", "updated_at"])
    return True


def locked_object(change: CampaignChange):
    """The object a change touches, its row locked; None when it was deleted."""
    model = change.content_type.model_class()
    obj = model._default_manager.select_for_update().filter(pk=change.object_id).first()
    if obj is not None and isinstance(obj, Page):
        obj = obj.specific
    return obj


def _publish(change: CampaignChange, campaign: Campaign) -> None:
    obj = locked_object(change)
    if obj is None:
        return
    change.was_live = obj.live
    change.before_revision = obj.live_revision if obj.live else None
    latest = obj.latest_revision
    waiting = obj.has_unpublished_changes and latest is not None
    change.draft_before = latest if waiting and latest.pk != change.revision_id else None
    planned = change.revision.as_object()
    # The campaign decides when; the draft's own dates would make Wagtail schedule it.
    planned.go_live_at = None
    planned.expire_at = None
    revision = planned.save_revision(clean=False, log_action=False)
    revision.publish(log_action=PUBLISH_ACTION)
    change.published_revision = revision
    change.save(update_fields=["was_live", "before_revision", "draft_before", "published_revision"])


def _restore(change: CampaignChange, campaign: Campaign) -> None:
    obj = locked_object(change)
    if obj is None:
        return
    latest = obj.latest_revision
    edited = latest if latest is not None and latest.pk != change.published_revision_id else None
    if change.was_live and change.before_revision is not None:
        before = change.before_revision.as_object()
        revision = before.save_revision(clean=False, log_action=False)
        revision.publish(log_action=RESTORE_ACTION)
    elif change.was_live:
        # Its version from before the campaign was deleted (``purge_revisions``): what is
        # live stays, rather than taking down something that was live.
        logger.warning(
            "Campaign %s: the version of %s from before it is gone; left as it is.",
            campaign.pk,
            change,
        )
    elif obj.live:
        obj.unpublish(log_action=UNPUBLISH_ACTION)
    keep = edited or change.draft_before
    obj = locked_object(change)
    if keep is not None and obj.latest_revision_id != keep.pk:
        draft = keep.as_object()
        draft.save_revision(clean=False, log_action=KEEP_DRAFT_ACTION)


def _show(row: CampaignProduct) -> None:
    product = Product.objects.select_for_update().get(pk=row.product_id)
    row.status_before = product.status
    row.save(update_fields=["status_before"])
    if product.status == Product.Status.ARCHIVED:
        return
    _set_status(product, Product.Status.ACTIVE if row.visible else Product.Status.DRAFT)


def _put_back(row: CampaignProduct) -> None:
    product = Product.objects.select_for_update().get(pk=row.product_id)
    if product.status == Product.Status.ARCHIVED or not row.status_before:
        return
    _set_status(product, row.status_before)


def _set_status(product: Product, status: str) -> None:
    if product.status == status:
        return
    product.status = status
    product.save(update_fields=["status", "updated_at"])
    follow_status_of_products(products=[product])

"""What a store will show at a given moment, read from its campaigns and Wagtail's own
schedule, for the merchant's "as it will look at" preview (ADR 48); and the store's
campaigns laid out on a calendar.

``version_at(obj, when)`` answers for one object with drafts (a page, the theme, a promotion),
the way the campaigns (``shop.services.campaigns``) and scheduled publishing will make it:

- a campaign planned or running at ``when`` that changes it: the campaign's version;
- after a running campaign's end: the version live at its start (None if it was not live);
- otherwise the live version, or the revision Wagtail will have published by then (its
  ``approved_go_live_at``), unless it will have expired.

Prices need no such reading: ``shop.promotions.book`` already answers for any moment.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, Revision

from tenancy.scope import store_scope
from tenancy.store_cache import store_value

from .data import Campaign, CampaignChange, CampaignProduct, Product

CAMPAIGN_MOMENTS_ENTRY = "campaign-moments"


def _campaign_moments(site_id: int) -> list[datetime]:
    with store_scope([site_id]):
        rows = Campaign.objects.filter(site_id=site_id, state__in=Campaign.HOLDING)
        return sorted(
            {moment for row in rows.values_list("starts_at", "ends_at") for moment in row}
        )


def next_campaign_boundary(site_id: int, after: datetime) -> datetime | None:
    """The next start or end of one of the store's planned or running campaigns after
    ``after``: cached pages end there (ADR 48). Kept in the store's cache, which saving a
    campaign drops."""
    moments = store_value(site_id, CAMPAIGN_MOMENTS_ENTRY, lambda: _campaign_moments(site_id))
    return next((moment for moment in moments if moment > after), None)


def _planned(revision: Revision):
    planned = revision.as_object()
    planned.go_live_at = None
    planned.expire_at = None
    planned.live = True
    return planned


def changes_of(obj) -> list[CampaignChange]:
    """The changes planned or running campaigns make to ``obj``, soonest first."""
    return list(
        CampaignChange.objects.filter(
            content_type=obj.get_base_content_type(),
            object_id=str(obj.pk),
            campaign__state__in=Campaign.HOLDING,
        )
        .select_related("campaign", "revision", "before_revision")
        .order_by("campaign__starts_at")
    )


def version_at(obj, when: datetime):
    """``obj`` as shoppers will see it at ``when``; None when it will not be live then."""
    changes = changes_of(obj)
    for change in changes:
        if change.campaign.starts_at <= when < change.campaign.ends_at:
            return _planned(change.revision)
    base = obj if obj.live else None
    for change in changes:
        campaign = change.campaign
        if campaign.state == Campaign.State.RUNNING and when >= campaign.ends_at:
            before = change.before_revision if change.was_live else None
            base = before.as_object() if before is not None else None
    scheduled = (
        Revision.objects.filter(
            base_content_type=obj.get_base_content_type(),
            object_id=str(obj.pk),
            approved_go_live_at__lte=when,
        )
        .order_by("-approved_go_live_at")
        .first()
    )
    if scheduled is not None:
        base = scheduled.as_object()
        base.live = True
    expire_at = getattr(base, "expire_at", None)
    if base is not None and expire_at is not None and expire_at <= when:
        return None
    return base


def product_shown_at(product: Product, when: datetime) -> bool:
    """Whether ``product`` will be for sale at ``when``."""
    rows = CampaignProduct.objects.filter(
        product=product, campaign__state__in=Campaign.HOLDING
    ).select_related("campaign")
    shown = product.status == Product.Status.ACTIVE
    for row in rows:
        campaign = row.campaign
        if campaign.starts_at <= when < campaign.ends_at:
            return row.visible and product.status != Product.Status.ARCHIVED
        if campaign.state == Campaign.State.RUNNING and when >= campaign.ends_at:
            shown = row.status_before == Product.Status.ACTIVE
    return shown


def page_at(page: Page, when: datetime):
    """The specific page as it will be shown at ``when``, or None: a product page follows
    its product's visibility then."""
    page = page.specific
    product_id = getattr(page, "product_id", None)
    if product_id is not None:
        product = Product.objects.filter(pk=product_id).first()
        if product is None or not product_shown_at(product, when):
            return None
        if not page.live:
            return page.get_latest_revision_as_object()
    return version_at(page, when)


# --- The calendar ---------------------------------------------------------------------------

WEEKS_SHOWN = 8


@dataclass(frozen=True)
class Bar:
    campaign: Campaign
    left: float  # percent of the window
    width: float
    starts_before: bool
    ends_after: bool


@dataclass(frozen=True)
class Calendar:
    start: datetime
    end: datetime
    weeks: list[datetime]
    bars: list[Bar]
    today_left: float | None

    @property
    def previous(self) -> datetime:
        return self.start - timedelta(weeks=WEEKS_SHOWN // 2)

    @property
    def following(self) -> datetime:
        return self.start + timedelta(weeks=WEEKS_SHOWN // 2)


def week_start(day: date) -> datetime:
    """Monday 00:00 of ``day``'s week, in the active (store's) time zone."""
    monday = day - timedelta(days=day.weekday())
    return datetime.combine(monday, time.min, tzinfo=timezone.get_current_timezone())


def _percent(moment: datetime, start: datetime, span: float) -> float:
    return round(100 * (moment - start).total_seconds() / span, 3)


def calendar(site_id: int, *, start: datetime, now: datetime | None = None) -> Calendar:
    """The store's campaigns (cancelled ones left out) on ``WEEKS_SHOWN`` weeks from
    ``start`` (a Monday), each a bar placed in percent of the window."""
    now = now or timezone.now()
    end = start + timedelta(weeks=WEEKS_SHOWN)
    span = (end - start).total_seconds()
    campaigns = (
        Campaign.objects.filter(site_id=site_id, starts_at__lt=end, ends_at__gt=start)
        .filter(~Q(state=Campaign.State.CANCELLED))
        .order_by("starts_at", "pk")
    )
    bars = []
    for campaign in campaigns:
        left = _percent(max(campaign.starts_at, start), start, span)
        right = _percent(min(campaign.ends_at, end), start, span)
        bars.append(
            Bar(
                campaign=campaign,
                left=left,
                width=max(right - left, 0.5),
                starts_before=campaign.starts_at < start,
                ends_after=campaign.ends_at > end,
            )
        )
    weeks = [start + timedelta(weeks=week) for week in range(WEEKS_SHOWN)]
    today = _percent(now, start, span) if start <= now < end else None
    return Calendar(start=start, end=end, weeks=weeks, bars=bars, today_left=today)

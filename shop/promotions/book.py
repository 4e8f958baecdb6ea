"""Which promotions of a store are live at a given moment, to the second (ADR 47).

Wagtail publishes a scheduled revision when ``publish_scheduled`` next runs (every minute,
by the beat) and unpublishes an expired promotion the same way. Prices cannot wait for it:
a promotion applies from its first second to its last. So the store's *book* reads the
schedule itself: every version of every promotion with the window in which it is the one
that counts,

- the published row, from its ``go_live_at`` (or always) until its ``expire_at``, or until
  a scheduled revision takes over;
- the scheduled revision (``approved_go_live_at``), from then until its own ``expire_at``;

- a campaign's version of it (``shop.data.campaigns``), from the campaign's start to its
  end, cutting the others out of that window; once the campaign runs, the version live at
  its start counts again from its end (ADR 48);

and ``offers_at(site, when)`` picks the versions whose window holds ``when``. The same book
answers "as it will look at" previews and tells the page cache when the next boundary is.

The book is one cached entry per store (``tenancy.store_cache``), dropped whenever a
promotion, one of its revisions or one of its codes is saved.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Revision

from tenancy.scope import store_scope
from tenancy.store_cache import store_value

from ..data import Campaign, CampaignChange, Promotion
from .engine import Offer


@dataclass(frozen=True)
class Version:
    """One version of a promotion and the window in which it counts: ``start <= t < end``;
    None is open."""

    offer: Offer
    method: str
    start: datetime | None
    end: datetime | None

    def holds(self, when: datetime) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


def offer_of(promotion: Promotion) -> Offer:
    """The engine's view of one version of a promotion (a row or a revision's object)."""
    category_ids = frozenset(page.pk for page in promotion.categories.all())
    return Offer(
        id=promotion.pk,
        title=promotion.name,
        kind=promotion.kind,
        value=promotion.value,
        target=promotion.target,
        product_ids=frozenset(product.pk for product in promotion.products.all()),
        variant_ids=frozenset(variant.pk for variant in promotion.variants.all()),
        category_ids=category_ids,
        min_subtotal=promotion.min_subtotal,
        min_quantity=promotion.min_quantity,
        first_order_only=promotion.first_order_only,
        customer_tags=promotion.tags,
        buy_quantity=promotion.buy_quantity,
        get_quantity=promotion.get_quantity,
        priority=promotion.priority,
        exclusive=promotion.exclusive,
        combines_with_items=promotion.combines_with_items,
        combines_with_order=promotion.combines_with_order,
        combines_with_shipping=promotion.combines_with_shipping,
        usage_limit=promotion.usage_limit,
        usage_limit_per_customer=promotion.usage_limit_per_customer,
    )


def _scheduled_revisions(promotions) -> dict[int, Revision]:
    content_type = ContentType.objects.get_for_model(Promotion)
    revisions = Revision.objects.filter(
        base_content_type=content_type,
        object_id__in=[str(promotion.pk) for promotion in promotions],
        approved_go_live_at__isnull=False,
    )
    return {int(revision.object_id): revision for revision in revisions}


@dataclass(frozen=True)
class CampaignWindow:
    """A campaign that changes a promotion: ``planned`` counts from ``start`` to ``end``.
    Once the campaign runs, the row is ``planned`` and ``before`` (the version live at its
    start, None if it was not live) counts again from its end."""

    start: datetime
    end: datetime
    planned: Promotion
    running: bool
    before: Promotion | None = None


def _own_versions(row: Promotion | None, scheduled: Revision | None) -> list[Version]:
    """A row's versions by its own dates and its scheduled revision."""
    versions = []
    takes_over = scheduled.approved_go_live_at if scheduled is not None else None
    if row is not None and row.live:
        end = row.expire_at
        if takes_over is not None and (end is None or takes_over < end):
            end = takes_over
        versions.append(Version(offer_of(row), row.method, row.go_live_at, end))
    if scheduled is not None:
        planned = scheduled.as_object()
        versions.append(Version(offer_of(planned), planned.method, takes_over, planned.expire_at))
    return versions


def _outside(versions: list[Version], start: datetime, end: datetime) -> list[Version]:
    """``versions`` with the window ``start <= t < end`` cut out of each."""
    kept = []
    for version in versions:
        if version.start is None or version.start < start:
            kept.append(
                replace(version, end=start if version.end is None else min(version.end, start))
            )
        if version.end is None or version.end > end:
            kept.append(
                replace(version, start=end if version.start is None else max(version.start, end))
            )
    return kept


def versions_of(
    promotion: Promotion, scheduled: Revision | None, campaigns: list[CampaignWindow] = ()
) -> list[Version]:
    """Every version of one promotion with its window: the row's, its scheduled revision's,
    and those of the campaigns that change it (which overlap no other campaign's)."""
    running = next((window for window in campaigns if window.running), None)
    versions = _own_versions(running.before if running else promotion, scheduled)
    for window in campaigns:
        planned = window.planned
        versions = _outside(versions, window.start, window.end)
        versions.append(Version(offer_of(planned), planned.method, window.start, window.end))
    return [v for v in versions if v.start is None or v.end is None or v.start < v.end]


def _campaign_windows(site_id: int, promotions) -> dict[int, list[CampaignWindow]]:
    """The campaigns planned or running that change these promotions, by promotion."""
    content_type = ContentType.objects.get_for_model(Promotion)
    changes = CampaignChange.objects.filter(
        campaign__site_id=site_id,
        campaign__state__in=Campaign.HOLDING,
        content_type=content_type,
        object_id__in=[str(promotion.pk) for promotion in promotions],
    ).select_related("campaign", "revision", "before_revision")
    windows: dict[int, list[CampaignWindow]] = {}
    for change in changes:
        campaign = change.campaign
        running = campaign.state == Campaign.State.RUNNING
        before = None
        if running and change.was_live and change.before_revision is not None:
            before = change.before_revision.as_object()
        windows.setdefault(int(change.object_id), []).append(
            CampaignWindow(
                start=campaign.starts_at,
                end=campaign.ends_at,
                planned=change.revision.as_object(),
                running=running,
                before=before,
            )
        )
    for found in windows.values():
        found.sort(key=lambda window: window.start)
    return windows


def build_book(site_id: int) -> list[Version]:
    """Every version of the store's promotions; read in the store's own scope, as the page
    cache and tasks ask for it outside any request."""
    with store_scope([site_id]):
        promotions = list(
            Promotion.objects.filter(site_id=site_id).prefetch_related(
                "products", "variants", "categories"
            )
        )
        scheduled = _scheduled_revisions(promotions)
        campaigns = _campaign_windows(site_id, promotions)
        return [
            version
            for promotion in promotions
            for version in versions_of(
                promotion, scheduled.get(promotion.pk), campaigns.get(promotion.pk, [])
            )
        ]


def book(site_id: int) -> list[Version]:
    return store_value(site_id, "promotions", lambda: build_book(site_id))


def versions_at(site_id: int, when: datetime) -> list[Version]:
    return [version for version in book(site_id) if version.holds(when)]


def automatic_offers_at(site_id: int, when: datetime) -> list[Offer]:
    """The automatic promotions that apply to every qualifying cart at ``when``."""
    return [
        version.offer
        for version in versions_at(site_id, when)
        if version.method == Promotion.Method.AUTOMATIC
    ]


def version_of(site_id: int, promotion_id: int, when: datetime) -> Version | None:
    """The version of one promotion that counts at ``when``, with its window; None when it
    is not live then."""
    for version in versions_at(site_id, when):
        if version.offer.id == promotion_id:
            return version
    return None


def offer_at(site_id: int, promotion_id: int, when: datetime) -> Offer | None:
    """The offer of one promotion at ``when``; None when it is not live."""
    version = version_of(site_id, promotion_id, when)
    return version.offer if version is not None else None


def next_boundary(site_id: int, after: datetime) -> datetime | None:
    """The next moment after ``after`` at which a promotion starts, changes or ends."""
    moments = [
        moment
        for version in book(site_id)
        for moment in (version.start, version.end)
        if moment is not None and moment > after
    ]
    return min(moments, default=None)

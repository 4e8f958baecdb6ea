"""Which promotions of a store are live at a given moment, to the second (ADR 47).

Wagtail publishes a scheduled revision when ``publish_scheduled`` next runs (every minute,
by the beat) and unpublishes an expired promotion the same way. Prices cannot wait for it:
a promotion applies from its first second to its last. So the store's *book* reads the
schedule itself: every version of every promotion with the window in which it is the one
that counts,

- the published row, from its ``go_live_at`` (or always) until its ``expire_at``, or until
  a scheduled revision takes over;
- the scheduled revision (``approved_go_live_at``), from then until its own ``expire_at``;

and ``offers_at(site, when)`` picks the versions whose window holds ``when``. The same book
answers "as it will look at" previews and tells the page cache when the next boundary is.

The book is one cached entry per store (``tenancy.store_cache``), dropped whenever a
promotion, one of its revisions or one of its codes is saved.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Revision

from tenancy.scope import store_scope
from tenancy.store_cache import store_value

from ..data import Promotion
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


def versions_of(promotion: Promotion, scheduled: Revision | None) -> list[Version]:
    versions = []
    takes_over = scheduled.approved_go_live_at if scheduled is not None else None
    if promotion.live:
        end = promotion.expire_at
        if takes_over is not None and (end is None or takes_over < end):
            end = takes_over
        versions.append(Version(offer_of(promotion), promotion.method, promotion.go_live_at, end))
    if scheduled is not None:
        planned = scheduled.as_object()
        versions.append(Version(offer_of(planned), planned.method, takes_over, planned.expire_at))
    return [v for v in versions if v.start is None or v.end is None or v.start < v.end]


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
        return [
            version
            for promotion in promotions
            for version in versions_of(promotion, scheduled.get(promotion.pk))
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

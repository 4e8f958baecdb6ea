"""Promotion usages: counted under lock when an order is placed, released when it is
cancelled (ADR 45).

Placement locks the rows of every promotion the cart was priced against, in primary-key
order, after the stock rows and before the order number (the lock order of
``place_order``), then prices the cart again: two checkouts using the last use of a code, or
the same shopper's two tabs against a per-customer limit, run one after the other, and the
second is priced without it. A released usage stays as history but no longer counts.
"""

from django.utils import timezone

from ..data import DiscountCode, Order, Promotion, PromotionUsage


def lock_promotions(ids) -> None:
    """Lock the rows of these promotions in primary-key order until commit."""
    list(
        Promotion.objects.select_for_update()
        .filter(pk__in=sorted(ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def record_usages(*, order: Order, applied) -> list[PromotionUsage]:
    """One usage per promotion applied to ``order`` (``shop.promotions.engine.Applied``),
    with the name and code the shopper saw and what it gave."""
    codes = {
        row.code: row
        for row in DiscountCode.objects.filter(
            site_id=order.site_id, code__in=[a.offer.code for a in applied if a.offer.code]
        )
    }
    return PromotionUsage.objects.bulk_create(
        [
            PromotionUsage(
                site_id=order.site_id,
                promotion_id=a.offer.id,
                code=codes.get(a.offer.code) if a.offer.code else None,
                order=order,
                email=order.email.lower(),
                title=a.offer.title[:100],
                code_text=a.offer.code or "",
                amount=a.amount,
            )
            for a in applied
        ]
    )


def release_usages(*, order: Order) -> int:
    """The order was cancelled: its usages no longer count against any limit."""
    return PromotionUsage.objects.filter(order=order, released_at__isnull=True).update(
        released_at=timezone.now()
    )

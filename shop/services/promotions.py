"""Promotion usages: counted under lock when an order is placed, released when it is
cancelled (ADR 47).

Placement locks the rows of every promotion the cart was priced against, in primary-key
order, after the stock rows and before the order number (the lock order of
``place_order``), then prices the cart again: two checkouts using the last use of a code, or
the same shopper's two tabs against a per-customer limit, run one after the other, and the
second is priced without it. A released usage stays as history but no longer counts.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..data import DiscountCode, Order, Promotion, PromotionUsage
from ..data.promotions import CODE_LENGTH, normalise_code
from ..exceptions import DiscountCodeRefused


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


# Generated codes avoid characters that read alike (0 and O, 1 and I).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_GENERATED = 10_000


def add_code(*, promotion: Promotion, code: str, usage_limit: int | None = None) -> DiscountCode:
    """Give ``promotion`` the code ``code``; refused when the store has it already."""
    normalised = normalise_code(code)
    if not normalised or len(normalised) > CODE_LENGTH:
        raise DiscountCodeRefused(f"A code has 1 to {CODE_LENGTH} letters and digits.")
    if not normalised[0].isalnum() or not all(
        char.isascii() and (char.isalnum() or char in "-_") for char in normalised
    ):
        raise DiscountCodeRefused(
            "A code has letters A to Z, digits, - and _ only, and starts with a letter or digit."
        )
    taken = (
        DiscountCode.objects.filter(site_id=promotion.site_id, code=normalised)
        .select_related("promotion")
        .first()
    )
    if taken is not None:
        raise DiscountCodeRefused(f"{normalised} is already a code of “{taken.promotion}”.")
    try:
        with transaction.atomic():
            return DiscountCode.objects.create(
                site_id=promotion.site_id,
                promotion=promotion,
                code=normalised,
                usage_limit=usage_limit,
            )
    except IntegrityError:  # made by another request meanwhile
        raise DiscountCodeRefused(f"{normalised} is already a code of this store.") from None


@transaction.atomic
def generate_codes(
    *, promotion: Promotion, count: int, prefix: str = "", length: int = 8
) -> list[DiscountCode]:
    """``count`` new single-use codes for ``promotion``, each ``prefix`` and ``length``
    random characters, none the store has already; all made, or none."""
    prefix = normalise_code(prefix)
    if not 1 <= count <= MAX_GENERATED:
        raise DiscountCodeRefused(f"Generate between 1 and {MAX_GENERATED:,} codes at a time.")
    if not 6 <= length <= 16 or len(prefix) + length > CODE_LENGTH:
        raise DiscountCodeRefused(
            f"Codes have 6 to 16 random characters, and at most {CODE_LENGTH} with the prefix."
        )
    batch = f"{count} codes, {timezone.now():%Y-%m-%d %H:%M}"
    wanted: set[str] = set()
    while len(wanted) < count:
        fresh = {
            prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
            for _ in range(count - len(wanted))
        }
        fresh -= set(
            DiscountCode.objects.filter(site_id=promotion.site_id, code__in=fresh).values_list(
                "code", flat=True
            )
        )
        wanted |= fresh
    return DiscountCode.objects.bulk_create(
        [
            DiscountCode(
                site_id=promotion.site_id,
                promotion=promotion,
                code=code,
                usage_limit=1,
                batch=batch,
            )
            for code in sorted(wanted)
        ],
        batch_size=1000,
    )

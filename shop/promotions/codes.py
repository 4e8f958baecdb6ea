"""The offers a cart may get at a moment: the store's live automatic promotions and those
of the codes the shopper entered, with each code that cannot apply refused and why.

Limits are read here against the usages recorded (``PromotionUsage``, counting the orders
not cancelled); order placement checks them again under the promotion's row lock
(``shop.services.promotions``), so the last use of a code goes to one order only.
"""

from dataclasses import replace
from datetime import datetime

from django.db.models.functions import Upper

from ..data import DiscountCode, PromotionUsage
from ..data.promotions import CODE_LENGTH, normalise_code
from .book import automatic_offers_at, offer_at
from .engine import Customer, Offer, Reason, Rejection

# The codes one cart may carry at once.
MAX_CODES = 5


def parse_codes(text: str) -> list[str]:
    """The codes kept on a cart (space separated), normalised, each once, in order."""
    codes = []
    for word in text.split():
        code = normalise_code(word)[:CODE_LENGTH]
        if code and code not in codes:
            codes.append(code)
    return codes


def _limit_reached(offer: Offer, customer: Customer, code: DiscountCode | None) -> str:
    usages = PromotionUsage.objects.counted().filter(promotion_id=offer.id)
    if offer.usage_limit is not None and usages.count() >= offer.usage_limit:
        return Reason.USED_UP
    code_limit = code.usage_limit if code is not None else None
    if code_limit is not None and usages.filter(code=code).count() >= code_limit:
        return Reason.USED_UP
    per_customer = offer.usage_limit_per_customer if customer.email else None
    if per_customer is not None and usages.filter(email=customer.email).count() >= per_customer:
        return Reason.USED_BY_CUSTOMER
    return ""


def offers_for(
    *, site_id: int, codes: list[str], customer: Customer, when: datetime
) -> tuple[list[Offer], list[Rejection]]:
    """The offers for a cart of the store at ``when``, and the codes refused before the
    cart is even looked at (unknown, not live, used up, one too many)."""
    offers = [
        offer
        for offer in automatic_offers_at(site_id, when)
        if not _limit_reached(offer, customer, None)
    ]
    rejected = []
    found = {
        row.code: row
        for row in DiscountCode.objects.filter(site_id=site_id)
        .annotate(upper=Upper("code"))
        .filter(upper__in=codes)
    }
    taken = {offer.id for offer in offers}
    for position, code in enumerate(codes):
        row = found.get(code)
        offer = offer_at(site_id, row.promotion_id, when) if row is not None else None
        reason = ""
        if position >= MAX_CODES:
            reason = Reason.TOO_MANY
        elif row is None:
            reason = Reason.UNKNOWN
        elif offer is None:
            reason = Reason.NOT_ACTIVE
        elif offer.id in taken:
            reason = Reason.NOTHING_OFF
        else:
            reason = _limit_reached(offer, customer, row)
        if reason:
            rejected.append(Rejection(code, reason, offer))
            continue
        taken.add(offer.id)
        offers.append(replace(offer, code=code))
    return offers, rejected

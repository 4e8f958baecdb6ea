"""What a shopper reads when a code gives nothing: one sentence per reason, naming the
code and, where it helps, what would make it apply."""

from ..money import format_money
from .engine import Reason, Rejection


def refusal(rejection: Rejection, *, currency: str, locale: str, email_known: bool) -> str:
    code = rejection.code
    offer = rejection.offer
    reason = rejection.reason
    if reason == Reason.MIN_SUBTOTAL and offer is not None:
        amount = format_money(offer.min_subtotal, currency=currency, locale=locale, whole=True)
        return f"Spend {amount} or more to use {code}."
    if reason == Reason.MIN_QUANTITY and offer is not None:
        return f"Add {offer.min_quantity} or more of the items it is for to use {code}."
    if reason == Reason.NOT_COMBINABLE and rejection.blocked_by is not None:
        return f"{code} cannot be combined with {rejection.blocked_by.title}, which you have."
    if reason == Reason.CUSTOMER_TAGS and not email_known:
        return f"{code} is for selected customers: it is checked with your email at checkout."
    sentences = {
        Reason.UNKNOWN: f"We do not know the code {code}. Check it for typing errors.",
        Reason.NOT_ACTIVE: f"{code} is not valid at the moment.",
        Reason.USED_UP: f"{code} has been used as many times as it can be.",
        Reason.USED_BY_CUSTOMER: f"You have already used {code} as many times as it allows.",
        Reason.FIRST_ORDER: f"{code} is for a first order only.",
        Reason.CUSTOMER_TAGS: f"{code} is not available for this email address.",
        Reason.NO_ITEMS: f"{code} is for none of the items in your cart.",
        Reason.NO_SHIPPING: f"{code} gives free shipping, and this order has none to pay.",
        Reason.NOTHING_OFF: f"{code} takes nothing more off this order.",
        Reason.TOO_MANY: f"{code}: one order can use up to 5 codes.",
    }
    return sentences.get(reason, f"{code} cannot be used on this order.")


def refusals(totals, *, email_known: bool) -> list[tuple[str, str]]:
    """(code, sentence) for each code the priced cart ``totals`` refused."""
    return [
        (
            rejection.code,
            refusal(
                rejection,
                currency=totals.currency,
                locale=totals.locale,
                email_known=email_known,
            ),
        )
        for rejection in totals.rejected
    ]

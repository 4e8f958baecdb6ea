"""Links that open one order's tracking page without an account: signed tokens.

A token names the order's store and number, signed with the project's secret under a salt
of its own, so it opens nothing but that order's tracking page (and the shopper's return
request), and only on that order's store: a token of store A on store B's host finds
nothing. It lasts ``ORDER_TOKEN_MAX_AGE`` from the email that carried it.
"""

from django.core import signing

from .data import Order

SALT = "shop.order-access"
# A year and a half: long enough for a return or a warranty question.
ORDER_TOKEN_MAX_AGE = 550 * 24 * 60 * 60


def order_token(order: Order) -> str:
    """The token of ``order``'s tracking page."""
    return signing.dumps({"s": order.site_id, "n": order.number}, salt=SALT, compress=False)


def order_for_token(site, token: str) -> Order | None:
    """The order of ``site`` that ``token`` names; None for a forged, expired or foreign
    token, or an order that is gone."""
    try:
        named = signing.loads(token, salt=SALT, max_age=ORDER_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(named, dict) or named.get("s") != site.pk:
        return None
    number = named.get("n")
    if not isinstance(number, int):
        return None
    return Order.objects.for_site(site).filter(number=number).first()

"""Links that open one order for its shopper without an account: a signed token naming
the order and its store (``django.core.signing``, salted), good for a year."""

from django.core import signing

from .data import Order

SALT = "shop.order-access"
MAX_AGE = 365 * 24 * 60 * 60


def order_token(order: Order) -> str:
    return signing.dumps({"order": order.pk, "site": order.site_id}, salt=SALT, compress=True)


def order_for_token(site, token: str) -> Order | None:
    """The order of ``site`` the token names, or None (forged, expired, another store's)."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(value, dict) or value.get("site") != site.pk:
        return None
    order_id = value.get("order")
    if not isinstance(order_id, int):
        return None
    return Order.objects.for_site(site).filter(pk=order_id).first()

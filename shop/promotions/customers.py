"""Who is buying, as promotions' conditions read it: first order or not, and tags.

A shopper is known by the email address checkout asks for; before that (in the cart) the
customer is anonymous, and conditions on the customer are checked once the address is
given. Tags come from the store's own records: ``newsletter`` for an address on the
store's newsletter list, plus the tags other apps keep for a client (the CRM registers a
provider in ``CUSTOMER_TAG_PROVIDERS`` when it starts).
"""

from collections.abc import Callable

from ..data import NewsletterSubscriber, Order
from .engine import Customer

NEWSLETTER_TAG = "newsletter"
# Each provider takes (site_id, email) and answers the tags it knows for that address.
CUSTOMER_TAG_PROVIDERS: list[Callable[[int, str], set[str]]] = []


def anonymous() -> Customer:
    """The customer of a cart whose address is not known yet."""
    return Customer(email="", first_order=True, tags=frozenset())


def customer_for(*, site_id: int, email: str) -> Customer:
    email = email.strip().lower()
    if not email:
        return anonymous()
    earlier = (
        Order.objects.filter(site_id=site_id, email__iexact=email)
        .exclude(status=Order.Status.CANCELLED)
        .exists()
    )
    tags = set()
    if NewsletterSubscriber.objects.filter(site_id=site_id, email__iexact=email).exists():
        tags.add(NEWSLETTER_TAG)
    for provider in CUSTOMER_TAG_PROVIDERS:
        tags |= {tag.strip().lower() for tag in provider(site_id, email) if tag.strip()}
    return Customer(email=email, first_order=not earlier, tags=frozenset(tags))

"""The promotions one cart is priced with: the offers, the codes refused before pricing,
the categories its products are in and the customer (ADR 47). The cart page, checkout and
order placement all read them here, so they price the cart the same way."""

from dataclasses import dataclass, field

from django.utils import timezone

from .codes import offers_for, parse_codes
from .engine import Customer, Offer, Rejection
from .scope import categories_of


@dataclass(frozen=True)
class CartPromotions:
    customer: Customer
    offers: list[Offer] = field(default_factory=list)
    refused: list[Rejection] = field(default_factory=list)
    categories: dict = field(default_factory=dict)

    @property
    def promotion_ids(self) -> set[int]:
        """Every promotion the cart was priced against, applied or refused."""
        return {offer.id for offer in self.offers} | {
            rejection.offer.id for rejection in self.refused if rejection.offer is not None
        }


def promotions_for_cart(*, site, cart, lines, customer: Customer, when=None) -> CartPromotions:
    """What ``shop.pricing.price_cart`` needs to price ``lines`` of ``cart`` at ``when``
    (now by default) for ``customer``."""
    when = when or timezone.now()
    codes = parse_codes(cart.discount_codes) if cart is not None else []
    offers, refused = offers_for(site_id=site.pk, codes=codes, customer=customer, when=when)
    categories = {}
    if any(offer.category_ids for offer in offers):
        categories = categories_of(product_ids={line.variant.product_id for line in lines})
    return CartPromotions(customer=customer, offers=offers, refused=refused, categories=categories)

"""Promotions as a merchant makes them: saved, revisioned and published (or scheduled)
through Wagtail's own revision actions, with their codes."""

from decimal import Decimal

from shop.data import DiscountCode, Promotion
from shop.services import add_discount_code
from tenancy.scope import store_scope
from tests.shop.factories import CartFactory


def make_promotion(
    *,
    site,
    name="Weekend sale",
    publish=True,
    codes=(),
    products=(),
    variants=(),
    categories=(),
    **fields,
) -> Promotion:
    """A promotion of ``site``; with ``publish`` its revision is published, which with a
    future ``go_live_at`` schedules it, as the editor's "Publish" does."""
    for money_field in ("value", "min_subtotal"):
        if fields.get(money_field) is not None:
            fields[money_field] = Decimal(str(fields[money_field]))
    with store_scope([site.pk]):
        promotion = Promotion(site=site, name=name, live=False, **fields)
        promotion.save()
        promotion.products.set(products)
        promotion.variants.set(variants)
        promotion.categories.set(categories)
        promotion.save()
        revision = promotion.save_revision()
        if publish:
            revision.publish()
        for code in codes:
            DiscountCode.objects.create(site=site, promotion=promotion, code=code)
        promotion.refresh_from_db()
    return promotion


def edit_and_publish(promotion: Promotion, **changes) -> Promotion:
    """Change a promotion and publish the change, as a second edit in the editor."""
    with store_scope([promotion.site_id]):
        promotion = Promotion.objects.get(pk=promotion.pk)
        for name, value in changes.items():
            setattr(promotion, name, value)
        promotion.save_revision().publish()
        promotion.refresh_from_db()
    return promotion


def cart_with_codes(*, lines, codes=()):
    """A cart of ``lines=[(variant, quantity), ...]`` with the discount codes entered, as
    the cart page's form keeps them."""
    cart = CartFactory(site=lines[0][0].site, lines=lines)
    with store_scope([cart.site_id]):
        for code in codes:
            add_discount_code(cart=cart, code=code)
    return cart

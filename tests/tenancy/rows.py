"""Rows in two stores for the store scope's tests."""

from datetime import timedelta

from django.utils import timezone

from shop import services
from shop.models import (
    BackInStockRequest,
    Campaign,
    CampaignChange,
    CampaignProduct,
    DiscountCode,
    ImportJob,
    OrderLine,
    Payment,
    PendingProductImage,
    PreorderAllocation,
    Promotion,
    PromotionUsage,
    ShippingRate,
    ShippingZone,
    StockDrift,
    StockMovement,
    VariantStockAlert,
)
from shop.services import reserve_cart, set_product_tags
from tenancy.scope import store_scope
from tests.shop.factories import (
    CartFactory,
    ImageFactory,
    ProductImageFactory,
    place_test_order,
    stocked_product,
)


def one_row_of_every_store_owned_model(store, other_store):
    """One row of every store-owned model in ``store``, and a product in ``other_store``.

    Returns the two products: ``store``'s "Alpha lamp" and ``other_store``'s "Beta lamp".
    """
    product = stocked_product(site=store.site, title="Alpha lamp")
    ProductImageFactory(product=product, image=ImageFactory(collection=store.collection))
    with store_scope([store.site.pk]):
        variant = product.variants.get()
        set_product_tags(product=product, names=["Alpha gifts"])
    order = place_test_order(lines=[(variant, 1)])
    cart = CartFactory(site=store.site, lines=[(variant, 1)])
    with store_scope([store.site.pk]):
        reserve_cart(cart=cart)
        # Rows the stock service writes only as stock reaches a pre-order or drift is found.
        PreorderAllocation.objects.create(
            site=store.site,
            order_line=OrderLine.objects.get(order=order),
            movement=StockMovement.objects.get(order=order),
            quantity=1,
        )
        StockDrift.objects.create(
            site=store.site,
            variant=variant,
            expected_on_hand=4,
            actual_on_hand=4,
            expected_reserved=1,
            actual_reserved=1,
        )
        PendingProductImage.objects.create(
            site=store.site, product=product, src="https://example.test/alpha-lamp.jpg"
        )
        ImportJob.objects.create(site=store.site, file_name="alpha.csv", content="Handle\n")
        BackInStockRequest.objects.create(site=store.site, variant=variant, email="a@example.test")
        VariantStockAlert.objects.get_or_create(variant=variant, defaults={"site": store.site})
        zone = ShippingZone.objects.create(site=store.site, name="Alpha zone", countries=["NO"])
        ShippingRate.objects.create(zone=zone, name="Alpha post", price="5.00")
        Payment.objects.create(
            site=store.site,
            order=order,
            intent_id="pi_alpha_lamp",
            amount=order.total,
            currency=order.currency,
        )
        promotion = Promotion.objects.create(site=store.site, name="Alpha sale", value=10)
        PromotionUsage.objects.create(
            site=store.site,
            promotion=promotion,
            code=DiscountCode.objects.create(site=store.site, promotion=promotion, code="A10"),
            order=order,
            email=order.email,
            title="Alpha sale",
            amount="1.00",
        )
        promotion.save_revision()
        campaign = Campaign.objects.create(
            site=store.site,
            name="Alpha weekend",
            starts_at=timezone.now() + timedelta(days=1),
            ends_at=timezone.now() + timedelta(days=2),
        )
        CampaignChange.objects.create(
            campaign=campaign,
            content_type=promotion.get_base_content_type(),
            object_id=str(promotion.pk),
            revision=promotion.latest_revision,
        )
        CampaignProduct.objects.create(campaign=campaign, product=product, visible=False)
        # The order's life after it was placed: paid, shipped, asked back, refunded.
        line = OrderLine.objects.get(order=order)
        services.mark_paid(order=order)
        services.fulfil(order=order, lines={line.pk: 1}, carrier="Posten", tracking_number="1")
        services.request_return(order=order, lines={line.pk: 1}, reason="Too bright")
        services.refund(order=order, lines={line.pk: 1})
    theirs = stocked_product(site=other_store.site, title="Beta lamp")
    return product, theirs

"""Promotions as shoppers meet them: in the cart, at checkout, on the order and its email,
and in the figures a refund pays back (ADR 47)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from shop import services
from shop.exceptions import TotalChanged
from shop.models import Order, PromotionUsage
from tenancy.scope import store_scope
from tests.shop.factories import (
    CartFactory,
    CategoryPageFactory,
    ProductPageFactory,
    checkout_details,
    place_test_order,
    stocked_variant,
)
from tests.shop.promotion_factories import cart_with_codes, make_promotion

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def lamp(store):
    return stocked_variant(site=store.site, price="40.00", stock=20, title="Desk lamp")


@pytest.fixture
def bulb(store):
    return stocked_variant(site=store.site, price="5.00", stock=50, title="Bulb")


def _cart_page(client):
    return client.get(reverse("shop:cart-detail")).content.decode()


def _add(client, variant, quantity=1):
    response = client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": quantity})
    assert response.status_code == 302


def _enter_code(client, code, **extra):
    return client.post(reverse("shop:cart-code-apply"), {"code": code, **extra})


def test_an_automatic_promotion_on_a_category_discounts_only_its_items_in_the_cart(
    store, shopper_client, lamp, bulb
):
    home = store.site.root_page
    lighting = CategoryPageFactory(parent=home, title="Lighting")
    ProductPageFactory(parent=lighting, product=lamp.product)
    make_promotion(
        site=store.site,
        name="Lighting week",
        kind="percentage",
        value="25",
        target="items",
        categories=[lighting],
    )
    _add(shopper_client, lamp)
    _add(shopper_client, bulb, 2)

    page = _cart_page(shopper_client)
    assert "Lighting week" in page
    assert "<s>€40.00</s> €30.00" in page
    assert "−€10.00" in page
    assert 'data-testid="cart-total">€45.00<' in page  # 30 + two bulbs at 5, and 5 shipping


def test_a_code_entered_in_the_cart_applies_and_can_be_removed(store, shopper_client, lamp):
    make_promotion(
        site=store.site, name="Newsletter welcome", method="code", value="10", codes=["hello10"]
    )
    _add(shopper_client, lamp)

    response = _enter_code(shopper_client, "  hello10 ")
    assert response.status_code == 302
    page = _cart_page(shopper_client)
    assert "HELLO10" in page
    assert "−€4.00" in page
    assert 'data-testid="cart-total">€41.00<' in page

    shopper_client.post(reverse("shop:cart-code-remove"), {"code": "HELLO10"})
    page = _cart_page(shopper_client)
    assert "HELLO10" not in page
    assert 'data-testid="cart-total">€45.00<' in page


def test_a_code_that_gives_nothing_is_kept_with_the_reason(store, shopper_client, bulb):
    make_promotion(
        site=store.site,
        name="Big spender",
        method="code",
        value="15",
        min_subtotal="50",
        codes=["BIG15"],
    )
    _add(shopper_client, bulb)
    _enter_code(shopper_client, "big15")
    _enter_code(shopper_client, "NOSUCHCODE")

    page = _cart_page(shopper_client)
    assert "Spend €50 or more to use BIG15." in page
    assert "We do not know the code NOSUCHCODE." in page
    assert 'data-testid="cart-total">€10.00<' in page


def test_a_blank_or_overlong_code_is_refused_and_the_cart_keeps_its_codes(
    store, shopper_client, bulb
):
    _add(shopper_client, bulb)
    _enter_code(shopper_client, "FIRST")
    for bad in ["   ", "X" * 40]:
        shopper_client.post(reverse("shop:cart-code-apply"), {"code": bad}, follow=True)
    with store_scope([store.site.pk]):
        cart = CartFactory._meta.model.objects.get(site=store.site)
    assert cart.discount_codes == "FIRST"


def test_placing_an_order_snapshots_its_discounts_counts_the_use_and_the_email_shows_them(
    store, lamp, bulb
):
    promotion = make_promotion(
        site=store.site,
        name="Spring",
        method="code",
        kind="fixed_amount",
        value="9",
        codes=["SPRING"],
    )
    cart = cart_with_codes(lines=[(lamp, 1), (bulb, 2)], codes=["spring"])
    order = _place(cart, email="Ann@Example.test")

    assert order.discount_total == D("9.00")
    assert order.total == D("46.00")  # 50 - 9, and 5 shipping
    with store_scope([store.site.pk]):
        lines = {line.product_title: line for line in order.lines.all()}
        assert lines["Desk lamp"].discount_amount + lines["Bulb"].discount_amount == D("9.00")
        usage = PromotionUsage.objects.get(order=order)
    assert (usage.promotion_id, usage.code_text, usage.amount, usage.email) == (
        promotion.pk,
        "SPRING",
        D("9.00"),
        "ann@example.test",
    )
    confirmation = next(m for m in mail.outbox if "ann@example.test" in m.to)
    assert "Spring (code SPRING): −€9.00" in confirmation.body
    assert "Total: €46.00" in confirmation.body


def _place(cart, **details):
    from django.test import TestCase

    with store_scope([cart.site_id]), TestCase.captureOnCommitCallbacks(execute=True):
        return services.place_order(cart=cart, details=checkout_details(**details))


def test_a_code_used_up_is_refused_to_the_next_order_and_cancelling_gives_the_use_back(store, lamp):
    make_promotion(
        site=store.site,
        name="Only one",
        method="code",
        value="50",
        usage_limit=1,
        codes=["ONCE"],
    )

    def order_with_code(email):
        return _place(cart_with_codes(lines=[(lamp, 1)], codes=["ONCE"]), email=email)

    first = order_with_code("a@example.test")
    second = order_with_code("b@example.test")
    assert (first.total, second.total) == (D("25.00"), D("45.00"))

    with store_scope([store.site.pk]):
        services.cancel_order(order=first, actor="Merchant")
        assert PromotionUsage.objects.counted().filter(order=first).count() == 0
    third = order_with_code("c@example.test")
    assert third.total == D("25.00")


def test_a_per_customer_limit_counts_the_email_whatever_its_capitals(store, lamp):
    make_promotion(
        site=store.site,
        name="Welcome",
        method="code",
        value="10",
        usage_limit_per_customer=1,
        codes=["WELCOME"],
    )
    totals = []
    for email in ["ann@example.test", "ANN@example.test"]:
        cart = cart_with_codes(lines=[(lamp, 1)], codes=["WELCOME"])
        totals.append(_place(cart, email=email).total)
    assert totals == [D("41.00"), D("45.00")]


def test_a_first_order_code_is_refused_to_a_returning_customer(store, lamp):
    make_promotion(
        site=store.site,
        name="First order",
        method="code",
        value="10",
        first_order_only=True,
        codes=["FIRST"],
    )
    place_test_order(lines=[(lamp, 1)], email="ann@example.test")
    cart = cart_with_codes(lines=[(lamp, 1)], codes=["FIRST"])
    assert _place(cart, email="ann@example.test").discount_total == 0


def test_an_order_is_not_placed_at_a_total_the_shopper_was_not_shown(store, lamp):
    """The page showed the weekend price; the promotion ended before "Place order"."""
    ends = timezone.now() + timedelta(minutes=5)
    make_promotion(site=store.site, name="Weekend", value="20", expire_at=ends)
    cart = CartFactory(site=store.site, lines=[(lamp, 1)])
    with time_machine.travel(ends, tick=False), store_scope([store.site.pk]):
        with pytest.raises(TotalChanged) as refused:
            services.place_order(cart=cart, details=checkout_details(), expected_total=D("37.00"))
        assert "Your total changed to €45.00." in str(refused.value)
        assert not Order.objects.filter(site=store.site).exists()


def test_refunding_a_discounted_line_pays_back_what_it_cost(store, lamp, bulb, merchant):
    make_promotion(
        site=store.site, name="Half off lamps", value="50", target="items", products=[lamp.product]
    )
    order = place_test_order(lines=[(lamp, 2), (bulb, 1)])
    with store_scope([store.site.pk]):
        services.mark_paid(order=order, actor="Merchant")
        lamp_line = order.lines.get(product_title="Desk lamp")
        refund = services.refund(order=order, lines={lamp_line.pk: 1}, user=merchant)
    assert refund.amount == D("20.00")


def test_checkout_shows_the_discount_and_places_the_order_at_that_total(
    store, shopper_client, lamp
):
    make_promotion(site=store.site, name="Autumn", value="25")
    _add(shopper_client, lamp, 2)
    page = shopper_client.get(reverse("shop:checkout")).content.decode()
    assert "Autumn" in page
    assert 'data-testid="checkout-total">€65.00<' in page


def test_a_promotion_for_tagged_customers_reads_the_crm_and_the_newsletter_list(store, lamp):
    from crm_bridge.models import Client
    from shop.models import NewsletterSubscriber

    make_promotion(site=store.site, name="VIP evening", value="10", customer_tags="vip", priority=1)
    make_promotion(site=store.site, name="Readers", value="5", customer_tags="newsletter")
    with store_scope([store.site.pk]):
        Client.objects.create(site=store.site, email="vera@example.test", tags="Wholesale, VIP")
        NewsletterSubscriber.objects.create(
            site=store.site,
            email="nina@example.test",
            consent_text="Send me news",
            consented_at=timezone.now(),
        )
    discounts = {}
    for email in ["vera@example.test", "nina@example.test", "otto@example.test"]:
        cart = CartFactory(site=store.site, lines=[(lamp, 1)])
        discounts[email] = _place(cart, email=email).discount_total
    assert discounts == {
        "vera@example.test": D("4.00"),
        "nina@example.test": D("2.00"),
        "otto@example.test": D("0.00"),
    }

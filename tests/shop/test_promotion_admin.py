"""Merchants make promotions in the admin, with their codes, for their own store only; the
list shows what each promotion brought (ADR 47)."""

import csv
import io

import pytest
from django.urls import reverse

from shop import services
from shop.models import DiscountCode, Promotion
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.shop.factories import CartFactory, checkout_details, stocked_variant
from tests.shop.promotion_factories import make_promotion
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_shop_promotion:add"
LIST = "wagtailsnippets_shop_promotion:list"
CODES = "wagtailsnippets_shop_promotion:codes"


def _promotion_form(**fields):
    return {
        "name": "Lamp week",
        "method": "automatic",
        "kind": "percentage",
        "value": "15",
        "buy_quantity": "0",
        "get_quantity": "0",
        "target": "items",
        "min_subtotal": "",
        "min_quantity": "",
        "customer_tags": "",
        "usage_limit": "",
        "usage_limit_per_customer": "",
        "priority": "0",
        "combines_with_shipping": "on",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }


def test_a_merchant_publishes_a_promotion_on_chosen_products(merchant_client, store):
    lamp = stocked_variant(site=store.site, price="40.00", title="Desk lamp")
    response = merchant_client.post(
        reverse(ADD), {**_promotion_form(product_choices=[lamp.product_id]), "action-publish": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with store_scope([store.site.pk]):
        promotion = Promotion.objects.get(name="Lamp week")
        assert promotion.live and promotion.site == store.site
        assert list(promotion.products.all()) == [lamp.product]


def test_another_stores_product_cannot_be_chosen(merchant_client, store, other_store):
    theirs = stocked_variant(site=other_store.site, price="40.00", title="Their lamp")
    response = merchant_client.post(
        reverse(ADD), _promotion_form(product_choices=[theirs.product_id])
    )
    assert response.status_code == 200
    with store_scope([store.site.pk]):
        assert not Promotion.objects.exists()


def test_a_percentage_above_100_is_refused_beside_its_field(merchant_client, store):
    response = merchant_client.post(reverse(ADD), _promotion_form(value="150"))
    assert response.status_code == 200
    assert "A percentage is at most 100." in response.content.decode()


def test_codes_are_added_once_per_store_and_generated_in_batches(merchant_client, store):
    spring = make_promotion(site=store.site, name="Spring", method="code", value="10")
    summer = make_promotion(site=store.site, name="Summer", method="code", value="10")
    url = reverse(CODES, args=[spring.pk])

    merchant_client.post(url, {"add-code": "spring26", "add": "1"})
    refused = merchant_client.post(
        reverse(CODES, args=[summer.pk]), {"add-code": "SPRING26", "add": "1"}
    )
    assert "SPRING26 is already a code of “Spring”." in refused.content.decode()
    bad = merchant_client.post(url, {"add-code": "=SUM(A1)", "add": "1"})
    assert "A code has letters A to Z" in bad.content.decode()

    merchant_client.post(
        url,
        {"generate-count": "50", "generate-prefix": "nl-", "generate-length": "8", "generate": "1"},
    )
    with store_scope([store.site.pk]):
        codes = list(DiscountCode.objects.filter(promotion=spring).values_list("code", flat=True))
    assert len(codes) == 51
    assert sum(code.startswith("NL-") and len(code) == 11 for code in codes) == 50

    exported = merchant_client.get(url + "?export=csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0] == ["Code", "Uses", "Use limit", "Batch", "Created"]
    assert sorted(row[0] for row in rows[1:]) == sorted(codes)


def test_support_staff_cannot_see_or_change_codes(platform_client, store):
    promotion = make_promotion(
        site=store.site, name="Spring", method="code", value="10", codes=["A1"]
    )
    platform_client.force_login(staff_member(store, Role.SUPPORT))
    # Wagtail sends a person without the permission back to the dashboard.
    for url in [reverse(CODES, args=[promotion.pk]), reverse(LIST)]:
        response = platform_client.get(url)
        assert (response.status_code, response.url) == (302, "/admin/")


def test_the_list_shows_orders_revenue_and_discount_given(merchant_client, store):
    lamp = stocked_variant(site=store.site, price="40.00", stock=10, title="Desk lamp")
    make_promotion(site=store.site, name="Autumn", value="25")
    with store_scope([store.site.pk]):
        for email in ["a@example.test", "b@example.test"]:
            cart = CartFactory(site=store.site, lines=[(lamp, 1)])
            order = services.place_order(cart=cart, details=checkout_details(email=email))
        services.cancel_order(order=order, actor="Merchant")
    page = merchant_client.get(reverse(LIST)).content.decode()
    # One order counts (the other was cancelled): 30 + 5 shipping, 10 off.
    assert "€35.00" in page and "€10.00" in page


def test_the_list_writes_discounts_as_people_do(merchant_client, store):
    make_promotion(site=store.site, name="Twenty", value="20.00")
    make_promotion(site=store.site, name="Half", value="12.50", target="items")
    make_promotion(
        site=store.site,
        name="Deal",
        kind="buy_x_get_y",
        value="100",
        buy_quantity=2,
        get_quantity=1,
        target="items",
    )
    page = merchant_client.get(reverse(LIST)).content.decode()
    assert "20 % off the order" in page
    assert "12.5 % off chosen items" in page
    assert "Buy 2, get 1 free" in page
    assert "E+" not in page


def test_a_revision_of_a_promotion_previews_its_prices_on_the_stores_products(
    merchant_client, store
):
    lamp = stocked_variant(site=store.site, price="40.00", title="Desk lamp")
    promotion = make_promotion(
        site=store.site, name="Lamps", value="25", target="items", products=[lamp.product]
    )
    with store_scope([store.site.pk]):
        revision = promotion.revisions.order_by("-pk").first()
    url = reverse("wagtailsnippets_shop_promotion:revisions_view", args=[promotion.pk, revision.pk])
    page = merchant_client.get(url).content.decode()
    assert "Desk lamp" in page
    assert "<s>€40.00</s>" in page and "€30.00" in page

"""Promotions in Chromium, as a content team and a shopper meet them (ADR 47).

An editor makes an automatic 20 % off the Lighting category and a newsletter code in the
admin, adds the code on its codes screen and publishes both; a shopper then sees the badge
and the struck price on the category and product pages, adds the lamp to the cart, enters
the code, sees both discounts in the cart and at checkout, and places the order at that
total. Screens are saved to test-artifacts/screenshots/promotions-*.png.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from shop.models import Order, Promotion
from tenancy.scope import store_scope
from tenants.roles import Role
from tests.e2e.browser import capture, sign_in, store_url, store_with_lighting
from tests.tenants.factories import OWNER_PASSWORD, staff_member
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def lighting_store(live_server):
    store, lamp, lighting = store_with_lighting(preset=Preset.MODERN)
    editor = staff_member(store, Role.EDITOR, email="eve@alpha.test")
    return store, lamp, lighting, editor


def _publish(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()


def test_an_editor_makes_promotions_and_a_shopper_gets_them_to_the_order(
    lighting_store, page, live_server, screenshots
):
    store, _lamp, _lighting, editor = lighting_store
    sign_in(page, live_server, editor.username, OWNER_PASSWORD)

    # An automatic 20 % off the Lighting category.
    page.goto(live_server.url + reverse("wagtailsnippets_shop_promotion:add"))
    # The form shows what the discount chosen needs: buy and get for "Buy X, get Y" only.
    assert not page.locator("#id_buy_quantity").is_visible()
    assert not page.locator("#id_buy_quantity-label").is_visible()
    assert not page.locator("#id_product_choices").is_visible()
    page.locator("#id_kind").select_option("buy_x_get_y")
    assert page.locator("#id_buy_quantity").is_visible()
    page.locator("#id_kind").select_option("percentage")
    page.get_by_label("Name").fill("Lighting week")
    page.get_by_label("Chosen products, variants or categories").check()
    assert page.locator("#id_product_choices").is_visible()
    # A store's products are a list that narrows as one types.
    page.get_by_label("Search products").fill("floor lamp")
    assert page.locator("#id_product_choices").get_by_label("Arc Floor Lamp").is_visible()
    page.locator("#id_product_choices").scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "promotions-1b-products.png")
    page.get_by_label("Search products").fill("")
    page.get_by_label("Lighting").check()
    page.locator("#id_value").fill("20")
    page.get_by_label("Combines with order discounts").check()
    capture(page, screenshots / "promotions-1-editor-form.png")
    _publish(page)
    assert "Lighting week" in page.content()

    # A code promotion for newsletter readers, and its code.
    page.goto(live_server.url + reverse("wagtailsnippets_shop_promotion:add"))
    page.get_by_label("Name").fill("Newsletter welcome")
    page.get_by_label("Discount code: applies when the shopper enters a code").check()
    page.locator("#id_kind").select_option("fixed_amount")
    page.locator("#id_value").fill("5")
    page.get_by_label("Combines with item discounts").check()
    _publish(page)
    with store_scope([store.site.pk]):
        welcome = Promotion.objects.get(name="Newsletter welcome")
    page.goto(live_server.url + reverse("wagtailsnippets_shop_promotion:codes", args=[welcome.pk]))
    page.locator("#id_add-code").fill("hello5")
    page.get_by_role("button", name="Add the code").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("promotion-codes").inner_text().count("HELLO5") == 1
    capture(page, screenshots / "promotions-2-codes.png")
    page.goto(live_server.url + reverse("wagtailsnippets_shop_promotion:list"))
    capture(page, screenshots / "promotions-3-list.png")

    # The shopper.
    shopper = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    shopper.goto(store_url(live_server, "alpha", "/lighting/"))
    assert shopper.get_by_test_id("promotion-badge").first.inner_text() == "-20%"
    capture(shopper, screenshots / "promotions-4-category.png")
    shopper.goto(store_url(live_server, "alpha", "/lighting/arc-floor-lamp/"))
    price = shopper.get_by_test_id("price").inner_text()
    assert "€40.00" in price and "€32.00" in price
    capture(shopper, screenshots / "promotions-5-product.png")

    shopper.get_by_role("button", name="Add to cart").click()
    shopper.wait_for_load_state()
    shopper.get_by_label("Discount code").fill("hello5")
    shopper.get_by_role("button", name="Apply").click()
    shopper.wait_for_load_state()
    summary = shopper.locator(".cart-summary").inner_text()
    assert "Lighting week" in summary and "−€8.00" in summary
    assert "HELLO5" in summary and "−€5.00" in summary
    total = shopper.get_by_test_id("cart-total").inner_text()
    capture(shopper, screenshots / "promotions-6-cart.png")

    shopper.get_by_role("link", name="Check out").click()
    shopper.wait_for_load_state()
    assert shopper.get_by_test_id("checkout-total").inner_text() == total
    for name, value in {
        "email": "ann@example.test",
        "name": "Ann Example",
        "address_line1": "1 Fjord Street",
        "postal_code": "0150",
        "city": "Oslo",
    }.items():
        shopper.fill(f"input[name={name}]", value)
    capture(shopper, screenshots / "promotions-7-checkout.png")
    shopper.locator("[data-place-order]").click()
    shopper.wait_for_load_state()
    capture(shopper, screenshots / "promotions-8-confirmation.png")

    with store_scope([store.site.pk]):
        order = Order.objects.get(site=store.site)
    assert order.discount_total == Decimal("13.00")
    assert "−€5.00" in shopper.content() and "Newsletter welcome" in shopper.content()

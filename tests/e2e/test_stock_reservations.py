"""Checkout holds the shopper's items, in real browsers: while one shopper is in checkout,
another sees fewer left on the product page; the first then places the order.

Screenshots land in test-artifacts/screenshots/stock-hold-*.png.
"""

import re

import pytest

from shop.models import Order, ProductPage, StockLevel, StockMovement
from shop.services import adjust_stock
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, store_url
from tests.e2e.test_checkout_page import _fill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SLUG = "heritage"


def _product_with_three_left():
    """A live product page of the store with one variant, and that variant set to 3."""
    store = Store.objects.get(slug=SLUG)
    with store_scope([store.site_id]):
        for product_page in ProductPage.objects.live().descendant_of(store.site.root_page):
            variants = list(product_page.product.variants.all())
            if len(variants) == 1 and product_page.product.status == "active":
                break
        [variant] = variants
        level = StockLevel.objects.get(variant=variant)
        adjust_stock(
            variant=variant,
            quantity=3 - level.on_hand,
            reason=StockMovement.Reason.ADJUSTMENT,
            note="Stock take",
        )
        return store, variant, product_page.relative_url(store.site)


def test_a_shopper_in_checkout_holds_items_another_shopper_sees_fewer(
    demo, browser, page, screenshots
):
    store, variant, path = _product_with_three_left()
    url = store_url(demo, SLUG, path)

    page.goto(url)
    page.fill("input[name=quantity]", "2")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))
    hold = page.locator(".checkout__hold")
    assert re.search(r"held for you for 10 minutes, until \d\d:\d\d", hold.inner_text())
    capture(page, screenshots / "stock-hold-checkout.png")

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    other.goto(url)
    assert "Only 1 left" in other.locator("[data-stock-status]").inner_text()
    capture(other, screenshots / "stock-hold-other-shopper.png")
    other.fill("input[name=quantity]", "2")
    other.get_by_role("button", name="Add to cart").click()
    other.wait_for_load_state()
    assert "only 1 left" in other.locator(".messages").inner_text()
    other.context.close()

    _fill(page, postal_code="SW1A 1AA", city="London")
    page.check("input[name=payment_method][value=bank_transfer]")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/complete/\d+/$"))
    capture(page, screenshots / "stock-hold-complete.png")

    with store_scope([store.site_id]):
        [order] = Order.objects.for_site(store.site)
        level = StockLevel.objects.get(variant=variant)
        assert order.lines.get().quantity == 2
    assert (level.on_hand, level.reserved) == (1, 0)

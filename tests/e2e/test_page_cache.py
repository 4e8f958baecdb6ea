"""The page cache as shoppers and a merchant meet it, in Chromium against the demo stores.

A page one shopper's visit put in the cache is served to the next stranger, whose "Add to
cart" on it works, and whose cart then shows on the pages they come back to; a price the
merchant changes in the admin is what the next stranger sees on the product and category
pages. Screens land in test-artifacts/screenshots/page-cache-*.png.
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from shop.models import Product
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, sign_in, store_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MUG = "/ceramics/hav-stoneware-mug/"
CATEGORY = "/ceramics/"


def _stranger(browser, csp_violations):
    """A new visitor: a browser context of their own, with no cookie."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    csp_violations.watch(tab)
    return context, tab


def _served(response) -> str | None:
    return response.headers.get("x-page-cache")


def test_strangers_share_cached_pages_and_see_the_merchants_new_price_at_once(
    demo, browser, page, screenshots, csp_violations
):
    cache.clear()
    mug_url = store_url(demo, "fjord", MUG)

    first, first_tab = _stranger(browser, csp_violations)
    assert _served(first_tab.goto(mug_url)) == "miss"
    first.close()

    second, tab = _stranger(browser, csp_violations)
    assert _served(tab.goto(mug_url)) == "hit"
    capture(tab, screenshots / "page-cache-served-to-a-stranger.png")
    tab.get_by_role("button", name="Add to cart").click()
    tab.wait_for_url(re.compile(r"/cart/$"))
    assert tab.locator("[data-testid=cart-line]").count() == 1
    tab.goto(mug_url)  # the same bytes; their cart is filled in by the page's script
    expect(tab.locator("[data-testid=cart-count]").first).to_have_text("1")
    csp_violations.assert_none("a cached product page and the cart")
    second.close()

    fjord = Store.objects.get(slug="fjord")
    with store_scope([fjord.site.pk]):
        mug = Product.objects.get(handle="hav-stoneware-mug")
        variants = mug.variants.count()
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.goto(demo.url + reverse("wagtailsnippets_shop_product:edit", args=[mug.pk]))
    prices = page.locator("[data-variant-row] input[name$='-price']")
    expect(prices).to_have_count(variants)
    for index in range(variants):
        prices.nth(index).fill("777.00")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/admin/snippets/shop/product/")
    csp_violations.assert_none("the product form")

    third, tab = _stranger(browser, csp_violations)
    tab.goto(mug_url)
    assert "777" in tab.locator("[data-price-current]").inner_text()
    capture(tab, screenshots / "page-cache-new-price.png")
    tab.goto(store_url(demo, "fjord", CATEGORY))
    card = tab.locator(".product-card", has_text="Hav Stoneware Mug")
    assert "777" in card.inner_text()
    assert "249" not in card.inner_text()
    csp_violations.assert_none("the product and category pages after the change")
    third.close()

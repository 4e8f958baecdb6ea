"""Shared storefront pages in Chromium: the shopper's cart count and messages arrive from
the state endpoint, add to cart works without JavaScript, and a store's own code and
analytics run on its storefront pages without a policy violation, never on checkout."""

import re

import pytest
from playwright.sync_api import expect

from tenants.models import Store
from tests.e2e.browser import capture, store_url
from tests.themes.theme_values import set_theme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEAD_CODE = (
    "<script>window.fjordChat = 'ready';</script>"
    '<script async src="https://widgets.example.com/chat.js"></script>'
)
BODY_CODE = (
    '<div id="fjord-banner" class="container">Free delivery this week</div>'
    "<script>document.getElementById('fjord-banner').dataset.ran = 'yes';</script>"
)
CUSTOM_CSS = "#fjord-banner { padding: 1rem 0; font-weight: 700; letter-spacing: .05em; }"


def _first_product(page, demo, slug):
    page.goto(store_url(demo, slug))
    page.locator(".site-nav a").first.click()
    page.wait_for_load_state()
    page.locator(".product-card:not(.product-card--sold-out) a").first.click()
    page.wait_for_load_state()
    return page.url


def test_the_cart_count_and_messages_arrive_on_shared_pages(
    demo, page, screenshots, csp_violations
):
    product_url = _first_product(page, demo, "fjord")
    count = page.locator("[data-testid=cart-count]")
    assert count.inner_text() == ""

    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    assert "to your cart" in page.get_by_role("status").inner_text()

    page.goto(store_url(demo, "fjord"))
    # A locator wait, not wait_for_function: a string predicate is evaluated with eval(),
    # which the storefront's policy rightly refuses.
    expect(count).to_have_text("1")
    assert page.get_by_role("status").inner_text() == "", "the message was shown once"
    capture(page, screenshots / "shared-pages-home-with-cart.png")

    page.goto(product_url)
    page.fill("input[name=quantity]", "990")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(product_url)
    message = page.locator("[data-shopper-messages] .message--error")
    message.wait_for()
    assert "Not enough stock for" in message.inner_text()
    assert count.inner_text() == "1"
    capture(page, screenshots / "shared-pages-product-message.png")
    csp_violations.assert_none("shared pages filled in by shopper.js")


def test_add_to_cart_works_with_javascript_disabled(demo, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        _first_product(page, demo, "aurora")
        page.get_by_role("button", name="Add to cart").click()
        page.wait_for_url(re.compile(r"/cart/$"))

        assert page.locator("[data-testid=cart-line]").count() == 1
        assert "to your cart" in page.get_by_role("status").inner_text()
        assert page.locator("[data-testid=cart-count]").inner_text() == "1"
        # capture() scrolls with a script, which this page cannot run.
        page.screenshot(path=screenshots / "shared-pages-no-javascript-cart.png", full_page=True)
    finally:
        context.close()


def test_custom_code_and_analytics_run_on_the_home_page_and_never_on_checkout(
    demo, page, screenshots, csp_violations
):
    fjord = Store.objects.get(slug="fjord")
    set_theme(
        fjord.site,
        custom_head_code=HEAD_CODE,
        custom_body_code=BODY_CODE,
        custom_css=CUSTOM_CSS,
        ga4_measurement_id="G-AB12CD34EF",
        show_search=True,
    )
    loaded = []

    def stub(route):
        loaded.append(route.request.url)
        route.fulfill(status=200, content_type="application/javascript", body="")

    # The providers are stubbed at the network: the browser still applies the policy.
    page.route("https://www.googletagmanager.com/**", stub)
    page.route("https://widgets.example.com/**", stub)

    page.goto(store_url(demo, "fjord"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.fjordChat") == "ready"
    assert page.locator("#fjord-banner").get_attribute("data-ran") == "yes"
    assert page.locator("#fjord-banner").evaluate("el => getComputedStyle(el).fontWeight") == "700"
    assert page.evaluate("Array.isArray(window.dataLayer) && window.dataLayer.length") == 2
    assert sorted(loaded) == [
        "https://widgets.example.com/chat.js",
        "https://www.googletagmanager.com/gtag/js?id=G-AB12CD34EF",
    ]
    capture(page, screenshots / "shared-pages-custom-code-home.png")
    csp_violations.assert_none("a home page with custom code and GA4")

    page.get_by_role("searchbox", name="Search Fjord Living").fill("mug")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=mug$"))
    assert page.locator(".product-card").count() > 0
    assert page.locator("#fjord-banner").count() == 1, "search is a storefront page"
    capture(page, screenshots / "shared-pages-search.png")
    csp_violations.assert_none("the search page of a store with custom code")

    page.locator(".site-nav a").first.click()
    page.locator(".product-card:not(.product-card--sold-out) a").first.click()
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    loaded.clear()
    page.goto(store_url(demo, "fjord", "/checkout/"))
    page.wait_for_load_state("networkidle")

    assert page.locator("#fjord-banner").count() == 0
    assert page.evaluate("window.fjordChat") is None
    assert page.evaluate("window.dataLayer") is None
    assert loaded == []
    csp_violations.assert_none("checkout of a store with custom code")

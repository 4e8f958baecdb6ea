"""The checkout page in a real browser: the store's countries, errors where the shopper
looks, shipping and totals following the country, the order summary before the Place order
button on a phone, and a double click on "Place order" that makes one order.

Screenshots land in test-artifacts/screenshots/checkout-*.png.
"""

import re

import pytest
from playwright.sync_api import expect

from shop.models import Order
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, store_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# (demo store, its preset, the countries it sells to with its own first, one to ship abroad)
STORES = [
    ("heritage", "classic", ["GB", "IE"], "IE", "Ireland"),
    ("aurora", "modern", ["US", "CA"], "CA", "Canada"),
]


SUBMIT_TWICE = """async () => {
    const form = document.querySelector("form.checkout__form");
    const send = () => fetch(location.href, {method: "POST", body: new FormData(form)});
    const first = await send();
    const retried = await send();
    return [first.url, retried.url];
}"""


def _to_checkout(page, live_server, slug):
    page.goto(store_url(live_server, slug))
    page.locator("nav.site-nav a, .site-nav a").first.click()
    page.wait_for_load_state()
    page.locator(".product-card:not(.product-card--sold-out) a").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))


def _fill(page, **fields):
    values = {
        "email": "sam@example.com",
        "name": "Sam Shopper",
        "phone": "",
        "address_line1": "1 High Street",
        "postal_code": "D02 X285",
        "city": "Dublin",
        **fields,
    }
    for name, value in values.items():
        page.fill(f"input[name={name}]", value)


def test_checkout_shows_countries_and_errors_and_a_double_click_makes_one_order(
    demo, page, screenshots
):
    for slug, preset, codes, abroad, abroad_name in STORES:
        _to_checkout(page, demo, slug)
        country = page.locator("select[name=country]")
        assert country.locator("option").evaluate_all("o => o.map(x => x.value)") == codes
        assert country.input_value() == codes[0]
        capture(page, screenshots / f"checkout-{preset}-form.png")

        # Refused: a name disguised by a right-to-left override, a phone of no country,
        # and a payment method the store does not offer (as a forged request would send).
        _fill(page, name="Sam \u202ereppohS", phone="12345")
        page.evaluate("document.querySelector('input[name=payment_method]').value = 'bitcoin'")
        page.get_by_role("button", name=re.compile(r"^Place order")).click()
        page.wait_for_load_state()
        errors = page.locator(".field__error").all_inner_texts()
        assert any("RIGHT-TO-LEFT OVERRIDE" in error for error in errors), errors
        assert any("valid phone number" in error for error in errors), errors
        payment = page.locator("fieldset", has_text="Payment")
        assert "That way of paying is not offered" in payment.inner_text()
        capture(page, screenshots / f"checkout-{preset}-errors.png")

        _fill(page, phone="+353 1 234 5678")
        page.check("input[name=payment_method][value=bank_transfer]")
        page.select_option("select[name=country]", abroad)
        # The rates, the summary and the button follow the country as it is chosen
        # (checkout.js), before anything is placed.
        summary = page.locator("[data-checkout-totals]")
        expect(summary).to_contain_text(f"to {abroad_name}")
        total = summary.locator("[data-testid=checkout-total]").inner_text()
        expect(page.locator("[data-place-order-total]")).to_have_text(total)
        if slug == "heritage":
            # A person's double click (Chromium itself sends the second click's submission
            # only when the first has not started navigating yet).
            page.get_by_role("button", name=re.compile(r"^Place order")).dblclick()
        else:
            capture(page, screenshots / f"checkout-{preset}-abroad.png")
            # The same form sent again after the first went through, as a retried request is.
            # (Simultaneous submissions are raced in tests/shop/test_concurrency.py: the live
            # server shares one connection between its threads on in-memory SQLite.)
            urls = page.evaluate(SUBMIT_TWICE)
            assert urls[0] == urls[1], urls
            page.goto(urls[0])
        page.wait_for_url(re.compile(r"/checkout/complete/\d+/$"))
        assert abroad_name in page.locator(".order-complete__address").inner_text()
        capture(page, screenshots / f"checkout-{preset}-complete.png")

        store = Store.objects.get(slug=slug)
        with store_scope([store.site_id]):
            [order] = Order.objects.for_site(store.site)
        assert (order.country.code, order.phone, order.name) == (
            abroad,
            "+35312345678",
            "Sam Shopper",
        )


# The demo store of each preset.
PRESETS = [
    ("heritage", "classic"),
    ("aurora", "modern"),
    ("fjord", "minimal"),
    ("maison", "luxury"),
]


def test_on_a_phone_the_order_summary_comes_before_the_place_order_button(demo, page, screenshots):
    for slug, preset in PRESETS:
        page.set_viewport_size({"width": 1280, "height": 900})
        _to_checkout(page, demo, slug)
        capture(page, screenshots / f"checkout-{preset}-1280.png")
        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()

        summary = page.locator(".checkout__summary")
        button = page.get_by_role("button", name=re.compile(r"^Place order"))
        assert (
            summary.bounding_box()["y"] + summary.bounding_box()["height"]
            <= (button.bounding_box()["y"])
        ), preset
        text = summary.inner_text()
        for shown in ("Subtotal", "Shipping", "Total"):
            assert shown in text, (preset, shown)
        assert "VAT" in text or "Tax" in text, preset
        assert page.locator(".summary-lines li").count() == 1
        total = summary.locator("[data-testid=checkout-total]").inner_text()
        assert total in button.inner_text()
        # The page is no wider than the phone: nothing to scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, preset
        capture(page, screenshots / f"checkout-{preset}-390.png")

        page.get_by_role("link", name="Edit cart").click()
        page.wait_for_url(re.compile(r"/cart/$"))

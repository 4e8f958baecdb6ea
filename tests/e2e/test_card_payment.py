"""A shopper pays by card in a real browser, against the local fake Stripe.

Stripe.js cannot load here (the test blocks js.stripe.com, as a machine without the
internet would): the payment page must say so plainly and still let a test-mode store be
paid through our own confirm endpoint. The order becomes paid when the signed webhook
arrives, not before.

Screenshots land in test-artifacts/screenshots/card-payment-*.png.
"""

import re

import pytest

from shop.models import Order, PaymentSettings
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, store_url
from tests.shop.payment_helpers import deliver, intent_event, payment_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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


def test_a_shopper_pays_by_card_and_the_webhook_makes_the_order_paid(
    demo, page, screenshots, fake_stripe
):
    store = Store.objects.get(slug="heritage")
    PaymentSettings.objects.update_or_create(
        site=store.site, defaults={"stripe_account_id": "acct_alpha123456"}
    )
    blocked = []
    page.route(
        "https://js.stripe.com/**", lambda route: (blocked.append(route.request.url), route.abort())
    )

    _to_checkout(page, demo, "heritage")
    for name, value in {
        "email": "sam@example.com",
        "name": "Sam Shopper",
        "address_line1": "1 High Street",
        "postal_code": "SW1A 1AA",
        "city": "London",
    }.items():
        page.fill(f"input[name={name}]", value)
    page.get_by_label("Card", exact=True).check()
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/pay/\d+/$"))

    assert blocked == ["https://js.stripe.com/v3/"]
    error = page.locator("[data-card-error]")
    error.wait_for()
    assert "The secure card form could not load" in error.inner_text()
    assert page.locator("[data-card-loading]").is_hidden()
    capture(page, screenshots / "card-payment-page.png")

    page.get_by_label("Test card").select_option("pm_card_visa")
    page.get_by_role("button", name="Pay with the test card").click()
    page.wait_for_url(re.compile(r"/checkout/pay/\d+/done/\?payment_intent=pi_"))
    status = page.locator("[data-testid=how-to-pay]")
    assert "Payment received, thank you." in status.inner_text()
    capture(page, screenshots / "card-payment-received.png")

    with store_scope([store.site.pk]):
        order = Order.objects.get()
    assert order.status == Order.Status.PENDING_PAYMENT  # the browser marks nothing paid
    intent_id = payment_of(order).intent_id
    assert (
        deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id)).status_code == 200
    )

    page.reload()
    assert "We have received your payment" in page.locator("[data-testid=how-to-pay]").inner_text()
    with store_scope([store.site.pk]):
        order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert len(fake_stripe.charges()) == 1
    capture(page, screenshots / "card-payment-paid.png")

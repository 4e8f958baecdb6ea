"""An order from the cart to a partial refund, in Chromium, seen by the shopper and the owner.

The shopper puts two products in the cart, checks out with express shipping and pays by
card against the local fake Stripe (through our own confirm endpoint: Stripe.js cannot load
offline), and Stripe's signed webhook makes the order paid. The shopper follows the link of
the confirmation email to the tracking page. The owner packs and ships one parcel, packs the
other and hands it to the carrier afterwards, then refunds one line through Stripe with its
items back in stock. The shopper's page shows each step, and each step's email arrives once,
written in the store's locale. Emails go through Celery, eagerly, as in every test.

Screenshots: test-artifacts/screenshots/order-journey-*.png.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from shop.models import Order, PaymentSettings, Refund, StockLevel, StockMovement
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in, store_url
from tests.fakestripe import webhooks
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
from tests.shop.payment_helpers import ACCOUNT, deliver, intent_event, payment_of
from tests.shop.shipping_factories import add_zone, rate, set_store
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NBSP = "\xa0"
SHOPPER = "kari@example.test"
MERCHANT = "orders@fjord.test"
TRACKING_LINK = re.compile(r"http://fjord\.localhost:\d+/orders/track/[^/\s]+/")


def kr(amount: str) -> str:
    """An amount as nb-NO writes kroner: "1 049,00 kr", with no-break spaces."""
    return amount.replace(" ", NBSP) + NBSP + "kr"


@pytest.fixture
def fjord(live_server, fake_stripe, settings):
    """A Norwegian store: NOK written the nb-NO way, prices including 25 % VAT, post or
    express within Norway, items held 20 minutes, cards through a connected Stripe
    account. Links in emails name the live server's port, as they name the store's host."""
    settings.STORES_PORT = int(live_server.url.rsplit(":", 1)[1])
    store = StoreFactory(slug="fjord", name="Fjord Ceramics", preset=Preset.MODERN)
    set_store(
        store.site,
        currency="NOK",
        locale="nb-NO",
        default_country="NO",
        prices_include_tax=True,
        tax_rate="25",
        reservation_minutes=20,
        contact_email=MERCHANT,
    )
    add_zone(
        store.site, ["NO"], rate("Post", price="69.00"), rate("Express", price="149.00"), name="NO"
    )
    PaymentSettings.objects.update_or_create(
        site=store.site, defaults={"stripe_account_id": ACCOUNT}
    )
    vase = stocked_variant(site=store.site, price="400.00", stock=5, title="Stoneware vase")
    mug = stocked_variant(site=store.site, price="150.00", stock=10, title="Glazed mug")
    category = CategoryPageFactory(parent=store.site.root_page, title="Ceramics")
    ProductPageFactory(parent=category, product=vase.product)
    ProductPageFactory(parent=category, product=mug.product)
    return store, vase, mug


def _subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


def _one_email(subject_start: str):
    """The one email whose subject starts so (a subject is one line of plain spaces)."""
    subject_start = subject_start.replace(NBSP, " ")
    found = [m for m in mail.outbox if m.subject.startswith(subject_start)]
    assert len(found) == 1, f"{subject_start!r} among {_subjects()}"
    return found[0]


def _look_at_email(page, message, path) -> None:
    """The email's HTML as a mail client would show it, at a phone's width."""
    page.set_viewport_size({"width": 480, "height": 900})
    page.set_content(message.alternatives[0][0])
    page.screenshot(path=path, full_page=True)


def _shop_as_shopper(page, live_server, screenshots):
    """From the product pages to the card payment page, choosing express shipping."""
    page.goto(store_url(live_server, "fjord", "/ceramics/stoneware-vase/"))
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    page.goto(store_url(live_server, "fjord", "/ceramics/glazed-mug/"))
    page.fill("input[name=quantity]", "2")
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))
    for name, value in {
        "email": SHOPPER,
        "name": "Kari Nordmann",
        "address_line1": "Storgata 1",
        "postal_code": "0155",
        "city": "Oslo",
    }.items():
        page.fill(f"input[name={name}]", value)
    express = page.locator("label.shipping-choice", has_text="Express")
    expect(express).to_contain_text(kr("149,00"))
    express.click()
    expect(express.locator("input")).to_be_checked()
    page.get_by_label("Card", exact=True).check()
    capture(page, screenshots / "order-journey-1-checkout.png")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/pay/\d+/$"))


def test_an_order_from_card_payment_to_a_partial_refund(
    fjord, page, live_server, screenshots, fake_stripe
):
    store, vase, mug = fjord
    page.route("https://js.stripe.com/**", lambda route: route.abort())
    shot = lambda name: capture(page, screenshots / f"order-journey-{name}.png")  # noqa: E731

    # The shopper checks out and pays by card.
    _shop_as_shopper(page, live_server, screenshots)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Pay {kr('849,00')} by card")
    expect(page.get_by_test_id("pay-by")).to_contain_text("held for you for 20 minutes")
    shot("2-card-payment")
    page.get_by_label("Test card").select_option("pm_card_visa")
    page.get_by_role("button", name="Pay with the test card").click()
    page.wait_for_url(re.compile(r"/checkout/pay/\d+/done/\?payment_intent=pi_"))
    with store_scope([store.site.pk]):
        order = Order.objects.get()
    assert order.status == Order.Status.PENDING_PAYMENT
    assert mail.outbox == []  # a card order is confirmed by its payment, not before

    intent_id = payment_of(order).intent_id
    event = intent_event(fake_stripe, "payment_intent.succeeded", intent_id)
    assert deliver(event).status_code == 200
    page.reload()
    expect(page.get_by_test_id("how-to-pay")).to_contain_text("We have received your payment")
    totals = page.get_by_test_id("order-totals")
    expect(totals.locator("tr")).to_have_text(
        [
            f"Subtotal {kr('700,00')}",
            f"Shipping (Express) {kr('149,00')}",
            f"Including VAT 25 % {kr('169,80')}",
            f"Total {kr('849,00')}",
        ]
    )
    shot("3-paid")

    # The confirmation (payment received) to the shopper, the new order to the merchant.
    confirmation = _one_email(f"Order #{order.number} confirmed: payment received")
    assert confirmation.subject.endswith("– Fjord Ceramics")
    assert confirmation.to == [SHOPPER]
    for line in (
        f"1 × Stoneware vase: {kr('400,00')}",
        f"2 × Glazed mug: {kr('300,00')}",
        f"Subtotal: {kr('700,00')}",
        f"Shipping (Express): {kr('149,00')}",
        f"Including VAT 25 %: {kr('169,80')}",
        f"Total: {kr('849,00')}",
    ):
        assert line in confirmation.body, line
    html = confirmation.alternatives[0][0]
    assert kr("169,80") in html and kr("849,00") in html
    new_order = _one_email(f"New order #{order.number}: {kr('849,00')} from Kari Nordmann")
    assert new_order.to == [MERCHANT]
    assert len(mail.outbox) == 2

    # The shopper follows the email's signed link.
    link = TRACKING_LINK.search(confirmation.body)
    assert link, confirmation.body
    tracking_url = link.group(0)
    assert f'href="{tracking_url}"' in html
    page.goto(tracking_url)
    expect(page.get_by_test_id("order-status")).to_have_text("Paid")
    expect(page.get_by_test_id("timeline")).to_contain_text("Payment received")
    shot("4-tracking-paid")

    # The owner ships the vase with Posten at once, packs the mugs, then hands them to Bring.
    owner = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    admin = owner.new_page()
    sign_in(admin, live_server, "owner@fjord.test", OWNER_PASSWORD)
    admin.goto(live_server.url + reverse("wagtailsnippets_shop_order:edit", args=[order.pk]))
    expect(admin.get_by_test_id("order-status")).to_have_text("Paid")
    expect(admin.get_by_test_id("order-tax").locator("td")).to_have_text(
        ["Including VAT 25 %", kr("169,80")]
    )
    with store_scope([store.site.pk]):
        vase_line, mug_line = order.lines.order_by("pk")
    fulfil = admin.get_by_test_id("fulfil-form")
    fulfil.locator(f"#id_line_{mug_line.pk}").fill("0")
    fulfil.locator("#id_carrier").fill("Posten")
    fulfil.locator("#id_tracking_number").fill("LX123456785NO")
    fulfil.get_by_role("button", name="Fulfil").click()
    admin.wait_for_load_state()
    expect(admin.get_by_test_id("order-status")).to_have_text("Partially fulfilled")
    capture(admin, screenshots / "order-journey-5-admin-first-parcel.png")

    fulfil = admin.get_by_test_id("fulfil-form")
    expect(fulfil.locator(f"#id_line_{vase_line.pk}")).to_have_count(0)
    fulfil.locator("#id_carrier").fill("Bring")
    fulfil.locator("#id_tracking_number").fill("370722150000123456")
    fulfil.get_by_label("Handed to the carrier now").uncheck()
    fulfil.get_by_role("button", name="Fulfil").click()
    admin.wait_for_load_state()
    expect(admin.get_by_test_id("order-status")).to_have_text("Fulfilled")
    assert len(mail.outbox) == 3  # the second parcel has not left yet

    ship = admin.get_by_test_id("ship-form")
    ship.get_by_label("Parcel").select_option(index=1)
    ship.get_by_role("button", name="Mark shipped").click()
    admin.wait_for_load_state()
    expect(admin.get_by_test_id("order-status")).to_have_text("Shipped")
    capture(admin, screenshots / "order-journey-6-admin-shipped.png")

    shipped = [m for m in mail.outbox if m.subject.startswith(f"Order #{order.number} is on its")]
    assert [m.to for m in shipped] == [[SHOPPER], [SHOPPER]]
    assert "Tracking number: LX123456785NO" in shipped[0].body
    assert "https://sporing.posten.no/sporing/LX123456785NO" in shipped[0].body
    assert "1 × Stoneware vase" in shipped[0].body and "Glazed mug" not in shipped[0].body
    assert "Tracking number: 370722150000123456" in shipped[1].body
    assert "https://tracking.bring.com/tracking/370722150000123456" in shipped[1].body
    assert TRACKING_LINK.search(shipped[1].body)

    # The shopper reloads the tracking page: two parcels, each with its carrier's link.
    page.reload()
    expect(page.get_by_test_id("order-status")).to_have_text("Shipped")
    expect(page.get_by_test_id("parcel")).to_have_count(2)
    expect(page.get_by_role("link", name="Follow it with Posten")).to_have_attribute(
        "href", "https://sporing.posten.no/sporing/LX123456785NO"
    )
    expect(page.get_by_role("link", name="Follow it with Bring")).to_have_attribute(
        "href", "https://tracking.bring.com/tracking/370722150000123456"
    )
    expect(page.get_by_test_id("timeline").locator(".timeline__what")).to_have_text(
        [
            "Shipped · Bring",
            "Items fulfilled",
            "Shipped · Posten",
            "Payment received",
            "Order placed",
        ]
    )
    shot("7-tracking-shipped")

    # The owner refunds the mugs through Stripe and puts them back in stock.
    refund = admin.get_by_test_id("refund-form")
    refund.get_by_label("Items", exact=True).check()
    refund.locator(f"#id_line_{mug_line.pk}").fill("2")
    refund.get_by_label("Put the items back in stock").check()
    refund.locator("#id_reason").fill("Both mugs arrived chipped")
    refund.get_by_role("button", name="Refund").click()
    admin.wait_for_load_state()
    expect(admin.locator(".messages")).to_contain_text(f"{kr('300,00')} refunded on")
    expect(admin.get_by_test_id("order-status")).to_have_text("Shipped · partially refunded")
    capture(admin, screenshots / "order-journey-8-admin-refunded.png")
    (sent,) = fake_stripe.refunds.values()
    assert (sent["amount"], sent["payment_intent"]) == (30000, intent_id)

    # Stripe reports the refund it made; it is the same one, recorded once.
    charge = fake_stripe.charge_of(intent_id)
    assert deliver(webhooks.event("charge.refunded", charge, account=ACCOUNT)).status_code == 200

    page.reload()
    expect(page.get_by_test_id("order-status")).to_have_text("Shipped · partially refunded")
    expect(page.get_by_test_id("timeline").locator(".timeline__what").first).to_have_text(
        f"Refunded · {kr('300,00')}"
    )
    shot("9-tracking-refunded")

    refunded = _one_email(f"Refund of {kr('300,00')} for order #{order.number}")
    assert refunded.to == [SHOPPER]
    assert f"we have refunded {kr('300,00')} for order #1001: 2 × Glazed mug." in refunded.body
    assert "The money goes back to the card you paid with." in refunded.body
    assert len(mail.outbox) == 5, _subjects()
    for message in mail.outbox:
        assert "\n\n\n" not in message.body, message.body  # paragraphs, not gaps

    for name, message in [
        ("confirmation", confirmation),
        ("shipped", shipped[0]),
        ("refund", refunded),
    ]:
        _look_at_email(admin, message, screenshots / f"order-journey-email-{name}.png")

    with store_scope([store.site.pk]):
        order.refresh_from_db()
        assert order.refunded_total == 300
        assert Refund.objects.filter(order=order).count() == 1
        returns = StockMovement.objects.filter(reason=StockMovement.Reason.RETURN)
        assert list(returns.values_list("variant_id", "quantity")) == [(mug.pk, 2)]
        assert StockLevel.objects.get(variant=mug).on_hand == 10
        assert StockLevel.objects.get(variant=vase).on_hand == 4
    owner.close()

"""A shopper follows their order: from the store's footer, with the order number and email
address, and from the link in their shipping email; in each preset, on a phone and a
laptop. In Chromium. Screenshots: test-artifacts/screenshots/order-tracking-*.png."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone
from playwright.sync_api import expect

from shop import services
from shop.models import Fulfilment, Order, OrderEvent
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in, store_url
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _shipped_order(store) -> Order:
    lamp = stocked_variant(site=store.site, price="64.00", stock=4, title="Stoneware vase")
    order = place_test_order(lines=[(lamp, 1)], email="ann@example.test")
    with store_scope([store.site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        services.mark_paid(order=order, actor="Merchant")
        parcel = Fulfilment.objects.create(
            order=order,
            carrier="Posten",
            tracking_number="LX123456789NO",
            tracking_url="https://sporing.posten.no/sporing/LX123456789NO",
            shipped_at=timezone.now(),
        )
        services.transition(
            order=order,
            status=Order.Status.SHIPPED,
            kind=OrderEvent.Kind.SHIPPED,
            actor="Merchant",
            fulfilment=parcel.pk,
        )
    return order


@pytest.mark.parametrize("preset", Preset.values)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_shopper_follows_their_order(page, live_server, screenshots, preset, width):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=preset)
    order = _shipped_order(store)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(store_url(live_server, "alpha", "/"))
    page.get_by_role("link", name="Track your order").click()
    expect(page.get_by_role("heading", name="Track your order")).to_be_visible()
    page.get_by_label("Order number").fill(str(order.number + 7))
    page.get_by_label("Email address").fill("ann@example.test")
    page.get_by_role("button", name="Show my order").click()
    expect(page.get_by_test_id("order-track-message")).to_contain_text(
        "We could not find an order with that number and email address."
    )
    capture(page, screenshots / f"order-tracking-{preset}-{width}-not-found.png")

    page.get_by_label("Order number").fill(str(order.number))
    page.get_by_role("button", name="Show my order").click()
    expect(page.get_by_test_id("order-status")).to_have_text("Shipped")
    expect(page.get_by_test_id("parcel")).to_contain_text("LX123456789NO")
    expect(page.get_by_test_id("timeline")).to_contain_text("Payment received")
    expect(page.get_by_role("link", name="Follow it with Posten")).to_have_attribute(
        "href", "https://sporing.posten.no/sporing/LX123456789NO"
    )
    capture(page, screenshots / f"order-tracking-{preset}-{width}-status.png")

    shipped = next(m for m in mail.outbox if "on its way" in m.subject)
    link = re.search(r"https?://\S+/orders/track/\S+/", shipped.body).group(0)
    page.goto(store_url(live_server, "alpha", "/orders/track/" + link.split("/orders/track/")[1]))
    expect(page.get_by_test_id("order-status")).to_have_text("Shipped")


@pytest.mark.parametrize("kind", ["confirmation", "shipped", "new_order"])
def test_the_owner_previews_the_order_emails(page, live_server, screenshots, kind):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.LUXURY)
    _shipped_order(store)
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)

    page.goto(f"{live_server.url}/admin/shop/order-emails/")
    expect(page.locator("table.listing")).to_contain_text("Order confirmation")
    page.locator(f'a[href="/admin/shop/order-emails/{kind}/"]').click()
    frame = page.frame_locator("iframe")
    expect(frame.locator("body")).to_contain_text("#1001")
    expect(page.get_by_test_id("email-text")).to_contain_text("/orders/track/")
    capture(page, screenshots / f"order-email-preview-{kind}.png")

"""A store owner works through a paid order on its screen in Chromium: fulfils half of it
with a Posten tracking number, then the rest with UPS, refunds one line with its items back
in stock, and leaves a note. Each step's screen is saved to
test-artifacts/screenshots/order-fulfilment-*.png.
"""

import pytest
from django.urls import reverse

from shop import services
from shop.models import Order, StockLevel
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def paid_order(live_server):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    lamp = stocked_variant(site=store.site, price="49.00", stock=6, title="Alpha Desk Lamp")
    bulb = stocked_variant(site=store.site, price="4.50", stock=20, title="Warm LED Bulb")
    order = place_test_order(
        lines=[(lamp, 2), (bulb, 4)], email="ann@example.test", name="Ann Example"
    )
    with store_scope([store.site.pk]):
        services.mark_paid(order=order, via="bank_transfer")
        lamp_line, bulb_line = order.lines.order_by("pk")
    return store, order, lamp, bulb, lamp_line, bulb_line


def test_owner_fulfils_half_then_the_rest_and_refunds_a_line_with_restock(
    paid_order, page, live_server, screenshots
):
    store, order, lamp, bulb, lamp_line, bulb_line = paid_order
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    url = live_server.url + reverse("wagtailsnippets_shop_order:edit", args=[order.pk])

    page.goto(url)
    assert page.get_by_test_id("order-status").inner_text() == "Paid"
    capture(page, screenshots / "order-fulfilment-1-paid.png")

    fulfil = page.get_by_test_id("fulfil-form")
    fulfil.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "order-fulfilment-1-fulfil-form.png")
    fulfil.locator(f"#id_line_{lamp_line.pk}").fill("1")
    fulfil.locator(f"#id_line_{bulb_line.pk}").fill("2")
    fulfil.locator("#id_carrier").fill("Posten")
    fulfil.locator("#id_tracking_number").fill("70712345678")
    fulfil.get_by_role("button", name="Fulfil").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("order-status").inner_text() == "Partially fulfilled"
    parcels = page.get_by_test_id("parcels")
    assert "1 × Alpha Desk Lamp, 2 × Warm LED Bulb" in parcels.inner_text()
    link = parcels.get_by_role("link", name="70712345678")
    assert link.get_attribute("href") == "https://sporing.posten.no/sporing/70712345678"
    capture(page, screenshots / "order-fulfilment-2-half-shipped.png")

    fulfil = page.get_by_test_id("fulfil-form")
    assert fulfil.locator(f"#id_line_{lamp_line.pk}").input_value() == "1"
    fulfil.locator("#id_carrier").fill("UPS")
    fulfil.locator("#id_tracking_number").fill("1Z999AA10123456784")
    fulfil.get_by_role("button", name="Fulfil").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("order-status").inner_text() == "Shipped"
    assert page.get_by_test_id("fulfil-form").count() == 0
    capture(page, screenshots / "order-fulfilment-3-shipped.png")

    refund = page.get_by_test_id("refund-form")
    refund.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "order-fulfilment-3-refund-form.png")
    refund.get_by_label("Items", exact=True).check()
    refund.locator(f"#id_line_{bulb_line.pk}").fill("4")
    refund.get_by_label("Put the items back in stock").check()
    refund.locator("#id_reason").fill("Bulbs arrived broken")
    refund.get_by_role("button", name="Refund").click()
    page.wait_for_load_state()
    assert "€18.00 refunded on" in page.locator(".messages").inner_text()
    assert page.get_by_test_id("order-status").inner_text() == "Shipped · partially refunded"
    assert page.get_by_test_id("refunded-total").inner_text() == "− €18.00"
    row = page.locator(f"tr[data-line='{bulb_line.pk}']")
    assert row.get_by_test_id("refunded").inner_text() == "4"

    page.get_by_test_id("note-form").locator("textarea").fill("Sent new bulbs separately.")
    page.get_by_role("button", name="Add note").click()
    page.wait_for_load_state()
    timeline = page.get_by_test_id("timeline").inner_text()
    assert timeline.index("Sent new bulbs separately.") < timeline.index("Refunded")
    capture(page, screenshots / "order-fulfilment-4-refunded.png")

    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant=bulb).on_hand == 20
        assert StockLevel.objects.get(variant=lamp).on_hand == 4
        assert Order.objects.get(pk=order.pk).status == Order.Status.SHIPPED

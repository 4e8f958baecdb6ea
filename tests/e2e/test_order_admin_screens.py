"""The store owner's order, ticket and product screens after the hardening, in Chromium.

A guest checkout with a known client's email and other contact details shows the
"contact details differ" note on the order and its ticket; the owner cancels the order
from its edit screen; deleting a product with history offers archiving instead. Each
screen is saved to test-artifacts/screenshots/order-admin-*.png.
"""

import pytest
from django.urls import reverse

from crm_bridge.models import Ticket
from shop.models import Product, StockLevel
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def shop(live_server):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Alpha Desk Lamp")
    place_test_order(lines=[(lamp, 1)], email="ann@example.test", name="Ann Example")
    order = place_test_order(
        lines=[(lamp, 2)], email="ann@example.test", name="Mallory Doe", phone="+1 666 0000"
    )
    with store_scope([store.site.pk]):
        ticket = Ticket.objects.get(order=order)
    return store, lamp, order, ticket


def test_owner_sees_the_note_cancels_the_order_and_is_offered_archiving(
    shop, page, live_server, screenshots
):
    store, lamp, order, ticket = shop
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    admin = live_server.url

    page.goto(admin + reverse("wagtailsnippets_shop_order:edit", args=[order.pk]))
    note = page.locator(".contact-differences")
    assert "Contact details differ from the client record" in note.inner_text()
    assert "“Mallory Doe” on the order, “Ann Example” on the client record" in note.inner_text()
    capture(page, screenshots / "order-admin-order-details-differ.png")

    page.goto(admin + reverse("wagtailsnippets_crm_bridge_ticket:edit", args=[ticket.pk]))
    assert "Contact details differ" in page.locator(".contact-differences").inner_text()
    capture(page, screenshots / "order-admin-ticket-details-differ.png")

    page.goto(admin + reverse("wagtailsnippets_shop_order:edit", args=[order.pk]))
    page.locator("header [aria-label='Actions'], header button.w-dropdown__toggle").first.click()
    page.get_by_role("link", name="Cancel order", exact=True).click()
    page.wait_for_url(f"**{reverse('wagtailsnippets_shop_order:cancel', args=[order.pk])}")
    page.fill("#id_reason", "Customer called")
    capture(page, screenshots / "order-admin-cancel-confirm.png")
    page.get_by_role("button", name="Yes, cancel the order").click()
    page.wait_for_url(f"**{reverse('wagtailsnippets_shop_order:edit', args=[order.pk])}")
    assert f"{order} cancelled: its items are back in stock." in page.content()
    capture(page, screenshots / "order-admin-cancelled.png")
    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant=lamp).on_hand == 4

    page.goto(admin + reverse("wagtailsnippets_shop_product:delete", args=[lamp.product_id]))
    assert "cannot be deleted: 4 stock movement(s) and 2 order line(s)" in page.content()
    capture(page, screenshots / "order-admin-product-delete-refused.png")
    page.get_by_role("button", name="Archive the product").click()
    page.wait_for_url(f"**{reverse('wagtailsnippets_shop_product:edit', args=[lamp.product_id])}")
    assert "archived" in page.locator(".messages").inner_text()
    capture(page, screenshots / "order-admin-product-archived.png")
    with store_scope([store.site.pk]):
        assert Product.objects.get(pk=lamp.product_id).status == Product.Status.ARCHIVED

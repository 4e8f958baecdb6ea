"""The owner finds the store's inventory health on the dashboard and follows it to the
report of every variant, in Chromium. Screenshots: test-artifacts/screenshots/
inventory-insight-*.png."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import capture, sign_in
from tests.shop.factories import place_test_order, stocked_variant
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_owner_reads_the_inventory_health_and_the_reorder_report(page, live_server, screenshots):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    lamp = stocked_variant(site=store.site, stock=12, title="Alpha Desk Lamp")
    place_test_order(lines=[(lamp, 9)])
    stocked_variant(site=store.site, stock=30, title="Alpha Vase")
    stocked_variant(site=store.site, stock=0, title="Alpha Bowl")

    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    panel = page.locator(".shop-insight")
    expect(panel).to_contain_text("Health score")
    expect(panel.locator("tbody tr")).to_have_count(2)  # the lamp (3 left) and the bowl
    expect(panel).to_contain_text("Alpha Desk Lamp")
    capture(page, screenshots / "inventory-insight-dashboard.png")

    page.get_by_role("link", name="Every variant: sales, days left, reorder").click()
    expect(page.get_by_role("heading", name="Inventory insight")).to_be_visible()
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Alpha Bowl")  # out of stock: most urgent
    page.get_by_text("How these figures are worked out").click()
    expect(page.get_by_text("Reorder: enough for 14 days of delivery")).to_be_visible()
    capture(page, screenshots / "inventory-insight-report.png")

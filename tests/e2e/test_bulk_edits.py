"""The owner selects products in the listing and takes 10% off their prices in one step,
in Chromium. Screenshots: test-artifacts/screenshots/bulk-edit-*.png."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from shop.models import ProductVariant
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in
from tests.shop.factories import stocked_variant
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_owner_takes_ten_percent_off_the_selected_products(page, live_server, screenshots):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    lamp = stocked_variant(site=store.site, price="20.00", title="Alpha Desk Lamp")
    vase = stocked_variant(site=store.site, price="35.50", title="Alpha Vase")
    bowl = stocked_variant(site=store.site, price="12.00", title="Alpha Bowl")

    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/snippets/shop/product/")
    for title in ("Alpha Desk Lamp", "Alpha Vase"):
        page.get_by_role("row").filter(has_text=title).locator("input[type=checkbox]").check()
    capture(page, screenshots / "bulk-edit-selected.png")
    page.get_by_role("link", name="Change the prices of the selected products' variants").click()

    expect(page.get_by_role("heading", name="Change prices")).to_be_visible()
    page.get_by_label("Change by a percentage").check()
    page.get_by_label("Amount or percentage").fill("-10")
    capture(page, screenshots / "bulk-edit-prices-form.png")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_text("Prices changed by -10% on 2 variants.")).to_be_visible()
    capture(page, screenshots / "bulk-edit-prices-done.png")
    with store_scope([store.site.pk]):
        prices = {v.pk: v.price for v in ProductVariant.objects.all()}
    assert prices == {
        lamp.pk: Decimal("18.00"),
        vase.pk: Decimal("31.95"),
        bowl.pk: Decimal("12.00"),
    }


def test_owner_restocks_the_selected_variants_from_the_inventory_listing(
    page, live_server, screenshots
):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    lamp = stocked_variant(site=store.site, stock=1, title="Alpha Desk Lamp")
    vase = stocked_variant(site=store.site, stock=0, title="Alpha Vase")
    bowl = stocked_variant(site=store.site, stock=9, title="Alpha Bowl")

    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/snippets/shop/stocklevel/")
    for title in ("Alpha Desk Lamp", "Alpha Vase"):
        page.get_by_role("row").filter(has_text=title).locator("input[type=checkbox]").check()
    page.get_by_role("link", name="Change the stock of the selected variants").click()

    expect(page.get_by_role("heading", name="Change stock")).to_be_visible()
    page.get_by_label("Add (or remove) units").check()
    page.get_by_label("Quantity").fill("12")
    page.get_by_label("Reason").fill("Delivery from the workshop")
    capture(page, screenshots / "bulk-edit-variant-stock-form.png")
    page.get_by_role("button", name="Apply").click()

    expect(
        page.get_by_text("Stock changed by +12 on 2 variants (Delivery from the workshop).")
    ).to_be_visible()
    capture(page, screenshots / "bulk-edit-variant-stock-done.png")
    with store_scope([store.site.pk]):
        on_hand = {v.pk: v.stock.on_hand for v in ProductVariant.objects.select_related("stock")}
    assert on_hand == {lamp.pk: 13, vase.pk: 12, bowl.pk: 9}

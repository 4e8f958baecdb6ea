"""The owner imports a Shopify product file in Chromium: uploads it, reads the dry run's
plan, applies it, sees the import finish and the products in the listing. Screenshots:
test-artifacts/screenshots/product-import-*.png."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from shop.models import Product
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIXTURES = Path(__file__).parents[1] / "shop" / "fixtures" / "csv"


def test_owner_uploads_a_shopify_file_checks_the_plan_and_applies_it(
    page, live_server, screenshots
):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)

    page.get_by_role("button", name="Import/export").click()
    page.get_by_role("link", name="Import products").click()
    expect(page.get_by_role("heading", name="Import products")).to_be_visible()
    page.locator("input[name=file]").set_input_files(FIXTURES / "shopify_products.csv")
    capture(page, screenshots / "product-import-upload.png")
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_text("Dry run done")).to_be_visible()
    expect(page.get_by_text("3 products to create")).to_be_visible()
    created = page.locator("table.listing").filter(has_text="Linen Shirt")
    expect(created).to_contain_text("4 variants")
    expect(page.get_by_text("lost its last digits")).to_be_visible()
    capture(page, screenshots / "product-import-plan.png")
    with store_scope([store.site.pk]):
        assert not Product.objects.exists()

    page.get_by_role("button", name="Apply this file").click()

    expect(page.get_by_text("All 9 rows done")).to_be_visible()
    expect(page.locator("[role=progressbar]")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_text("3 products created")).to_be_visible()
    expect(page.get_by_text("not in the storefront until given a page")).to_be_visible()
    capture(page, screenshots / "product-import-done.png")

    page.get_by_role("link", name="See the products").click()
    listing = page.locator("table.listing")
    for title in ("Linen Shirt", "Enamel Mug", "Gift Card"):
        expect(listing).to_contain_text(title)
    capture(page, screenshots / "product-import-listing.png")


def test_a_file_with_bad_rows_shows_each_refused_row_and_cannot_be_applied(
    page, live_server, screenshots
):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/shop/products/import/")

    page.locator("input[name=file]").set_input_files(FIXTURES / "shopify_bad_rows.csv")
    page.get_by_role("button", name="Upload and check").click()

    refused = page.locator("table.shop-import-job__rejected tbody tr")
    expect(refused).to_have_count(7)
    expect(refused.filter(has_text="bad-price")).to_contain_text("“twelve” is not a number")
    expect(page.get_by_role("button", name="Apply this file")).to_have_count(0)
    expect(page.get_by_text("Nothing was written.")).to_be_visible()
    capture(page, screenshots / "product-import-refused.png")
    with store_scope([store.site.pk]):
        assert not Product.objects.exists()

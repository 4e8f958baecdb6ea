"""A shopper on a sold-out product asks to be told when it is back; the owner restocks it
in the admin; one email arrives. In Chromium. Screenshots: test-artifacts/screenshots/
back-in-stock-*.png."""

from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from shop.models import StockLevel
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in, store_url
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_shopper_is_emailed_once_when_the_owner_restocks(page, live_server, screenshots):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.MODERN)
    variant = stocked_variant(site=store.site, stock=0, price="64.00", title="Stoneware vase")
    category = CategoryPageFactory(parent=store.site.root_page, title="Vases")
    ProductPageFactory(parent=category, product=variant.product)
    with store_scope([store.site.pk]):
        level = StockLevel.objects.get(variant=variant)

    page.goto(store_url(live_server, "alpha", "/vases/stoneware-vase/"))
    expect(page.locator("[data-add-button], .add-to-cart__button").first).to_be_disabled()
    form = page.locator("[data-notify-me]")
    expect(form).to_contain_text("Want to know when it is back?")
    form.get_by_label("Your email address").fill("ann@example.test")
    capture(page, screenshots / "back-in-stock-product-page.png")
    form.get_by_role("button", name="Email me when it is back").click()
    expect(page.get_by_role("heading", name="We will email you")).to_be_visible()
    expect(page.locator(".message--success")).to_contain_text(
        "We will email ann@example.test once, when Stoneware vase is back in stock."
    )
    capture(page, screenshots / "back-in-stock-thanks.png")

    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/snippets/shop/backinstockrequest/")
    expect(page.locator("table.listing")).to_contain_text("ann@example.test")
    expect(page.locator("table.listing")).to_contain_text("Waiting")
    page.goto(f"{live_server.url}/admin/snippets/shop/stocklevel/edit/{level.pk}/")
    page.get_by_label("Add or remove units").fill("6")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_be_visible()

    assert [message.to for message in mail.outbox] == [["ann@example.test"]]
    assert "Stoneware vase is back in stock at Alpha Goods" in mail.outbox[0].body

    page.goto(f"{live_server.url}/admin/snippets/shop/backinstockrequest/")
    expect(page.locator("table.listing")).not_to_contain_text("Waiting")
    capture(page, screenshots / "back-in-stock-admin.png")

    page.goto(f"{live_server.url}/admin/snippets/shop/stocklevel/edit/{level.pk}/")
    page.get_by_label("Add or remove units").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_be_visible()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("preset", Preset.values)
def test_each_preset_shows_sold_out_and_pre_order_products(page, live_server, screenshots, preset):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=preset)
    category = CategoryPageFactory(parent=store.site.root_page, title="Vases")
    sold_out = stocked_variant(site=store.site, stock=0, price="64.00", title="Stoneware vase")
    later = stocked_variant(
        site=store.site,
        stock=0,
        price="48.00",
        title="Glass carafe",
        out_of_stock="preorder",
        preorder_expected_on=date(2030, 1, 12),
    )
    stocked_variant(site=store.site, stock=8, price="22.00", title="Clay cup")
    for variant in (sold_out, later):
        ProductPageFactory(parent=category, product=variant.product)

    page.goto(store_url(live_server, "alpha", "/vases/glass-carafe/"))
    expect(page.locator("[data-add-button]")).to_have_text("Pre-order")
    expect(page.locator("[data-add-button]")).to_be_enabled()
    expect(page.locator("[data-preorder-note]")).to_have_text("Ships from 12 January 2030")
    capture(page, screenshots / f"pre-order-{preset}.png")

    page.goto(store_url(live_server, "alpha", "/vases/stoneware-vase/"))
    expect(page.locator("[data-notify-me]")).to_be_visible()
    capture(page, screenshots / f"sold-out-{preset}.png")

    page.goto(store_url(live_server, "alpha", "/vases/"))
    expect(page.locator(".product-card")).to_have_count(2)
    capture(page, screenshots / f"sold-out-category-{preset}.png")

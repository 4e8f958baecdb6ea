"""A merchant creates a product with two options and four variants on one screen, sets
their stock and publishes it; a shopper finds it in its category and buys a variant, in
Chromium. Screenshots: test-artifacts/screenshots/product-editor-*.png and
product-list.png."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from shop.models import Order, Product, StockMovement
from tenancy.scope import store_scope
from tests.e2e.browser import capture, chosen, open_chooser, sign_in, store_url
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    stocked_product,
)
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STOCK = {"S / Red": "3", "S / Blue": "0", "M / Red": "5", "M / Blue": "2"}


def _capture_whole_form(page, path):
    """The admin scrolls inside its own frame: a tall window shows the whole editor."""
    page.set_viewport_size({"width": 1280, "height": 2600})
    capture(page, path)
    page.set_viewport_size({"width": 1280, "height": 900})


def _checkout(page):
    for name, value in {
        "email": "sam@example.com",
        "name": "Sam Shopper",
        "address_line1": "1 High Street",
        "postal_code": "10115",
        "city": "Berlin",
    }.items():
        page.fill(f"input[name={name}]", value)
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/complete/\d+/$"))


def test_merchant_creates_a_product_on_one_screen_and_a_shopper_buys_it(
    page, live_server, screenshots
):
    store = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    CategoryPageFactory(parent=store.site.root_page.specific, title="Shirts", slug="shirts")
    tee_picture = ImageFactory(
        collection=store.collection, title="Linen tee, red", file__filename="tee.png"
    )
    scarf = stocked_product(site=store.site, title="Alpha Scarf", vendor="Alpha Mills")
    picture = ImageFactory(collection=store.collection, title="Scarf", file__filename="scarf.png")
    ProductImageFactory(product=scarf, image=picture)

    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/snippets/shop/product/add/")
    page.locator("input[name=title]").fill("Linen Tee")
    expect(page.locator("input[name=handle]")).to_have_value("linen-tee")
    page.get_by_label("Price of Default", exact=True).fill("25.00")
    page.locator("input[name=option1_name]").fill("Size")
    page.locator("input[name=option1_values]").fill("S, M")
    page.locator("input[name=option2_name]").fill("Colour")
    page.locator("input[name=option2_values]").fill("Red, Blue")
    rows = page.locator("[data-variant-row]")
    expect(rows).to_have_count(4)
    for label, stock in STOCK.items():
        expect(page.get_by_label(f"Price of {label}", exact=True)).to_have_value("25.00")
        page.get_by_label(f"On hand of {label}", exact=True).fill(stock)
    page.get_by_label("Price of M / Blue", exact=True).fill("27.50")
    page.get_by_role("button", name="Add Image").click()
    modal = open_chooser(page, "id_images-0-image", "Choose an image")
    modal.locator("[data-chooser-modal-choice]", has_text="Linen tee, red").click()
    expect(chosen(page, "id_images-0-image")).to_have_text("Linen tee, red")
    red_picture = page.get_by_label("Image of S / Red", exact=True)
    red_picture.focus()  # offers the pictures just added above
    red_picture.select_option(label="Linen tee, red")
    page.locator("select[name=category]").select_option(label="Shirts")
    page.locator("input[name=vendor]").fill("Alpha Mills")
    _capture_whole_form(page, screenshots / "product-editor-new.png")

    # A price left out: the error names the row, and everything typed is still there.
    page.get_by_label("Price of M / Red", exact=True).fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("M / Red, Price: Enter a price.")).to_be_visible()
    expect(page.get_by_label("On hand of M / Blue", exact=True)).to_have_value("2")
    expect(page.get_by_label("Image of S / Red", exact=True)).to_have_value(str(tee_picture.pk))
    _capture_whole_form(page, screenshots / "product-editor-error.png")
    page.get_by_label("Price of M / Red", exact=True).fill("25.00")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("'Linen Tee' created.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Linen Tee")).to_contain_text("€25.00 – €27.50")
    capture(page, screenshots / "product-list.png")
    page.goto(f"{live_server.url}/admin/snippets/shop/product/?stock=low&vendor=Alpha+Mills")
    expect(page.get_by_role("row").filter(has_text="Linen Tee")).to_be_visible()
    capture(page, screenshots / "product-list-filters.png")
    with store_scope([store.site.pk]):
        tee = Product.objects.get(handle="linen-tee")
        variants = {v.options_label: v for v in tee.variants.select_related("stock")}
        stock = {label: variant.stock.on_hand for label, variant in variants.items()}
        adjustments = StockMovement.objects.filter(variant__product=tee).count()
    assert stock == {label: int(value) for label, value in STOCK.items()}
    assert adjustments == 3
    assert variants["S / Red"].image_id == tee_picture.pk

    page.get_by_role("link", name="Linen Tee").click()
    expect(page.get_by_label("On hand of M / Blue", exact=True)).to_have_value("2")
    _capture_whole_form(page, screenshots / "product-editor-edit.png")

    page.goto(store_url(live_server, "alpha", "/shirts/"))
    page.get_by_role("link", name=re.compile("Linen Tee")).first.click()
    page.wait_for_url(re.compile(r"/shirts/linen-tee/"))
    page.locator("label.variant-option", has_text="M / Blue").click()
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))
    _checkout(page)

    with store_scope([store.site.pk]):
        [order] = Order.objects.for_site(store.site)
        [line] = order.lines.all()
        left = tee.variants.get(sku=line.sku).stock.on_hand
    assert (line.variant_label, line.unit_price, left) == ("M / Blue", Decimal("27.50"), 1)

"""Every preset in Chromium, as a shopper sees it on a phone (390 px) and a desktop (1280 px).

For each demo store (one per preset): home, a category, a product whose variant switch
changes the picture and the price, the cart with that variant's picture, the checkout with
field errors, and a content page. Screenshots land in test-artifacts/screenshots/preset-*.
A second test measures product grids at widths from 360 px to 1600 px: no row ends in a
lone card or in empty columns; related products on a product page end on a full row.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from shop.models import CategoryPage, Product, ProductPage, ProductVariant, StoreSettings
from shop.templatetags.shop_tags import money
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, store_url
from tests.shop.factories import CategoryPageFactory
from tests.themes.theme_values import set_theme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STORES = {"minimal": "fjord", "modern": "aurora", "classic": "heritage", "luxury": "maison"}
WIDTHS = {"phone": 390, "desktop": 1280}
GRID_WIDTHS = [360, 600, 900, 1280, 1600]


def _variant_product(slug):
    """A product page path of the store whose first two variants have their own pictures,
    with the second made dearer so the switch changes the price too."""
    store = Store.objects.get(slug=slug)
    with store_scope([store.site_id]):
        for product in Product.objects.for_site(store.site).active().order_by("pk"):
            variants = list(
                ProductVariant.objects.filter(product=product, image__isnull=False)
                .select_related("stock", "image")
                .order_by("sort_order", "pk")
            )
            available = [v for v in variants if v.is_available]
            if len(available) < 2 or available[0].image_id == available[1].image_id:
                continue
            first, second = available[:2]
            if second.price == first.price:
                second.price = first.price + Decimal("10.00")
                second.save(update_fields=["price"])
            page = ProductPage.objects.live().get(product=product)
            return page.relative_url(store.site), first, second
    raise AssertionError(f"{slug}: no product with two pictured variants")


def _is_picture_of(image, src: str) -> bool:
    """``src`` is a rendition of ``image`` (file names alone may be cut short)."""
    return src in {rendition.url for rendition in image.renditions.all()}


def _main_picture(page) -> str:
    return page.evaluate(
        """() => (document.querySelector('[data-gallery-main]')
                  || document.querySelector('[data-gallery-stack] img')).getAttribute('src')"""
    )


def _no_sideways_scroll(page, where):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{where}: the page scrolls sideways by {overflow}px"


def _check_menu(page, where):
    """The phone menu: a button that opens the navigation; Escape closes it and focus goes
    back to the button."""
    button = page.locator("[data-menu-toggle]")
    assert button.is_visible(), f"{where}: no menu button"
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-menu").is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("#site-menu a").first.is_visible()
    assert page.evaluate("document.activeElement.closest('#site-menu') !== null")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not page.locator("#site-menu").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-menu-toggle')")


def _shoot(page, screenshots, preset, name, width, csp):
    where = f"{preset} {name} at {width}px"
    _no_sideways_scroll(page, where)
    capture(page, screenshots / f"preset-{preset}-{name}-{width}.png")
    csp.assert_none(where)


def _visit_store(page, live_server, preset, slug, width, screenshots, csp):
    path, first, second = _variant_product(slug)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(store_url(live_server, slug))
    _shoot(page, screenshots, preset, "home", width, csp)
    if width < 700:
        _check_menu(page, f"{preset} home at {width}px")

    category = page.locator("#site-menu a").first.get_attribute("href")
    page.goto(store_url(live_server, slug, category))
    assert page.locator(".product-card").count() > 0
    _shoot(page, screenshots, preset, "category", width, csp)

    page.goto(store_url(live_server, slug, path))
    assert _is_picture_of(first.image, _main_picture(page))
    page.locator(f"input[name=variant][value='{second.pk}']").check(force=True)
    price = page.locator("[data-price-current]")
    store_settings = StoreSettings.objects.get(site_id=second.site_id)
    assert price.inner_text().endswith(money(second.price, store_settings)), preset
    assert _is_picture_of(second.image, _main_picture(page))
    assert page.locator("[data-variant-sku]").first.text_content() == second.sku
    _shoot(page, screenshots, preset, "product", width, csp)

    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url(re.compile(r"/cart/$"))
    line = page.locator("[data-testid=cart-line]").last
    assert _is_picture_of(second.image, line.locator("img").get_attribute("src"))
    _shoot(page, screenshots, preset, "cart", width, csp)

    page.get_by_role("link", name="Check out").click()
    page.wait_for_url(re.compile(r"/checkout/$"))
    page.fill("input[name=email]", "not an address")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    expect(page.locator(".field__error").first).to_be_visible()
    summary = page.locator(".checkout__summary img").last.get_attribute("src")
    assert _is_picture_of(second.image, summary)
    _shoot(page, screenshots, preset, "checkout", width, csp)

    page.fill("input[name=email]", "sam@example.com")
    page.fill("input[name=name]", "Sam Shopper")
    page.fill("input[name=address_line1]", "Storgata 1")
    page.fill("input[name=postal_code]", "0155")
    page.fill("input[name=city]", "Oslo")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    page.wait_for_url(re.compile(r"/checkout/complete/\d+/$"))
    _shoot(page, screenshots, preset, "order-complete", width, csp)

    page.goto(store_url(live_server, slug, "/cart/"))
    assert "Your cart is empty" in page.content()
    _shoot(page, screenshots, preset, "cart-empty", width, csp)

    page.goto(store_url(live_server, slug, "/about/"))
    _shoot(page, screenshots, preset, "content", width, csp)

    page.goto(store_url(live_server, slug, "/coming-soon/"))
    assert "No products here yet" in page.content()
    _shoot(page, screenshots, preset, "category-empty", width, csp)

    page.goto(store_url(live_server, slug, "/no-such-page/"))
    _shoot(page, screenshots, preset, "404", width, csp)


def _add_empty_category(slug):
    store = Store.objects.get(slug=slug)
    with store_scope([store.site_id]):
        CategoryPageFactory(parent=store.site.root_page.specific, title="Coming soon")


def test_every_preset_at_phone_and_desktop_widths(demo, page, screenshots, csp_violations):
    for preset, slug in STORES.items():
        _add_empty_category(slug)
        for width in WIDTHS.values():
            page.context.clear_cookies()
            _visit_store(page, demo, preset, slug, width, screenshots, csp_violations)


GRID_ROWS = """() => [...document.querySelectorAll('.product-grid--grid')].map((grid) => {
    const box = grid.getBoundingClientRect();
    const rows = new Map();
    for (const card of grid.children) {
        const r = card.getBoundingClientRect();
        const key = Math.round(r.top);
        if (!rows.has(key)) rows.set(key, []);
        rows.get(key).push({left: r.left, right: r.right, width: r.width});
    }
    return {width: box.width, left: box.left, right: box.right, rows: [...rows.values()]};
})"""


def _assert_balanced(grids, where):
    assert grids, f"{where}: no product grid"
    for grid in grids:
        widest = max(len(row) for row in grid["rows"])
        *_, last = grid["rows"]
        if len(last) == 1 and (len(grid["rows"]) > 1 or widest == 1):
            assert last[0]["width"] >= grid["width"] * 0.95, (
                f"{where}: a lone last card ({last[0]['width']:.0f} of {grid['width']:.0f}px)"
            )
        left_gap = last[0]["left"] - grid["left"]
        right_gap = grid["right"] - last[-1]["right"]
        assert abs(left_gap - right_gap) < 2, f"{where}: the last row leaves empty columns"


def test_product_grids_never_end_in_a_lone_card_or_empty_columns(demo, page):
    # Cards rise in as the page loads; measured at rest, as shoppers who ask for less
    # motion see them from the start.
    page.emulate_media(reduced_motion="reduce")
    for columns in (2, 3, 4):
        for preset, slug in STORES.items():
            store = Store.objects.get(slug=slug)
            set_theme(store.site, grid_columns=columns)
            with store_scope([store.site_id]):
                categories = [
                    c.relative_url(store.site)
                    for c in CategoryPage.objects.live().descendant_of(store.site.root_page)
                ]
            for path in ["/", *categories]:
                page.goto(store_url(demo, slug, path))
                for width in GRID_WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    where = f"{preset}, {columns} columns, {path} at {width}px"
                    _assert_balanced(page.evaluate(GRID_ROWS), where)


def test_every_header_layout_opens_its_menu_from_the_keyboard(demo, page, screenshots):
    for preset, slug in STORES.items():
        store = Store.objects.get(slug=slug)
        for layout in ("centered", "split", "minimal"):
            set_theme(store.site, header_layout=layout)
            for width in WIDTHS.values():
                where = f"{preset}, {layout} header at {width}px"
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(store_url(demo, slug))
                _no_sideways_scroll(page, where)
                button = page.locator("[data-menu-toggle]")
                if layout != "minimal" and width > 760:
                    assert not button.is_visible(), where
                    assert page.locator("#site-menu a").first.is_visible(), where
                    continue
                button.focus()
                page.keyboard.press("Enter")
                assert button.get_attribute("aria-expanded") == "true", where
                links = page.locator("#site-menu a")
                assert links.first.is_visible(), where
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.closest('#site-menu') !== null")
                page.wait_for_timeout(300)  # the menu fades in
                page.screenshot(path=screenshots / f"preset-{preset}-menu-{layout}-{width}.png")
                page.keyboard.press("Escape")
                assert not links.first.is_visible(), where


RELATED_ROWS = """() => {
    const grid = document.querySelector('.related-products .product-grid--grid');
    if (!grid) return null;
    const rows = new Map();
    for (const card of grid.children) {
        if (card.offsetParent === null) continue;  // left out
        const key = Math.round(card.getBoundingClientRect().top);
        rows.set(key, (rows.get(key) || 0) + 1);
    }
    return [...rows.values()];
}"""


def test_related_products_end_on_a_full_row(demo, page):
    page.emulate_media(reduced_motion="reduce")
    for preset, slug in STORES.items():
        path, _first, _second = _variant_product(slug)
        page.goto(store_url(demo, slug, path))
        for width in GRID_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            rows = page.evaluate(RELATED_ROWS)
            where = f"{preset} related products at {width}px: rows of {rows}"
            assert rows, where
            assert len(set(rows)) == 1, where

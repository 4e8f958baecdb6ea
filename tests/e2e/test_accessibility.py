"""Every preset, checked for accessibility in Chromium as a shopper meets it.

For each demo store (one per preset), at 390 px and 1280 px: axe-core (the engine bundled
in axe-playwright-python, nothing fetched) finds no violation of WCAG 2.1 A and AA or of
its best practices (landmarks, heading order, labels, alt text, names of links and
buttons, colour contrast) on the home, a category, a product, a content page, the contact
page, the cart with an item in it and the 404 page. Keyboard focus is always visible; a
shopper using only the keyboard chooses a variant, adds it to the cart, changes its
quantity and removes it; motion stops for shoppers who ask for less of it.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.browser import store_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STORES = {"minimal": "fjord", "modern": "aurora", "classic": "heritage", "luxury": "maison"}
WIDTHS = (390, 1280)
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}

# The focus ring of the element that has the keyboard's focus: an outline or a shadow.
FOCUS_RING = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return {
        name: `${element.tagName.toLowerCase()} "${(element.textContent || element.name || "")
            .trim().slice(0, 30)}"`,
        visible: outline || shadow,
    };
}"""


def _violations(axe, page, where) -> list[str]:
    found = axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in found
    ]


def _pages(page, live_server, slug):
    """The addresses to check: home, the first category and its first product, content,
    contact and a missing page."""
    page.goto(store_url(live_server, slug))
    category = page.locator("#site-menu a").first.get_attribute("href")
    page.goto(store_url(live_server, slug, category))
    product = page.locator(".product-card a").first.get_attribute("href")
    return {
        "home": "/",
        "category": category,
        "product": product,
        "content": "/about/",
        "contact": "/contact/",
        "404": "/no-such-page/",
    }


def test_every_preset_passes_axe_at_phone_and_desktop_widths(demo, page):
    axe = Axe()
    page.emulate_media(reduced_motion="reduce")  # measured at rest, not mid-animation
    problems = []
    for preset, slug in STORES.items():
        page.context.clear_cookies()
        paths = _pages(page, demo, slug)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in paths.items():
                page.goto(store_url(demo, slug, path))
                problems += _violations(axe, page, f"{preset} {name} at {width}px")
        page.goto(store_url(demo, slug, paths["product"]))
        page.get_by_role("button", name="Add to cart").click()
        page.wait_for_url(re.compile(r"/cart/$"))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            problems += _violations(axe, page, f"{preset} cart at {width}px")
    assert not problems, "\n".join(problems)


def test_keyboard_focus_is_always_visible(demo, page):
    for preset, slug in STORES.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(store_url(demo, slug))
            seen = []
            for _ in range(12):
                page.keyboard.press("Tab")
                ring = page.evaluate(FOCUS_RING)
                if ring is None:
                    break
                seen.append(ring["name"])
                assert ring["visible"], f"{preset} at {width}px: no focus ring on {ring['name']}"
            assert len(seen) >= 3, f"{preset} at {width}px: the keyboard reaches only {seen}"
            assert seen[0].startswith('a "Skip to content'), f"{preset}: first stop {seen[0]}"


def _tab_to(page, locator, where, limit=60):
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("(element) => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{where}: the keyboard never reaches {locator}")


def test_a_keyboard_shopper_chooses_a_variant_and_uses_the_cart(demo, page):
    for preset, slug in STORES.items():
        page.context.clear_cookies()
        paths = _pages(page, demo, slug)
        page.goto(store_url(demo, slug, paths["product"]))
        where = f"{preset} product"
        options = page.locator("input[name=variant]:not([disabled])")
        if options.count() > 1:
            _tab_to(page, options.first, where)
            page.keyboard.press("ArrowDown")  # a radio group moves with the arrow keys
            chosen = page.evaluate("document.activeElement.value")
            assert page.locator(f"input[name=variant][value='{chosen}']").is_checked(), where
        _tab_to(page, page.get_by_role("button", name="Add to cart"), where)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/cart/$"))

        where = f"{preset} cart"
        quantity = page.locator("[data-testid=cart-line] input[name=quantity]").first
        _tab_to(page, quantity, where)
        page.keyboard.press("Control+A")
        page.keyboard.type("2")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        quantity = page.locator("[data-testid=cart-line] input[name=quantity]").first
        assert quantity.input_value() == "2", where

        _tab_to(page, page.get_by_role("button", name=re.compile(r"^Remove ")).first, where)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Your cart is empty" in page.content(), where


ANIMATIONS = "() => document.getAnimations().length"


def test_motion_stops_for_shoppers_who_ask_for_less(demo, page):
    page.emulate_media(reduced_motion="no-preference")
    page.goto(store_url(demo, "aurora"))
    assert page.evaluate(ANIMATIONS) > 0, "the Modern preset's cards and blocks rise in"

    page.emulate_media(reduced_motion="reduce")
    for preset, slug in STORES.items():
        page.goto(store_url(demo, slug))
        assert page.evaluate(ANIMATIONS) == 0, f"{preset}: animations run under reduced motion"
        page.locator("[data-menu-toggle]").first.evaluate("(button) => button.click()")
        assert page.evaluate(ANIMATIONS) == 0, f"{preset}: the menu animates under reduced motion"

"""Fjord's owner changes the theme in the editor, previews it, publishes it and reverts it.

Runs in headless Chromium against the live server with the demo stores. The owner changes
colours, the font pairing and the header layout, looks at the preview (on the home page
and a product page, at desktop and mobile sizes) while shoppers still see the published
theme, publishes and sees it on the storefront, then reverts to the earlier revision and
sees the old theme again. Screenshots: test-artifacts/screenshots/theme-editor-*.png.
"""

import re

import pytest
from django.urls import reverse

from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, sign_in, store_url
from themes.models import StoreTheme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PRIMARY = "#8b1e3f"
NEW_FONT = '--font-heading: "Playfair Display"'
CENTERED_HEADER = "site-header--centered"


def _fjord_theme() -> StoreTheme:
    fjord = Store.objects.get(slug="fjord")
    with store_scope([fjord.site_id]):
        return StoreTheme.objects.select_related("live_revision").get(site=fjord.site)


def _storefront_css(page, demo) -> str:
    """The storefront's home page as a shopper's tab shows it (brought to the front: a
    background tab's timers are throttled)."""
    page.bring_to_front()
    page.goto(store_url(demo, "fjord"))
    return page.locator("html").evaluate("() => document.documentElement.outerHTML")


def _publish(page):
    """The editor's footer: open the action menu's dropdown and choose Publish."""
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name=re.compile(r"^Publish")).click()
    page.wait_for_load_state()


def _choose_in_history(page, href):
    """Open each history entry's actions menu until one offers ``href``, and follow it."""
    toggles = page.locator("main table .w-dropdown__toggle")
    for index in range(toggles.count()):
        toggles.nth(index).click()
        link = page.locator(f"a[href='{href}']")
        if link.count() and link.first.is_visible():
            link.first.click()
            return
        page.keyboard.press("Escape")
    raise AssertionError(f"no history entry offers {href}")


def test_owner_previews_publishes_and_reverts_the_theme(page, demo, screenshots, csp_violations):
    admin = demo.url
    theme = _fjord_theme()
    first_revision = theme.live_revision
    shopper = page.context.new_page()
    before = _storefront_css(shopper, demo)
    assert f"--color-primary: {NEW_PRIMARY}" not in before
    assert CENTERED_HEADER not in before

    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.get_by_role("button", name="Settings").click()
    page.get_by_role("link", name="Theme").click()
    page.wait_for_url(f"**{reverse('wagtailsnippets_themes_storetheme:edit', args=[theme.pk])}")
    csp_violations.assert_none("theme editor")

    page.fill("#id_primary_color", NEW_PRIMARY)
    page.select_option("#id_font_pairing", "playfair-merriweather")
    page.fill("#id_text_color", "#9a9a9a")  # too light on Fjord's white: warned, not refused
    warning = page.locator("[data-theme-contrast]")
    warning.wait_for()
    assert "WCAG AA" in warning.inner_text()
    warning.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "theme-editor-contrast-warning.png")
    picker = page.locator("#id_primary_color-picker")
    assert picker.input_value() == NEW_PRIMARY
    page.fill("#id_text_color", "")  # back to the preset's colour: the warning goes
    assert warning.is_hidden()
    assert page.locator("#id_text_color").get_attribute("placeholder") == "#1f2937"
    page.select_option("#id_preset", "classic")  # the placeholder follows the preset
    assert page.locator("#id_text_color").get_attribute("placeholder") == "#2d2a26"
    page.select_option("#id_preset", "minimal")
    page.get_by_role("tab", name="Layout").click()
    page.select_option("#id_header_layout", "centered")
    page.get_by_role("tab", name="Style").click()
    capture(page, screenshots / "theme-editor-form.png")

    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    frame.locator("body").wait_for()
    page.wait_for_function(
        """(colour) => {
            const frame = document.querySelector('#w-preview-iframe');
            return frame && frame.contentDocument &&
                frame.contentDocument.documentElement.outerHTML.includes(colour);
        }""",
        arg=f"--color-primary: {NEW_PRIMARY}",
    )
    for size in ("desktop", "mobile"):  # Wagtail's preview sizes (tablet too)
        page.locator(f"input[name='preview-size'][value='{size}']").check(force=True)
        page.wait_for_timeout(500)
        page.screenshot(path=screenshots / f"theme-editor-preview-{size}.png")

    preview_url = reverse("wagtailsnippets_themes_storetheme:preview_on_edit", args=[theme.pk])
    preview = page.context.new_page()
    preview.bring_to_front()
    preview.goto(f"{admin}{preview_url}?mode=product")
    assert f"--color-primary: {NEW_PRIMARY}" in preview.content()
    assert NEW_FONT in preview.content()
    assert CENTERED_HEADER in preview.content()
    capture(preview, screenshots / "theme-editor-preview-product.png")
    preview.set_viewport_size({"width": 390, "height": 844})
    capture(preview, screenshots / "theme-editor-preview-product-390.png")
    csp_violations.assert_none("theme preview")

    # Shoppers still see the published theme.
    still = _storefront_css(shopper, demo)
    assert f"--color-primary: {NEW_PRIMARY}" not in still
    assert CENTERED_HEADER not in still

    page.bring_to_front()
    _publish(page)
    assert "updated and published" in page.locator(".messages").inner_text()
    published = _storefront_css(shopper, demo)
    assert f"--color-primary: {NEW_PRIMARY}" in published
    assert NEW_FONT in published
    assert CENTERED_HEADER in published
    assert _fjord_theme().header_layout == "centered"
    capture(shopper, screenshots / "theme-editor-storefront-published.png")

    page.bring_to_front()
    page.goto(f"{admin}{reverse('wagtailsnippets_themes_storetheme:history', args=[theme.pk])}")
    capture(page, screenshots / "theme-editor-history.png")
    revert = reverse(
        "wagtailsnippets_themes_storetheme:revisions_revert", args=[theme.pk, first_revision.pk]
    )
    _choose_in_history(page, revert)
    page.wait_for_url(f"**{revert}")
    assert "You are viewing a previous version" in page.content()
    _publish(page)
    reverted = _storefront_css(shopper, demo)
    assert f"--color-primary: {NEW_PRIMARY}" not in reverted
    assert NEW_FONT not in reverted
    assert CENTERED_HEADER not in reverted
    capture(shopper, screenshots / "theme-editor-storefront-reverted.png")
    csp_violations.assert_none("after reverting")

"""Page-tree theming and the contact page, in the browser, on the Fjord demo store.

Fjord's owner gives the Lighting section its own accent colour in the page editor's
"Theme" tab, previews it, and publishes it: the section and its products take the colour,
the rest of the store keeps its own. A shopper then writes through the contact page, and
the owner reads the message in the admin.
"""

import re
from urllib.parse import urlsplit

import pytest

from shop.models import CategoryPage, ContactPage, ContactSubmission, ProductPage
from tenants.models import Store
from tests.e2e.browser import capture, sign_in, store_url
from themes.overrides import PageThemeOverride

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEAL = "#0f766e"


def _path(store_page) -> str:
    return urlsplit(store_page.full_url).path


def _accent(page) -> str:
    return page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--color-accent').trim()"
    )


def test_owner_themes_a_section_previews_and_publishes_it(demo, page, screenshots, csp_violations):
    fjord = Store.objects.get(slug="fjord")
    home = fjord.site.root_page
    lighting = CategoryPage.objects.child_of(home).get(slug="lighting")
    lamp = ProductPage.objects.child_of(lighting).first()
    page.goto(store_url(demo, "fjord", "/"))
    store_accent = _accent(page)
    assert store_accent and store_accent != TEAL

    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.goto(f"{demo.url}/admin/pages/{lighting.pk}/edit/")
    page.get_by_role("tab", name="Theme").click()
    assert "Uses the store's theme" in page.locator("[data-theme-inheritance]").inner_text()
    page.get_by_role("button", name="Add override").click()
    page.fill("input[name='theme_overrides-0-accent_color']", TEAL)
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator(".site-main").wait_for()
    page.wait_for_load_state("networkidle")
    preview.locator("body").evaluate("() => null")  # the frame is ready
    frame = page.frame(name=None, url=re.compile(r"/preview/"))
    assert frame is not None and _accent(frame) == TEAL
    capture(page, screenshots / "page-theming-preview.png")
    csp_violations.assert_none("the page editor previewing an override")

    shopper = page.context.browser.new_page()
    shopper.goto(store_url(demo, "fjord", _path(lighting)))
    assert _accent(shopper) == store_accent  # not published yet

    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    assert PageThemeOverride.objects.get(page=lighting).accent_color == TEAL

    for path, expected in (
        (_path(lighting), TEAL),
        (_path(lamp), TEAL),
        ("/", store_accent),
        ("/about/", store_accent),
    ):
        shopper.goto(store_url(demo, "fjord", path))
        assert _accent(shopper) == expected, path
    shopper.goto(store_url(demo, "fjord", _path(lighting)))
    capture(shopper, screenshots / "page-theming-section.png")
    shopper.goto(store_url(demo, "fjord", "/summer-sale/terms/"))
    assert _accent(shopper) == "#ea580c"  # the demo's own sale section, inherited
    capture(shopper, screenshots / "page-theming-summer-sale-child.png")
    shopper.close()

    page.goto(f"{demo.url}/admin/pages/{lamp.pk}/edit/")
    page.get_by_role("tab", name="Theme").click()
    inheritance = page.locator("[data-theme-inheritance]")
    assert "Inherits from: Lighting" in inheritance.inner_text()
    csp_violations.assert_none("the product page's Theme tab")


def test_shopper_writes_through_the_contact_page_and_the_owner_reads_it(
    demo, page, screenshots, csp_violations
):
    fjord = Store.objects.get(slug="fjord")
    contact = ContactPage.objects.descendant_of(fjord.site.root_page).get()

    page.goto(store_url(demo, "fjord", _path(contact)))
    page.get_by_label("Your name").fill("Sam Shopper")
    page.get_by_label("Email").fill("sam@example.test")
    page.get_by_label("Message").fill("Is the oak lamp available in walnut?")
    capture(page, screenshots / "contact-page-filled.png")
    page.get_by_role("button", name="Send message").click()
    thanks = page.locator(".contact__thanks")
    thanks.wait_for()
    assert thanks.get_attribute("role") == "status"
    assert "Thank you" in thanks.inner_text()
    capture(page, screenshots / "contact-page-sent.png")
    csp_violations.assert_none("the contact page")
    assert ContactSubmission.objects.filter(page=contact).count() == 1

    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")
    page.goto(f"{demo.url}/admin/forms/")
    page.get_by_role("link", name=contact.title, exact=True).first.click()
    page.get_by_text("Is the oak lamp available in walnut?").wait_for()
    capture(page, screenshots / "contact-submissions-admin.png")
    csp_violations.assert_none("the contact page's submissions")

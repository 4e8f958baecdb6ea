"""The screens the menu walk does not reach, under the Content-Security-Policy.

The page editor with its live preview (a same-origin iframe of the storefront template),
the product editor (inline panels), the storefront's sort menu (its behaviour lives in
the storefront's script, not in an inline handler) and the platform's error pages.
"""

import re

import pytest

from shop.models import Product
from tenancy.scope import store_scope
from tenants.models import Store
from tests.e2e.browser import capture, sign_in, store_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_page_editor_and_its_live_preview_work_under_the_admin_policy(
    demo, page, screenshots, csp_violations
):
    fjord = Store.objects.get(slug="fjord")
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")

    page.goto(f"{demo.url}/admin/pages/{fjord.site.root_page_id}/edit/")
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator(".site-main").wait_for()
    page.wait_for_load_state("networkidle")
    capture(page, screenshots / "csp-page-editor-preview.png")

    assert fjord.name in preview.locator("body").inner_text()
    csp_violations.assert_none("the page editor with its live preview")

    page.locator("[data-side-panel-toggle=checks]").click()
    page.locator("[data-side-panel=checks]").wait_for()
    page.wait_for_load_state("networkidle")
    capture(page, screenshots / "csp-page-editor-checks.png")
    csp_violations.assert_none("the page editor's content checks")


def test_product_editor_works_under_the_admin_policy(demo, page, screenshots, csp_violations):
    fjord = Store.objects.get(slug="fjord")
    with store_scope([fjord.site_id]):
        product = Product.objects.for_site(fjord.site).order_by("pk").first()
    sign_in(page, demo, "merchant@fjord.example", "fjord-demo")

    page.goto(f"{demo.url}/admin/snippets/shop/product/edit/{product.pk}/")
    page.wait_for_load_state("networkidle")
    capture(page, screenshots / "csp-product-editor.png")

    assert page.locator("input[name=title]").input_value() == product.title
    csp_violations.assert_none("the product editor")


def test_storefront_sort_menu_applies_itself_under_the_storefront_policy(
    demo, page, screenshots, csp_violations
):
    page.goto(store_url(demo, "fjord"))
    page.locator(".site-nav a").first.click()
    page.wait_for_load_state()

    page.locator("select[name=sort]").select_option(index=1)
    page.wait_for_url(re.compile(r"\?sort="))
    capture(page, screenshots / "csp-storefront-sorted.png")
    csp_violations.assert_none("a category sorted with the sort menu")


@pytest.mark.parametrize(
    ("where", "host", "path"),
    [
        ("an unknown host", "nosuch", "/"),
        ("the admin on a store host", "fjord", "/admin/"),
        ("a missing page of a store", "fjord", "/no-such-page/"),
    ],
)
def test_platform_error_pages_render_under_the_site_policy(
    demo, page, csp_violations, where, host, path
):
    response = page.goto(store_url(demo, host, path))

    assert response.status == 404
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = dict(
        directive.split(maxsplit=1)
        for directive in response.headers["content-security-policy"].split("; ")
    )
    assert "'unsafe-inline'" not in policy["script-src"]
    csp_violations.assert_none(where)

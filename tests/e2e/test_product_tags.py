"""A store owner tags a product in Chromium, with suggestions from their own store's tags
only, then builds a product grid of a tag. Screens are saved to
test-artifacts/screenshots/product-tags-*.png."""

import pytest
from django.urls import reverse

from shop.models import StorePage
from shop.services import set_product_tags
from tenancy.scope import store_scope
from tests.e2e.browser import capture, sign_in, store_url
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory
from themes.presets import Preset

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def stores(live_server):
    alpha = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
    beta = StoreFactory(slug="beta", name="Beta Wares", preset=Preset.MINIMAL)
    lamps = CategoryPageFactory(parent=alpha.site.root_page, title="Lamps")
    lamp = stocked_product(site=alpha.site, title="Alpha Desk Lamp")
    ProductPageFactory(parent=lamps, product=lamp)
    throw = stocked_product(site=alpha.site, title="Alpha Wool Throw")
    ProductPageFactory(parent=lamps, product=throw)
    theirs = stocked_product(site=beta.site, title="Beta Lamp")
    with store_scope([alpha.site.pk]):
        set_product_tags(product=throw, names=["Winter warmers"])
    with store_scope([beta.site.pk]):
        set_product_tags(product=theirs, names=["Winter secret beta"])
    return alpha, lamp


def test_owner_tags_a_product_with_suggestions_and_shows_the_tag_in_a_grid(
    stores, page, live_server, screenshots, csp_violations
):
    alpha, lamp = stores
    sign_in(page, live_server, "owner@alpha.test", OWNER_PASSWORD)

    page.goto(live_server.url + reverse("wagtailsnippets_shop_product:edit", args=[lamp.pk]))
    # Wagtail's tag field: jQuery tag-it, with jQuery UI's autocomplete for suggestions.
    tags = page.locator("ul.tagit input[type=text]").first
    tags.click()
    page.keyboard.type("win")
    suggestion = page.locator(".ui-autocomplete .ui-menu-item").first
    suggestion.wait_for()
    offered = page.locator(".ui-autocomplete").inner_text()
    capture(page, screenshots / "product-tags-suggestions.png")
    assert "Winter warmers" in offered
    assert "secret" not in offered
    suggestion.click()
    tags.click()
    page.keyboard.type("gift ideas,")
    capture(page, screenshots / "product-tags-typed.png")
    csp_violations.assert_none("the product form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/admin/snippets/shop/product/")
    with store_scope([alpha.site.pk]):
        assert sorted(lamp.tags.values_list("name", flat=True)) == ["Winter warmers", "gift ideas"]

    home = alpha.site.root_page
    page.goto(
        live_server.url + reverse("wagtailadmin_pages:add", args=["shop", "storepage", home.pk])
    )
    page.fill("#id_title", "Warm things")
    page.locator("button[title='Insert a block']").last.click()
    page.get_by_role("option", name="Product grid", exact=True).click()
    page.select_option("select[name='body-0-value-source']", "tag")
    choices = page.locator("select[name='body-0-value-tag'] option").all_inner_texts()
    assert "Winter warmers" in choices and "gift ideas" in choices
    assert not any("secret" in choice for choice in choices)
    page.select_option("select[name='body-0-value-tag']", "winter-warmers")
    capture(page, screenshots / "product-tags-grid-editor.png")
    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**/admin/pages/{home.pk}/")

    with store_scope([alpha.site.pk]):
        assert StorePage.objects.get(slug="warm-things").live
    page.goto(store_url(live_server, "alpha", "/warm-things/"))
    grid = page.locator(".stream__block--product_grid")
    assert "Alpha Desk Lamp" in grid.inner_text() and "Alpha Wool Throw" in grid.inner_text()
    assert "Beta Lamp" not in grid.inner_text()
    capture(page, screenshots / "product-tags-grid-storefront.png")
    csp_violations.assert_none("the storefront grid")

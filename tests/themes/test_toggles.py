"""The theme's layout choices and feature toggles switch what shoppers get, in every preset."""

import html
import re

import pytest
from django.utils.html import strip_tags

from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from tests.themes.theme_values import set_theme
from themes.presets import Preset

pytestmark = pytest.mark.django_db

PRESETS = Preset.values


def _theme(store, **fields):
    set_theme(store.site, **fields)


def _text(response) -> str:
    """The page's words as a screen reader gets them: tags out, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(strip_tags(response.content.decode())))


@pytest.fixture
def shelf(store):
    """A category "Mugs" with a mug (two sizes, two of one left) and a sold-out jug."""
    category = CategoryPageFactory(
        parent=store.site.root_page.specific, title="Mugs", show_in_menus=True
    )
    mug = stocked_product(
        site=store.site,
        title="Tall mug",
        variants=[
            {"price": "30.00", "compare_at_price": "40.00", "options": {"Size": "S"}, "stock": 2},
            {"price": "35.00", "options": {"Size": "L"}, "stock": 9},
        ],
    )
    jug = stocked_product(site=store.site, title="Milk jug", variants=[{"stock": 0}])
    ProductPageFactory(parent=category, product=mug)
    ProductPageFactory(parent=category, product=jug)
    return category


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("layout", ["centered", "split", "minimal"])
def test_every_header_layout_has_a_menu_button_for_its_navigation(
    shopper_client, store, shelf, preset, layout
):
    _theme(store, preset=preset, header_layout=layout)

    content = shopper_client.get("/").content.decode()

    assert f"site-header--{layout}" in content
    assert re.search(r'<button[^>]*aria-expanded="false"[^>]*aria-controls="site-menu"', content)
    nav = re.search(
        r'<nav class="site-nav" id="site-menu" aria-label="Main">(.*?)</nav>', content, re.S
    )
    assert nav and 'href="/mugs/"' in nav.group(1)


@pytest.mark.parametrize("preset", PRESETS)
def test_detailed_footer_has_menus_contact_and_labelled_social_links(
    shopper_client, store, shelf, preset
):
    _theme(
        store,
        preset=preset,
        footer_style="detailed",
        contact_email="hello@alpha.example",
        contact_phone="+47 555 01 234",
        contact_address="Storgata 1\n0155 Oslo",
        instagram_url="https://www.instagram.com/alpha",
    )

    content = shopper_client.get("/").content.decode()

    assert "site-footer--detailed" in content
    assert 'href="mailto:hello@alpha.example"' in content
    assert 'href="tel:+4755501234"' in content
    assert "Storgata 1<br>0155 Oslo" in content
    assert 'aria-label="Alpha Goods on Instagram"' in content
    assert re.search(r'href="https://www.instagram.com/alpha"[^>]*>\s*<svg', content)


@pytest.mark.parametrize("preset", PRESETS)
def test_minimal_footer_is_one_line_without_contact_details(shopper_client, store, preset):
    _theme(store, preset=preset, footer_style="minimal", contact_phone="+47 555 01 234")

    content = shopper_client.get("/").content.decode()

    assert "site-footer--minimal" in content
    assert "+47 555 01 234" not in content


@pytest.mark.parametrize("footer_style", ["minimal", "detailed"])
def test_a_store_name_ending_in_a_full_stop_gets_no_second_one(shopper_client, store, footer_style):
    store.site.site_name = "Heritage & Co."
    store.site.save()
    _theme(store, footer_style=footer_style)

    for path in ["/", "/no-such-page/"]:
        text = _text(shopper_client.get(path))
        assert "Heritage & Co." in text
        assert "Co.." not in text and "Co. ." not in text


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("columns", [2, 3, 4])
@pytest.mark.parametrize("layout", ["grid", "list"])
def test_the_product_grid_has_the_themes_columns_and_layout(
    shopper_client, store, shelf, preset, columns, layout
):
    _theme(store, preset=preset, grid_columns=columns, grid_layout=layout)

    content = shopper_client.get("/mugs/").content.decode()

    assert f"product-grid--cols-{columns} product-grid--{layout}" in content


@pytest.mark.parametrize("preset", PRESETS)
def test_category_sidebar_toggle(shopper_client, store, shelf, preset):
    _theme(store, preset=preset, show_category_sidebar=True)
    assert 'class="shop-sidebar"' in shopper_client.get("/mugs/").content.decode()

    _theme(store, show_category_sidebar=False)
    assert 'class="shop-sidebar"' not in shopper_client.get("/mugs/").content.decode()


@pytest.mark.parametrize("preset", PRESETS)
def test_filters_toggle_shows_sorting_or_ignores_it(shopper_client, store, shelf, preset):
    _theme(store, preset=preset, show_filters=True)
    on = shopper_client.get("/mugs/?sort=name&available=1")
    assert 'name="sort"' in on.content.decode()
    assert [card.title for card in on.context["cards"]] == ["Tall mug"]

    _theme(store, show_filters=False)
    off = shopper_client.get("/mugs/?sort=name&available=1")
    assert 'name="sort"' not in off.content.decode()
    assert [card.title for card in off.context["cards"]] == ["Tall mug", "Milk jug"]


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("path", ["/mugs/", "/mugs/tall-mug/"])
def test_breadcrumbs_toggle(shopper_client, store, shelf, preset, path):
    _theme(store, preset=preset, show_breadcrumbs=True)
    assert 'aria-label="Breadcrumb"' in shopper_client.get(path).content.decode()

    _theme(store, show_breadcrumbs=False)
    assert 'aria-label="Breadcrumb"' not in shopper_client.get(path).content.decode()


@pytest.mark.parametrize("preset", PRESETS)
def test_stock_count_toggle_says_low_in_stock_or_sold_out(shopper_client, store, shelf, preset):
    _theme(store, preset=preset, show_stock_count=True)
    mug = shopper_client.get("/mugs/tall-mug/")
    assert re.search(r"stock-status--low.*Only 2 left", mug.content.decode(), re.S)
    large = mug.context["variants"][1]
    chosen = shopper_client.get(f"/mugs/tall-mug/?variant={large.pk}")
    assert re.search(r"stock-status--in.*In stock", chosen.content.decode(), re.S)
    jug = shopper_client.get("/mugs/milk-jug/").content.decode()
    assert re.search(r"stock-status--out.*Sold out", jug, re.S)

    _theme(store, show_stock_count=False)
    assert "data-stock-status" not in shopper_client.get("/mugs/tall-mug/").content.decode()
    assert "Sold out" in shopper_client.get("/mugs/milk-jug/").content.decode()


@pytest.mark.parametrize("preset", PRESETS)
def test_related_products_toggle(shopper_client, store, shelf, preset):
    _theme(store, preset=preset, show_related_products=True)
    response = shopper_client.get("/mugs/tall-mug/")
    assert [card.title for card in response.context["related_cards"]] == ["Milk jug"]
    assert "You may also like" in response.content.decode()

    _theme(store, show_related_products=False)
    response = shopper_client.get("/mugs/tall-mug/")
    assert response.context["related_cards"] == []
    assert "You may also like" not in response.content.decode()


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("enabled", [True, False])
def test_the_search_box_follows_its_toggle_and_reviews_and_wishlist_stay_hidden(
    shopper_client, store, shelf, preset, enabled
):
    _theme(store, preset=preset, show_search=enabled, show_reviews=enabled, show_wishlist=enabled)

    content = shopper_client.get("/mugs/tall-mug/").content.decode().lower()

    assert ('role="search"' in content) is enabled
    assert ('type="search"' in content) is enabled
    assert "review" not in content
    assert "wishlist" not in content


@pytest.mark.parametrize("preset", PRESETS)
def test_sale_prices_show_the_original_struck_through_on_cards_and_pages(
    shopper_client, store, shelf, preset
):
    _theme(store, preset=preset)

    card = shopper_client.get("/mugs/")
    page = shopper_client.get("/mugs/tall-mug/")

    assert "Was €40.00, now From €30.00" in _text(card)
    assert re.search(r"<s [^>]*>.*€40\.00.*</s>", card.content.decode(), re.S)
    assert "Was €40.00, now €30.00" in _text(page)

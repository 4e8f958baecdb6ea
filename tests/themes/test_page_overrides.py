"""Page-tree theming: a page's theme overrides apply to it and the pages under it, the
nearest page that sets a value wins, the chain is read in one query, and the editor
previews unsaved overrides and says where a page's theme comes from."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from shop.models import StorePage
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from themes.overrides import PageThemeOverride
from themes.presets import PRESET_DEFAULTS, HeaderLayout, HeroStyle

pytestmark = pytest.mark.django_db

SALE_ACCENT = "#ff5a1f"
SALE_PRIMARY = "#7a1f00"


def _home(store):
    return store.site.root_page.specific


def _override(page, **values):
    """Publish ``values`` as ``page``'s override, as the editor's "Theme" tab would."""
    page = page.specific
    page.theme_overrides = [PageThemeOverride(**values)]
    page.save_revision().publish()
    return page


def _content_page(parent, title):
    return parent.add_child(instance=StorePage(title=title, slug=title.lower().replace(" ", "-")))


def _theme(page, store):
    request = RequestFactory().get("/", HTTP_HOST=store.site.hostname)
    return page.specific.get_theme(request)


def _nested(parent, depth):
    """Content pages nested down to tree ``depth`` (the store's home page is depth 2)."""
    page = parent
    while page.depth < depth:
        page = _content_page(page, f"Level {page.depth + 1}")
    return page


@pytest.fixture
def sale(store):
    return CategoryPageFactory(parent=_home(store), title="Summer sale")


def test_a_section_override_applies_to_the_section_and_its_products(store, sale):
    product_page = ProductPageFactory(
        parent=sale, product=stocked_product(site=store.site, title="Beach towel")
    )
    _override(sale, accent_color=SALE_ACCENT)

    assert _theme(sale, store).accent_color == SALE_ACCENT
    assert _theme(product_page, store).accent_color == SALE_ACCENT
    assert f"--color-accent: {SALE_ACCENT}" in _theme(product_page, store).css_variables


def test_the_rest_of_the_store_keeps_the_stores_theme(store, sale):
    other = CategoryPageFactory(parent=_home(store), title="Lamps")
    _override(sale, accent_color=SALE_ACCENT)

    preset_accent = PRESET_DEFAULTS[store.site.theme.preset].accent_color
    assert _theme(other, store).accent_color == preset_accent
    assert _theme(_home(store), store).accent_color == preset_accent


def test_the_nearest_override_wins(store, sale):
    clearance = CategoryPageFactory(parent=sale, title="Last pieces")
    _override(_home(store), accent_color="#111111", hero_style=HeroStyle.SPLIT)
    _override(sale, accent_color=SALE_ACCENT)
    _override(clearance, accent_color="#00aa55")

    assert _theme(clearance, store).accent_color == "#00aa55"
    assert _theme(sale, store).accent_color == SALE_ACCENT
    assert _theme(_home(store), store).accent_color == "#111111"


def test_each_value_is_inherited_from_the_nearest_page_that_sets_it(store, sale):
    _override(_home(store), primary_color=SALE_PRIMARY, header_layout=HeaderLayout.MINIMAL)
    _override(sale, accent_color=SALE_ACCENT)
    deep = _nested(sale, 7)

    theme = _theme(deep, store)

    assert theme.primary_color == SALE_PRIMARY
    assert theme.header_layout == HeaderLayout.MINIMAL
    assert theme.accent_color == SALE_ACCENT


def test_another_stores_overrides_never_apply(store, other_store, sale):
    _override(_home(other_store), accent_color="#abcdef", primary_color="#fedcba")
    other_sale = CategoryPageFactory(parent=_home(other_store), title="Summer sale")
    _override(other_sale, accent_color="#123456")

    theme = _theme(sale, store)

    preset = PRESET_DEFAULTS[store.site.theme.preset]
    assert (theme.accent_color, theme.primary_color) == (
        preset.accent_color,
        preset.primary_color,
    )


@pytest.mark.parametrize("invalid", ["red", "#12345", "#12345g", "javascript:"])
def test_with_overrides_ignores_values_that_are_not_ours(store, invalid):
    theme = _theme(_home(store), store)

    overridden = theme.with_overrides({"accent_color": invalid, "hero_style": "<script>"})

    assert overridden.accent_color == theme.accent_color
    assert overridden.hero_style == theme.hero_style


def test_resolving_the_theme_costs_the_same_queries_at_depth_3_and_8(
    store, sale, django_assert_max_num_queries
):
    _override(_home(store), primary_color=SALE_PRIMARY)
    _override(sale, accent_color=SALE_ACCENT)
    shallow = _content_page(_home(store), "About")
    deep = _nested(sale, 8)
    counts = []
    for page in (shallow, deep):
        fresh = StorePage.objects.get(pk=page.pk)
        warm = StorePage.objects.get(pk=page.pk)
        # Wagtail caches the site root paths; the store's cache gets the theme and overrides.
        warm.get_theme(RequestFactory().get("/", HTTP_HOST=store.site.hostname))
        request = RequestFactory().get("/", HTTP_HOST=store.site.hostname)
        # The page's site (no middleware resolved this request's host); the store's theme
        # and the overrides of its whole tree come from the store's cache.
        with django_assert_max_num_queries(1) as captured:
            theme = fresh.get_theme(request)
            assert theme.css_variables
            fresh.get_theme(request)  # memoised for the request
        counts.append(len(captured.captured_queries))

    assert deep.depth == 8 and shallow.depth == 3
    assert counts[0] == counts[1]


# --- In the editor -------------------------------------------------------------------


def _edit_data(page, *, override=None, **fields):
    """The page editor's form for ``page``, with its "Theme" tab."""
    overrides = [override] if override else []
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "theme_overrides": inline_formset(overrides),
            **fields,
        }
    )


def _empty_override(**values):
    return (
        {"primary_color": "", "accent_color": "", "hero_style": "", "header_layout": ""}
        | {"footer_style": ""}
        | values
    )


def test_preview_shows_an_unsaved_override_and_the_storefront_does_not(
    merchant_client, shopper_client, store
):
    about = _content_page(_home(store), "About")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[about.pk])

    posted = merchant_client.post(
        preview_url, _edit_data(about, override=_empty_override(accent_color=SALE_ACCENT))
    )
    preview = merchant_client.get(preview_url)

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert f"--color-accent: {SALE_ACCENT}" in preview.content.decode()
    assert SALE_ACCENT not in shopper_client.get(about.url).content.decode()
    assert not PageThemeOverride.objects.filter(page=about).exists()


def test_preview_of_a_page_whose_override_is_being_removed_shows_it_removed(
    merchant_client, store, sale
):
    _override(sale, accent_color=SALE_ACCENT)
    saved = PageThemeOverride.objects.get(page=sale)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[sale.pk])
    removed = _empty_override(id=saved.pk, accent_color=SALE_ACCENT, DELETE="1")
    data = nested_form_data(
        {
            "title": sale.title,
            "slug": sale.slug,
            "intro": rich_text(""),
            "comments": inline_formset([]),
            "theme_overrides": inline_formset([removed], initial=1),
        }
    )

    merchant_client.post(preview_url, data)
    preview = merchant_client.get(preview_url)

    assert SALE_ACCENT not in preview.content.decode()


def test_publishing_an_override_from_the_editor_restyles_the_storefront(
    merchant_client, shopper_client, store
):
    about = _content_page(_home(store), "About")
    data = _edit_data(about, override=_empty_override(accent_color=SALE_ACCENT))

    response = merchant_client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]), {**data, "action-publish": "1"}
    )

    assert response.status_code == 302
    assert f"--color-accent: {SALE_ACCENT}" in shopper_client.get(about.url).content.decode()


def test_an_invalid_colour_is_refused_with_a_clear_message(merchant_client, store):
    about = _content_page(_home(store), "About")
    data = _edit_data(about, override=_empty_override(accent_color="orange"))

    response = merchant_client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]), {**data, "action-publish": "1"}
    )

    assert response.status_code == 200
    assert "Enter a colour as #RRGGBB" in response.content.decode()
    assert not PageThemeOverride.objects.filter(page=about).exists()


def test_a_post_without_the_theme_tab_keeps_the_saved_override(merchant_client, store):
    about = _override(_content_page(_home(store), "About"), accent_color=SALE_ACCENT)
    data = nested_form_data(
        {
            "title": "About us",
            "slug": about.slug,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )

    response = merchant_client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]), {**data, "action-publish": "1"}
    )

    assert response.status_code == 302
    assert PageThemeOverride.objects.get(page=about).accent_color == SALE_ACCENT


def test_the_editor_says_which_ancestor_a_page_inherits_from(merchant_client, store, sale):
    _override(sale, accent_color=SALE_ACCENT)
    child = CategoryPageFactory(parent=sale, title="Towels")

    inheriting = merchant_client.get(reverse("wagtailadmin_pages:edit", args=[child.pk]))
    own_store = merchant_client.get(reverse("wagtailadmin_pages:edit", args=[sale.pk]))

    text = inheriting.content.decode()
    assert "Inherits from:" in text
    assert reverse("wagtailadmin_pages:edit", args=[sale.pk]) in text
    assert "Summer sale" in text
    assert "Uses the store&#x27;s theme" in own_store.content.decode()


def test_preview_of_a_new_page_inherits_its_sections_colours(merchant_client, store, sale):
    _override(sale, accent_color=SALE_ACCENT)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["shop", "categorypage", sale.pk]
    )
    data = nested_form_data(
        {
            "title": "Beach towels",
            "slug": "beach-towels",
            "intro": rich_text(""),
            "comments": inline_formset([]),
            "theme_overrides": inline_formset([]),
        }
    )

    posted = merchant_client.post(preview_url, data)
    preview = merchant_client.get(preview_url)

    assert posted.json()["is_valid"]
    assert f"--color-accent: {SALE_ACCENT}" in preview.content.decode()

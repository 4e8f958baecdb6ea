import re

import pytest
from django.template.loader import select_template
from django.test import Client as HttpClient

from tenancy.scope import store_scope
from tests.tenants.factories import StoreFactory
from tests.themes.editor import theme_of
from themes.models import StoreTheme
from themes.presets import BUTTON_RADII, FONT_PAIRINGS, PRESET_DEFAULTS, FontPairing, Preset
from themes.services import publish_theme
from themes.theme import Theme

pytestmark = pytest.mark.django_db

THEME_FIELDS = [
    "primary_color",
    "secondary_color",
    "accent_color",
    "background_color",
    "text_color",
    "font_pairing",
    "button_style",
    "grid_columns",
    "header_layout",
    "footer_style",
    "hero_style",
]


@pytest.mark.parametrize("preset", Preset.values)
def test_theme_falls_back_to_the_preset_for_every_empty_field(preset):
    theme = Theme(StoreTheme(preset=preset))

    defaults = PRESET_DEFAULTS[preset]
    for name in THEME_FIELDS:
        assert getattr(theme, name) == getattr(defaults, name), name


def test_merchant_settings_win_over_the_preset():
    theme_settings = StoreTheme(
        preset=Preset.MODERN,
        primary_color="#123456",
        text_color="#abcdef",
        font_pairing=FontPairing.PLAYFAIR_MERRIWEATHER,
        header_layout="minimal",
        button_style="rounded",
        grid_columns=2,
    )

    theme = Theme(theme_settings)

    assert (theme.primary_color, theme.text_color) == ("#123456", "#abcdef")
    assert (theme.font_pairing, theme.button_style, theme.grid_columns) == (
        "playfair-merriweather",
        "rounded",
        2,
    )
    assert theme.header_layout == "minimal"
    assert theme.secondary_color == PRESET_DEFAULTS[Preset.MODERN].secondary_color
    assert "--color-primary: #123456" in theme.css_variables
    fonts = FONT_PAIRINGS[FontPairing.PLAYFAIR_MERRIWEATHER]
    assert f"--font-body: {fonts.body}" in theme.css_variables
    assert f"--font-heading: {fonts.heading}" in theme.css_variables
    assert f"--button-radius: {BUTTON_RADII['rounded']}" in theme.css_variables
    assert "--grid-columns: 2" in theme.css_variables


def test_unknown_preset_falls_back_to_minimal():
    theme = Theme(StoreTheme(preset="vapourwave"))

    assert theme.preset == Preset.MINIMAL
    assert theme.primary_color == PRESET_DEFAULTS[Preset.MINIMAL].primary_color


@pytest.mark.parametrize("preset", Preset.values)
def test_template_resolution_lists_the_preset_first_then_the_default(preset):
    theme = Theme(StoreTheme(preset=preset))

    assert theme.template_names("shop/product_page.html") == [
        f"themes/{preset}/shop/product_page.html",
        "themes/default/shop/product_page.html",
    ]
    assert theme.stylesheet == f"themes/css/{preset}.css"


@pytest.fixture
def probe_templates(settings, tmp_path):
    """Extra templates: a probe only the classic preset overrides, and a classic home page."""
    for relative, text in {
        "themes/classic/tests/probe.html": "classic probe",
        "themes/default/tests/probe.html": "default probe",
        "themes/classic/shop/home_page.html": "<p>classic home override</p>",
    }.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    engine = {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    settings.TEMPLATES = [engine]


def test_preset_template_is_used_when_it_exists_and_the_default_otherwise(probe_templates):
    classic = Theme(StoreTheme(preset=Preset.CLASSIC))
    modern = Theme(StoreTheme(preset=Preset.MODERN))

    assert select_template(classic.template_names("tests/probe.html")).render() == "classic probe"
    assert select_template(modern.template_names("tests/probe.html")).render() == "default probe"


def test_store_pages_render_their_presets_template(probe_templates, store, other_store):
    classic = HttpClient(HTTP_HOST=store.site.hostname).get("/")
    modern = HttpClient(HTTP_HOST=other_store.site.hostname).get("/")

    assert "classic home override" in classic.content.decode()
    assert "classic home override" not in modern.content.decode()


@pytest.mark.parametrize("preset", Preset.values)
def test_store_home_page_links_its_preset_stylesheet_and_body_class(preset):
    store = StoreFactory(slug=f"shop-{preset}", preset=preset)

    response = HttpClient(HTTP_HOST=store.site.hostname).get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert f'href="/static/themes/css/{preset}.css"' in content
    body = re.search(r"<body[^>]*>", content).group(0)
    assert re.search(rf'class="[^"]*\btheme--{preset}\b', body), body
    others = [other for other in Preset.values if other != preset]
    for other in others:
        assert f"/static/themes/css/{other}.css" not in content
        assert f"theme--{other}" not in body


def test_merchant_colour_override_reaches_the_storefront(shopper_client, store):
    theme = theme_of(store)
    theme.primary_color = "#0a0b0c"
    with store_scope([store.site.pk]):
        publish_theme(theme=theme)

    content = shopper_client.get("/").content.decode()

    assert "--color-primary: #0a0b0c" in content


def test_theme_is_read_once_per_request(store):
    request = type("Request", (), {})()

    first = Theme.for_site(store.site, request=request)

    assert Theme.for_site(store.site, request=request) is first

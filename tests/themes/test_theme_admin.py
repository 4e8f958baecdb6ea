"""The theme editor in the admin: the owner's "Theme" opens their store's theme, nobody
adds, deletes or unpublishes one, another store's theme is never reachable, and bad input
is refused field by field with nothing saved."""

import pytest
from django.urls import reverse

from tests.helpers import XHR
from tests.themes.editor import NAMESPACE, post_theme, theme_of, theme_url
from themes.models import CUSTOM_CODE_LIMIT

pytestmark = pytest.mark.django_db

LIST = reverse(f"{NAMESPACE}:list")


def test_the_owners_theme_menu_opens_their_stores_theme(merchant_client, store, other_store):
    menu = merchant_client.get(reverse("wagtailadmin_home")).content.decode()
    response = merchant_client.get(LIST)

    assert LIST in menu
    assert response.status_code == 302
    assert response["Location"] == theme_url("edit", theme_of(store))
    editor = merchant_client.get(response["Location"]).content.decode()
    assert "Alpha Goods theme" in editor
    assert "Beta Wares" not in editor


def test_the_editor_has_colour_pickers_showing_the_presets_colours(merchant_client, store):
    editor = merchant_client.get(theme_url("edit", theme_of(store))).content.decode()

    # Alpha is a Classic store: an empty primary colour shows Classic's.
    assert 'data-theme-colour="primary_color"' in editor
    assert 'type="color"' in editor
    assert 'placeholder="#1e3a5f"' in editor
    assert 'value="#1e3a5f" aria-label="Pick the primary colour"' in editor
    assert "Using the preset's colour, #1e3a5f." in editor
    assert "&quot;modern&quot;: &quot;#7c3aed&quot;" in editor  # every preset's, for the script
    assert "themes/js/theme-editor.js" in editor


def test_a_version_is_scheduled_by_its_go_live_date_only(merchant_client, store):
    editor = merchant_client.get(theme_url("edit", theme_of(store))).content.decode()

    assert "Choose when this version of the theme goes live on your storefront" in editor
    assert 'name="go_live_at"' in editor
    assert 'name="expire_at"' not in editor  # a store always shows a published theme


def test_nobody_adds_copies_or_deletes_a_theme(merchant_client, operator_client, store):
    theme = theme_of(store)
    for client in (merchant_client, operator_client):
        assert client.get(reverse(f"{NAMESPACE}:add"), **XHR).status_code == 403
        assert client.post(theme_url("delete", theme), **XHR).status_code == 403
    assert theme_of(store).pk == theme.pk
    editor = operator_client.get(theme_url("edit", theme)).content.decode()
    assert theme_url("delete", theme) not in editor
    assert theme_url("unpublish", theme) not in editor


def test_a_theme_is_never_unpublished(merchant_client, store):
    theme = theme_of(store)

    response = merchant_client.post(theme_url("unpublish", theme), **XHR)

    assert response.status_code == 403
    assert theme_of(store).live


def test_another_stores_theme_is_not_found_at_any_of_its_addresses(merchant_client, other_store):
    theirs = theme_of(other_store)
    revision = theirs.latest_revision

    for view, args in (
        ("edit", []),
        ("history", []),
        ("preview_on_edit", []),
        ("revisions_view", [revision.pk]),
        ("revisions_revert", [revision.pk]),
        ("lock", []),
    ):
        response = merchant_client.get(theme_url(view, theirs, *args), **XHR)
        assert response.status_code == 404, view
        assert "Beta Wares" not in response.content.decode(), view


def test_the_operator_lists_every_stores_theme(operator_client, store, other_store):
    listing = operator_client.get(LIST).content.decode()

    assert "Alpha Goods theme" in listing
    assert "Beta Wares theme" in listing
    assert reverse(f"{NAMESPACE}:add") not in listing


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("primary_color", "blue", "Enter a colour as #RRGGBB, such as #1e3a5f."),
        ("ga4_measurement_id", "UA-1234-1", "Enter a GA4 measurement ID such as G-AB12CD34EF"),
        ("meta_pixel_id", "12ab", "Enter a Meta Pixel ID: 10 to 20 digits."),
        ("instagram_url", "https://evil.example/me", "Enter an https:// address on instagram.com"),
        ("custom_css", "body{}</style><script>", "Custom CSS cannot contain &lt;/style&gt;"),
        ("custom_head_code", "x" * (CUSTOM_CODE_LIMIT + 1), "at most 20000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    merchant_client, store, field, value, message
):
    theme = theme_of(store)
    revisions = theme.revisions.count()

    response = post_theme(merchant_client, theme, publish=True, **{field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert theme_of(store).revisions.count() == revisions
    assert getattr(theme_of(store), field) != value


def test_low_contrast_is_saved_with_a_warning(merchant_client, store):
    response = post_theme(
        merchant_client,
        theme_of(store),
        publish=True,
        text_color="#777777",
        background_color="#888888",
    )

    page = merchant_client.get(response["Location"], follow=True).content.decode()
    assert "updated and published" in page
    assert "Text colour #777777 on background colour #888888 has a contrast of only 1.2:1" in page
    assert theme_of(store).text_color == "#777777"


def test_good_contrast_saves_without_a_warning(merchant_client, store):
    response = post_theme(merchant_client, theme_of(store), publish=True, text_color="#111111")

    page = merchant_client.get(response["Location"], follow=True).content.decode()
    assert "updated and published" in page
    assert "has a contrast of only" not in page

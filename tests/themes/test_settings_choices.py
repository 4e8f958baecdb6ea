"""Rows chosen into a store's site settings must be that store's, whatever the request sends.

The tests post the real admin edit view of the theme's settings, as the store's owner,
with the id of another store's image (an id the chooser would never offer), and expect an
error that names the id, settings left as they were, and none of the other store's titles
in the answer. The same post with the store's own image saves.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tests.tenancy.chosen_rows import answer, assert_refused, my_rows, their_rows
from themes.models import ThemeSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(store):
    return my_rows(store)


@pytest.fixture
def theirs(other_store):
    return their_rows(other_store)


def _theme_edit(client, store, **changes):
    url = reverse("wagtailsettings:edit", args=["themes", "themesettings", store.site.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    data.update(changes)
    return client.post(url, data)


def test_theme_logo_of_another_store_is_refused(merchant_client, store, theirs):
    response = _theme_edit(merchant_client, store, logo=str(theirs.image.pk), tagline="Changed")

    assert_refused(response, f"Logo: image {theirs.image.pk} is not one of this store's", theirs)
    settings = ThemeSettings.for_site(store.site)
    assert settings.logo is None
    assert settings.tagline != "Changed"


def test_theme_logo_of_the_store_saves(merchant_client, store, mine):
    response = _theme_edit(merchant_client, store, logo=str(mine.image.pk))

    assert response.status_code == 302, answer(response)
    assert ThemeSettings.for_site(store.site).logo == mine.image

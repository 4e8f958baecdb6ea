"""Images chosen in a store's theme must be that store's, whatever the request sends.

The tests post the real theme editor, as the store's owner, with the id of another
store's image (an id the chooser would never offer), and expect an error that names the
id, the theme left as it was (neither published nor saved as a draft), and none of the
other store's titles in the answer. The same post with the store's own image publishes.
"""

import pytest

from tests.tenancy.chosen_rows import answer, assert_refused, my_rows, their_rows
from tests.themes.editor import post_theme, theme_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(store):
    return my_rows(store)


@pytest.fixture
def theirs(other_store):
    return their_rows(other_store)


def test_theme_logo_of_another_store_is_refused(merchant_client, store, theirs):
    theme = theme_of(store)
    revisions = theme.revisions.count()

    response = post_theme(
        merchant_client, theme, publish=True, logo=str(theirs.image.pk), tagline="Changed"
    )

    assert_refused(response, f"Logo: image {theirs.image.pk} is not one of this store's", theirs)
    theme = theme_of(store)
    assert theme.logo is None
    assert theme.tagline != "Changed"
    assert theme.revisions.count() == revisions


def test_theme_logo_of_the_store_publishes(merchant_client, store, mine):
    response = post_theme(merchant_client, theme_of(store), publish=True, logo=str(mine.image.pk))

    assert response.status_code == 302, answer(response)
    assert theme_of(store).logo == mine.image

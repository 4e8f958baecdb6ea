"""A picture the theme shows on every page (logo, favicon, share image) is part of every
page of the store: a change to it, or its deletion, invalidates them all (ADR 30)."""

import pytest

from tenancy.scope import store_scope
from tests.pagecache.conftest import ALL, Catalog, assert_only_stale, warm
from tests.shop.factories import ImageFactory
from tests.themes.editor import theme_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def logo(store, catalog, anonymous, other_anonymous):
    """The store's published logo, and every page of the store in the cache."""
    image = ImageFactory(collection=store.collection, title="Logo")
    theme = theme_of(store)
    with store_scope([store.site.pk]):
        theme.logo = image
        theme.save_revision().publish()
    warm(anonymous, *Catalog.PATHS)
    warm(other_anonymous, "/")
    return image


def test_editing_the_logo_invalidates_every_page_of_the_store(
    logo, change, anonymous, other_anonymous
):
    def refocus():
        logo.set_focal_point(None)
        logo.title = "Logo, winter"
        logo.save()

    change(refocus)

    assert_only_stale(anonymous, other_anonymous, ALL)


def test_deleting_the_logo_invalidates_every_page_of_the_store(
    logo, change, anonymous, other_anonymous
):
    change(logo.delete)

    assert_only_stale(anonymous, other_anonymous, ALL)

"""The store scope in the shop: a storefront selector that forgets its site filter still
cannot reach another store's rows, and the forms Wagtail builds outside any request read
the scope of each use (docs/adr/0004-store-scope-for-admin-lookups.md).

The scope itself is tested in tests/tenancy/test_scope.py.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.snippets.widgets import AdminSnippetChooser

from shop import selectors
from shop.blocks import COMMERCE_BLOCKS
from shop.models import Product, ProductPage
from tenancy.scope import no_store_scope, store_scope
from tests.shop.factories import CategoryPageFactory, ProductPageFactory
from tests.tenancy.rows import one_row_of_every_store_owned_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(store, other_store):
    """One row of every store-owned model in ``store``, and a product in ``other_store``."""
    return one_row_of_every_store_owned_model(store, other_store)


# --- Storefront requests ----------------------------------------------------------------


def _product_page_pointing_at(product, *, store):
    category = CategoryPageFactory(parent=store.site.root_page, title="Lamps")
    return ProductPageFactory(parent=category, product=product, slug="the-lamp")


def _forgetful_product_with_variants(*, site, product_id):
    """A selector that forgot its ``for_site`` filter."""
    return Product.objects.filter(pk=product_id).prefetch_related("variants", "images").first()


def test_a_selector_that_forgets_its_site_filter_still_cannot_reach_another_store(
    shopper_client, store, filled, monkeypatch
):
    _, theirs = filled
    # A page pointing at another store's product can only be made behind the admin's back.
    _product_page_pointing_at(theirs, store=store)
    monkeypatch.setattr(selectors, "product_with_variants", _forgetful_product_with_variants)

    response = shopper_client.get("/lamps/the-lamp/")

    assert response.status_code == 404
    assert "Beta lamp" not in response.content.decode()


def test_the_forgetful_selector_serves_the_stores_own_product(
    shopper_client, store, filled, monkeypatch
):
    mine, _ = filled
    _product_page_pointing_at(mine, store=store)
    monkeypatch.setattr(selectors, "product_with_variants", _forgetful_product_with_variants)

    response = shopper_client.get("/lamps/the-lamp/")

    assert response.status_code == 200
    assert "Alpha lamp" in response.content.decode()


# --- Forms that Wagtail builds outside any request ---------------------------------------


def test_product_page_form_class_is_built_with_no_scope():
    """System checks build every page form; under runserver's reloader they have no scope."""
    with no_store_scope():
        form_class = ProductPage.get_edit_handler().get_form_class()

    assert isinstance(form_class.base_fields["product"].widget, AdminSnippetChooser)


def test_product_grid_chooser_reads_the_scope_of_each_use(filled, store, other_store):
    mine, theirs = filled
    reverse("wagtailadmin_home")  # loads the admin URLs, which register the snippet choosers
    field = COMMERCE_BLOCKS[0][1].child_blocks["products"].child_block.field

    with store_scope([store.site.pk]):
        assert field.clean(mine.pk) == mine
        with pytest.raises(ValidationError):
            field.clean(theirs.pk)
    with store_scope([other_store.site.pk]):
        assert field.clean(theirs.pk) == theirs
        with pytest.raises(ValidationError):
            field.clean(mine.pk)

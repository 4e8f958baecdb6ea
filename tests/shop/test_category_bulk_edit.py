"""Moving many products to another category at once: their pages move there (or are made
there), all or nothing, with one entry in the store's activity."""

import pytest
from django.urls import reverse

from shop.exceptions import BulkEditRefused
from shop.pages import CategoryPage, ProductPage
from shop.services import bulk
from shop.services.product_pages import page_category, product_page, sync_product_page
from tenancy.scope import store_scope
from tests.shop.factories import stocked_product

pytestmark = pytest.mark.django_db


def _category(store, title, slug):
    category = CategoryPage(title=title, slug=slug)
    store.site.root_page.add_child(instance=category)
    return category


@pytest.fixture
def shelves(store):
    """Two categories of the store, and two products on the first (one with no page)."""
    with store_scope([store.site.pk]):
        lamps = _category(store, "Lamps", "lamps")
        sale = _category(store, "Sale", "sale")
        lamp = stocked_product(site=store.site, title="Desk lamp", handle="desk-lamp")
        sync_product_page(product=lamp, category=lamps)
        vase = stocked_product(site=store.site, title="Vase", handle="vase")
    return lamps, sale, lamp, vase


def _where(product):
    with store_scope([product.site_id]):
        page = product_page(product)
        category = page_category(page)
        return (category.title if category else None, page.live if page else None)


def test_products_move_to_the_chosen_category_and_one_without_a_page_gets_one(
    store, shelves, in_store_scope
):
    _, sale, lamp, vase = shelves

    edit = bulk.bulk_set_category(products=[lamp, vase], category=sale)

    assert edit.summary == "Moved 2 products to Sale"
    assert _where(lamp) == ("Sale", True)
    assert _where(vase) == ("Sale", True)
    assert ProductPage.objects.filter(product=lamp).count() == 1


def test_a_product_already_there_is_counted_apart(store, shelves, in_store_scope):
    lamps, _, lamp, vase = shelves

    edit = bulk.bulk_set_category(products=[lamp, vase], category=lamps)

    assert edit.summary == "Moved 1 product to Lamps (1 already were there)"


def test_an_address_already_taken_in_the_category_moves_nothing(store, shelves, in_store_scope):
    _, sale, lamp, vase = shelves
    sale.add_child(instance=CategoryPage(title="Vases", slug="vase"))

    with pytest.raises(BulkEditRefused, match="Sale already has a page at “vase”"):
        bulk.bulk_set_category(products=[lamp, vase], category=sale)

    assert _where(lamp) == ("Lamps", True)
    assert product_page(vase) is None


def test_another_stores_category_is_refused(store, other_store, shelves, in_store_scope):
    lamp = shelves[2]
    with store_scope([other_store.site.pk]):
        theirs = _category(other_store, "Their shelf", "their-shelf")

    with pytest.raises(BulkEditRefused, match="Choose a category of this store"):
        bulk.bulk_set_category(products=[lamp], category=theirs)

    assert _where(lamp) == ("Lamps", True)


def test_the_merchant_moves_products_from_the_listing(store, shelves, merchant_client):
    _, sale, lamp, vase = shelves
    ids = f"id={lamp.pk}&id={vase.pk}"
    url = reverse("wagtail_bulk_action", args=("shop", "product", "change_category"))
    url = f"{url}?{ids}&next=/admin/snippets/shop/product/"

    form = merchant_client.get(url).content.decode()
    done = merchant_client.post(url, {"category": sale.pk}, follow=True).content.decode()

    assert "Lamps" in form and "Sale" in form
    assert "Moved 2 products to Sale." in done
    assert _where(lamp) == ("Sale", True)


def test_a_forged_category_id_of_another_store_is_not_offered_nor_used(
    store, other_store, shelves, merchant_client
):
    lamp = shelves[2]
    with store_scope([other_store.site.pk]):
        theirs = _category(other_store, "Their shelf", "their-shelf")
    url = reverse("wagtail_bulk_action", args=("shop", "product", "change_category"))
    url = f"{url}?id={lamp.pk}&next=/admin/snippets/shop/product/"

    form = merchant_client.get(url).content.decode()
    merchant_client.post(url, {"category": theirs.pk})

    assert "Their shelf" not in form
    assert _where(lamp) == ("Lamps", True)

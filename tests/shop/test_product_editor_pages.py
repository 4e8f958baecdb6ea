"""A product's page follows the product (``shop.services.product_pages``): made under the
chosen category, live while the product is active, moved with its category, its address
following the handle (the old address redirects); product pages made by hand keep working."""

import pytest
from django.test import Client as HttpClient

from shop.models import Product, ProductPage
from shop.services import archive_product, sync_product_page
from shop.services.bulk import bulk_set_status
from tenancy.scope import store_scope
from tests.pagecache.conftest import warm
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(store):
    root = store.site.root_page.specific
    return CategoryPageFactory(parent=root, title="Mugs"), CategoryPageFactory(
        parent=root, title="Gifts"
    )


def _sync(product, category):
    with store_scope([product.site_id]):
        return sync_product_page(product=product, category=category)


def _set(product, **fields):
    with store_scope([product.site_id]):
        Product.objects.filter(pk=product.pk).update(**fields)
        product.refresh_from_db()


def test_an_active_product_gets_a_live_page_under_its_category(store, categories):
    mugs, _ = categories
    mug = stocked_product(site=store.site, title="Blue Mug", handle="blue-mug")

    page = _sync(mug, mugs)

    page.refresh_from_db()
    assert (page.live, page.title, page.url_path.endswith("/mugs/blue-mug/")) == (
        True,
        "Blue Mug",
        True,
    )
    assert page.get_parent().pk == mugs.pk


def test_a_draft_gets_an_unpublished_page_published_when_it_turns_active(store, categories):
    mugs, _ = categories
    mug = stocked_product(site=store.site, title="Mug", status=Product.Status.DRAFT)

    page = _sync(mug, mugs)
    assert not ProductPage.objects.get(pk=page.pk).live

    _set(mug, status=Product.Status.ACTIVE)
    _sync(mug, mugs)
    assert ProductPage.objects.get(pk=page.pk).live


def test_archiving_unpublishes_the_page(store, categories):
    mugs, _ = categories
    mug = stocked_product(site=store.site, title="Mug")
    page = _sync(mug, mugs)

    with store_scope([store.site.pk]):
        archive_product(product=mug)

    assert not ProductPage.objects.get(pk=page.pk).live


def test_a_draft_again_unpublishes_the_page(store, categories):
    mugs, _ = categories
    mug = stocked_product(site=store.site, title="Mug")
    page = _sync(mug, mugs)

    _set(mug, status=Product.Status.DRAFT)
    _sync(mug, mugs)

    assert not ProductPage.objects.get(pk=page.pk).live


def test_another_category_moves_the_page_and_a_new_handle_changes_its_address(
    store, categories, shopper_client
):
    mugs, gifts = categories
    mug = stocked_product(site=store.site, title="Mug", handle="mug")
    page = _sync(mug, mugs)

    _set(mug, handle="big-mug", title="Big Mug")
    _sync(mug, gifts)

    page = ProductPage.objects.get(pk=page.pk)
    assert page.get_parent().pk == gifts.pk
    assert (page.slug, page.title, page.live) == ("big-mug", "Big Mug", True)
    assert shopper_client.get("/gifts/big-mug/").status_code == 200
    old = shopper_client.get("/mugs/mug/")  # Wagtail keeps a redirect from the old address
    assert (old.status_code, old.url.endswith("/gifts/big-mug/")) == (301, True)


def test_no_category_makes_no_page_and_keeps_an_existing_one_where_it_is(store, categories):
    mugs, _ = categories
    loose = stocked_product(site=store.site, title="Loose")
    placed = stocked_product(site=store.site, title="Placed")
    page = _sync(placed, mugs)

    assert _sync(loose, None) is None
    assert _sync(placed, None).pk == page.pk
    assert ProductPage.objects.get(pk=page.pk).get_parent().pk == mugs.pk


def test_a_page_made_by_hand_is_the_one_that_follows(store, categories, shopper_client):
    mugs, gifts = categories
    mug = stocked_product(site=store.site, title="Mug", handle="mug")
    by_hand = ProductPageFactory(parent=mugs, product=mug, title="Our mug", slug="our-mug")

    page = _sync(mug, gifts)

    assert page.pk == by_hand.pk
    assert ProductPage.objects.filter(product=mug).count() == 1
    assert shopper_client.get("/gifts/mug/").status_code == 200


# --- The page cache --------------------------------------------------------------------------


@pytest.fixture
def anonymous(store):
    return HttpClient(HTTP_HOST=store.site.hostname)


def _change(capture, store, make_change):
    with capture(execute=True), store_scope([store.site.pk]):
        make_change()


def test_cached_categories_show_a_product_made_moved_and_archived(
    store, categories, anonymous, django_capture_on_commit_callbacks
):
    mugs, gifts = categories
    mug = stocked_product(site=store.site, title="Blue Mug", handle="blue-mug")
    warm(anonymous, "/mugs/", "/gifts/")

    _change(
        django_capture_on_commit_callbacks,
        store,
        lambda: sync_product_page(product=mug, category=mugs),
    )
    assert "Blue Mug" in anonymous.get("/mugs/").content.decode()

    warm(anonymous, "/mugs/", "/gifts/")
    _change(
        django_capture_on_commit_callbacks,
        store,
        lambda: sync_product_page(product=mug, category=gifts),
    )
    assert "Blue Mug" not in anonymous.get("/mugs/").content.decode()
    assert "Blue Mug" in anonymous.get("/gifts/").content.decode()

    warm(anonymous, "/gifts/", "/gifts/blue-mug/")
    _change(django_capture_on_commit_callbacks, store, lambda: archive_product(product=mug))
    assert "Blue Mug" not in anonymous.get("/gifts/").content.decode()
    assert anonymous.get("/gifts/blue-mug/").status_code == 404


def test_a_bulk_status_change_publishes_and_unpublishes_the_pages(store, categories):
    mugs, _ = categories
    mug = stocked_product(site=store.site, title="Mug", status=Product.Status.DRAFT)
    page = _sync(mug, mugs)

    with store_scope([store.site.pk]):
        bulk_set_status(products=[mug], status=Product.Status.ACTIVE)
    assert ProductPage.objects.get(pk=page.pk).live

    with store_scope([store.site.pk]):
        bulk_set_status(products=[Product.objects.get(pk=mug.pk)], status=Product.Status.DRAFT)
    assert not ProductPage.objects.get(pk=page.pk).live

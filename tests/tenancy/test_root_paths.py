"""A store's pages find their addresses among that store's own root paths
(``tenancy.root_paths``): the cost of a page does not grow with the number of stores, and
links follow a change of the store's home page."""

import pytest
from wagtail.models import Site

from tenancy.root_paths import site_id_of_page, store_root_paths_for
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from tests.tenants.factories import StoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_rendered(settings):
    """Every request renders its page: none is answered from the page cache."""
    settings.PAGECACHE_ENABLED = False


PATHS = ("/", "/mugs/", "/mugs/mug/")


@pytest.fixture
def category(store):
    home = store.site.root_page.specific
    category = CategoryPageFactory(parent=home, title="Mugs", slug="mugs", show_in_menus=True)
    ProductPageFactory(parent=category, product=stocked_product(site=store.site), slug="mug")
    return category


@pytest.fixture
def root_path_reads(monkeypatch):
    """How often every site's root paths are read (Wagtail's whole list)."""
    reads = []
    whole_list = Site.get_site_root_paths

    def counted():
        reads.append(1)
        return whole_list()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    return reads


def test_a_store_page_never_reads_the_root_paths_of_every_store(
    shopper_client, category, root_path_reads
):
    for n in range(5):
        StoreFactory(slug=f"other-{n}", name=f"Other {n}")
    for path in PATHS:
        assert shopper_client.get(path).status_code == 200  # fills the store's cache

    root_path_reads.clear()
    pages = {path: shopper_client.get(path).content.decode() for path in PATHS}

    assert root_path_reads == []
    assert 'href="/mugs/"' in pages["/"]
    assert 'href="/mugs/mug/"' in pages["/mugs/"]


def test_links_follow_a_new_slug_of_the_stores_home(store, shopper_client, category):
    assert 'href="/mugs/"' in shopper_client.get("/").content.decode()

    home = store.site.root_page.specific
    home.slug = "alpha-renamed"
    home.save_revision().publish()

    response = shopper_client.get("/")
    assert response.status_code == 200
    assert 'href="/mugs/"' in response.content.decode()
    assert shopper_client.get("/mugs/mug/").status_code == 200


def test_the_store_of_a_page_is_its_own_while_another_store_is_served(
    rf, store, other_store, category
):
    other_home = other_store.site.root_page
    with store_root_paths_for(rf.get("/"), store.site.pk):
        assert site_id_of_page(category) == store.site.pk
        assert site_id_of_page(other_home) == other_store.site.pk
    assert site_id_of_page(category) == store.site.pk

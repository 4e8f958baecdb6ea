"""A small store to cache: a home page, a category with a product, a content page shown in
no menu, and the other store's home page."""

from dataclasses import dataclass

import pytest
from django.test import Client as HttpClient

from shop.models import CategoryPage, Product, ProductPage, StorePage
from tenancy.scope import store_scope
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product

HIT = "hit"


@dataclass
class Catalog:
    product: Product
    category: CategoryPage
    product_page: ProductPage
    about: StorePage

    HOME = "/"
    CATEGORY = "/shirts/"
    PRODUCT = "/shirts/linen-shirt/"
    ABOUT = "/about-us/"
    PATHS = (HOME, CATEGORY, PRODUCT, ABOUT)


@pytest.fixture
def catalog(store):
    home = store.site.root_page
    product = stocked_product(
        site=store.site,
        title="Linen shirt",
        description="<p>Woven in Flanders.</p>",
        variants=[{"price": "30.00", "stock": 20}],
    )
    category = CategoryPageFactory(parent=home, title="Shirts", show_in_menus=True)
    product_page = ProductPageFactory(parent=category, product=product)
    about = StorePage(title="About us", slug="about-us", show_in_menus=False)
    home.add_child(instance=about)
    return Catalog(product=product, category=category, product_page=product_page, about=about)


@pytest.fixture
def anonymous(store):
    """A newcomer's browser on ``store``'s host: no cookie at all."""
    return HttpClient(HTTP_HOST=store.site.hostname)


@pytest.fixture
def other_anonymous(other_store):
    return HttpClient(HTTP_HOST=other_store.site.hostname)


def is_cached(client, path) -> bool:
    """Whether the page cache answered this request (without rendering the page)."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get("X-Page-Cache") == HIT


def warm(client, *paths) -> None:
    """Render and store each page, and check the next visit is answered from the cache."""
    for path in paths:
        client.get(path)
        assert is_cached(client, path), f"{path} was not cached"


@pytest.fixture
def change(django_capture_on_commit_callbacks, store):
    """Make a change in the store's scope, as the admin would, and commit it."""

    def run(make_change):
        with django_capture_on_commit_callbacks(execute=True), store_scope([store.site.pk]):
            make_change()

    return run


def cached_pages(client, paths=Catalog.PATHS) -> set[str]:
    return {path for path in paths if is_cached(client, path)}


def assert_only_stale(anonymous, other_anonymous, stale: set[str]) -> None:
    assert cached_pages(anonymous) == set(Catalog.PATHS) - stale
    assert is_cached(other_anonymous, "/"), "another store's page was invalidated"


ALL = set(Catalog.PATHS)

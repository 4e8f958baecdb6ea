import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, streamfield

from shop.models import CategoryPage, Product, ProductPage, StoreHomePage, StoreSettings
from tenancy.scope import store_scope
from tests.helpers import use_fresh_cache
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductImageFactory,
    ProductPageFactory,
    stocked_product,
)

pytestmark = pytest.mark.django_db


def _home(store):
    return store.site.root_page.specific


def _listed_titles(response):
    return [card.title for card in response.context["cards"]]


def _listed_product(category, *, title, price="10.00", image=False, **fields):
    """A product with two variants (the cheaper one at ``price``) and its page in ``category``."""
    site = category.get_site()
    product = stocked_product(
        site=site,
        title=title,
        variants=[
            {"price": price, "options": {"Size": "S"}, "stock": 3},
            {"price": "99.00", "options": {"Size": "L"}, "stock": 1},
        ],
        **fields,
    )
    if image:
        store_collection = site.store.collection
        ProductImageFactory(product=product, image=ImageFactory(collection=store_collection))
    ProductPageFactory(parent=category, product=product)
    return product


def _set_products_per_page(store, count):
    StoreSettings.objects.filter(site=store.site).update(products_per_page=count)


def _queries_for(client, path, settings):
    """SQL queries of one request once renditions exist but nothing is cached."""
    assert client.get(path).status_code == 200  # creates renditions on first view
    use_fresh_cache(settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


def _publish_body(page, body):
    """Publish ``body`` as the admin would, in the scope of the page's store."""
    with store_scope([page.get_site().pk]):
        page.body = body
        page.save_revision().publish()


def _grid(**value):
    return (
        "product_grid",
        {"heading": "Picks", "source": "category", "category": None, "products": [], "limit": 24}
        | value,
    )


@pytest.fixture
def mugs(store):
    return CategoryPageFactory(parent=_home(store), title="Mugs")


def test_category_lists_live_products_of_its_whole_subtree(shopper_client, store, mugs):
    espresso = CategoryPageFactory(parent=mugs, title="Espresso")
    _listed_product(mugs, title="Blue mug")
    _listed_product(espresso, title="Tiny cup")
    teapots = CategoryPageFactory(parent=_home(store), title="Teapots")
    _listed_product(teapots, title="Iron teapot")

    response = shopper_client.get("/mugs/")

    assert response.status_code == 200
    assert sorted(_listed_titles(response)) == ["Blue mug", "Tiny cup"]
    content = response.content.decode()
    assert "Blue mug" in content
    assert "Tiny cup" in content
    assert "Iron teapot" not in content


def test_category_hides_draft_and_archived_products_and_unpublished_pages(shopper_client, mugs):
    _listed_product(mugs, title="Blue mug")
    _listed_product(mugs, title="Draft mug", status=Product.Status.DRAFT)
    _listed_product(mugs, title="Archived mug", status=Product.Status.ARCHIVED)
    hidden = _listed_product(mugs, title="Unpublished mug")
    ProductPage.objects.get(product=hidden).unpublish()

    response = shopper_client.get("/mugs/")

    assert _listed_titles(response) == ["Blue mug"]
    content = response.content.decode()
    for title in ("Draft mug", "Archived mug", "Unpublished mug"):
        assert title not in content


def test_category_never_lists_another_stores_product(shopper_client, store, other_store, mugs):
    _listed_product(mugs, title="Blue mug")
    theirs = stocked_product(site=other_store.site, title="Their mug")
    # A page pointing at another store's product can only be made behind the admin's back.
    ProductPageFactory(parent=mugs, product=theirs)

    response = shopper_client.get("/mugs/")

    assert _listed_titles(response) == ["Blue mug"]


def test_category_paginates_with_the_store_page_size(shopper_client, store, mugs):
    _set_products_per_page(store, 2)
    for index in range(5):
        _listed_product(mugs, title=f"Mug {index}")

    first = shopper_client.get("/mugs/")
    last = shopper_client.get("/mugs/?page=3")
    beyond = shopper_client.get("/mugs/?page=99")
    garbage = shopper_client.get("/mugs/?page=abc")

    assert first.context["listing"].paginator.count == 5
    assert first.context["listing"].paginator.num_pages == 3
    assert _listed_titles(first) == ["Mug 0", "Mug 1"]
    assert _listed_titles(last) == ["Mug 4"]
    assert _listed_titles(beyond) == ["Mug 4"]
    assert _listed_titles(garbage) == ["Mug 0", "Mug 1"]
    assert 'href="?sort=featured&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("featured", ["Cheap", "Dear", "Apple"]),
        ("price-asc", ["Cheap", "Apple", "Dear"]),
        ("price-desc", ["Dear", "Apple", "Cheap"]),
        ("name", ["Apple", "Cheap", "Dear"]),
        ("nonsense", ["Cheap", "Dear", "Apple"]),
    ],
)
def test_category_sorts_by_price_and_name(shopper_client, mugs, sort, expected):
    _listed_product(mugs, title="Cheap", price="5.00")
    _listed_product(mugs, title="Dear", price="50.00")
    _listed_product(mugs, title="Apple", price="20.00")

    response = shopper_client.get(f"/mugs/?sort={sort}")

    assert _listed_titles(response) == expected
    assert response.context["sort"] in {sort, "featured"}


def test_sorting_by_price_uses_the_cheapest_variant(shopper_client, mugs):
    _listed_product(mugs, title="Cheap small", price="5.00")  # its large is 99.00
    _listed_product(mugs, title="Mid", price="30.00")

    response = shopper_client.get("/mugs/?sort=price-desc")

    assert _listed_titles(response) == ["Mid", "Cheap small"]


def test_product_page_shows_variants_prices_and_availability(
    shopper_client, store, mugs, in_store_scope
):
    product = stocked_product(
        site=store.site,
        title="Linen shirt",
        variants=[
            {"price": "40.00", "options": {"Size": "S"}, "stock": 2},
            {"price": "42.50", "options": {"Size": "L"}, "stock": 0},
        ],
    )
    ProductPageFactory(parent=mugs, product=product)
    small, large = product.variants.order_by("price")

    response = shopper_client.get("/mugs/linen-shirt/")

    assert response.status_code == 200
    assert [v.pk for v in response.context["variants"]] == [small.pk, large.pk]
    assert response.context["default_variant"] == small
    content = response.content.decode()
    assert "Linen shirt" in content
    assert "€40.00" in content
    assert "€42.50" in content
    assert "Only 2 left" in content
    assert "Sold out" in content
    assert re.search(rf'value="{large.pk}"[^>]*\bdisabled\b', content)
    assert not re.search(rf'value="{small.pk}"[^>]*\bdisabled\b', content)


def test_product_page_of_a_sold_out_product_offers_no_add_to_cart(shopper_client, store, mugs):
    product = stocked_product(site=store.site, title="Gone mug", variants=[{"stock": 0}])
    ProductPageFactory(parent=mugs, product=product)

    response = shopper_client.get("/mugs/gone-mug/")

    assert response.status_code == 200
    assert "Sold out" in response.content.decode()
    assert "Add to cart" not in response.content.decode()


@pytest.mark.parametrize("status", [Product.Status.ARCHIVED, Product.Status.DRAFT])
def test_product_page_of_a_product_not_for_sale_is_404(shopper_client, mugs, status):
    _listed_product(mugs, title="Old mug", status=status)

    response = shopper_client.get("/mugs/old-mug/")

    assert response.status_code == 404
    assert b"Old mug" not in response.content


def test_category_page_query_count_does_not_grow_with_products(
    shopper_client, store, mugs, settings
):
    _set_products_per_page(store, 24)
    for index in range(3):
        _listed_product(mugs, title=f"Mug {index}", image=True)
    few = _queries_for(shopper_client, "/mugs/", settings)

    for index in range(3, 15):
        _listed_product(mugs, title=f"Mug {index}", image=True)
    many = _queries_for(shopper_client, "/mugs/", settings)

    use_fresh_cache(settings)  # a rendered page, with its context, not the cached one
    assert len(_listed_titles(shopper_client.get("/mugs/"))) == 15
    assert many == few


@pytest.mark.parametrize("source", ["category", "picked"])
def test_home_page_product_grid_query_count_does_not_grow_with_products(
    shopper_client, store, mugs, source, settings
):
    home = _home(store)
    products = [_listed_product(mugs, title=f"Mug {i}", image=True) for i in range(3)]
    grid = (
        _grid(source="category", category=mugs)
        if source == "category"
        else _grid(source="picked", products=products)
    )
    _publish_body(home, [grid])
    few = _queries_for(shopper_client, "/", settings)

    products += [_listed_product(mugs, title=f"Mug {i}", image=True) for i in range(3, 15)]
    if source == "picked":
        _publish_body(home, [_grid(source="picked", products=products)])
    many = _queries_for(shopper_client, "/", settings)

    content = shopper_client.get("/").content.decode()
    assert all(f"Mug {i}<" in content for i in range(15))
    assert many == few


def test_product_grid_by_category_shows_only_live_products_of_this_store(
    shopper_client, store, other_store, mugs
):
    _listed_product(mugs, title="Blue mug")
    _listed_product(mugs, title="Draft mug", status=Product.Status.DRAFT)
    their_category = CategoryPageFactory(parent=_home(other_store), title="Their mugs")
    _listed_product(their_category, title="Their mug")
    _publish_body(
        _home(store),
        [
            _grid(source="category", category=mugs),
            _grid(source="category", category=their_category),
        ],
    )

    content = shopper_client.get("/").content.decode()

    assert "Blue mug" in content
    assert "Draft mug" not in content
    assert "Their mug" not in content


def test_product_grid_of_picked_products_shows_only_this_stores_products(
    shopper_client, store, other_store, mugs
):
    mine = _listed_product(mugs, title="Blue mug")
    archived = _listed_product(mugs, title="Archived mug", status=Product.Status.ARCHIVED)
    their_category = CategoryPageFactory(parent=_home(other_store), title="Their mugs")
    theirs = _listed_product(their_category, title="Their mug")
    # Saved behind the page form's back: rendering must still refuse the foreign product.
    _publish_body(_home(store), [_grid(source="picked", products=[theirs, mine, archived])])

    response = shopper_client.get("/")

    content = response.content.decode()
    assert "Blue mug" in content
    assert "Their mug" not in content
    assert "Archived mug" not in content
    assert "/mugs/blue-mug/" in content


def _home_form(store, user, products=(), category=None):
    home = _home(store)
    form_class = StoreHomePage.get_edit_handler().get_form_class()
    grid = {
        "heading": "Picks",
        "source": "picked" if products else "category",
        "category": category.pk if category else "",
        "products": {
            "count": str(len(products)),
            **{
                str(i): {"value": str(product.pk), "deleted": "", "order": str(i), "id": ""}
                for i, product in enumerate(products)
            },
        },
        "limit": "8",
    }
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "body": streamfield([("product_grid", grid)]),
        }
    )
    return form_class(data, instance=home, parent_page=home.get_parent(), for_user=user)


def _body_errors(form):
    """Messages placed on the body's first block (the other store's titles never appear)."""
    return form.errors.as_data()["body"][0].block_errors[0].messages


def test_home_page_form_accepts_this_stores_products(store, merchant, mugs, in_store_scope):
    mine = _listed_product(mugs, title="Blue mug")

    form = _home_form(store, merchant, products=[mine])

    assert form.is_valid(), form.errors


def test_home_page_form_refuses_another_stores_product_in_a_product_grid(
    store, other_store, merchant
):
    their_category = CategoryPageFactory(parent=_home(other_store), title="Their mugs")
    theirs = _listed_product(their_category, title="Their mug")

    # The admin scope of someone who runs both stores: the chooser offers both catalogs.
    with store_scope([store.site.pk, other_store.site.pk]):
        form = _home_form(store, merchant, products=[theirs])

        assert not form.is_valid()
    assert _body_errors(form) == [
        f"Body › Product grid › Products: product {theirs.pk} is not one of this store's products."
    ]


def test_home_page_form_of_a_merchant_refuses_another_stores_product_unnamed(
    store, other_store, merchant
):
    their_category = CategoryPageFactory(parent=_home(other_store), title="Their mugs")
    theirs = _listed_product(their_category, title="Their mug")

    # The merchant's admin scope: the other store's product id names no product at all.
    with store_scope([store.site.pk]):
        form = _home_form(store, merchant, products=[theirs])

        assert not form.is_valid()
    assert "body" in form.errors
    assert "Their mug" not in str(form.errors["body"])


def test_home_page_form_refuses_another_stores_category_in_a_product_grid(
    store, other_store, merchant, in_store_scope
):
    their_category = CategoryPageFactory(parent=_home(other_store), title="Their mugs")

    form = _home_form(store, merchant, category=their_category)

    assert not form.is_valid()
    page = their_category.pk
    assert _body_errors(form) == [
        f"Body › Product grid › Category: page {page} is not one of this store's pages."
    ]


def test_product_page_form_refuses_another_stores_product(
    store, other_store, merchant, mugs, in_store_scope
):
    theirs = stocked_product(site=other_store.site, title="Their mug")
    mine = stocked_product(site=store.site, title="Blue mug")
    form_class = ProductPage.get_edit_handler().get_form_class()

    def form_for(product):
        data = {"title": product.title, "slug": product.handle, "product": str(product.pk)}
        return form_class(data, instance=ProductPage(), parent_page=mugs, for_user=merchant)

    refused, accepted = form_for(theirs), form_for(mine)

    assert not refused.is_valid()
    assert "product" in refused.errors
    assert accepted.is_valid(), accepted.errors
    assert list(accepted.fields["product"].queryset) == [mine]


def test_category_and_home_pages_are_served_by_their_page_types(shopper_client, store, mugs):
    assert isinstance(shopper_client.get("/").context["page"], StoreHomePage)
    assert isinstance(shopper_client.get("/mugs/").context["page"], CategoryPage)

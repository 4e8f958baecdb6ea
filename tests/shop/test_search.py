"""Storefront search: behind the theme's "search box" toggle, within the store, and calm
in front of odd input."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from shop.models import StorePage
from shop.search import MAX_QUERY_LENGTH, PER_PAGE
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product
from tests.themes.theme_values import set_theme

pytestmark = pytest.mark.django_db

SEARCH = reverse("shop:search")


def _product(store, category, title, **fields):
    product = stocked_product(site=store.site, title=title, **fields)
    return ProductPageFactory(parent=category, product=product)


@pytest.fixture
def lamps(store, other_store):
    """Lamps in both stores, a draft lamp, an unpublished lamp page and content pages."""
    set_theme(store.site, show_search=True)
    set_theme(other_store.site, show_search=True)
    mine = CategoryPageFactory(parent=store.site.root_page, title="Lighting")
    theirs = CategoryPageFactory(parent=other_store.site.root_page, title="Lighting")
    _product(store, mine, "Brass desk lamp", vendor="Nordlys")
    _product(store, mine, "Paper floor lamp")
    _product(store, mine, "Oak table")
    _product(store, mine, "Draft lamp", status="draft")
    _product(store, mine, "Hidden lamp").unpublish()
    _product(other_store, theirs, "Beta secret lamp")
    store.site.root_page.add_child(
        instance=StorePage(
            title="Caring for brass",
            slug="brass-care",
            body=[("rich_text", "<p>Polish every lamp once a month.</p>")],
        )
    )
    other_store.site.root_page.add_child(
        instance=StorePage(
            title="Beta lamp guide",
            slug="lamp-guide",
            body=[("rich_text", "<p>Every lamp we sell.</p>")],
        )
    )


def _titles(response):
    return [card.title for card in response.context["results"].cards]


def test_the_search_box_shows_only_when_the_toggle_is_on(shopper_client, store):
    set_theme(store.site, show_search=False)
    hidden = shopper_client.get("/").content.decode()
    off = shopper_client.get(SEARCH, {"q": "lamp"})
    set_theme(store.site, show_search=True)
    shown = shopper_client.get("/").content.decode()

    assert 'role="search"' not in hidden
    assert off.status_code == 404
    assert f'action="{SEARCH}"' in shown
    assert 'name="q" maxlength="100"' in shown


def test_results_are_this_stores_live_products_and_content_pages(shopper_client, lamps):
    response = shopper_client.get(SEARCH, {"q": "lamp"})

    assert response.status_code == 200
    assert _titles(response) == ["Brass desk lamp", "Paper floor lamp"]
    assert [page.title for page in response.context["results"].content_pages] == [
        "Caring for brass"
    ]
    page = response.content.decode()
    assert "Beta" not in page
    assert "Draft lamp" not in page
    assert "Hidden lamp" not in page


def test_every_word_must_match_and_vendor_counts(shopper_client, lamps):
    assert _titles(shopper_client.get(SEARCH, {"q": "DESK  lamp"})) == ["Brass desk lamp"]
    assert _titles(shopper_client.get(SEARCH, {"q": "nordlys"})) == ["Brass desk lamp"]


def test_the_other_store_finds_only_its_own(other_store, lamps):
    client = HttpClient(HTTP_HOST=other_store.site.hostname)

    response = client.get(SEARCH, {"q": "lamp"})

    assert _titles(response) == ["Beta secret lamp"]
    assert [page.title for page in response.context["results"].content_pages] == ["Beta lamp guide"]
    assert "Brass" not in response.content.decode()


def test_empty_and_no_result_searches_say_so(shopper_client, lamps):
    empty = shopper_client.get(SEARCH)
    blank = shopper_client.get(SEARCH, {"q": "   "})
    nothing = shopper_client.get(SEARCH, {"q": "submarine"})

    assert 'data-testid="search-empty"' in empty.content.decode()
    assert 'data-testid="search-empty"' in blank.content.decode()
    assert "Nothing matches “submarine”" in nothing.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "lamp" + "x" * 20_000,
        "lamp\x00\x01\u202e",
        '"lamp" OR * NEAR(a b) :: ( ) \\ % _',
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "🔦 lampe ünïcødé",
    ],
    ids=["huge", "control characters", "search syntax", "sql", "markup", "unicode"],
)
def test_odd_input_gets_an_answer_not_an_error(shopper_client, lamps, query):
    response = shopper_client.get(SEARCH, {"q": query, "page": "x"})

    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "\x00" not in response.context["query"]
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_huge_query_is_shortened_and_says_so(shopper_client, lamps):
    response = shopper_client.get(SEARCH, {"q": "lamp " + "x" * 500})

    assert response.context["query"] == ("lamp " + "x" * 500)[:MAX_QUERY_LENGTH]
    assert 'data-testid="query-shortened"' in response.content.decode()


def test_results_are_paginated(shopper_client, store):
    set_theme(store.site, show_search=True)
    category = CategoryPageFactory(parent=store.site.root_page, title="Mugs")
    for number in range(PER_PAGE + 2):
        _product(store, category, f"Mug {number:02d}")

    first = shopper_client.get(SEARCH, {"q": "mug"})
    second = shopper_client.get(SEARCH, {"q": "mug", "page": 2})

    assert len(_titles(first)) == PER_PAGE
    assert _titles(second) == [f"Mug {PER_PAGE:02d}", f"Mug {PER_PAGE + 1:02d}"]
    assert 'href="?q=mug&amp;page=2"' in first.content.decode()


def test_the_search_page_is_the_same_for_every_shopper(store, lamps):
    one = HttpClient(HTTP_HOST=store.site.hostname)
    two = HttpClient(HTTP_HOST=store.site.hostname)
    two.get("/cart/state.json")

    first, second = one.get(SEARCH, {"q": "lamp"}), two.get(SEARCH, {"q": "lamp"})

    assert first.content == second.content
    assert not second.cookies

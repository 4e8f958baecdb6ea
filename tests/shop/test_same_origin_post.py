"""Add to cart carries no CSRF token (the product page is shared by every shopper): it is
accepted from the store's own pages only, by the browser's Origin (or Referer) header.
Cart edits and checkout keep Django's CSRF token.

Every client here enforces CSRF checks, as a browser's requests meet them.
"""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from shop.models import CartLine
from tenancy.scope import store_scope
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def variant(store):
    variant = stocked_variant(site=store.site, price="12.50", stock=5, title="Blue mug")
    category = CategoryPageFactory(parent=store.site.root_page, title="Mugs")
    ProductPageFactory(parent=category, product=variant.product)
    return variant


@pytest.fixture
def browser(store):
    return HttpClient(HTTP_HOST=store.site.hostname, enforce_csrf_checks=True)


def _add(browser, variant, **headers):
    return browser.post(
        reverse("shop:cart-add"),
        {"variant": variant.pk, "quantity": 1, "next": "/mugs/blue-mug/"},
        headers=headers,
    )


def _lines(store):
    with store_scope([store.site.pk]):
        return list(CartLine.objects.values_list("variant__sku", "quantity"))


def test_the_product_page_form_has_no_csrf_token(browser, variant):
    page = browser.get("/mugs/blue-mug/").content.decode()

    assert 'action="/cart/add/"' in page
    assert "csrfmiddlewaretoken" not in page


def test_add_to_cart_from_the_stores_own_page_works_without_a_token(browser, store, variant):
    response = _add(browser, variant, origin=f"http://{store.site.hostname}")

    assert response.status_code == 302
    assert response["Location"] == reverse("shop:cart-detail")
    assert _lines(store) == [(variant.sku, 1)]


def test_a_browser_sending_only_a_referer_from_the_store_may_add(browser, store, variant):
    response = _add(browser, variant, referer=f"http://{store.site.hostname}/mugs/blue-mug/")

    assert response.status_code == 302
    assert _lines(store) == [(variant.sku, 1)]


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"origin": "http://beta.localhost"},
        {"origin": "https://alpha.localhost"},  # another scheme is another origin
        {"origin": "http://alpha.localhost.evil.example"},
        {"referer": "https://evil.example/alpha.localhost/"},
        {"origin": "https://evil.example", "referer": "http://alpha.localhost/mugs/"},
        {},
    ],
    ids=[
        "foreign",
        "null",
        "other store",
        "other scheme",
        "lookalike",
        "foreign referer",
        "foreign origin own referer",
        "no header",
    ],
)
def test_add_to_cart_from_anywhere_else_is_refused_with_a_clear_page(
    browser, store, variant, headers
):
    response = _add(browser, variant, **headers)

    assert response.status_code == 403
    page = response.content.decode()
    assert 'data-testid="cross-site-refused"' in page
    assert "That was not sent from this shop" in page
    assert "nothing was added to your cart" in page
    assert "no-store" in response["Cache-Control"]
    assert _lines(store) == []


def test_opening_the_add_address_is_not_allowed(browser, variant):
    assert browser.get(reverse("shop:cart-add")).status_code == 405


def test_session_cookies_are_same_site_lax(browser, store, variant):
    response = _add(browser, variant, origin=f"http://{store.site.hostname}")

    assert response.cookies["sessionid"]["samesite"] == "Lax"
    assert response.cookies["sessionid"]["httponly"]


def test_cart_edits_and_checkout_keep_their_csrf_token(browser, store, variant):
    own = {"origin": f"http://{store.site.hostname}"}
    _add(browser, variant, **own)
    cart_page = browser.get(reverse("shop:cart-detail")).content.decode()
    with store_scope([store.site.pk]):
        line = CartLine.objects.get()

    untokened = browser.post(
        reverse("shop:cart-line-update", args=[line.pk]), {"quantity": 3}, headers=own
    )
    checkout = browser.post(reverse("shop:checkout"), {"email": "a@example.test"}, headers=own)

    assert "csrfmiddlewaretoken" in cart_page
    assert "csrfmiddlewaretoken" in browser.get(reverse("shop:checkout")).content.decode()
    assert untokened.status_code == 403
    assert checkout.status_code == 403
    assert _lines(store) == [(variant.sku, 1)]

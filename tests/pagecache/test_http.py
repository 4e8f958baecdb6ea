"""HTTP caching: shared storefront pages are public for a CDN, with a strong ETag and 304
answers; the pages of one visitor and the admin are never stored anywhere."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from tenancy.scope import store_scope
from tests.pagecache.conftest import HIT, Catalog

pytestmark = pytest.mark.django_db


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_a_storefront_page_is_public_for_a_short_while_with_a_strong_etag(
    catalog, anonymous, settings
):
    fresh = anonymous.get(Catalog.CATEGORY)
    cached = anonymous.get(Catalog.CATEGORY)

    for response in (fresh, cached):
        assert _cache_control(response) == {
            "public",
            "max-age=0",
            f"s-maxage={settings.PAGECACHE_CDN_MAX_AGE}",
        }
        assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert cached["ETag"] == fresh["ETag"]


def test_a_visitor_holding_the_page_gets_a_304_rendered_or_cached(catalog, anonymous):
    fresh = anonymous.get(Catalog.PRODUCT)

    cached = anonymous.get(Catalog.PRODUCT, HTTP_IF_NONE_MATCH=fresh["ETag"])
    assert cached.status_code == 304
    assert cached["X-Page-Cache"] == HIT
    assert cached.content == b""
    assert cached["ETag"] == fresh["ETag"]
    assert "public" in _cache_control(cached)

    with_cookie = HttpClient(HTTP_HOST=catalog.product.site.hostname)
    with_cookie.cookies["messages"] = "waiting"
    rendered = with_cookie.get(Catalog.PRODUCT, HTTP_IF_NONE_MATCH=f"W/{fresh['ETag']}")
    assert rendered.status_code == 304
    assert rendered.get("X-Page-Cache") is None


def test_an_old_etag_gets_the_changed_page(catalog, anonymous, django_capture_on_commit_callbacks):
    before = anonymous.get(Catalog.ABOUT)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.about.body = [("rich_text", "<p>New opening hours.</p>")]
        catalog.about.save_revision().publish()

    after = anonymous.get(Catalog.ABOUT, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "New opening hours." in after.content.decode()


@pytest.fixture
def shopper(store, catalog):
    client = HttpClient(HTTP_HOST=store.site.hostname)
    with store_scope([store.site.pk]):
        variant = catalog.product.variants.get()
    client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    return client


@pytest.mark.parametrize(
    "address",
    [
        reverse("shop:cart-detail"),
        reverse("shop:checkout"),
        reverse("shop:shopper-state"),
        reverse("shop:order-complete", args=[1001]),
    ],
    ids=["cart", "checkout", "shopper state", "order confirmation"],
)
def test_the_shoppers_own_pages_are_never_stored(shopper, address):
    response = shopper.get(address)

    assert {"private", "no-store"} <= _cache_control(response)
    assert "public" not in _cache_control(response)
    assert "ETag" not in response
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("address", ["/admin/", "/admin/account/", "/admin/reports/locked/"])
def test_the_admin_is_never_stored(merchant_client, address):
    response = merchant_client.get(address)

    assert response.status_code == 200
    assert {"private", "no-store"} <= _cache_control(response)

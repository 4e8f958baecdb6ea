"""Storefront pages every anonymous shopper shares are served from the page cache; nothing
of one visitor (a cart, waiting messages, a signed-in person, a preview) gets or leaves a
cached page."""

import pytest
from django.conf import settings as django_settings
from django.test import Client as HttpClient
from django.urls import reverse

from tenancy.scope import store_scope
from tests.pagecache.conftest import HIT, Catalog, is_cached, warm
from themes.models import StoreTheme
from themes.services import publish_theme

pytestmark = pytest.mark.django_db


def test_the_second_visit_is_answered_from_the_cache_with_the_same_bytes(catalog, anonymous):
    for path in Catalog.PATHS:
        first = anonymous.get(path)
        second = anonymous.get(path)

        assert first["X-Page-Cache"] == "miss"
        assert second["X-Page-Cache"] == HIT
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_switched_off_every_page_is_rendered_and_still_gets_its_etag(catalog, anonymous, settings):
    settings.PAGECACHE_ENABLED = False  # as `make bench` measures pages uncached
    first = anonymous.get(Catalog.PRODUCT)
    second = anonymous.get(Catalog.PRODUCT, HTTP_IF_NONE_MATCH=first["ETag"])

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert second.status_code == 304


def test_a_cached_page_runs_no_query_and_opens_no_session(
    catalog, anonymous, django_assert_num_queries
):
    warm(anonymous, Catalog.CATEGORY)

    with django_assert_num_queries(0):
        response = anonymous.get(Catalog.CATEGORY)

    assert response["X-Page-Cache"] == HIT
    assert not response.cookies
    assert "Linen shirt" in response.content.decode()


def test_each_store_host_has_its_own_pages(store, other_store, anonymous, other_anonymous):
    warm(anonymous, "/")

    theirs = other_anonymous.get("/")

    assert theirs["X-Page-Cache"] == "miss"
    assert other_store.name in theirs.content.decode()
    assert store.name not in theirs.content.decode()


def test_the_security_headers_are_written_on_cached_pages(catalog, anonymous):
    fresh = anonymous.get(Catalog.PRODUCT)
    cached = anonymous.get(Catalog.PRODUCT)

    assert cached["X-Page-Cache"] == HIT
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert cached[header] == fresh[header], header


def test_a_stores_own_code_and_its_policy_are_kept_exactly(store, catalog, anonymous):
    with store_scope([store.site.pk]):
        theme = StoreTheme.objects.get(site=store.site)
        theme.custom_head_code = "<script>window.shopReady = true;</script>"
        theme.custom_css = "body { letter-spacing: .01em; }"
        publish_theme(theme=theme)

    fresh = anonymous.get(Catalog.PRODUCT)
    cached = anonymous.get(Catalog.PRODUCT)

    assert fresh["X-Page-Cache"] == "miss" and cached["X-Page-Cache"] == HIT
    assert "window.shopReady = true;" in cached.content.decode()
    assert "'sha256-" in fresh["Content-Security-Policy"]
    assert cached["Content-Security-Policy"] == fresh["Content-Security-Policy"]


def test_head_is_answered_from_the_cache(catalog, anonymous):
    warm(anonymous, Catalog.ABOUT)

    response = anonymous.head(Catalog.ABOUT)

    assert response.status_code == 200
    assert response["X-Page-Cache"] == HIT


# --- Nothing of one visitor -----------------------------------------------------------


@pytest.fixture
def shopper_with_a_cart(store, catalog):
    client = HttpClient(HTTP_HOST=store.site.hostname)
    with store_scope([store.site.pk]):
        variant = catalog.product.variants.get()
    added = client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    assert added.status_code == 302 and client.cookies.get("sessionid")
    return client


def test_a_shopper_with_a_cart_neither_gets_nor_leaves_a_cached_page(
    catalog, anonymous, shopper_with_a_cart
):
    warm(anonymous, Catalog.HOME)

    assert shopper_with_a_cart.get(Catalog.HOME).get("X-Page-Cache") is None
    assert shopper_with_a_cart.get(Catalog.ABOUT).get("X-Page-Cache") is None
    assert anonymous.get(Catalog.ABOUT)["X-Page-Cache"] == "miss"


def test_a_visitor_with_waiting_messages_is_answered_by_the_storefront(catalog, anonymous, store):
    warm(anonymous, Catalog.HOME)
    with_messages = HttpClient(HTTP_HOST=store.site.hostname)
    with_messages.cookies["messages"] = "waiting"

    assert with_messages.get(Catalog.HOME).get("X-Page-Cache") is None
    assert with_messages.get(Catalog.ABOUT).get("X-Page-Cache") is None
    assert anonymous.get(Catalog.ABOUT)["X-Page-Cache"] == "miss"


def test_a_signed_in_person_on_a_store_host_never_gets_or_leaves_a_cached_page(
    catalog, anonymous, merchant, store
):
    warm(anonymous, Catalog.HOME)
    signed_in = HttpClient(HTTP_HOST=store.site.hostname)
    signed_in.force_login(merchant)

    assert signed_in.get(Catalog.HOME).get("X-Page-Cache") is None
    assert signed_in.get(Catalog.ABOUT).get("X-Page-Cache") is None
    assert anonymous.get(Catalog.ABOUT)["X-Page-Cache"] == "miss"


def test_a_draft_previewed_in_the_admin_never_reaches_the_shared_page(
    catalog, anonymous, merchant_client
):
    warm(anonymous, Catalog.ABOUT)
    catalog.about.title = "Secret draft title"
    catalog.about.save_revision()

    preview = merchant_client.get(reverse("wagtailadmin_pages:view_draft", args=[catalog.about.pk]))

    assert preview.status_code == 200
    assert "Secret draft title" in preview.content.decode()
    assert preview.get("X-Page-Cache") is None
    shared = anonymous.get(Catalog.ABOUT)
    assert shared["X-Page-Cache"] == HIT
    assert "Secret draft title" not in shared.content.decode()


def test_a_missing_page_is_not_cached(catalog, anonymous):
    for _ in range(2):
        response = anonymous.get("/no-such-page/")
        assert response.status_code == 404
        assert response.get("X-Page-Cache") is None


def test_a_post_is_never_answered_from_the_cache(catalog, anonymous):
    warm(anonymous, Catalog.HOME)

    response = anonymous.post(Catalog.HOME, {"q": "x"})

    assert response.get("X-Page-Cache") is None


@pytest.mark.parametrize(
    "middleware",
    ["SetCookieMiddleware", "VaryCookieMiddleware"],
    ids=["sets a cookie", "varies on the cookie"],
)
def test_a_page_answered_with_something_of_the_visitor_is_not_stored(
    catalog, anonymous, settings, middleware
):
    settings.MIDDLEWARE = [
        *django_settings.MIDDLEWARE,
        f"tests.pagecache.set_cookie_middleware.{middleware}",
    ]

    first = anonymous.get(Catalog.ABOUT)
    second = anonymous.get(Catalog.ABOUT)

    assert first.get("X-Page-Cache") is None and second.get("X-Page-Cache") is None
    assert "public" not in second.get("Cache-Control", "")


# --- Query strings --------------------------------------------------------------------


def test_the_storefronts_own_parameters_are_cached_in_any_order(catalog, anonymous):
    warm(anonymous, "/shirts/?sort=price-asc&page=1")

    assert is_cached(anonymous, "/shirts/?page=1&sort=price-asc")
    assert not is_cached(anonymous, "/shirts/?sort=name")


@pytest.mark.parametrize(
    "path",
    [
        "/shirts/?utm_source=newsletter",
        "/shirts/?sort=random-3141",
        "/shirts/?page=999",
        "/shirts/?sort=name&sort=price-asc",
        "/shirts/linen-shirt/?variant=987654",
        "/search/?q=linen",
    ],
    ids=["unknown", "unknown sort", "no such page", "twice", "no such variant", "search"],
)
def test_made_up_addresses_never_fill_the_cache(store, catalog, anonymous, path):
    with store_scope([store.site.pk]):
        theme = StoreTheme.objects.get(site=store.site)
        theme.show_search = True
        publish_theme(theme=theme)

    first = anonymous.get(path)
    second = anonymous.get(path)

    assert first.status_code == 200
    assert first.get("X-Page-Cache") is None
    assert second.get("X-Page-Cache") is None


def test_a_real_variant_of_the_product_is_cached(store, catalog, anonymous):
    with store_scope([store.site.pk]):
        variant = catalog.product.variants.get()

    warm(anonymous, f"{Catalog.PRODUCT}?variant={variant.pk}")

"""Every response the project writes carries the baseline security headers.

That includes the answers the host middleware gives before any view runs (unknown hosts,
``/admin/`` on a store host, redirects to a store's primary domain), the 404 and 500 pages,
the suspended store's holding page and static files.
"""

import pytest
from django.test import Client as HttpClient
from django.test import override_settings

from domains.models import Domain
from tenants.services import suspend_store
from tests.config.headers import csp_directives, missing_baseline_headers
from tests.shop.factories import CategoryPageFactory

pytestmark = pytest.mark.django_db


def _storefront_page(shopper_client, store, **_):
    CategoryPageFactory(parent=store.site.root_page.specific, title="Mugs")
    return shopper_client.get("/mugs/"), 200


def _cart(shopper_client, **_):
    return shopper_client.get("/cart/"), 200


def _admin(platform_client, merchant, **_):
    platform_client.force_login(merchant)
    return platform_client.get("/admin/"), 200


def _admin_login(platform_client, **_):
    return platform_client.get("/admin/login/"), 200


def _platform_landing_page(platform_client, **_):
    return platform_client.get("/"), 200


def _unknown_host(**_):
    return HttpClient(HTTP_HOST="nosuch.example").get("/"), 404


def _admin_on_a_store_host(shopper_client, **_):
    return shopper_client.get("/admin/login/"), 404


def _redirect_to_the_primary_domain(store, **_):
    Domain.objects.create(site=store.site, hostname="shop.alpha.test", status=Domain.Status.ACTIVE)
    return HttpClient(HTTP_HOST="shop.alpha.test").get("/cart/"), 301


def _page_not_found_in_a_store(shopper_client, **_):
    return shopper_client.get("/no-such-page/"), 404


def _server_error(store, **_):
    shopper = HttpClient(HTTP_HOST=store.site.hostname, raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.config.urls"):
        return shopper.get("/failing-view/"), 500


def _suspended_store(shopper_client, store, **_):
    suspend_store(store=store)
    return shopper_client.get("/"), 503


def _static_file(store, **_):
    shopper = HttpClient(HTTP_HOST=store.site.hostname)
    with override_settings(WHITENOISE_USE_FINDERS=True):  # the suite runs uncollected
        return shopper.get("/static/themes/js/storefront.js"), 200


RESPONSES = [
    _storefront_page,
    _cart,
    _admin,
    _admin_login,
    _platform_landing_page,
    _unknown_host,
    _admin_on_a_store_host,
    _redirect_to_the_primary_domain,
    _page_not_found_in_a_store,
    _server_error,
    _suspended_store,
    _static_file,
]


@pytest.mark.parametrize("respond", RESPONSES, ids=lambda f: f.__name__.strip("_"))
def test_every_kind_of_response_carries_the_baseline_headers(
    respond, shopper_client, platform_client, store, merchant
):
    response, status = respond(
        shopper_client=shopper_client,
        platform_client=platform_client,
        store=store,
        merchant=merchant,
    )

    assert response.status_code == status
    assert missing_baseline_headers(response) == {}


@pytest.mark.parametrize(
    "respond", [_unknown_host, _admin_on_a_store_host, _page_not_found_in_a_store, _server_error]
)
def test_error_pages_get_the_site_policy_with_no_inline_script(
    respond, shopper_client, platform_client, store, merchant
):
    response, _ = respond(
        shopper_client=shopper_client,
        platform_client=platform_client,
        store=store,
        merchant=merchant,
    )

    script_src = csp_directives(response)["script-src"]
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src

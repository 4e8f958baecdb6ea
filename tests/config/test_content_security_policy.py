"""The storefront's strict Content-Security-Policy and the one Wagtail's admin works under."""

import re

import pytest

from tests.config.headers import ScriptsAndHandlers, csp_directives
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product

pytestmark = pytest.mark.django_db


def _nonce(response) -> str:
    nonces = [
        source for source in csp_directives(response)["script-src"] if source.startswith("'nonce-")
    ]
    assert len(nonces) == 1, csp_directives(response)["script-src"]
    return re.fullmatch(r"'nonce-(.+)'", nonces[0]).group(1)


@pytest.fixture
def mugs(store):
    category = CategoryPageFactory(parent=store.site.root_page.specific, title="Mugs")
    product = stocked_product(
        site=store.site, title="Blue mug", variants=[{"price": "12.00", "stock": 3}]
    )
    ProductPageFactory(parent=category, product=product)
    return category


@pytest.mark.parametrize("path", ["/", "/mugs/", "/mugs/blue-mug/", "/cart/"])
def test_storefront_runs_only_the_projects_scripts_with_this_responses_nonce(
    shopper_client, mugs, path
):
    response = shopper_client.get(path)

    assert response.status_code == 200
    policy = csp_directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'self'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    page = ScriptsAndHandlers(response.content.decode())
    assert page.scripts, "the storefront's own script is on every page"
    assert [script.get("nonce") for script in page.scripts] == [_nonce(response)] * len(
        page.scripts
    )


@pytest.mark.parametrize("path", ["/", "/mugs/", "/mugs/blue-mug/", "/cart/"])
def test_storefront_pages_have_no_inline_event_handlers(shopper_client, mugs, path):
    """The policy refuses handler attributes (the sort menu's used to submit its form)."""
    page = ScriptsAndHandlers(shopper_client.get(path).content.decode())

    assert page.handlers == []


def test_each_storefront_response_has_its_own_nonce(shopper_client, store):
    first, second = shopper_client.get("/"), shopper_client.get("/")

    assert _nonce(first) != _nonce(second)
    assert f'nonce="{_nonce(second)}"' in second.content.decode()
    assert f'nonce="{_nonce(first)}"' not in second.content.decode()


def test_storefront_loads_styles_fonts_and_images_from_the_project_only(shopper_client):
    policy = csp_directives(shopper_client.get("/"))

    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["font-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/pages/", "/admin/pages/{home}/edit/", "/admin/snippets/shop/product/"],
)
def test_admin_policy_lets_wagtail_work_and_still_keeps_to_the_project(
    merchant_client, store, path
):

    response = merchant_client.get(path.format(home=store.site.root_page_id), follow=True)

    assert response.status_code == 200
    policy = csp_directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert not [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["frame-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_admin_policy_is_only_for_the_admin_on_the_platform_host(shopper_client, platform_client):
    on_store_host = csp_directives(shopper_client.get("/admin/"))
    landing_page = csp_directives(platform_client.get("/"))

    assert "'unsafe-inline'" not in on_store_host["script-src"]
    assert "'unsafe-inline'" not in landing_page["script-src"]

"""The storefront's strict Content-Security-Policy and the one Wagtail's admin works under."""

import pytest

from tests.config.headers import ScriptsAndHandlers, csp_directives
from tests.shop.factories import CategoryPageFactory, ProductPageFactory, stocked_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def mugs(store):
    category = CategoryPageFactory(parent=store.site.root_page.specific, title="Mugs")
    product = stocked_product(
        site=store.site, title="Blue mug", variants=[{"price": "12.00", "stock": 3}]
    )
    ProductPageFactory(parent=category, product=product)
    return category


@pytest.mark.parametrize("path", ["/", "/mugs/", "/mugs/blue-mug/", "/cart/"])
def test_storefront_runs_only_the_projects_own_script_files(shopper_client, mugs, path):
    """No nonce: a page is the same bytes for every shopper, so its scripts are files of
    the project (ADR 24)."""
    response = shopper_client.get(path)

    assert response.status_code == 200
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    page = ScriptsAndHandlers(response.content.decode())
    assert page.scripts, "the storefront's own script is on every page"
    assert all(script["src"].startswith("/static/themes/js/") for script in page.scripts)
    assert not [script for script in page.scripts if "nonce" in script]


@pytest.mark.parametrize("path", ["/", "/mugs/", "/mugs/blue-mug/", "/cart/"])
def test_storefront_pages_have_no_inline_event_handlers(shopper_client, mugs, path):
    """The policy refuses handler attributes (the sort menu's used to submit its form)."""
    page = ScriptsAndHandlers(shopper_client.get(path).content.decode())

    assert page.handlers == []


def test_every_storefront_response_has_the_same_policy(shopper_client, store):
    first, second = shopper_client.get("/"), shopper_client.get("/")

    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce" not in first["Content-Security-Policy"]


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

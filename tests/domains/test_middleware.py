import pytest
from django.test import Client as HttpClient

from domains.models import Domain
from shop.models import StoreHomePage
from tenants.models import PlatformHomePage

pytestmark = pytest.mark.django_db

NO_STORE_PAGE = "There is no store at this address"


def _get(host, path="/"):
    return HttpClient(HTTP_HOST=host).get(path)


def _custom_domain(store, hostname, **fields):
    return Domain.objects.create(
        site=store.site,
        hostname=hostname,
        kind=Domain.Kind.CUSTOM,
        status=fields.pop("status", Domain.Status.ACTIVE),
        **fields,
    )


def _assert_unknown_host(response, *stores):
    assert response.status_code == 404
    content = response.content.decode()
    assert NO_STORE_PAGE in content
    for store in stores:
        assert store.name not in content


def test_store_host_serves_the_store_home_page(shopper_client, store, other_store):
    response = shopper_client.get("/")

    assert response.status_code == 200
    page = response.context["page"]
    assert isinstance(page, StoreHomePage)
    assert page.pk == store.site.root_page_id
    assert store.name in response.content.decode()
    assert other_store.name not in response.content.decode()


def test_platform_host_serves_the_platform_landing_page(platform_client, store):
    response = platform_client.get("/")

    assert response.status_code == 200
    assert isinstance(response.context["page"], PlatformHomePage)
    assert "platform/home_page.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(
    "host", ["evil.test", "nosuch.localhost", "alpha.localhost.evil.test", "", "bad host"]
)
def test_unknown_host_gets_the_platform_no_store_page(store, host):
    _assert_unknown_host(_get(host), store)


def test_unknown_host_never_serves_a_store_page_path(store):
    category_path = store.site.root_page.url_path  # a real path in the page tree

    _assert_unknown_host(_get("evil.test", category_path), store)
    _assert_unknown_host(_get("evil.test", "/cart/"), store)


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/pages/", "/django-admin/"])
def test_admin_is_not_served_on_a_store_host(shopper_client, path):
    response = shopper_client.get(path)

    assert response.status_code == 404
    assert b"wagtail" not in response.content.lower()


def test_admin_login_is_served_on_the_platform_host(platform_client, store):
    response = platform_client.get("/admin/login/")

    assert response.status_code == 200
    assert b'name="password"' in response.content


@pytest.mark.parametrize(
    "host",
    [
        "ALPHA.LOCALHOST",
        "alpha.localhost.",
        "alpha.localhost:8000",
        "Alpha.LocalHost.:8000",
    ],
)
def test_host_is_normalised_before_routing(store, host):
    response = _get(host)

    assert response.status_code == 200
    assert response.context["page"].pk == store.site.root_page_id


def test_international_custom_domain_is_stored_and_routed_as_punycode(store):
    """Merchants type Unicode; browsers send the punycode form in the Host header."""
    store.site.domains.update(is_primary=False)
    domain = Domain(site=store.site, hostname="Bücher.example.", is_primary=True)
    domain.clean()
    domain.status = Domain.Status.ACTIVE
    domain.save()

    response = _get("XN--BCHER-KVA.example")

    assert domain.hostname == "xn--bcher-kva.example"
    assert response.status_code == 200
    assert response.context["page"].pk == store.site.root_page_id


def test_non_primary_active_domain_redirects_permanently_to_the_primary(store):
    _custom_domain(store, "shop.alpha.test")

    response = _get("shop.alpha.test", "/mugs/?sort=price-asc")

    assert response.status_code == 301
    assert response["Location"] == f"http://{store.site.hostname}/mugs/?sort=price-asc"


def test_custom_primary_domain_serves_and_platform_subdomain_redirects_to_it(store):
    store.site.domains.update(is_primary=False)
    _custom_domain(store, "shop.alpha.test", is_primary=True)

    assert _get("shop.alpha.test").status_code == 200
    redirect = _get(store.site.hostname, "/cart/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "http://shop.alpha.test/cart/"


@pytest.mark.parametrize("status", [Domain.Status.PENDING, Domain.Status.FAILED])
def test_domain_that_is_not_active_is_an_unknown_host(store, status):
    _custom_domain(store, "shop.alpha.test", status=status)

    _assert_unknown_host(_get("shop.alpha.test"), store)


def test_domain_deactivated_after_being_cached_stops_routing_at_once(store):
    store.site.domains.update(is_primary=False)
    domain = _custom_domain(store, "shop.alpha.test", is_primary=True)
    assert _get("shop.alpha.test").status_code == 200  # the route is now cached

    domain.status = Domain.Status.FAILED
    domain.save()

    _assert_unknown_host(_get("shop.alpha.test"), store)


def test_domain_deleted_after_being_cached_stops_routing_at_once(store):
    domain = _custom_domain(store, "shop.alpha.test")
    assert _get("shop.alpha.test").status_code == 301  # cached as a redirect

    domain.delete()

    _assert_unknown_host(_get("shop.alpha.test"), store)


def test_domain_activated_after_an_unknown_answer_was_cached_routes_at_once(store):
    _assert_unknown_host(_get("shop.alpha.test"), store)  # "unknown" is cached too

    _custom_domain(store, "shop.alpha.test")

    assert _get("shop.alpha.test").status_code == 301


def test_domain_moved_to_another_store_routes_to_the_new_store_at_once(store, other_store):
    other_store.site.domains.update(is_primary=False)
    domain = _custom_domain(other_store, "shop.shared.test", is_primary=True)
    assert _get("shop.shared.test").context["page"].pk == other_store.site.root_page_id

    domain.delete()
    store.site.domains.update(is_primary=False)
    _custom_domain(store, "shop.shared.test", is_primary=True)

    assert _get("shop.shared.test").context["page"].pk == store.site.root_page_id

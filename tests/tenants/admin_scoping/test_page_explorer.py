"""The page explorer, its filters, page search and the page menu offer the request's store
only: Alpha's to its owner, the active store's (Beta) to the agent."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.helpers import XHR
from tests.tenants.admin_scoping.checks import assert_nothing_of, shown
from tests.tenants.admin_scoping.surfaces import edit_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


def test_explorer_filters_offer_own_site_and_editors_only(merchant_client, alpha, beta):
    for name in ("wagtailadmin_explore", "wagtailadmin_explore_results"):
        response = merchant_client.get(reverse(name, args=[alpha.home.pk]), **XHR)

        assert response.status_code == 200
        assert_nothing_of(response, beta)
    page = merchant_client.get(reverse("wagtailadmin_explore", args=[alpha.home.pk]))
    assert shown(page, alpha.owner.email)
    assert f'value="{alpha.store.site.pk}"' in page.content.decode()


@pytest.mark.parametrize(
    ("field", "page_attr"),
    [("owner", "category"), ("site", "category"), ("edited_by", "product_page")],
)
def test_explorer_filters_find_own_pages(merchant_client, alpha, beta, field, page_attr):
    value = alpha.store.site.pk if field == "site" else alpha.owner.pk
    url = reverse("wagtailadmin_explore_results", args=[alpha.home.pk])

    response = merchant_client.get(url, {field: value}, **XHR)

    assert response.status_code == 200
    assert edit_url(getattr(alpha, page_attr)) in response.content.decode()
    assert_nothing_of(response, beta)


@pytest.mark.parametrize("field", ["owner", "site", "edited_by"])
@pytest.mark.parametrize("name", ["wagtailadmin_explore", "wagtailadmin_explore_results"])
def test_explorer_filtered_by_another_store_reveals_nothing(
    merchant_client, alpha, beta, field, name
):
    value = beta.store.site.pk if field == "site" else beta.owner.pk
    url = reverse(name, args=[alpha.home.pk])

    for query in ({field: value}, {field: value, "search_all": "1", "q": "Lamp"}):
        response = merchant_client.get(url, query, **XHR)

        assert response.status_code == 200
        assert_nothing_of(response, beta)
        for page in (beta.category, beta.product_page):
            assert edit_url(page) not in response.content.decode()


@pytest.mark.parametrize("name", ["wagtailadmin_pages:search", "wagtailadmin_pages:search_results"])
@pytest.mark.parametrize("query", ["Lamp", "Beta", "Draft", "Lantern live:false"])
def test_page_search_finds_own_pages_only(merchant_client, alpha, beta, name, query):
    response = merchant_client.get(reverse(name), {"q": query}, **XHR)

    assert response.status_code == 200
    assert_nothing_of(response, beta)
    if query == "Lamp":
        assert edit_url(alpha.category) in response.content.decode()


def test_page_search_by_page_type_finds_own_pages_only(merchant_client, alpha, beta):
    url = reverse("wagtailadmin_pages:search")

    response = merchant_client.get(url, {"q": "", "content_type": "shop.categorypage"})

    assert response.status_code == 200
    assert edit_url(alpha.category) in response.content.decode()
    assert_nothing_of(response, beta)


def test_platform_admin_explorer_filters_offer_every_store(operator_client, alpha, beta):
    root = Page.get_first_root_node()

    response = operator_client.get(reverse("wagtailadmin_explore", args=[root.pk]))

    assert response.status_code == 200
    for data in (alpha, beta):
        assert shown(response, data.store.name)
        assert shown(response, data.owner.email)


def test_agent_explores_and_searches_the_active_store_only(agent_client, alpha, beta):
    root = agent_client.get(reverse("wagtailadmin_explore_root"))
    own = agent_client.get(reverse("wagtailadmin_explore", args=[beta.home.pk]))
    other = agent_client.get(reverse("wagtailadmin_explore", args=[alpha.home.pk]))
    search = agent_client.get(reverse("wagtailadmin_pages:search"), {"q": "Lamp"})

    assert root.status_code == 302
    assert root["Location"] == reverse("wagtailadmin_explore", args=[beta.home.pk])
    assert own.status_code == 200
    assert edit_url(beta.category) in own.content.decode()
    assert edit_url(beta.category) in search.content.decode()
    assert other.status_code in (302, 403, 404)
    for response in (own, other, search):
        assert_nothing_of(response, alpha, known_store=True)
        assert edit_url(alpha.home) not in response.content.decode()


def test_agent_page_menu_and_chooser_offer_the_active_store_only(agent_client, alpha, beta):
    menu = agent_client.get("/admin/api/main/pages/", {"child_of": "root"}, **XHR)
    chooser = agent_client.get(reverse("wagtailadmin_choose_page"), follow=True, **XHR)

    assert [item["id"] for item in menu.json()["items"]] == [beta.home.pk]
    assert shown(chooser, beta.home.title)
    for response in (menu, chooser):
        assert_nothing_of(response, alpha, known_store=True)


def test_agent_cannot_edit_the_other_stores_pages(agent_client, alpha):
    for page in (alpha.home, alpha.category):
        response = agent_client.get(edit_url(page), **XHR)

        assert response.status_code in (403, 404)
        assert_nothing_of(response, alpha, known_store=True)

"""Another store's pages: every page admin address naming one is refused, and the
explorer and the page chooser offer the merchant's own store only."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.urls import reverse

from tests.helpers import XHR, url_patterns
from tests.tenants.admin_scoping.checks import assert_nothing_of, assert_refused

pytestmark = pytest.mark.django_db


def _page_urls(page, revision_id, destination_id):
    """{view name: URL} for every page admin view that takes a page id."""
    values = {
        "page_id": page.pk,
        "pk": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": destination_id,
        "revision_id": revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "content_type_app_name": "shop",
        "content_type_model_name": "categorypage",
        "action_name": "approve",
        "task_state_id": 1,
        "task_id": 1,
        "workflow_state_id": 1,
    }
    urls = {}
    for namespace, pattern, _ in url_patterns():
        params = list(pattern.pattern.regex.groupindex)
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        page_params = {"page_id", "pk", "parent_page_id", "page_to_move_id"}
        if not (name or "").startswith(("wagtailadmin_pages:", "wagtailadmin_explore")):
            continue
        if not page_params & set(params):
            continue
        urls[name] = reverse(name, kwargs={param: values[param] for param in params})
    return urls


def test_every_page_admin_url_for_another_stores_page_is_refused(merchant_client, mine, theirs):
    page = theirs.product_page
    revision = page.latest_revision
    urls = _page_urls(page, revision.pk, theirs.home.pk)
    assert {"wagtailadmin_pages:edit", "wagtailadmin_pages:revisions_view"} <= set(urls)

    for name, url in urls.items():
        response = merchant_client.get(url, **XHR)
        if response.status_code == 405:
            response = merchant_client.post(url, **XHR)
        if name.startswith("wagtailadmin_explore"):
            assert response.status_code in (302, 403, 404), name
        else:
            assert_refused(response)
        assert_nothing_of(response, theirs)

    page.refresh_from_db()
    assert page.live
    assert page.title == theirs.product.title


def test_posting_an_edit_to_another_stores_page_is_refused(merchant_client, theirs):
    url = reverse("wagtailadmin_pages:edit", args=[theirs.category.pk])

    response = merchant_client.post(url, {"title": "Hijacked", "slug": "hijacked"}, **XHR)

    assert_refused(response)
    theirs.category.refresh_from_db()
    assert theirs.category.title == "Beta Lamps Shelf"


def test_page_explorer_opens_on_the_merchants_own_store(merchant_client, mine, theirs):
    root = merchant_client.get(reverse("wagtailadmin_explore_root"))
    own = merchant_client.get(reverse("wagtailadmin_explore", args=[mine.home.pk]))
    results = merchant_client.get(reverse("wagtailadmin_explore_results", args=[mine.home.pk]))
    other = merchant_client.get(reverse("wagtailadmin_explore", args=[theirs.home.pk]))

    assert root.status_code == 302
    assert root["Location"] == reverse("wagtailadmin_explore", args=[mine.home.pk])
    assert own.status_code == 200
    assert mine.category.title in own.content.decode()
    for response in (own, results):
        for page in (theirs.home, theirs.category, theirs.product_page):
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            assert edit_url not in response.content.decode()
    assert theirs.category.title not in results.content.decode()
    assert other.status_code in (302, 403, 404)
    assert_nothing_of(other, theirs)


def test_page_explorer_filters_offer_nothing_of_another_store(merchant_client, mine, theirs):
    response = merchant_client.get(reverse("wagtailadmin_explore", args=[mine.home.pk]))

    assert_nothing_of(response, theirs)


def test_page_chooser_opens_on_the_merchants_own_store(merchant_client, mine, theirs):
    query = {"page_type": "shop.categorypage", "user_perms": "copy_to"}

    start = merchant_client.get(reverse("wagtailadmin_choose_page"), query, **XHR)
    opened = merchant_client.get(start["Location"], **XHR)

    # Wagtail would open on the tree root, the one page above every store's categories.
    assert start.status_code == 302
    path, _, params = start["Location"].partition("?")
    assert path == reverse("wagtailadmin_choose_page_child", args=[mine.home.pk])
    assert QueryDict(params) == QueryDict(urlencode(query))
    assert opened.status_code == 200
    assert opened.json()["parent_page_id"] == mine.home.pk
    assert mine.category.title in opened.content.decode()
    assert_nothing_of(opened, theirs)


def test_page_chooser_lists_only_the_merchants_own_pages(merchant_client, mine, theirs):
    start = merchant_client.get(reverse("wagtailadmin_choose_page"), follow=True, **XHR)
    own = merchant_client.get(reverse("wagtailadmin_choose_page_child", args=[mine.home.pk]), **XHR)
    search = merchant_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Lamps"}, **XHR)

    for response in (start, own, search):
        assert response.status_code == 200
        assert_nothing_of(response, theirs)
    assert mine.home.title in start.content.decode()
    assert mine.category.title in own.content.decode()
    assert mine.category.title in search.content.decode()


@pytest.mark.parametrize("page_attr", ["home", "category"])
def test_page_chooser_refuses_to_browse_another_stores_pages(merchant_client, theirs, page_attr):
    page = getattr(theirs, page_attr)

    response = merchant_client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]), **XHR)

    assert_refused(response)
    assert_nothing_of(response, theirs)


def test_moving_an_own_page_under_another_stores_page_is_refused_unseen(
    merchant_client, mine, theirs
):
    url = reverse("wagtailadmin_pages:move_confirm", args=[mine.category.pk, theirs.home.pk])

    get = merchant_client.get(url, **XHR)
    post = merchant_client.post(url, **XHR)

    for response in (get, post):
        assert_refused(response)
        assert_nothing_of(response, theirs)
    mine.category.refresh_from_db()
    assert mine.category.get_parent().pk == mine.home.pk

"""What the fixes the matrix proved leave to the merchant: their own store's groups, people,
workflows, tags and objects are still offered and still work."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from tenants.roles import Role
from tests.helpers import XHR
from tests.isolation.probes import markers_shown
from tests.tenants.factories import role_group

pytestmark = pytest.mark.django_db


def _pending_page(side):
    return Page.objects.get(pk=side.subjects[0][0])


def test_page_privacy_offers_the_stores_own_groups_only(merchant_client, mine, theirs):
    url = reverse("wagtailadmin_pages:set_privacy", args=[mine.data.category.pk])

    form = merchant_client.get(url, **XHR)
    post = merchant_client.post(
        url,
        {"restriction_type": "groups", "groups": [role_group(theirs.store, Role.OWNER).pk]},
        **XHR,
    )

    assert form.status_code == 200
    assert role_group(mine.store, Role.OWNER).name in form.json()["html"]
    assert role_group(theirs.store, Role.OWNER).name not in form.json()["html"]
    assert post.status_code == 200
    assert not PageViewRestriction.objects.filter(page=mine.data.category).exists()


@pytest.mark.parametrize(
    ("url_name", "own_words"),
    [
        ("wagtailadmin_reports:locked_pages", ["Alpha Unpublished Draft", "owner@alpha.test"]),
        ("wagtailadmin_reports:workflow", ["Alpha Pending Approval", "Alpha Goods review"]),
        ("wagtailadmin_reports:workflow_tasks", ["Alpha Pending Approval", "Alpha Goods approval"]),
    ],
)
def test_reports_filter_by_the_stores_own_users_workflows_and_tasks(
    merchant_client, mine, theirs, url_name, own_words
):
    response = merchant_client.get(reverse(url_name))

    assert response.status_code == 200
    for words in own_words:
        assert words in response.content.decode()
    assert not markers_shown(response, theirs)


def test_tag_autocomplete_suggests_the_stores_own_tags(merchant_client, mine, theirs):
    url = reverse("wagtailadmin_tag_autocomplete")

    assert merchant_client.get(url, {"term": "alpha"}).json() == ["alpha-secret-tag"]
    assert merchant_client.get(url, {"term": "beta"}).json() == []


@pytest.mark.parametrize(
    ("app_model", "action", "attr"),
    [("wagtailcore/page", "unpublish", "product_page"), ("wagtailimages/image", "delete", "image")],
)
def test_bulk_actions_on_the_stores_own_objects_still_work(
    merchant_client, mine, app_model, action, attr
):
    app_label, model_name = app_model.split("/")
    target = getattr(mine.data, attr)
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])

    response = merchant_client.get(url, {"id": [target.pk]})

    assert response.status_code == 200
    assert target.title in response.content.decode()
    assert "have permission" not in response.content.decode()


def test_page_chooser_still_returns_the_stores_own_chosen_pages(merchant_client, mine):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")

    response = merchant_client.get(url, {"id": [mine.data.category.pk]}, **XHR)

    assert response.status_code == 200
    assert [page["id"] for page in response.json()["result"]] == [mine.data.category.pk]


def test_workflow_preview_still_shows_the_stores_own_page_in_moderation(merchant_client, mine):
    page = _pending_page(mine)
    url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, mine.objects["task"]])

    response = merchant_client.get(url)

    assert response.status_code == 200

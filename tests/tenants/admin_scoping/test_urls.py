"""Wagtail's own admin addresses answer with the store-scoped views, which still require
admin access."""

import inspect

import pytest
from django.urls import resolve, reverse

from tenants.admin_scoping.media import (
    StoreDocumentIndexView,
    StoreImageChooseView,
    StoreImageIndexView,
)
from tenants.admin_scoping.reports import (
    StoreLockedPagesView,
    StoreWorkflowTasksView,
    StoreWorkflowView,
)
from tenants.admin_scoping.tags import autocomplete

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "view_class"),
    [
        ("wagtailadmin_reports:locked_pages", StoreLockedPagesView),
        ("wagtailadmin_reports:locked_pages_results", StoreLockedPagesView),
        ("wagtailadmin_reports:workflow", StoreWorkflowView),
        ("wagtailadmin_reports:workflow_results", StoreWorkflowView),
        ("wagtailadmin_reports:workflow_tasks", StoreWorkflowTasksView),
        ("wagtailadmin_reports:workflow_tasks_results", StoreWorkflowTasksView),
        ("wagtailimages:index", StoreImageIndexView),
        ("wagtailimages:index_results", StoreImageIndexView),
        ("wagtailimages_chooser:choose", StoreImageChooseView),
        ("wagtaildocs:index", StoreDocumentIndexView),
        ("wagtaildocs:index_results", StoreDocumentIndexView),
    ],
)
def test_wagtail_admin_addresses_answer_with_the_store_views(url_name, view_class):
    match = resolve(reverse(url_name))

    assert issubclass(match.func.view_class, view_class)


def test_wagtail_tag_autocomplete_address_answers_with_the_store_view():
    view = resolve(reverse("wagtailadmin_tag_autocomplete")).func

    assert inspect.unwrap(view) is autocomplete


def test_report_views_still_require_admin_access(client):
    response = client.get(reverse("wagtailadmin_reports:workflow"), HTTP_HOST="localhost")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))

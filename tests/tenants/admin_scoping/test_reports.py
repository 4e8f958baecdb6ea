"""The locked pages, workflow and aging pages reports, and their filters, show the request's
store's pages, people and workflows only."""

import pytest
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow

from tests.helpers import XHR
from tests.tenants.admin_scoping.checks import assert_nothing_of, shown
from tests.tenants.admin_scoping.surfaces import draft_of, edit_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


PAGE_REPORTS = [
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:locked_pages_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:aging_pages_results",
]


@pytest.mark.parametrize("url_name", PAGE_REPORTS)
def test_page_reports_show_own_pages_people_and_workflows_only(
    merchant_client, alpha, beta, url_name
):
    response = merchant_client.get(reverse(url_name))

    assert response.status_code == 200
    assert_nothing_of(response, beta)
    if url_name.startswith("wagtailadmin_reports:workflow"):
        assert shown(response, draft_of(alpha).title)
    if url_name == "wagtailadmin_reports:workflow_tasks":
        assert shown(response, "Alpha desk check")
        assert shown(response, "Alpha sign-off")


@pytest.mark.parametrize("url_name", PAGE_REPORTS)
def test_agent_page_reports_show_the_active_store_only(agent_client, alpha, beta, url_name):
    response = agent_client.get(reverse(url_name))

    assert response.status_code == 200
    assert_nothing_of(response, alpha, known_store=True)


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("wagtailadmin_reports:locked_pages_results", "locked_by"),
        ("wagtailadmin_reports:workflow_results", "requested_by"),
        ("wagtailadmin_reports:workflow_results", "workflow"),
        ("wagtailadmin_reports:workflow_tasks_results", "workflow"),
        ("wagtailadmin_reports:workflow_tasks_results", "task"),
    ],
)
def test_page_reports_filtered_by_another_stores_people_reveal_nothing(
    merchant_client, alpha, beta, url_name, field
):
    other = {
        "locked_by": beta.owner.pk,
        "requested_by": beta.owner.pk,
        "workflow": Workflow.objects.get(name="Beta sign-off").pk,
        "task": GroupApprovalTask.objects.get(name="Beta desk check").pk,
    }[field]

    response = merchant_client.get(reverse(url_name), {field: other}, **XHR)

    assert response.status_code == 200
    assert_nothing_of(response, beta)


def test_locked_pages_report_filters_own_locks(merchant_client, alpha, beta):
    url = reverse("wagtailadmin_reports:locked_pages_results")

    response = merchant_client.get(url, {"locked_by": alpha.owner.pk}, **XHR)

    assert edit_url(alpha.category) in response.content.decode()
    assert edit_url(alpha.product_page) not in response.content.decode()  # the agent's


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_reports:locked_pages", "wagtailadmin_reports:workflow"]
)
def test_platform_admin_reports_cover_every_store(operator_client, alpha, beta, url_name):
    response = operator_client.get(reverse(url_name))

    assert response.status_code == 200
    for data in (alpha, beta):
        assert shown(response, data.owner.email)

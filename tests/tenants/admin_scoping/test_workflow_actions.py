"""Workflow actions act only on a task state of the page in their address."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from tests.helpers import XHR
from tests.tenants.admin_scoping.checks import assert_nothing_of
from tests.tenants.admin_scoping.surfaces import draft_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


def _task_state(page):
    return WorkflowState.objects.get(object_id=str(page.pk)).current_task_state


@pytest.mark.parametrize(
    "url_name",
    ["wagtailadmin_pages:workflow_action", "wagtailadmin_pages:collect_workflow_action_data"],
)
def test_acting_on_another_stores_review_through_an_own_page_is_refused(
    merchant_client, alpha, beta, url_name
):
    theirs = _task_state(draft_of(beta))
    url = reverse(url_name, args=[draft_of(alpha).pk, "approve", theirs.pk])

    get = merchant_client.get(url, **XHR)
    post = merchant_client.post(url, {"comment": "Looks fine"}, **XHR)

    for response in (get, post):
        assert response.status_code == 404
        assert_nothing_of(response, beta)
    theirs.refresh_from_db()
    assert theirs.status == TaskState.STATUS_IN_PROGRESS


def test_merchant_approves_own_review(merchant_client, alpha):
    own = _task_state(draft_of(alpha))
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[draft_of(alpha).pk, "approve", own.pk]
    )

    response = merchant_client.post(url, {"comment": ""}, **XHR)

    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == TaskState.STATUS_APPROVED

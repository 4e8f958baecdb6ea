"""The dashboard's panels show the request's store's pages only."""

import pytest
from django.urls import reverse

from tests.tenants.admin_scoping.checks import assert_nothing_of, shown
from tests.tenants.admin_scoping.surfaces import draft_of, edit_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


def test_dashboard_offers_own_drafts_for_review_only(merchant_client, alpha, beta):
    response = merchant_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert shown(response, draft_of(alpha).title)
    assert edit_url(alpha.category) in response.content.decode()  # locked by the owner
    assert_nothing_of(response, beta)


def test_agent_dashboard_shows_the_active_stores_pages_only(agent_client, alpha, beta):
    response = agent_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert shown(response, draft_of(beta).title)  # awaiting review
    assert edit_url(beta.product_page) in response.content.decode()  # edited and locked
    assert_nothing_of(response, alpha, known_store=True)
    for page in (alpha.product_page, draft_of(alpha)):
        assert edit_url(page) not in response.content.decode()

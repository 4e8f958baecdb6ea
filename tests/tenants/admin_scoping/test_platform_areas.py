"""The admin areas that span every store (users, groups, sites, workflows, redirects,
collections and the cross-store reports) are closed to merchants, and the shared admin
pages open to them show nothing of another store."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site, Workflow

from tests.helpers import XHR
from tests.tenants.admin_scoping.checks import assert_nothing_of, assert_refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailusers_users:index",
        "wagtailusers_users:add",
        "wagtailusers_groups:index",
        "wagtailusers_groups:add",
        "wagtailsites:index",
        "wagtailsites:add",
        "wagtailadmin_workflows:index",
        "wagtailadmin_workflows:add",
        "wagtailadmin_workflows:task_index",
        "wagtailredirects:index",
        "wagtailredirects:add",
        "wagtailadmin_collections:index",
    ],
)
def test_merchant_cannot_reach_platform_admin_areas(merchant_client, url_name):
    response = merchant_client.get(reverse(url_name))

    assert response.status_code != 200
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")


def test_merchant_cannot_open_users_groups_sites_workflows_or_redirects_by_id(
    merchant_client, theirs
):
    other_merchant = theirs.owner
    workflow = Workflow.objects.create(name="Beta approval")
    redirect = Redirect.objects.create(old_path="/beta-old", redirect_link="/beta-new")
    urls = [
        reverse("wagtailusers_users:edit", args=[other_merchant.pk]),
        reverse("wagtailusers_users:delete", args=[other_merchant.pk]),
        reverse("wagtailusers_groups:edit", args=[theirs.owner.groups.get().pk]),
        reverse("wagtailsites:edit", args=[theirs.store.site.pk]),
        reverse("wagtailsites:delete", args=[theirs.store.site.pk]),
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
        reverse("wagtailredirects:edit", args=[redirect.pk]),
    ]

    for url in urls:
        response = merchant_client.get(url, **XHR)
        assert_refused(response)
        assert_nothing_of(response, theirs)
    assert User.objects.filter(pk=other_merchant.pk, is_active=True).exists()
    assert Group.objects.filter(pk=theirs.owner.groups.get().pk).exists()
    assert Site.objects.filter(pk=theirs.store.site.pk).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
    ],
)
def test_reports_spanning_every_store_are_refused_to_merchants(merchant_client, theirs, url_name):
    response = merchant_client.get(reverse(url_name))

    assert response.status_code == 403
    assert_nothing_of(response, theirs)


def test_page_type_usage_listing_is_refused_to_merchants(merchant_client, theirs):
    url = reverse("wagtailadmin_pages:type_use", args=["shop", "productpage"])

    response = merchant_client.get(url)

    assert response.status_code == 403
    assert_nothing_of(response, theirs)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:page_types_usage",
        "wagtailforms:index",
    ],
)
def test_platform_admin_still_gets_the_cross_store_reports(operator_client, mine, theirs, url_name):
    assert operator_client.get(reverse(url_name)).status_code == 200


def test_reports_menu_hides_the_cross_store_reports_from_merchants(merchant_client):
    response = merchant_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert reverse("wagtailadmin_reports:locked_pages") in content
    assert reverse("wagtailadmin_reports:site_history") not in content
    assert reverse("wagtailadmin_reports:page_types_usage") not in content


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("wagtailadmin_home", {}),
        ("wagtailadmin_reports:aging_pages", {}),
        ("wagtailadmin_reports:locked_pages", {}),
        ("wagtailadmin_reports:workflow", {}),
        ("wagtailadmin_reports:workflow_tasks", {}),
        ("wagtailadmin_pages:search", {"q": "Lamp"}),
        ("wagtailadmin_pages:search_results", {"q": "Lamp"}),
        ("wagtailimages:index", {}),
        ("wagtailimages_chooser:choose", {}),
        ("wagtailimages_chooser:choose_results", {"q": "Lamp"}),
        ("wagtaildocs:index", {}),
        ("wagtailadmin_account", {}),
    ],
)
def test_shared_admin_pages_show_nothing_of_another_store(merchant_client, theirs, url_name, query):
    response = merchant_client.get(reverse(url_name), query)

    assert response.status_code == 200
    assert_nothing_of(response, theirs)


def test_image_of_another_store_cannot_be_chosen_or_read_through_the_admin_api(
    merchant_client, theirs
):
    chosen = merchant_client.get(
        reverse("wagtailimages_chooser:chosen", args=[theirs.image.pk]), **XHR
    )
    listing = merchant_client.get("/admin/api/main/images/", **XHR)
    detail = merchant_client.get(f"/admin/api/main/images/{theirs.image.pk}/", **XHR)

    for response in (chosen, listing, detail):
        assert_refused(response)
        assert_nothing_of(response, theirs)


@pytest.mark.parametrize("app_model", ["shop/storesettings"])
def test_site_settings_of_another_store_are_refused(merchant_client, mine, theirs, app_model):
    app_name, model_name = app_model.split("/")

    own = merchant_client.get(
        reverse("wagtailsettings:edit", args=[app_name, model_name, mine.store.site.pk])
    )
    other = merchant_client.get(
        reverse("wagtailsettings:edit", args=[app_name, model_name, theirs.store.site.pk]),
        **XHR,
    )

    assert own.status_code == 200
    assert_refused(other)
    assert_nothing_of(other, theirs)

"""Site settings open on the request's store and list no other store's."""

import pytest
from django.urls import reverse

from shop.models import StoreSettings
from tests.helpers import XHR
from tests.tenants.admin_scoping.checks import assert_nothing_of
from tests.themes.editor import NAMESPACE, theme_of, theme_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


# The stores theme is a snippet, scoped as store rows are (tests/themes/test_theme_admin.py).
SETTINGS = [("shop", "storesettings")]


def _settings_url(app_model, site=None):
    return reverse("wagtailsettings:edit", args=[*app_model, *([site.pk] if site else [])])


@pytest.mark.parametrize("app_model", SETTINGS, ids="/".join)
def test_settings_menu_opens_the_merchants_own_store(merchant_client, alpha, beta, app_model):
    response = merchant_client.get(_settings_url(app_model))

    assert response.status_code == 302
    assert response["Location"] == _settings_url(app_model, alpha.store.site)
    page = merchant_client.get(response["Location"])
    assert page.status_code == 200
    assert _settings_url(app_model, beta.store.site) not in page.content.decode()
    assert_nothing_of(page, beta)


@pytest.mark.parametrize("app_model", SETTINGS, ids="/".join)
def test_agent_settings_open_on_the_active_store_and_list_no_other(
    agent_client, alpha, beta, app_model
):
    response = agent_client.get(_settings_url(app_model))
    own = agent_client.get(_settings_url(app_model, beta.store.site))
    other = agent_client.get(_settings_url(app_model, alpha.store.site), **XHR)

    assert response.status_code == 302
    assert response["Location"] == _settings_url(app_model, beta.store.site)
    assert own.status_code == 200
    assert _settings_url(app_model, alpha.store.site) not in own.content.decode()
    assert_nothing_of(own, alpha, known_store=True)
    assert other.status_code in (403, 404)
    assert_nothing_of(other, alpha, known_store=True)


def test_agent_cannot_save_the_other_stores_settings(agent_client, alpha):
    url = _settings_url(("shop", "storesettings"), alpha.store.site)

    response = agent_client.post(url, {"currency": "USD", "contact_email": "x@y.test"}, **XHR)

    assert response.status_code in (403, 404)
    assert StoreSettings.objects.get(site=alpha.store.site).contact_email != "x@y.test"


def test_platform_admin_settings_switcher_lists_every_store(operator_client, alpha, beta):
    app_model = ("shop", "storesettings")

    response = operator_client.get(_settings_url(app_model, alpha.store.site))

    assert response.status_code == 200
    for data in (alpha, beta):
        assert _settings_url(app_model, data.store.site) in response.content.decode()


def test_agent_theme_opens_the_active_stores_theme_and_not_the_others(agent_client, alpha, beta):
    listing = agent_client.get(reverse(f"{NAMESPACE}:list"))
    other = agent_client.get(theme_url("edit", theme_of(alpha.store)), **XHR)

    assert listing.status_code == 302
    assert listing["Location"] == theme_url("edit", theme_of(beta.store))
    assert other.status_code == 404
    assert_nothing_of(other, alpha, known_store=True)

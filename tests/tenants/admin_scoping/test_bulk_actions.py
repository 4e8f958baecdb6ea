"""Bulk actions naming any object of another store are refused, whatever their model; on
the store's own objects they still confirm."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.helpers import XHR
from tests.tenants.admin_scoping.checks import assert_nothing_of, shown
from tests.tenants.admin_scoping.surfaces import media_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("surfaces")]


BULK_ACTIONS = [
    ("wagtailcore", "page", "delete"),
    ("wagtailcore", "page", "move"),
    ("wagtailcore", "page", "publish"),
    ("wagtailcore", "page", "unpublish"),
    ("wagtailimages", "image", "delete"),
    ("wagtailimages", "image", "add_tags"),
    ("wagtailimages", "image", "add_to_collection"),
    ("wagtaildocs", "document", "delete"),
    ("wagtaildocs", "document", "add_tags"),
    ("wagtaildocs", "document", "add_to_collection"),
]


def _bulk_targets(data, model_name):
    if model_name == "page":
        return [data.category, data.product_page]
    return [media_of(data, f"{model_name}s")]


@pytest.mark.parametrize("action", BULK_ACTIONS, ids="/".join)
@pytest.mark.parametrize("person", ["merchant", "agent"])
def test_bulk_actions_ignore_another_stores_objects(request, alpha, beta, person, action):
    client = request.getfixturevalue(f"{person}_client")
    other = beta if person == "merchant" else alpha
    targets = _bulk_targets(other, action[1])
    url = reverse("wagtail_bulk_action", args=action)
    query = {"id": [target.pk for target in targets]}

    get = client.get(url, query, **XHR)
    post = client.post(f"{url}?{urlencode(query, doseq=True)}", {"tags": "x"}, **XHR)

    for response in (get, post):
        assert response.status_code == 404
        assert_nothing_of(response, other, known_store=person == "agent")
    for target in targets:
        assert type(target).objects.filter(pk=target.pk).exists()


def test_bulk_action_on_every_child_of_another_stores_page_is_refused(merchant_client, beta):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = merchant_client.get(url, {"id": "all", "childOf": beta.home.pk}, **XHR)

    assert response.status_code == 404
    assert_nothing_of(response, beta)


@pytest.mark.parametrize("action", BULK_ACTIONS, ids="/".join)
def test_bulk_actions_on_own_objects_still_confirm(merchant_client, alpha, beta, action):
    targets = _bulk_targets(alpha, action[1])
    url = reverse("wagtail_bulk_action", args=action)

    response = merchant_client.get(url, {"id": [target.pk for target in targets]}, **XHR)

    assert response.status_code == 200
    assert shown(response, str(targets[0]))
    assert_nothing_of(response, beta)

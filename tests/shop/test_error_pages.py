"""Shoppers who mistype an address, or hit a bug, see their store's themed page.

The test settings run with ``DEBUG`` off, as ``make run`` and production do.
"""

import pytest
from django.test import Client as HttpClient

pytestmark = pytest.mark.django_db


def test_a_missing_address_on_a_store_shows_the_stores_themed_404(shopper_client, store):
    response = shopper_client.get("/no-such-page/")

    text = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="store-not-found"' in text
    assert "preset-classic" in text  # the store's own preset
    assert f"{store.name}</" in text  # its header
    assert "Traceback" not in text
    assert "Using the URLconf" not in text  # Django's debug page


def test_a_missing_product_of_a_store_shows_the_themed_404_of_that_stores_preset(
    other_store,
):
    client = HttpClient(HTTP_HOST=other_store.site.hostname)

    response = client.get("/shirts/no-such-shirt/")

    assert response.status_code == 404
    assert "preset-modern" in response.content.decode()


def test_a_missing_address_on_the_platform_shows_the_platforms_404(platform_client):
    response = platform_client.get("/no-such-page/")

    text = response.content.decode()
    assert response.status_code == 404
    assert "Sorry, there is no page at this address." in text
    assert "store-not-found" not in text


@pytest.mark.urls("tests.shop.failing_urls")
def test_a_bug_on_a_store_shows_the_stores_themed_500(store):
    client = HttpClient(HTTP_HOST=store.site.hostname, raise_request_exception=False)

    response = client.get("/fails/")

    text = response.content.decode()
    assert response.status_code == 500
    assert 'data-testid="store-error"' in text
    assert "preset-classic" in text
    assert "A bug in a storefront view" not in text


@pytest.mark.urls("tests.shop.failing_urls")
def test_a_bug_on_the_platform_shows_the_plain_500(platform_client):
    platform_client.raise_request_exception = False

    response = platform_client.get("/fails/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "store-error" not in response.content.decode()

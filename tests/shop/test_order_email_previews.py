"""The admin's previews of the order emails (Settings, Order emails): each email for a
sample order or one of the active store's orders, its HTML in a sandboxed frame and its
text; another store's order is a 404, and staff who may not see orders get nothing."""

import html

import pytest
from django.urls import reverse

from shop.models import StoreSettings
from shop.order_emails import EMAILS
from tenants.roles import Role
from tests.shop.factories import place_test_order, stocked_variant
from tests.shop.order_email_helpers import set_store_settings
from tests.shop.shipping_factories import add_zone, rate, set_store
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def order(store):
    set_store_settings(store.site, contact_email="hello@alpha.test")
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    return place_test_order(lines=[(lamp, 1)], email="ann@example.test", run_on_commit=False)


def test_the_list_names_every_email_with_its_previews(merchant_client, order):
    response = merchant_client.get(reverse("shop_order_emails"))

    assert response.status_code == 200
    body = response.content.decode()
    for kind in EMAILS.values():
        assert kind.label in body
        assert reverse("shop_order_email_sample", args=[kind.key]) in body
    assert reverse("shop_order_email_preview", args=["shipped", order.pk]) in body


@pytest.mark.parametrize("kind", list(EMAILS))
def test_each_email_previews_for_a_sample_order(merchant_client, store, kind):
    response = merchant_client.get(reverse("shop_order_email_sample", args=[kind]))

    assert response.status_code == 200
    body = response.content.decode()
    assert '<iframe title="' in body and 'sandbox=""' in body
    assert html.escape("Alpha Goods") in body
    rendered = response.context["rendered"]
    assert f'srcdoc="{html.escape(rendered.html)}"' in body
    assert rendered.subject in html.unescape(body)
    assert "#1001" in rendered.text
    assert "/orders/track/" in rendered.text


def test_a_preview_of_a_real_order_shows_that_order(merchant_client, order):
    response = merchant_client.get(
        reverse("shop_order_email_preview", args=["confirmation", order.pk])
    )

    assert response.status_code == 200
    assert response.context["rendered"].subject.startswith(f"Order #{order.number} confirmed")
    assert "ann@example.test" in response.content.decode()
    assert response.context["message"].reply_to == ["hello@alpha.test"]


def test_another_stores_order_is_not_found(merchant_client, other_store):
    lamp = stocked_variant(site=other_store.site, price="20.00", stock=5, title="Their lamp")
    theirs = place_test_order(lines=[(lamp, 1)], email="bob@beta.test", run_on_commit=False)

    response = merchant_client.get(
        reverse("shop_order_email_preview", args=["confirmation", theirs.pk])
    )

    assert response.status_code == 404
    assert "bob@beta.test" not in response.content.decode()


def test_an_unknown_email_is_not_found(merchant_client, store):
    assert merchant_client.get(reverse("shop_order_email_sample", args=["nope"])).status_code == 404


def test_staff_who_may_not_see_orders_get_no_previews(platform_client, store):
    platform_client.force_login(staff_member(store, Role.EDITOR))

    url = reverse("shop_order_emails")
    assert (
        platform_client.get(url, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403
    )
    assert platform_client.get(url)["Location"] == reverse("wagtailadmin_home")
    page = platform_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("shop_order_emails") not in page


def _sample(merchant_client, kind="confirmation"):
    """The email ``kind`` rendered for the sample order: subject, text and HTML."""
    response = merchant_client.get(reverse("shop_order_email_sample", args=[kind]))
    assert response.status_code == 200
    return response.context["rendered"]


def _home_country(store) -> str:
    return StoreSettings.for_site(store.site).default_country.code


def test_the_sample_order_adds_tax_and_ships_as_the_store_does(merchant_client, store):
    set_store(store.site, currency="EUR", locale="en-GB", prices_include_tax=False, tax_rate=20)
    add_zone(store.site, [_home_country(store)], rate("Tracked post", price="5.00"))

    text = _sample(merchant_client).text

    assert "2 × Linen tea towel (Sage): €24.00" in text
    assert "Subtotal: €64.00" in text
    assert "Shipping (Tracked post): €5.00" in text
    assert "Tax 20 %: €13.80" in text  # 4.80 + 8.00 on the items, 1.00 on shipping
    assert "Total: €82.80" in text


def test_the_sample_order_shows_the_vat_its_prices_include(merchant_client, store):
    set_store(store.site, currency="NOK", locale="nb-NO", prices_include_tax=True, tax_rate=25)
    add_zone(store.site, [_home_country(store)], rate("Posten", price="69.00"))

    confirmation = _sample(merchant_client)
    refund = _sample(merchant_client, "refunded")

    text = confirmation.text.replace(NBSP, " ")
    assert "Shipping (Posten): 69,00 kr" in text
    assert "Including VAT 25 %: 26,60 kr" in text  # 4,80 + 8,00 + 13,80 on shipping
    assert "Total: 133,00 kr" in text
    assert f"26,60{NBSP}kr" in confirmation.html
    assert "we have refunded 24,00 kr for order #1001" in refund.text.replace(NBSP, " ")

"""Paying by card: offered when the store can take cards, one PaymentIntent per order
whatever the shopper repeats, the payment page's policy, and a return page that says where
the payment stands without marking anything paid."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from shop.forms import CheckoutForm
from shop.models import Order, PaymentSettings, StockLevel, StoreSettings
from shop.payments.stripe_client import from_minor_units, to_minor_units
from tenancy.scope import store_scope
from tests.config.headers import csp_directives
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.factories import stocked_variant
from tests.shop.payment_helpers import (
    card_checkout,
    client_secret_on,
    deliver,
    intent_event,
    payment_of,
    the_order,
)
from tests.shop.shipping_factories import set_store
from tests.themes.test_custom_code import CUSTOM_CSS, HEAD_CODE
from tests.themes.theme_values import set_theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def variant(card_store):
    return stocked_variant(site=card_store.site, price="25.00", stock=3, title="Wool blanket")


def _methods(store):
    with store_scope([store.site.pk]):
        return CheckoutForm.payment_methods(StoreSettings.objects.get(site=store.site))


def test_cards_are_offered_only_to_stores_that_can_take_them(store, fake_stripe, settings):
    assert "card" not in _methods(store)

    PaymentSettings.objects.update_or_create(
        site=store.site, defaults={"stripe_account_id": "acct_alpha123456"}
    )
    assert _methods(store)[0] == "card"

    settings.STRIPE_SECRET_KEY = ""  # the platform has no keys: a connected account is not enough
    assert "card" not in _methods(store)


def test_a_card_order_goes_to_the_payment_page_with_one_intent_for_its_total(
    card_store, variant, shopper_client, fake_stripe
):
    response = card_checkout(shopper_client, variant, quantity=2)

    order = the_order(card_store)
    assert order.payment_method == Order.PaymentMethod.CARD
    assert order.status == Order.Status.PENDING_PAYMENT
    assert response.url == reverse("shop:card-payment", args=[order.number])
    page = shopper_client.get(response.url)
    assert page.status_code == 200
    (intent,) = fake_stripe.intents_created()
    assert intent["amount"] == to_minor_units(order.total, order.currency) == 5500
    assert intent["currency"] == "eur"
    assert intent["metadata"] == {"order_id": str(order.pk), "site_id": str(card_store.site.pk)}
    assert intent["_account"] == "acct_alpha123456"
    assert client_secret_on(page) == intent["client_secret"]
    assert payment_of(order).intent_id == intent["id"]
    assert 'data-testid="test-card-form"' in page.content.decode()


def test_submitting_checkout_twice_makes_one_order_and_one_intent(
    card_store, variant, shopper_client, fake_stripe
):
    shopper_client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": 1})
    token = issued_checkout_token(shopper_client)
    first = card_checkout(shopper_client, token=token)
    second = card_checkout(shopper_client, token=token)

    assert first.url == second.url
    shopper_client.get(first.url)
    shopper_client.get(second.url)
    with store_scope([card_store.site.pk]):
        assert Order.objects.count() == 1
        assert StockLevel.objects.get(variant=variant).on_hand == 2
    assert len(fake_stripe.intents_created()) == 1


def test_refreshing_the_payment_page_shows_the_same_intent(
    card_store, variant, shopper_client, fake_stripe
):
    url = card_checkout(shopper_client, variant).url

    secrets = {client_secret_on(shopper_client.get(url)) for _ in range(3)}

    assert len(secrets) == 1
    assert len(fake_stripe.intents_created()) == 1
    assert len(fake_stripe.calls_to("POST", "/v1/payment_intents")) == 1


def test_a_retried_create_call_is_answered_by_stripe_with_the_first_intent(
    card_store, variant, shopper_client, fake_stripe
):
    """The idempotency key is the order's: a create retried after a lost answer (the row
    not written) gets the intent already made, not a second one."""
    url = card_checkout(shopper_client, variant).url
    shopper_client.get(url)
    order = the_order(card_store)
    with store_scope([card_store.site.pk]):
        payment_of(order).delete()

    shopper_client.get(url)

    creates = fake_stripe.calls_to("POST", "/v1/payment_intents")
    assert len(creates) == 2
    assert {c.idempotency_key for c in creates} == {f"order-{order.pk}-intent"}
    assert len(fake_stripe.intents_created()) == 1


def test_the_payment_page_of_another_session_is_not_found(card_store, variant, shopper_client):
    url = card_checkout(shopper_client, variant).url

    assert Client(HTTP_HOST=card_store.site.hostname).get(url).status_code == 404


def test_stripe_down_shows_a_clear_message_and_no_card_form(
    card_store, variant, shopper_client, fake_stripe
):
    url = card_checkout(shopper_client, variant).url
    fake_stripe.failing_creates = 3  # the first try and the library's two retries

    page = shopper_client.get(url)

    assert page.status_code == 200
    assert 'data-testid="card-unavailable"' in page.content.decode()
    assert "js.stripe.com" not in page.headers["Content-Security-Policy"]
    fake_stripe.failing_creates = 0
    assert client_secret_on(shopper_client.get(url))  # a minute later it works


def test_only_the_payment_page_lets_stripe_js_in(card_store, variant, shopper_client):
    url = card_checkout(shopper_client, variant).url

    paying = shopper_client.get(url)
    checkout = shopper_client.get(reverse("shop:cart-detail"))
    home = shopper_client.get("/")

    policy = paying.headers["Content-Security-Policy"]
    assert "script-src 'self' https://js.stripe.com" in policy
    assert "https://hooks.stripe.com" in policy
    assert "connect-src 'self' https://api.stripe.com" in policy
    assert '<script src="https://js.stripe.com/v3/" defer>' in paying.content.decode()
    assert "no-store" in paying.headers["Cache-Control"]
    for other in (checkout, home):
        assert "stripe.com" not in other.headers["Content-Security-Policy"]
        assert "js.stripe.com" not in other.content.decode()


def test_the_stores_own_code_never_runs_on_the_payment_page(card_store, variant, shopper_client):
    set_theme(
        card_store.site,
        custom_head_code=HEAD_CODE,
        custom_css=CUSTOM_CSS,
        ga4_measurement_id="G-AB12CD34EF",
    )

    response = shopper_client.get(card_checkout(shopper_client, variant).url)

    page = response.content.decode()
    assert CUSTOM_CSS not in page and "analytics.js" not in page
    assert HEAD_CODE not in page
    policy = csp_directives(response)
    assert policy["script-src"] == ["'self'", "https://js.stripe.com", "https://*.js.stripe.com"]
    assert policy["connect-src"] == ["'self'", "https://api.stripe.com"]
    assert "style-src-elem" not in policy


def test_paying_with_the_test_card_shows_the_payment_received_but_only_the_webhook_pays(
    card_store, variant, shopper_client, fake_stripe
):
    url = card_checkout(shopper_client, variant).url
    shopper_client.get(url)
    order = the_order(card_store)

    back = shopper_client.post(
        reverse("shop:card-payment-test-confirm", args=[order.number]), {"card": "pm_card_visa"}
    )
    done = shopper_client.get(back.url)

    assert "Payment received, thank you." in done.content.decode()
    order.refresh_from_db()
    assert not order.is_paid and order.status == Order.Status.PENDING_PAYMENT
    intent_id = payment_of(order).intent_id
    assert (
        deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id)).status_code == 200
    )
    order.refresh_from_db()
    assert order.is_paid and order.status == Order.Status.PAID
    assert len(fake_stripe.charges()) == 1
    # Refreshing the return page changes nothing and charges nothing.
    assert shopper_client.get(back.url).status_code == 200
    assert len(fake_stripe.charges()) == 1


def test_the_webhook_arriving_before_the_redirect_leaves_one_paid_order(
    card_store, variant, shopper_client, fake_stripe
):
    url = card_checkout(shopper_client, variant).url
    shopper_client.get(url)
    order = the_order(card_store)
    intent_id = payment_of(order).intent_id
    fake_stripe.confirm_in_browser(intent_id)

    deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id))
    done = shopper_client.get(reverse("shop:card-payment-return", args=[order.number]))
    again = shopper_client.get(url)

    assert "We have received your payment" in done.content.decode()
    assert again.status_code == 302  # nothing left to pay: the confirmation page
    assert again.url == reverse("shop:order-complete", args=[order.number])
    with store_scope([card_store.site.pk]):
        assert Order.objects.get().status == Order.Status.PAID
    assert len(fake_stripe.intents_created()) == 1


def test_a_declined_card_is_said_next_to_the_form_and_the_shopper_can_retry(
    card_store, variant, shopper_client, fake_stripe
):
    url = card_checkout(shopper_client, variant).url
    shopper_client.get(url)
    order = the_order(card_store)
    confirm = reverse("shop:card-payment-test-confirm", args=[order.number])

    declined = shopper_client.post(confirm, {"card": "pm_card_chargeDeclined"}, follow=True)
    assert "Your card was declined." in declined.content.decode()
    paid = shopper_client.post(confirm, {"card": "pm_card_visa"}, follow=True)

    assert "Payment received, thank you." in paid.content.decode()
    assert len(fake_stripe.charges()) == 1


def test_three_d_secure_waits_for_the_bank_then_succeeds(
    card_store, variant, shopper_client, fake_stripe
):
    url = card_checkout(shopper_client, variant).url
    shopper_client.get(url)
    order = the_order(card_store)
    intent_id = payment_of(order).intent_id

    waiting = shopper_client.post(
        reverse("shop:card-payment-test-confirm", args=[order.number]),
        {"card": "pm_card_authenticationRequired"},
        follow=True,
    )
    assert "Your bank is still confirming the payment." in waiting.content.decode()
    fake_stripe.complete_authentication(intent_id)
    deliver(intent_event(fake_stripe, "payment_intent.succeeded", intent_id))

    order.refresh_from_db()
    assert order.status == Order.Status.PAID


def test_the_test_card_endpoint_is_closed_for_live_keys_and_when_turned_off(
    card_store, variant, shopper_client, settings
):
    url = card_checkout(shopper_client, variant).url
    shopper_client.get(url)
    order = the_order(card_store)
    confirm = reverse("shop:card-payment-test-confirm", args=[order.number])

    settings.STRIPE_TEST_CONFIRM = False
    assert shopper_client.post(confirm, {"card": "pm_card_visa"}).status_code == 404
    settings.STRIPE_TEST_CONFIRM = True
    settings.STRIPE_SECRET_KEY = "sk_live_platform"
    assert shopper_client.post(confirm, {"card": "pm_card_visa"}).status_code == 404


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        ("12.34", "EUR", 1234),
        ("1500", "JPY", 1500),
        ("0.10", "NOK", 10),
        ("99999.99", "USD", 9999999),
    ],
)
def test_amounts_go_to_stripe_in_the_currencys_minor_units(amount, currency, minor):
    assert to_minor_units(Decimal(amount), currency) == minor
    assert from_minor_units(minor, currency) == Decimal(amount)


def test_the_payment_page_says_how_long_the_items_are_held(
    card_store, variant, shopper_client, fake_stripe
):
    set_store(card_store.site, reservation_minutes=45, time_zone="Europe/Oslo")
    with time_machine.travel(datetime(2030, 3, 1, 14, 0, tzinfo=UTC), tick=False):
        page = shopper_client.get(card_checkout(shopper_client, variant).url)

    notice = re.sub(r"\s+", " ", page.content.decode())
    # 14:45 UTC, written in the store's time: Oslo is an hour ahead in March.
    assert "Your items are held for you for 45 minutes while you pay, until 15:45." in notice
    assert "After that the order is cancelled and they go back on sale." in notice

"""Card payments under real concurrency, on PostgreSQL with threads: a shopper's tabs opening
the payment page at once make one PaymentIntent, and the same webhook event delivered at
once is handled once."""

import pytest
from django.test import Client as HttpClient

from shop.models import Order, OrderEvent, Payment, PaymentSettings, StripeEvent
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.factories import stocked_variant
from tests.shop.payment_helpers import card_checkout, deliver, intent_event, payment_of
from tests.tenants.factories import StoreFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

TABS = 4


def _waiting_card_order(fake_stripe):
    store = StoreFactory(slug="race")
    PaymentSettings.objects.update_or_create(
        site=store.site, defaults={"stripe_account_id": "acct_alpha123456"}
    )
    blanket = stocked_variant(site=store.site, stock=5, title="Wool blanket")
    client = HttpClient(HTTP_HOST=store.site.hostname)
    url = card_checkout(client, blanket).url
    with store_scope([store.site.pk]):
        order = Order.objects.get()
    return client, url, order


def test_payment_pages_opened_at_once_make_one_intent(fake_stripe):
    client, url, order = _waiting_card_order(fake_stripe)

    outcomes = race(lambda index: client.get(url).status_code, TABS)

    assert outcomes == [200] * TABS
    assert len(fake_stripe.intents_created()) == 1
    with store_scope([order.site_id]):
        assert Payment.objects.filter(order=order).count() == 1


def test_one_event_delivered_at_once_is_handled_once(fake_stripe):
    client, url, order = _waiting_card_order(fake_stripe)
    client.get(url)
    intent_id = payment_of(order).intent_id
    fake_stripe.confirm_in_browser(intent_id)
    payload = intent_event(fake_stripe, "payment_intent.succeeded", intent_id)

    outcomes = race(lambda index: deliver(payload).status_code, TABS)

    assert outcomes == [200] * TABS
    assert StripeEvent.objects.count() == 1
    with store_scope([order.site_id]):
        assert Order.objects.get().status == Order.Status.PAID
        received = OrderEvent.objects.filter(kind=OrderEvent.Kind.PAYMENT_RECEIVED)
        assert received.count() == 1

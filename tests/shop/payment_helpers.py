"""What a shopper paying by card and Stripe's webhook deliveries do, for the payment tests."""

import re

from django.test import Client, TestCase
from django.urls import reverse

from shop.models import Order, Payment
from tenancy.scope import store_scope
from tests.fakestripe import webhooks
from tests.helpers import PLATFORM_HOST
from tests.shop.checkout_helpers import issued_checkout_token
from tests.shop.test_views import CHECKOUT_FORM

PLATFORM_SECRET = "whsec_test_platform"
ACCOUNT = "acct_alpha123456"


def card_checkout(client, variant=None, *, quantity=1, token=None):
    """Put ``variant`` in the cart (if given) and place the order by card; the checkout's
    answer."""
    if variant is not None:
        client.post(reverse("shop:cart-add"), {"variant": variant.pk, "quantity": quantity})
    form = {
        **CHECKOUT_FORM,
        "payment_method": "card",
        "checkout_token": token or issued_checkout_token(client),
    }
    return client.post(reverse("shop:checkout"), form)


def the_order(store) -> Order:
    with store_scope([store.site.pk]):
        return Order.objects.get()


def payment_of(order) -> Payment:
    with store_scope([order.site_id]):
        return Payment.objects.get(order=order)


def client_secret_on(page) -> str:
    return re.search(r'data-client-secret="([^"]+)"', page.content.decode()).group(1)


def deliver(payload, *, secret=PLATFORM_SECRET, timestamp=None, body=None, path=None):
    """POST a webhook event to the platform's endpoint, signed with ``secret``."""
    signed_body, signature = webhooks.signed(payload, secret, timestamp=timestamp)
    # The event's task is enqueued after the request's transaction commits, and runs
    # eagerly here, as a worker would run it then.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return Client(HTTP_HOST=PLATFORM_HOST).post(
            path or reverse("shop:stripe-webhook"),
            data=body if body is not None else signed_body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )


def intent_event(fake, type_, intent_id, *, account=ACCOUNT, **overrides):
    """A ``payment_intent.*`` event carrying the intent as the fake holds it now."""
    obj = {**fake.public(fake.intents[intent_id]), **overrides}
    return webhooks.event(type_, obj, account=account)


def placed_card_order(client, variant, *, quantity=1):
    """A card order placed through checkout, its payment page opened: (order, intent id)."""
    url = card_checkout(client, variant, quantity=quantity).url
    client.get(url)
    with store_scope([variant.site_id]):
        order = Order.objects.get(pk=client.session["shop_placed_orders"][-1])
    return order, payment_of(order).intent_id

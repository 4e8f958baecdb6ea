"""The one way our code talks to Stripe: which keys serve a store, and the calls we make.

Every create call passes an idempotency key derived from our own ids, so a retried request
(a double click, a task run twice, a network timeout) makes one intent and one refund.
"""

from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings

from ..data import Order, PaymentSettings, Refund
from ..data.payments import is_live_key
from ..data.secrets import SecretUnreadable, decrypt

# Currencies Stripe counts in whole units (its "zero-decimal currencies").
ZERO_DECIMAL = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "JPY",
        "KMF",
        "KRW",
        "MGA",
        "PYG",
        "RWF",
        "UGX",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """``amount`` in the currency's smallest unit (cents; yen for JPY)."""
    exponent = 0 if currency.upper() in ZERO_DECIMAL else 2
    return int((amount * (10**exponent)).to_integral_value())


def from_minor_units(amount: int, currency: str) -> Decimal:
    exponent = 0 if currency.upper() in ZERO_DECIMAL else 2
    return (Decimal(amount) / (10**exponent)).quantize(Decimal(1) / (10**exponent))


@dataclass(frozen=True)
class StripeKeys:
    """The keys a store's card payments use; ``account`` is the connected account
    (``acct_...``) charged through the platform's keys, "" for a store's own keys."""

    secret_key: str
    publishable_key: str
    webhook_secret: str
    account: str = ""

    @property
    def livemode(self) -> bool:
        return is_live_key(self.secret_key)

    @property
    def may_confirm_with_test_card(self) -> bool:
        return settings.STRIPE_TEST_CONFIRM and not self.livemode

    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(
            self.secret_key,
            stripe_account=self.account or None,
            base_addresses={"api": settings.STRIPE_API_BASE},
            max_network_retries=2,
        )


def platform_keys() -> StripeKeys | None:
    if not (settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY):
        return None
    return StripeKeys(
        secret_key=settings.STRIPE_SECRET_KEY,
        publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
        webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
    )


def keys_of(payment_settings: PaymentSettings) -> StripeKeys | None:
    """The keys a store takes cards with, or None when it cannot take cards."""
    if payment_settings.has_own_keys:
        try:
            return StripeKeys(
                secret_key=decrypt(payment_settings.secret_key_encrypted),
                publishable_key=payment_settings.publishable_key,
                webhook_secret=decrypt(payment_settings.webhook_secret_encrypted),
            )
        except SecretUnreadable:
            return None
    if payment_settings.uses_platform_keys:
        return StripeKeys(
            secret_key=settings.STRIPE_SECRET_KEY,
            publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
            account=payment_settings.stripe_account_id,
        )
    return None


def keys_for_site(site_id: int) -> StripeKeys | None:
    return keys_of(PaymentSettings.base_queryset().get_or_create(site_id=site_id)[0])


def intent_idempotency_key(order: Order) -> str:
    return f"order-{order.pk}-intent"


def create_intent(keys: StripeKeys, order: Order) -> stripe.PaymentIntent:
    """The order's PaymentIntent for its total; made once whatever the number of calls."""
    return keys.client().v1.payment_intents.create(
        {
            "amount": to_minor_units(order.total, order.currency),
            "currency": order.currency.lower(),
            "automatic_payment_methods": {"enabled": True},
            "description": f"{order} at {order.site.site_name or order.site.hostname}",
            "receipt_email": order.email,
            "metadata": {"order_id": str(order.pk), "site_id": str(order.site_id)},
        },
        {"idempotency_key": intent_idempotency_key(order)},
    )


def retrieve_intent(keys: StripeKeys, intent_id: str) -> stripe.PaymentIntent:
    return keys.client().v1.payment_intents.retrieve(intent_id)


def confirm_with_test_card(
    keys: StripeKeys, intent_id: str, *, payment_method: str, return_url: str
) -> stripe.PaymentIntent:
    """Pay a test-mode intent with one of Stripe's test cards (``pm_card_...``), as
    Stripe.js would with a card typed in. A double click confirms once."""
    if not keys.may_confirm_with_test_card or not payment_method.startswith("pm_card_"):
        raise PermissionError("Test confirmation is off for these keys.")
    return keys.client().v1.payment_intents.confirm(
        intent_id,
        {"payment_method": payment_method, "return_url": return_url},
        {"idempotency_key": f"{intent_id}-confirm-{payment_method}"},
    )


def cancel_intent(keys: StripeKeys, intent_id: str) -> stripe.PaymentIntent:
    return keys.client().v1.payment_intents.cancel(
        intent_id,
        {"cancellation_reason": "abandoned"},
        {"idempotency_key": f"{intent_id}-cancel"},
    )


def create_refund(
    keys: StripeKeys, *, intent_id: str, amount: int | None, idempotency_key: str, reason: str
) -> stripe.Refund:
    params = {"payment_intent": intent_id, "metadata": {"reason": reason[:500]}}
    if amount is not None:
        params["amount"] = amount
    return keys.client().v1.refunds.create(params, {"idempotency_key": idempotency_key})


def refund_idempotency_key(refund: Refund) -> str:
    return f"refund-{refund.pk}"

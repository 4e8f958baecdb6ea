"""Card payments: each store's Stripe settings, one row per PaymentIntent, one per webhook
event received (ADR 42)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager
from tenancy.store_cache import store_value

from .orders import Order
from .payment_settings_form import PaymentSettingsForm

# Where each store's card capability is kept in its cache (``tenancy.store_cache``).
CARD_SETUP_ENTRY = "card_setup"
ACCOUNT_ID = re.compile(r"^acct_[A-Za-z0-9]{6,60}$")


def validate_account_id(value: str) -> None:
    if not ACCOUNT_ID.match(value):
        raise ValidationError(
            "A Stripe account id looks like acct_1A2b3C4d5E6f7G8h: copy it from your "
            "Stripe dashboard (Settings, Account details).",
            code="account_id",
        )


def is_live_key(key: str) -> bool:
    return key.startswith(("sk_live_", "rk_live_", "pk_live_"))


@register_setting(icon="key")
class PaymentSettings(BaseSiteSetting):
    """How one store takes cards: through its connected Stripe account and the platform's
    keys, or with its own keys (a single-merchant install). The secret key and the webhook
    secret are kept encrypted (``shop.payments.secrets``) and never shown back."""

    stripe_account_id = models.CharField(
        "connected Stripe account",
        max_length=64,
        blank=True,
        validators=[validate_account_id],
        help_text="Your Stripe account id (acct_...). Shoppers then pay you through the "
        "platform's Stripe account.",
    )
    publishable_key = models.CharField(
        "own publishable key",
        max_length=255,
        blank=True,
        help_text="Only for a store with its own Stripe keys (pk_live_... or pk_test_...).",
    )
    secret_key_encrypted = models.TextField(blank=True, editable=False)
    webhook_secret_encrypted = models.TextField(blank=True, editable=False)

    panels = [
        HelpPanel(
            content="Connect your Stripe account to take card payments, or, on an install "
            "of your own, enter your own keys. Keys you enter are stored encrypted and "
            "never shown again: leave a key field empty to keep the one saved."
        ),
        FieldPanel("stripe_account_id"),
        MultiFieldPanel(
            [
                FieldPanel("publishable_key"),
                FieldPanel("secret_key"),
                FieldPanel("webhook_secret"),
                FieldPanel("forget_own_keys"),
            ],
            heading="Own Stripe keys",
        ),
    ]

    base_form_class = PaymentSettingsForm

    class Meta:
        verbose_name = "payment settings"

    @property
    def has_own_keys(self) -> bool:
        return bool(self.secret_key_encrypted and self.publishable_key)

    @property
    def uses_platform_keys(self) -> bool:
        return bool(
            self.stripe_account_id
            and not self.has_own_keys
            and settings.STRIPE_SECRET_KEY
            and settings.STRIPE_PUBLISHABLE_KEY
        )

    @property
    def takes_cards(self) -> bool:
        return self.has_own_keys or self.uses_platform_keys


def store_takes_cards(site_id: int) -> bool:
    """Whether the store can take cards, from the store's cache (saving its payment
    settings drops the entry); the platform's keys are read from the settings each time."""
    account, own_keys = store_value(site_id, CARD_SETUP_ENTRY, lambda: _card_setup(site_id))
    platform = bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)
    return own_keys or bool(account and platform)


def _card_setup(site_id: int) -> tuple[str, bool]:
    found = PaymentSettings.base_queryset().get_or_create(site_id=site_id)[0]
    return found.stripe_account_id, found.has_own_keys


class Payment(models.Model):
    """One Stripe PaymentIntent made for an order. Its status only moves forward: a late
    or repeated webhook never takes a succeeded payment back to failed. The client secret
    is not kept: the payment page reads it from Stripe."""

    class Status(models.TextChoices):
        REQUIRES_PAYMENT = "requires_payment", "Waiting for the card"
        PROCESSING = "processing", "Processing"
        FAILED = "failed", "Failed, may be retried"
        SUCCEEDED = "succeeded", "Succeeded"
        CANCELED = "canceled", "Cancelled"

    # Higher ranks are later: a status of a lower rank never replaces a higher one. A failed
    # attempt may be followed by a new attempt on the same intent (processing, succeeded).
    RANK = {
        Status.REQUIRES_PAYMENT: 0,
        Status.FAILED: 1,
        Status.PROCESSING: 2,
        Status.SUCCEEDED: 3,
        Status.CANCELED: 3,
    }

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    intent_id = models.CharField(max_length=255, unique=True)
    # The account the intent was made on (connected stores), "" for the store's own keys.
    stripe_account = models.CharField(max_length=64, blank=True)
    livemode = models.BooleanField(default=False)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.REQUIRES_PAYMENT
    )
    failure_message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["order"], name="one_payment_intent_per_order"),
        ]

    def __str__(self):
        return f"{self.intent_id} ({self.get_status_display()})"

    def moves_forward_to(self, status: str) -> bool:
        return self.RANK[status] > self.RANK[self.status]


class StripeEvent(models.Model):
    """A webhook event as Stripe sent it, stored under its unique id before it is handled,
    so a repeated delivery is recognised and a handled one is never handled twice. A
    platform row: which store it concerns is read from the payment it names."""

    class Outcome(models.TextChoices):
        RECEIVED = "received", "Received"
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Ignored"
        REFUSED = "refused", "Refused"

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    livemode = models.BooleanField()
    account = models.CharField(max_length=64, blank=True)
    site_id_seen = models.PositiveIntegerField(null=True, blank=True)
    payload = models.JSONField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RECEIVED)
    detail = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return f"{self.type} {self.event_id}"

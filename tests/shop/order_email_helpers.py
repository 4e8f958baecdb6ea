"""What the order email tests share: a store set up to take bank transfers, orders placed
through the real checkout service, and the messages of Django's locmem outbox."""

import email
from email import policy

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import TestCase

from shop.models import OrderEvent, StoreSettings
from tenancy.scope import store_scope


def set_store_settings(site, **values) -> StoreSettings:
    """Save the store's settings through the model, as the admin does (its cache drops)."""
    with store_scope([site.pk]):
        store_settings = StoreSettings.objects.get_or_create(site=site)[0]
        for name, value in values.items():
            setattr(store_settings, name, value)
        store_settings.save()
        return store_settings


def run_after_commit(site, action):
    """Run ``action()`` in the store's scope, then its after-commit effects (the emails)."""
    with store_scope([site.pk]), TestCase.captureOnCommitCallbacks(execute=True):
        return action()


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


def parsed(message):
    """The message as a mail client reads it (headers decoded)."""
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def email_events(order) -> list[OrderEvent]:
    with store_scope([order.site_id]):
        return list(OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.EMAIL_SENT))


class FlakyBackend(EmailBackend):
    """Django's locmem backend whose first ``failures`` sends raise, as an SMTP server that
    is down for a moment would."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("SMTP server unavailable")
        return super().send_messages(messages)

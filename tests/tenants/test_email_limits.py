"""Password-reset, invitation and email-change emails are limited per address and hour."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tenants.models import EmailChange, StaffInvitation
from tenants.roles import Role
from tests.helpers import PLATFORM_HOST
from tests.tenants.factories import staff_member

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = LIMIT
    settings.ACCOUNT_EMAILS_PER_SENDER_PER_HOUR = 10


def _text(response) -> str:
    return response.content.decode()


def _reset(email):
    return Client(HTTP_HOST=PLATFORM_HOST).post(
        reverse("wagtailadmin_password_reset"), {"email": email}
    )


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST as a browser does: each request commits (and sends its emails) on its own."""

    def send(client, url, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **kwargs)

    return send


def test_the_password_reset_past_the_limit_is_refused_with_a_message_and_sends_nothing(
    merchant,
):
    answers = [_reset(merchant.email) for _ in range(LIMIT)]

    refused = _reset(merchant.email)

    assert [a.status_code for a in answers] == [302] * LIMIT
    assert len(mail.outbox) == LIMIT
    assert refused.status_code == 200
    assert "Too many password reset emails were sent to" in _text(refused)
    assert f'value="{merchant.email}"' in _text(refused)
    assert len(mail.outbox) == LIMIT


def test_the_reset_limit_is_per_address_and_says_the_same_for_unknown_addresses(
    merchant, other_merchant
):
    for _ in range(LIMIT):
        _reset(merchant.email)
        _reset("nobody@example.test")

    other = _reset(other_merchant.email)
    unknown = _reset("nobody@example.test")

    assert other.status_code == 302
    assert mail.outbox[-1].to == [other_merchant.email]
    assert "Too many password reset emails were sent to nobody@example.test" in _text(unknown)


def test_resending_an_invitation_past_the_limit_is_refused_and_sends_nothing(
    merchant_client, store, post
):
    post(merchant_client, reverse("store:invite"), {"email": "x@example.test", "role": "editor"})
    invitation = StaffInvitation.objects.get()
    resend = reverse("store:resend_invitation", args=[invitation.pk])
    for _ in range(LIMIT - 1):
        post(merchant_client, resend)
    refused = post(merchant_client, resend, follow=True)

    assert len(mail.outbox) == LIMIT
    assert "Too many invitation emails were sent to x@example.test" in _text(refused)
    invitation.refresh_from_db()
    assert invitation.link_version == LIMIT


def test_invitations_to_one_address_from_several_stores_share_its_limit(
    merchant_client, store, other_store, other_merchant, settings, post
):
    settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 1
    beta_owner = Client(HTTP_HOST=PLATFORM_HOST)
    beta_owner.force_login(other_merchant)
    data = {"email": "popular@example.test", "role": "owner"}

    post(merchant_client, reverse("store:invite"), data)
    refused = post(beta_owner, reverse("store:invite"), data)

    assert refused.status_code == 200
    assert "Too many invitation emails were sent to popular@example.test" in _text(refused)
    assert 'value="popular@example.test"' in _text(refused)
    assert list(StaffInvitation.objects.values_list("store", flat=True)) == [store.pk]
    assert len(mail.outbox) == 1


def test_one_owner_cannot_send_invitations_past_the_senders_limit(
    merchant_client, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_EMAILS_PER_SENDER_PER_HOUR = 2

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            merchant_client.post(
                reverse("store:invite"), {"email": f"p{n}@example.test", "role": "support"}
            )
            for n in range(3)
        ]

    assert [a.status_code for a in answers] == [302, 302, 200]
    assert "You have asked for too many invitation emails" in _text(answers[2])
    assert StaffInvitation.objects.count() == 2
    assert len(mail.outbox) == 2


def test_email_change_confirmations_past_the_limit_are_refused_and_send_nothing(store, post):
    browser = Client(HTTP_HOST=PLATFORM_HOST)
    browser.force_login(staff_member(store, Role.EDITOR))
    data = {"new_email": "wanted@example.test"}

    for _ in range(LIMIT):
        post(browser, reverse("account:email"), data)
    refused = post(browser, reverse("account:email"), data)

    assert refused.status_code == 200
    assert "Too many email confirmation emails were sent to wanted@example.test" in _text(refused)
    assert 'value="wanted@example.test"' in _text(refused)
    assert EmailChange.objects.count() == LIMIT
    assert [m.to for m in mail.outbox].count(["wanted@example.test"]) == LIMIT

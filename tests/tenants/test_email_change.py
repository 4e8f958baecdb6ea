"""Changing an account's email: pending until the new address confirms; the old one told."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenants.models import EmailChange
from tenants.roles import Role
from tests.helpers import PLATFORM_HOST
from tests.tenants.factories import OWNER_PASSWORD, UserFactory, staff_member

pytestmark = pytest.mark.django_db

OLD = "editor@alpha.test"
NEW = "editor.new@example.test"


@pytest.fixture
def person(store):
    return staff_member(store, Role.EDITOR, email=OLD)


@pytest.fixture
def browser(person):
    client = Client(HTTP_HOST=PLATFORM_HOST)
    client.force_login(person)
    return client


@pytest.fixture
def requested(browser, django_capture_on_commit_callbacks, link_to):
    """Ask for the change to NEW; returns the confirmation link's path."""
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(reverse("account:email"), {"new_email": NEW})
    assert response.status_code == 302, response.content.decode()
    return link_to(NEW)


def _text(response) -> str:
    return response.content.decode()


def _signs_in(username) -> bool:
    """Sign in through the admin's login page, as a person would (and as axes requires)."""
    response = Client(HTTP_HOST=PLATFORM_HOST).post(
        reverse("wagtailadmin_login"), {"username": username, "password": OWNER_PASSWORD}
    )
    return response.status_code == 302


def test_asking_for_a_change_keeps_the_address_until_confirmed_and_tells_the_old_one(
    browser, person, requested
):
    person.refresh_from_db()
    page = _text(browser.get(reverse("account:email")))
    account_page = _text(browser.get(reverse("wagtailadmin_account")))

    assert person.email == OLD
    assert _signs_in(OLD)
    assert f"Waiting for confirmation: <strong>{NEW}</strong>" in page
    assert NEW in account_page
    to_new, to_old = mail.outbox
    assert to_new.to == [NEW]
    assert "/admin/account/email/confirm/" in to_new.body
    assert to_old.to == [OLD]
    assert NEW in to_old.body
    assert "/admin/" not in to_old.body  # the old address gets no link to confirm


def test_opening_the_link_signed_in_confirms_and_sign_in_follows_the_new_address(
    browser, person, requested, django_capture_on_commit_callbacks
):
    page = browser.get(requested)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = browser.post(requested, follow=True)

    person.refresh_from_db()
    assert page.status_code == 200
    assert f"Confirm {NEW}" in _text(page)
    assert person.email == NEW
    assert person.username == NEW
    assert f"Your email address is now {NEW}" in _text(confirmed)
    assert _signs_in(NEW)
    assert not _signs_in(OLD)
    assert mail.outbox[-1].to == [OLD]
    assert f"is now {NEW}" in mail.outbox[-1].body


def test_opening_the_link_changes_nothing_until_the_person_confirms(browser, person, requested):
    browser.get(requested)

    person.refresh_from_db()
    assert person.email == OLD


def test_a_confirmed_link_cannot_be_used_again(browser, person, requested):
    browser.post(requested)

    again = browser.post(requested)

    assert again.status_code == 400
    assert "already been confirmed" in _text(again)


def test_a_forged_link_is_refused_with_a_clear_page(browser, person, requested):
    response = browser.post(requested.replace("/confirm/", "/confirm/x"))

    person.refresh_from_db()
    assert response.status_code == 400
    assert "This email change link cannot be used" in _text(response)
    assert person.email == OLD


def test_an_expired_link_is_refused_with_a_clear_page(browser, person, requested):
    EmailChange.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = browser.post(requested)

    person.refresh_from_db()
    assert response.status_code == 410
    assert "expired" in _text(response)
    assert person.email == OLD


def test_someone_signed_in_as_another_account_cannot_confirm(store, person, requested):
    other = Client(HTTP_HOST=PLATFORM_HOST)
    other.force_login(staff_member(store, Role.SUPPORT))

    page = other.get(requested)
    post = other.post(requested)

    person.refresh_from_db()
    assert page.status_code == 403
    assert post.status_code == 400
    assert "sign in to that account" in _text(post).replace("Sign", "sign")
    assert person.email == OLD


def test_the_link_asks_a_signed_out_person_to_sign_in_first(person, requested):
    response = Client(HTTP_HOST=PLATFORM_HOST).get(requested)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_an_address_another_account_took_meanwhile_is_refused_at_confirmation(
    browser, person, requested
):
    UserFactory(username="someone", email=NEW.upper())

    response = browser.post(requested)

    person.refresh_from_db()
    assert response.status_code == 400
    assert "already used by another account" in _text(response)
    assert person.email == OLD


def test_cancelling_a_pending_change_makes_its_link_useless(browser, person, requested):
    browser.post(reverse("account:cancel_email"))

    response = browser.post(requested)

    person.refresh_from_db()
    assert response.status_code == 400
    assert "cancelled" in _text(response)
    assert person.email == OLD


def test_a_newer_request_replaces_the_older_link(
    browser, person, requested, django_capture_on_commit_callbacks, link_to
):
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(reverse("account:email"), {"new_email": "third@example.test"})

    old_link = browser.post(requested)
    new_link = browser.post(link_to("third@example.test"))

    person.refresh_from_db()
    assert old_link.status_code == 400
    assert new_link.status_code == 302
    assert person.email == "third@example.test"


@pytest.mark.parametrize(
    ("typed", "message"), [(OLD, "already your email address"), ("nope", "valid email")]
)
def test_a_bad_new_address_is_explained_and_kept_in_the_form(browser, person, typed, message):
    response = browser.post(reverse("account:email"), {"new_email": typed})

    assert response.status_code == 200
    assert message in _text(response)
    assert f'value="{typed}"' in _text(response)
    assert not EmailChange.objects.exists()
    assert not mail.outbox


def test_wagtails_account_form_no_longer_changes_the_email(browser, person):
    browser.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Ed",
            "name_email-last_name": "Itor",
            "name_email-email": NEW,
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
        },
    )

    person.refresh_from_db()
    assert person.first_name == "Ed"
    assert person.email == OLD
    assert not User.objects.filter(email=NEW).exists()

"""Guessing passwords at the admin's sign-in page is cut short (django-axes).

Failures are counted per account and per client address; reaching the limit locks either
until the cool-off has passed or an operator unlocks it. Locked-out people see the admin's
sign-in page with the reason, never a bare error.
"""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.tenants.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-42"
LOCKED_OUT = "Too many failed sign-in attempts"


@pytest.fixture
def owner(db):
    return UserFactory(username="owner@alpha.example", password=PASSWORD, is_superuser=True)


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


def _sign_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def _signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def _assert_locked_out(response):
    text = response.content.decode()
    assert response.status_code == 429
    assert LOCKED_OUT in text
    assert 'class="login-form"' in text  # the admin's sign-in page, ready for later
    assert "ask the platform operator to unlock it" in text


def test_wrong_passwords_for_one_account_lock_it_even_for_the_right_password(
    platform_client, owner, limit
):
    failures = [_sign_in(platform_client, owner.username, "guess") for _ in range(limit)]

    response = _sign_in(platform_client, owner.username, PASSWORD)

    assert [failure.status_code for failure in failures[:-1]] == [200] * (limit - 1)
    _assert_locked_out(response)
    assert "_auth_user_id" not in platform_client.session
    assert platform_client.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_limit_is_not_reached_by_fewer_failures(platform_client, owner, limit):
    for _ in range(limit - 1):
        _sign_in(platform_client, owner.username, "guess")

    assert _signed_in(_sign_in(platform_client, owner.username, PASSWORD))


def test_guesses_for_one_account_from_many_addresses_lock_the_account(
    platform_client, owner, limit
):
    for n in range(limit):
        _sign_in(platform_client, owner.username, "guess", address=f"198.51.100.{n + 1}")

    _assert_locked_out(_sign_in(platform_client, owner.username, PASSWORD, address="192.0.2.1"))


def test_guesses_from_one_address_at_many_accounts_lock_the_address(platform_client, owner, limit):
    for n in range(limit):
        _sign_in(platform_client, f"someone{n}@example.test", "guess", address="198.51.100.9")

    _assert_locked_out(_sign_in(platform_client, owner.username, PASSWORD, address="198.51.100.9"))
    assert _signed_in(_sign_in(platform_client, owner.username, PASSWORD, address="192.0.2.1"))


def test_a_forged_forwarded_for_header_is_ignored_without_a_trusted_proxy(
    platform_client, owner, limit
):
    for n in range(limit):
        _sign_in(
            platform_client,
            f"someone{n}@example.test",
            "guess",
            address="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}",
        )

    response = _sign_in(
        platform_client,
        owner.username,
        PASSWORD,
        address="198.51.100.9",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )

    _assert_locked_out(response)


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_one_counted(
    platform_client, owner, limit, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    for n in range(limit):
        # The attacker writes a different address each time; the proxy appends the real one.
        forwarded = f"192.0.2.{n + 1}, 198.51.100.9"
        _sign_in(
            platform_client,
            f"someone{n}@example.test",
            "guess",
            address=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    attacker = _sign_in(
        platform_client,
        owner.username,
        PASSWORD,
        address=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    someone_else = _sign_in(
        platform_client,
        owner.username,
        PASSWORD,
        address=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )

    _assert_locked_out(attacker)
    assert _signed_in(someone_else)


def test_the_lock_ends_when_the_cool_off_has_passed(platform_client, owner, limit, settings):
    settings.AXES_COOLOFF_TIME = timedelta(seconds=2)
    for _ in range(limit):
        _sign_in(platform_client, owner.username, "guess")
    _assert_locked_out(_sign_in(platform_client, owner.username, PASSWORD))

    time.sleep(2.2)

    assert _signed_in(_sign_in(platform_client, owner.username, PASSWORD))


def test_an_operator_unlocks_an_account_with_axes_reset_username(platform_client, owner, limit):
    for n in range(limit):
        _sign_in(platform_client, owner.username, "guess", address=f"198.51.100.{n + 1}")
    _assert_locked_out(_sign_in(platform_client, owner.username, PASSWORD))

    call_command("axes_reset_username", owner.username)

    assert _signed_in(_sign_in(platform_client, owner.username, PASSWORD))


def test_an_operator_unlocks_an_address_with_axes_reset_ip(platform_client, owner, limit):
    for n in range(limit):
        _sign_in(platform_client, f"someone{n}@example.test", "guess", address="198.51.100.9")
    _assert_locked_out(_sign_in(platform_client, owner.username, PASSWORD, address="198.51.100.9"))

    call_command("axes_reset_ip", "198.51.100.9")

    assert _signed_in(_sign_in(platform_client, owner.username, PASSWORD, address="198.51.100.9"))

"""A store's payment settings: a connected account id checked for its form, own keys kept
encrypted and never shown back, and no store reaching another's."""

import pytest
from django.urls import reverse

from shop.data.secrets import decrypt
from shop.models import PaymentSettings
from shop.payments.stripe_client import keys_for_site
from tenancy.scope import store_scope

pytestmark = pytest.mark.django_db


def _url(store):
    return reverse("wagtailsettings:edit", args=["shop", "paymentsettings", store.site.pk])


def _post(client, store, **fields):
    data = {
        "stripe_account_id": "",
        "publishable_key": "",
        "secret_key": "",
        "webhook_secret": "",
        **fields,
    }
    return client.post(_url(store), data)


def _saved(store) -> PaymentSettings:
    return PaymentSettings.objects.get(site=store.site)


def test_the_owner_connects_a_stripe_account_and_the_store_takes_cards(
    merchant_client, store, fake_stripe
):
    assert merchant_client.get(_url(store)).status_code == 200

    response = _post(merchant_client, store, stripe_account_id="acct_1A2b3C4d5E6f7G8h")

    assert response.status_code == 302
    with store_scope([store.site.pk]):
        keys = keys_for_site(store.site.pk)
    assert keys.account == "acct_1A2b3C4d5E6f7G8h"
    assert keys.secret_key == "sk_test_platform"


@pytest.mark.parametrize(
    "bad", ["acct_", "1A2b3C4d5E6f", "acct_1A2b3C4d<script>", "cus_1A2b3C4d5E6f"]
)
def test_a_malformed_account_id_is_refused_next_to_its_field(merchant_client, store, bad):
    response = _post(merchant_client, store, stripe_account_id=bad)

    assert response.status_code == 200
    assert "A Stripe account id looks like acct_" in str(
        response.context["form"].errors["stripe_account_id"]
    )
    assert not _saved(store).stripe_account_id


def test_own_keys_are_stored_encrypted_and_never_shown_back(merchant_client, store):
    response = _post(
        merchant_client,
        store,
        publishable_key="pk_test_own",
        secret_key="sk_test_own_secret_value",
        webhook_secret="whsec_own_secret_value",
    )

    assert response.status_code == 302, response.context["form"].errors
    saved = _saved(store)
    assert "sk_test_own_secret_value" not in saved.secret_key_encrypted
    assert decrypt(saved.secret_key_encrypted) == "sk_test_own_secret_value"
    assert decrypt(saved.webhook_secret_encrypted) == "whsec_own_secret_value"
    page = merchant_client.get(_url(store)).content.decode()
    assert "sk_test_own_secret_value" not in page
    assert "whsec_own_secret_value" not in page
    assert saved.secret_key_encrypted not in page

    # Saving again with the key fields empty keeps the keys.
    assert _post(merchant_client, store, publishable_key="pk_test_own").status_code == 302
    assert decrypt(_saved(store).secret_key_encrypted) == "sk_test_own_secret_value"
    with store_scope([store.site.pk]):
        assert keys_for_site(store.site.pk).secret_key == "sk_test_own_secret_value"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"secret_key": "pk_test_wrong"}, "secret_key", "starts with sk_live_ or sk_test_"),
        ({"publishable_key": "sk_test_oops"}, "publishable_key", "starts with pk_live_"),
        ({"publishable_key": "pk_test_own"}, "secret_key", "come as a pair"),
        (
            {"publishable_key": "pk_test_own", "secret_key": "sk_test_own"},
            "webhook_secret",
            "signing secret",
        ),
    ],
)
def test_incomplete_or_misplaced_keys_are_refused_and_nothing_is_saved(
    merchant_client, store, fields, field, message
):
    response = _post(merchant_client, store, **fields)

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not _saved(store).secret_key_encrypted
    assert "sk_test_own" not in response.content.decode()


def test_forgetting_own_keys_removes_them(merchant_client, store):
    _post(
        merchant_client,
        store,
        publishable_key="pk_test_own",
        secret_key="sk_test_own",
        webhook_secret="whsec_own",
    )

    assert _post(merchant_client, store, forget_own_keys="on").status_code == 302

    saved = _saved(store)
    assert not (saved.publishable_key or saved.secret_key_encrypted)
    assert not saved.takes_cards


def test_a_merchant_cannot_open_or_change_another_stores_payment_settings(
    merchant_client, other_store
):
    assert merchant_client.get(_url(other_store)).status_code in (302, 403, 404)
    _post(merchant_client, other_store, stripe_account_id="acct_1A2b3C4d5E6f7G8h")

    assert not PaymentSettings.objects.filter(
        site=other_store.site, stripe_account_id="acct_1A2b3C4d5E6f7G8h"
    ).exists()

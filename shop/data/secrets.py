"""Secrets a store gives us (its own Stripe keys), kept encrypted at rest with Fernet under
``PAYMENT_SECRETS_KEY``, which lives in the environment, never in the database."""

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SecretUnreadable(Exception):
    """A stored secret that the configured key cannot decrypt (the key was changed)."""


def _fernet() -> Fernet:
    key = settings.PAYMENT_SECRETS_KEY
    if not key:
        raise ImproperlyConfigured("Set PAYMENT_SECRETS_KEY to keep stores' own keys.")
    return Fernet(key.encode() if isinstance(key, str) else key)


def can_encrypt() -> bool:
    return bool(settings.PAYMENT_SECRETS_KEY)


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable("A stored key cannot be read with PAYMENT_SECRETS_KEY.") from error

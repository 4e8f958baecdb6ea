"""Signed, expiring links sent by email (staff invitations, email-change confirmations).

A link carries the row's id and version, signed with the secret key and a salt of its
purpose and stamped with the time it was made; nothing secret is stored. The row decides
whether the link still works (not used, not revoked, not replaced by a newer one).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .exceptions import ExpiredLink, InvalidLink

INVITATION_SALT = "tenants.staff-invitation"
EMAIL_CHANGE_SALT = "tenants.email-change"


def make_token(*, salt: str, payload: dict) -> str:
    return signing.dumps(payload, salt=salt)


def read_token(token: str, *, salt: str, max_age: int) -> dict:
    """The payload of a token we signed for ``salt`` within ``max_age`` seconds."""
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink("This link has expired.") from error
    except signing.BadSignature as error:
        raise InvalidLink("This link is not valid: it may have been cut short.") from error
    if not isinstance(payload, dict):
        raise InvalidLink("This link is not valid: it may have been cut short.")
    return payload


def absolute(path: str) -> str:
    """An absolute address on the admin's own host, for an email."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_link(invitation) -> str:
    """The absolute address of a staff invitation's current link."""
    token = make_token(
        salt=INVITATION_SALT, payload={"i": invitation.pk, "v": invitation.link_version}
    )
    return absolute(reverse("store_admin:accept_invitation", args=[token]))


def email_change_link(change) -> str:
    """The absolute address where the new address confirms an email change."""
    token = make_token(salt=EMAIL_CHANGE_SALT, payload={"c": change.pk})
    return absolute(reverse("account:confirm_email", args=[token]))

"""How many account emails one address may receive, and one account may ask for, per hour.

Password resets, staff invitations and email-change confirmations are sent on request, so
without a limit anyone could make the platform flood an inbox. Each kind is counted per
recipient address and, when someone signed in asks, per asking account. The counters live
in the cache (Redis in production, local memory in ``make run``); a counter starts with
the first email and lasts an hour.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .exceptions import EmailLimitReached

WINDOW_SECONDS = 60 * 60

PASSWORD_RESET = "password reset"  # noqa: S105 (a kind of email)
INVITATION = "invitation"
EMAIL_CHANGE = "email confirmation"


def _key(kind: str, who: str) -> str:
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"tenants:email-limit:{kind.replace(' ', '-')}:{digest}"


def _count(key: str) -> int:
    """Add one to the counter (created with a one-hour life) and return it."""
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def spend(kind: str, *, address: str, sender=None) -> None:
    """Count one email of ``kind`` to ``address`` asked for by ``sender`` (an account, or
    None for an anonymous request). Raises ``EmailLimitReached`` when the address or the
    sender is past the hour's limit; the caller then sends nothing."""
    to_address = _count(_key(kind, f"to:{address.strip().lower()}"))
    if to_address > settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR:
        raise EmailLimitReached(
            f"Too many {kind} emails were sent to {address} in the last hour, so none was "
            "sent now. Please try again in an hour."
        )
    if sender is not None:
        by_sender = _count(_key(kind, f"by:{sender.pk}"))
        if by_sender > settings.ACCOUNT_EMAILS_PER_SENDER_PER_HOUR:
            raise EmailLimitReached(
                f"You have asked for too many {kind} emails in the last hour, so none was "
                "sent now. Please try again in an hour."
            )

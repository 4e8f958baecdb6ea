"""Signing a shopper up to a store's newsletter: the one write path for subscribers."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..data.newsletter import NewsletterSubscriber


def subscribe(*, site, email: str, consent_text: str, source_page=None) -> bool:
    """Put ``email`` on ``site``'s newsletter list with the consent the shopper gave.

    Returns True when the address is new to the list, False when it was there already
    (in any capitals): a second submission, or two at once, leaves one row and the first
    consent record as they were. The database's unique constraint decides a race.
    """
    email = email.strip()
    existing = NewsletterSubscriber.objects.for_site(site).filter(email__iexact=email)
    if existing.exists():
        return False
    try:
        with transaction.atomic():
            NewsletterSubscriber.objects.create(
                site=site,
                email=email,
                consent_text=consent_text,
                consented_at=timezone.now(),
                source_page=source_page,
            )
    except IntegrityError:
        return False
    return True

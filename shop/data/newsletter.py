"""The shoppers who signed up to a store's newsletter, with the consent they gave."""

from django.db import models
from django.db.models.functions import Lower

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

DEFAULT_CONSENT_TEXT = "I agree to receive news and offers by email. I can unsubscribe at any time."


class NewsletterSubscriber(models.Model):
    """One address on one store's newsletter list.

    An address is on a store's list once, whatever its capitals (``Lower(email)`` is
    unique per site). ``consent_text`` is the sentence the shopper ticked, as the page
    showed it, and ``consented_at`` when: the record a merchant keeps as proof of consent.
    Rows are made only by ``shop.services.newsletter.subscribe``.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(max_length=254)
    consent_text = models.TextField("consent given")
    consented_at = models.DateTimeField("consented at")
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="signed up on",
    )
    created_at = models.DateTimeField("subscribed at", auto_now_add=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "newsletter subscriber"
        constraints = [
            models.UniqueConstraint("site", Lower("email"), name="newsletter_email_once_per_site"),
        ]

    def __str__(self):
        return self.email

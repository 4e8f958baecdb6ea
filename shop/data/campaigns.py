"""Campaigns: one object that changes a store for a while and puts it back (ADR 48).

A campaign has a start and an end. At its start (``shop.services.campaigns``, run every
minute by the beat) it publishes a set of prepared drafts: pages, the theme, promotions
(``CampaignChange``, one per object with drafts), and shows or hides products
(``CampaignProduct``). At its end it restores each object exactly as it was at the start: the
version then live is published again, or the object is unpublished if it was not live; an
edit made during the campaign, and a draft that was waiting at the start, stay the object's
latest draft. What the campaign found at the start is recorded on its rows.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager

from ..validators import no_invisible_characters
from .catalog import Product


class Campaign(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        RUNNING = "running", "Running"
        ENDED = "ended", "Ended"
        CANCELLED = "cancelled", "Cancelled"

    # A campaign in these states holds the objects it changes for its whole window.
    HOLDING = (State.SCHEDULED, State.RUNNING)

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120, validators=[no_invisible_characters])
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    state = models.CharField(max_length=16, choices=State.choices, default=State.SCHEDULED)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["state", "starts_at"]),
            models.Index(fields=["state", "ends_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="campaign_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def editable(self) -> bool:
        return self.state in self.HOLDING

    def holds(self, when) -> bool:
        """Whether the campaign's changes show at ``when`` (planned, or being run)."""
        return self.state in self.HOLDING and self.starts_at <= when < self.ends_at


class CampaignChangeQuerySet(StoreOwnedQuerySet):
    site_field = "campaign__site"


class CampaignChange(models.Model):
    """One object with drafts (a page, the theme, a promotion) the campaign publishes at its
    start, in the version ``revision`` holds, and restores at its end."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="changes")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=255)
    # The version published at the start: the object's latest draft when the campaign was
    # last saved. Deleting the object deletes its revisions and this change with them.
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    # Recorded at the start.
    was_live = models.BooleanField(null=True)
    before_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_before = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StoreScopedManager.from_queryset(CampaignChangeQuerySet)()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "content_type", "object_id"],
                name="campaign_changes_an_object_once",
            ),
        ]

    def __str__(self):
        return self.revision.object_str if self.revision_id else self.object_id

    @property
    def key(self) -> tuple:
        return ("object", self.content_type_id, self.object_id)

    @property
    def kind(self) -> str:
        """``page``, ``store theme``, ``promotion``."""
        model = self.content_type.model_class()
        return str(model._meta.verbose_name) if model is not None else "object"


class CampaignProduct(models.Model):
    """A product the campaign shows (``visible``) or hides while it runs."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    visible = models.BooleanField()
    # Recorded at the start: the product's status then, restored at the end.
    status_before = models.CharField(max_length=16, choices=Product.Status.choices, blank=True)

    objects = StoreScopedManager.from_queryset(CampaignChangeQuerySet)()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "product"], name="campaign_lists_a_product_once"
            ),
        ]

    def __str__(self):
        return f"{self.product} ({'shown' if self.visible else 'hidden'})"

    @property
    def key(self) -> tuple:
        return ("product", self.product_id)

from django.core.exceptions import ValidationError
from django.db import models

from .hostnames import normalise_host


class DomainQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def serving(self):
        """Domains that route shoppers to their store."""
        return self.filter(status=Domain.Status.ACTIVE)


class Domain(models.Model):
    """A hostname that serves one store (a Wagtail Site).

    Every store has its platform subdomain (``<slug>.<STORES_DOMAIN>``); merchants add custom
    domains later. Exactly one domain per site is primary; the others redirect to it.
    """

    class Kind(models.TextChoices):
        PLATFORM = "platform", "Platform subdomain"
        CUSTOM = "custom", "Custom domain"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending verification"
        VERIFIED = "verified", "Verified"
        ACTIVE = "active", "Active"
        FAILED = "failed", "Failed"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="domains")
    hostname = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CUSTOM)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    is_primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DomainQuerySet.as_manager()

    class Meta:
        ordering = ["hostname"]
        constraints = [
            models.UniqueConstraint(
                fields=["site"],
                condition=models.Q(is_primary=True),
                name="one_primary_domain_per_site",
            ),
        ]

    def __str__(self):
        return self.hostname

    def clean(self):
        normalised = normalise_host(self.hostname)
        if not normalised or ("." not in normalised and normalised != "localhost"):
            raise ValidationError({"hostname": "Enter a valid hostname, such as shop.example.com."})
        self.hostname = normalised

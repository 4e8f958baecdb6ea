from django.db import models
from wagtail.models import Page

from .roles import Role


class Store(models.Model):
    """One tenant: a Wagtail Site with its collection, status and one staff group per role."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"

    site = models.OneToOneField("wagtailcore.Site", on_delete=models.CASCADE, related_name="store")
    slug = models.SlugField(max_length=63, unique=True)
    name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    collection = models.ForeignKey(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_suspended(self) -> bool:
        return self.status == self.Status.SUSPENDED


class StoreGroup(models.Model):
    """The Wagtail group that gives its members one role in one store.

    A person's role in a store is the group of the store they belong to; they belong to
    at most one group per store (``tenants.staff`` keeps that true).
    """

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=16, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.PROTECT, related_name="store_role")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "role"], name="one_group_per_store_role"),
        ]

    def __str__(self):
        return f"{self.store}: {self.get_role_display()}"


class PlatformHomePage(Page):
    """The landing page of the platform's own site (the default Wagtail Site)."""

    intro = models.TextField(blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    max_count = 1
    template = "platform/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stores"] = Store.objects.filter(status=Store.Status.ACTIVE).select_related("site")
        return context

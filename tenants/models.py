from django.db import models
from wagtail.models import Page


class Store(models.Model):
    """One tenant: a Wagtail Site with its staff group, collection and status."""

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
    staff_group = models.OneToOneField("auth.Group", on_delete=models.PROTECT, related_name="store")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_suspended(self) -> bool:
        return self.status == self.Status.SUSPENDED


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

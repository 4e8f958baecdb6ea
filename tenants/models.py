from django.conf import settings
from django.db import models
from django.utils import timezone
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
        context["stores"] = Store.objects.filter(status=Store.Status.ACTIVE).select_related(
            "site__theme"
        )
        return context


class StaffInvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations neither accepted nor revoked (expired ones included)."""
        return self.filter(accepted_at=None, revoked_at=None)


class StaffInvitation(models.Model):
    """An invitation to join a store's staff with one role.

    It grants nothing until the invitee accepts it through the signed link of its latest
    email (``tenants.invitations``). ``link_version`` goes up with every resend, so only
    the newest link works; no token is stored.
    """

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254)
    role = models.CharField(max_length=16, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    link_version = models.PositiveIntegerField(default=1)
    emailed_version = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = StaffInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["email", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "email"],
                condition=models.Q(accepted_at=None, revoked_at=None),
                name="one_open_invitation_per_store_and_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} to {self.store} as {self.get_role_display()}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class EmailChangeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(confirmed_at=None, cancelled_at=None)


class EmailChange(models.Model):
    """A person's request to use another email address for their account.

    The account keeps its address until the new one confirms the change through the
    signed link emailed to it (``tenants.email_changes``); the old address is told.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_changes"
    )
    old_email = models.EmailField(max_length=254)
    new_email = models.EmailField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = EmailChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.old_email} to {self.new_email}"

    @property
    def is_open(self) -> bool:
        return self.confirmed_at is None and self.cancelled_at is None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager


class Client(index.Indexed, models.Model):
    """A store's customer, one per email address per store, kept up to date from orders."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    name = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    orders_count = models.PositiveIntegerField(default=0)
    total_spent = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(max_length=3, blank=True)
    last_order_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True)
    tags = models.CharField(
        max_length=255,
        blank=True,
        help_text="Separated by commas, such as “vip, wholesale”. Promotions can be kept for "
        "customers with a tag.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
        FieldPanel("email", read_only=True),
        FieldPanel("tags"),
        FieldPanel("notes"),
    ]
    search_fields = [
        index.SearchField("email"),
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("site_id"),
    ]

    class Meta:
        ordering = ["-last_order_at", "email"]
        constraints = [
            models.UniqueConstraint(fields=["site", "email"], name="client_email_per_site"),
        ]

    def __str__(self):
        return self.name or self.email


@dataclass(frozen=True)
class ContactDifference:
    """One contact detail typed at checkout that the client record does not hold."""

    label: str  # "name" or "phone"
    on_order: str
    on_record: str


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _same_phone(a: str, b: str) -> bool:
    def digits(value):
        return "".join(ch for ch in value if ch.isdigit() or ch == "+")

    return digits(a) == digits(b)


class Ticket(index.Indexed, models.Model):
    """A unit of merchant follow-up: an order to handle (with its client), or a variant
    running low or sold out (a stock task, ``crm_bridge.stock_tickets``)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"

    class Kind(models.TextChoices):
        ORDER = "order", "Order"
        STOCK_LOW = "stock_low", "Low stock"
        STOCK_OUT = "stock_out", "Sold out"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ORDER)
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.CASCADE, related_name="tickets"
    )
    order = models.OneToOneField(
        "shop.Order", null=True, blank=True, on_delete=models.CASCADE, related_name="ticket"
    )
    variant = models.ForeignKey(
        "shop.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The variant a stock task is about.",
    )
    subject = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    search_fields = [
        index.SearchField("subject"),
        index.AutocompleteField("subject"),
        index.FilterField("site_id"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one stock task under way per variant: it is updated, never doubled.
            models.UniqueConstraint(
                fields=["variant"],
                condition=models.Q(variant__isnull=False) & ~models.Q(status="closed"),
                name="one_open_stock_ticket_per_variant",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def contact_differences(self) -> list[ContactDifference]:
        """The order's checkout details that differ from the client record. Checkout never
        overwrites the record, so the merchant sees them here and decides."""
        order, client = self.order, self.client
        if order is None or client is None:
            return []
        found = []
        if order.name and not _same_name(order.name, client.name):
            found.append(ContactDifference("name", order.name, client.name))
        if order.phone and not _same_phone(order.phone, client.phone):
            found.append(ContactDifference("phone", order.phone, client.phone))
        return found

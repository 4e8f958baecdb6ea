"""Invoices and credit notes: numbered, dated documents of what a paid order cost and what a
refund gave back, each a snapshot that later edits of the store never change (ADR 45).

Rows are written by ``shop.services.invoices`` only. Each store numbers its invoices and
its credit notes in two series of its own, without gaps: the number is taken from the
store's ``InvoiceNumberSequence`` row under its lock, in the transaction that issues the
document, so a rolled-back issue gives its number back.
"""

from django.db import models

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"


class InvoiceNumberSequence(models.Model):
    """The last number one store gave to an invoice, or to a credit note. Its row lock
    serialises numbering, as ``OrderNumberSequence`` does for orders."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    last_number = models.PositiveIntegerField(default=0)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "kind"], name="one_invoice_series_per_kind")
        ]

    def __str__(self):
        return f"{self.site}: {self.get_kind_display()} {self.last_number}"


class IssuedDocumentError(RuntimeError):
    """An issued invoice or credit note was about to be changed."""


class Invoice(models.Model):
    """An invoice of a paid order, or a credit note of one of its refunds.

    ``document`` holds everything the document prints (seller, buyer, lines, shipping, tax
    per rate, totals, currency, locale), amounts as strings of Decimals; a credit note's
    amounts are negative. It is written once: saving an issued document raises.
    """

    Kind = DocumentKind

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=DocumentKind.choices)
    number = models.PositiveIntegerField()
    # The number as printed, with the store's prefix at the time it was issued.
    reference = models.CharField(max_length=40)
    order = models.ForeignKey("shop.Order", on_delete=models.PROTECT, related_name="invoices")
    refund = models.ForeignKey(
        "shop.Refund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
    )
    # The invoice a credit note corrects.
    credits = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes"
    )
    issued_at = models.DateTimeField()
    currency = models.CharField(max_length=3)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    tax_total = models.DecimalField(max_digits=12, decimal_places=2)
    document = models.JSONField()

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "number"], name="invoice_number_per_store_and_kind"
            ),
            models.UniqueConstraint(
                fields=["order"],
                condition=models.Q(kind="invoice"),
                name="one_invoice_per_order",
            ),
            models.UniqueConstraint(
                fields=["refund"],
                condition=models.Q(refund__isnull=False),
                name="one_credit_note_per_refund",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="invoice", refund__isnull=True)
                | models.Q(kind="credit_note", refund__isnull=False, credits__isnull=False),
                name="credit_notes_name_their_refund_and_invoice",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise IssuedDocumentError(f"{self} is issued: it cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == DocumentKind.CREDIT_NOTE

    @property
    def locale(self) -> str:
        """The locale the order's amounts were written in (for the ``money`` filter)."""
        return self.document.get("locale") or "en-GB"

"""CSV imports of a store's catalog and stock, and the product pictures they name.

An ``ImportJob`` is one uploaded file: first planned (a dry run, nothing written), then,
once the merchant confirms, applied in the background (``shop.tasks.apply_import_task``)
all at once. The file's text is kept on the row rather than in the media storage, which
serves its files publicly: a catalog file holds costs and stock counts.
"""

from django.db import models

from tenancy.scope import StoreOwnedQuerySet, StoreScopedManager


class ImportJob(models.Model):
    """One CSV file imported into one store, from its dry run to its result."""

    class Kind(models.TextChoices):
        PRODUCTS = "products", "Products"
        STOCK = "stock", "Stock take"

    class Status(models.TextChoices):
        PLANNING = "planning", "Dry run in progress"
        PLANNED = "planned", "Dry run done"
        QUEUED = "queued", "Waiting to be applied"
        RUNNING = "running", "Being applied"
        DONE = "done", "Applied"
        FAILED = "failed", "Refused"

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PRODUCTS)
    file_name = models.CharField(max_length=255)
    content = models.TextField(help_text="The file's text, as uploaded (UTF-8).")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNING)
    dry_run = models.BooleanField(
        default=True, help_text="Only planned: set to false when the merchant confirms."
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(
        default=dict, blank=True, help_text="The plan, then what was written or refused."
    )
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} import of {self.file_name}"

    @property
    def progress_percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class PendingProductImage(models.Model):
    """A picture an import named by its address, to be downloaded later into the store's
    images. The import never fetches it: it only records where it is and where it goes."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        "shop.Product", on_delete=models.CASCADE, related_name="pending_images"
    )
    src = models.CharField("address", max_length=2048)
    position = models.PositiveIntegerField(default=1)
    alt_text = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoreScopedManager.from_queryset(StoreOwnedQuerySet)()

    class Meta:
        ordering = ["product", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "src"], name="pending_image_once"),
        ]

    def __str__(self):
        return self.src

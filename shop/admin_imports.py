"""The admin's CSV screens: import products (Shopify's format) or a stock take, see the
dry run's plan, apply it and watch its progress; and export the store's products.

Everything is the active store's: a job of another store is a 404, and only staff who may
change products (for products) or stock (for a stock take) see the screens: owners and
editors. Support staff, who read the catalog only, get none of them. Planning and applying
run in ``shop.tasks.run_import_job_task``, queued after the upload or the confirmation
commits.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.request import store_access

from .data.imports import ImportJob
from .product_csv import MAX_FILE_BYTES, FileRefused, write_csv
from .product_csv.jobs import confirm_job, create_job, progress_of
from .tasks import run_import_job_task

# What each kind of import asks of the person: the permission, and the words of its screen.
PERMISSIONS = {
    ImportJob.Kind.PRODUCTS: "shop.change_product",
    ImportJob.Kind.STOCK: "shop.change_stocklevel",
}
TITLES = {ImportJob.Kind.PRODUCTS: "Import products", ImportJob.Kind.STOCK: "Stock take"}
# Rows of each list of a plan shown on its screen.
SHOWN = 200
RECENT_JOBS = 10


def active_site_id(request, permission: str) -> int:
    """The active store's site, if the person may use the screen there; else 403."""
    store = store_access(request).active
    if store is None or not request.user.has_perm(permission):
        raise PermissionDenied
    return store.site_id


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8, at most {MAX_FILE_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                f"“{upload.name}” is not a .csv file. Export your sheet as CSV (UTF-8)."
            )
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / (1024 * 1024):.1f} MB; at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Split it into several files."
            )
        return upload


class ImportUploadView(WagtailAdminTemplateMixin, TemplateView):
    """Upload a file: it is recorded and planned (the dry run), then its plan is shown."""

    kind = ImportJob.Kind.PRODUCTS
    template_name = "shop/admin/import_upload.html"
    header_icon = "upload"

    def get_page_title(self):
        return TITLES[self.kind]

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        self.site_id = active_site_id(request, PERMISSIONS[self.kind])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        jobs = ImportJob.objects.filter(site_id=self.site_id, kind=self.kind).defer("content")
        return super().get_context_data(
            form=kwargs.pop("form", None) or UploadForm(),
            kind=self.kind,
            jobs=jobs[:RECENT_JOBS],
            export_url=reverse("shop_product_export"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                with transaction.atomic():
                    job = create_job(
                        site_id=self.site_id,
                        kind=self.kind,
                        file_name=upload.name,
                        data=upload.read(),
                        user=request.user,
                    )
                    queue(job)
            except FileRefused as error:
                form.add_error("file", str(error))
            else:
                return redirect("shop_import_job", job_id=job.pk)
        return self.render_to_response(self.get_context_data(form=form))


class StockImportView(ImportUploadView):
    kind = ImportJob.Kind.STOCK


def queue(job: ImportJob) -> None:
    """Plan or apply ``job`` in the background once the current transaction commits."""
    site_id = job.site_id
    transaction.on_commit(lambda: run_import_job_task.delay(job.pk, site_id))


class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """One import: its progress while it runs, its plan once planned (with the button that
    applies it), its result once applied."""

    template_name = "shop/admin/import_job.html"
    header_icon = "upload"

    def dispatch(self, request, *args, job_id, **kwargs):
        store = store_access(request).active
        if store is None:
            raise PermissionDenied
        jobs = ImportJob.objects.filter(site_id=store.site_id).defer("content")
        self.job = get_object_or_404(jobs, pk=job_id)
        active_site_id(request, PERMISSIONS[self.job.kind])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return TITLES[self.job.kind]

    def get_page_subtitle(self):
        return self.job.file_name

    def get_breadcrumbs_items(self):
        upload = (
            "shop_product_import"
            if self.job.kind == ImportJob.Kind.PRODUCTS
            else ("shop_stock_import")
        )
        return [
            *self.breadcrumbs_items,
            {"url": reverse(upload), "label": self.get_page_title()},
            {"url": "", "label": self.job.file_name},
        ]

    def get_context_data(self, **kwargs):
        job = self.job
        report = job.report or {}
        running = job.status in (job.Status.PLANNING, job.Status.QUEUED, job.Status.RUNNING)
        processed = progress_of(job)
        return super().get_context_data(
            job=job,
            report=report,
            running=running,
            processed=processed,
            percent=100 if job.is_finished else min(100, processed * 100 // max(job.total_rows, 1)),
            lists=[
                (title, report.get(key, [])[:SHOWN], max(0, len(report.get(key, [])) - SHOWN))
                for key, title in (
                    (("created", "Created"), ("updated", "Updated"))
                    if job.status == job.Status.DONE
                    else (("created", "To be created"), ("updated", "To be updated"))
                )
            ],
            can_apply=job.status == job.Status.PLANNED and report.get("ok"),
            products_url=reverse("wagtailsnippets_shop_product:list"),
            upload_url=reverse(
                "shop_product_import" if job.kind == job.Kind.PRODUCTS else "shop_stock_import"
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            confirmed = confirm_job(job=self.job)
            if confirmed:
                queue(self.job)
        if not confirmed:
            messages.error(request, "This file cannot be applied: see its plan.")
        return redirect("shop_import_job", job_id=self.job.pk)


class ProductExportView(View):
    """The active store's products as a Shopify product CSV, downloaded."""

    def get(self, request):
        site_id = active_site_id(request, PERMISSIONS[ImportJob.Kind.PRODUCTS])
        store = store_access(request).active
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"products-{store.slug}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        write_csv(response, site_id=site_id)
        return response


class ImportMenuItem(MenuItem):
    """A menu item shown to the staff who may use its screen in their active store."""

    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        access = store_access(request)
        return access.active is not None and request.user.has_perm(self.permission)

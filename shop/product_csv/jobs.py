"""Import jobs: an uploaded file planned (the dry run), then, once confirmed, applied, both
in the background (``shop.tasks.run_import_job_task``) with their progress.

Running a job twice does nothing twice: a planned job is not planned again, a finished
one not applied again, and a job whose worker was lost while applying is applied again
from the start (the apply is one transaction, so the lost run wrote nothing). While a
file is applied its transaction hides every write, so its progress is told through the
cache (``progress_of``), which the admin's progress bar reads.
"""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from ..data.imports import ImportJob
from ..exceptions import ShopError
from .apply import apply_plan
from .plan import plan_products
from .reading import FileRefused, decode
from .stock_take import apply_stock_take, plan_stock_take

PROGRESS_TTL = 6 * 3600
PLANNERS = {ImportJob.Kind.PRODUCTS: plan_products, ImportJob.Kind.STOCK: plan_stock_take}


def _progress_key(job_id: int) -> str:
    return f"shop:import-progress:{job_id}"


def progress_of(job: ImportJob) -> int:
    """How many of the job's rows are done, as far as anyone outside its transaction
    can tell."""
    if job.is_finished or job.status == ImportJob.Status.PLANNED:
        return job.processed_rows
    return max(job.processed_rows, cache.get(_progress_key(job.pk), 0))


def create_job(*, site_id: int, kind: str, file_name: str, data: bytes, user=None) -> ImportJob:
    """Record an uploaded file, to be planned. FileRefused, with nothing recorded, when it
    is not UTF-8 text or lacks the columns of its kind."""
    text = decode(data)
    # Read the header now, so that a wrong file is refused on the upload screen.
    header = text.split("\n", 1)[0]
    PLANNERS[kind](site_id=site_id, text=header, file_name=file_name)
    return ImportJob.objects.create(
        site_id=site_id,
        kind=kind,
        file_name=file_name[:255],
        content=text,
        created_by=user,
        total_rows=max(text.count("\n"), 1),
    )


def confirm_job(*, job: ImportJob) -> bool:
    """Queue a planned job that refused no row for applying; False when it cannot be."""
    updated = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.PLANNED, report__ok=True
    ).update(status=ImportJob.Status.QUEUED, dry_run=False, processed_rows=0)
    return bool(updated)


def run_job(*, job_id: int) -> None:
    """Plan a new job, or apply a confirmed one; anything else is already done."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status == ImportJob.Status.PLANNING:
        _plan(job)
    elif job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
        _apply(job)


def _plan_of(job: ImportJob):
    return PLANNERS[job.kind](site_id=job.site_id, text=job.content, file_name=job.file_name)


def _finish(job: ImportJob, status: str, report: dict) -> None:
    job.status = status
    job.report = report
    job.processed_rows = job.total_rows
    job.finished_at = timezone.now() if status in (job.Status.DONE, job.Status.FAILED) else None
    job.save()
    cache.delete(_progress_key(job.pk))


def _plan(job: ImportJob) -> None:
    try:
        plan = _plan_of(job)
    except FileRefused as error:
        _finish(job, job.Status.FAILED, {"ok": False, "error": str(error)})
        return
    job.total_rows = plan.total_rows
    _finish(job, job.Status.PLANNED, plan.report())


def _apply(job: ImportJob) -> None:
    job.status = job.Status.RUNNING
    job.save(update_fields=["status", "updated_at"])
    try:
        plan = _plan_of(job)
    except FileRefused as error:
        _finish(job, job.Status.FAILED, {"ok": False, "error": str(error)})
        return
    total = max(plan.total_rows, 1)

    def progress(done: int, of: int) -> None:
        cache.set(_progress_key(job.pk), total * done // max(of, 1), PROGRESS_TTL)

    try:
        with transaction.atomic():
            if job.kind == job.Kind.STOCK:
                apply_stock_take(plan=plan, user=job.created_by)
            else:
                apply_plan(plan=plan, site_id=job.site_id, user=job.created_by, progress=progress)
    except ShopError as error:
        # The store changed since the dry run (a SKU taken, stock held): nothing written.
        _finish(job, job.Status.FAILED, {**plan.report(), "ok": False, "error": str(error)})
        return
    _finish(job, job.Status.DONE, {**plan.report(), "applied": True, "notes": _notes(plan)})


def _notes(plan) -> list[str]:
    created = len(getattr(plan, "created", []))
    if not created:
        return []
    return [
        f"{created} new product{'s have' if created != 1 else ' has'} no product page yet: "
        "not in the storefront until given a page under a category."
    ]

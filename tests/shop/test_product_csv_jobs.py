"""Import jobs in the background: the task plans an upload, applies a confirmed file once
however often it runs, applies again from the start a file whose worker was lost, and
tells its progress while the apply's transaction hides its writes."""

from pathlib import Path

import pytest
from django.core.cache import cache

from shop.models import ImportJob, Product, StockMovement
from shop.product_csv.jobs import confirm_job, create_job, progress_of
from shop.tasks import run_import_job_task
from tenancy.scope import store_scope
from tests.shop.factories import stocked_product

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


@pytest.fixture
def job(store):
    with store_scope([store.site.pk]):
        return create_job(
            site_id=store.site.pk,
            kind=ImportJob.Kind.PRODUCTS,
            file_name="shopify_products.csv",
            data=(FIXTURES / "shopify_products.csv").read_bytes(),
        )


def reload(store, job) -> ImportJob:
    with store_scope([store.site.pk]):
        return ImportJob.objects.get(pk=job.pk)


def test_the_task_plans_then_applies_once_however_often_it_runs(store, job):
    run_import_job_task(job.pk, store.site.pk)
    run_import_job_task(job.pk, store.site.pk)
    planned = reload(store, job)
    assert planned.status == ImportJob.Status.PLANNED
    assert planned.report["summary"]["created"] == 3

    with store_scope([store.site.pk]):
        assert confirm_job(job=planned)
        assert not confirm_job(job=planned)  # a second click queues nothing more
    for _ in range(2):
        run_import_job_task(job.pk, store.site.pk)

    done = reload(store, job)
    assert done.status == ImportJob.Status.DONE and done.finished_at
    with store_scope([store.site.pk]):
        assert Product.objects.count() == 3
        assert StockMovement.objects.count() == 4


def test_a_job_whose_worker_was_lost_is_applied_from_the_start(store, job):
    run_import_job_task(job.pk, store.site.pk)
    with store_scope([store.site.pk]):  # its worker lost mid-way
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    run_import_job_task(job.pk, store.site.pk)

    assert reload(store, job).status == ImportJob.Status.DONE
    with store_scope([store.site.pk]):
        assert Product.objects.count() == 3


def test_a_plan_with_refused_rows_cannot_be_confirmed(store):
    with store_scope([store.site.pk]):
        job = create_job(
            site_id=store.site.pk,
            kind=ImportJob.Kind.PRODUCTS,
            file_name="bad.csv",
            data=(FIXTURES / "shopify_bad_rows.csv").read_bytes(),
        )
    run_import_job_task(job.pk, store.site.pk)

    with store_scope([store.site.pk]):
        assert not confirm_job(job=reload(store, job))
    assert reload(store, job).status == ImportJob.Status.PLANNED


def test_a_file_changed_in_the_store_since_its_plan_is_refused_whole(store, job):
    run_import_job_task(job.pk, store.site.pk)
    with store_scope([store.site.pk]):
        confirm_job(job=reload(store, job))
        # Meanwhile another product takes one of the file's SKUs.
        stocked_product(site=store.site, handle="other", variants=[{"sku": "LS-M-NAVY"}])

    run_import_job_task(job.pk, store.site.pk)

    failed = reload(store, job)
    assert failed.status == ImportJob.Status.FAILED
    assert "belongs to another product of the store, “other”" in str(failed.report["rejected"])
    with store_scope([store.site.pk]):
        assert Product.objects.count() == 1


def test_progress_is_read_from_the_cache_while_the_file_is_applied(store, job):
    with store_scope([store.site.pk]):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, total_rows=10)
    cache.set(f"shop:import-progress:{job.pk}", 4)

    assert progress_of(reload(store, job)) == 4

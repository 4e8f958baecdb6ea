"""The shop's Celery tasks: each takes ids, opens its store's scope and calls one service."""

from celery import shared_task

from tenancy.scope import store_scope

from .product_csv import jobs


@shared_task(acks_late=True)
def run_import_job_task(job_id: int, site_id: int) -> None:
    """Plan an uploaded CSV file, or apply a confirmed one (``shop.product_csv.jobs``).
    Running it twice plans or applies once."""
    with store_scope([site_id]):
        jobs.run_job(job_id=job_id)

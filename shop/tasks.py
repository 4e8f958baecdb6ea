"""The shop's Celery tasks: each takes ids, opens its store's scope and calls one service.

The periodic ones (``CELERY_BEAT_SCHEDULE``) find the stores with work to do, then do it
one store at a time in that store's scope.
"""

import logging

from celery import shared_task
from django.utils import timezone

from tenancy import scheduled_publishing
from tenancy.scope import all_stores, store_scope

from . import services
from .data import Order, Reservation, StockLevel
from .payments import services as card_payments
from .payments import webhooks
from .product_csv import jobs
from .services import alerts, campaigns, order_emails

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def release_expired_reservations_task() -> int:
    """Release every checkout hold that has expired, store by store. Running it twice (or
    beside a checkout) releases nothing twice."""
    with all_stores():  # which stores have expired holds; the work runs in each one's scope
        site_ids = sorted(
            set(Reservation.objects.expired(now=timezone.now()).values_list("site_id", flat=True))
        )
    released = 0
    for site_id in site_ids:
        with store_scope([site_id]):
            released += services.release_expired_reservations(site_id=site_id)
    return released


@shared_task(acks_late=True)
def reconcile_stock_task() -> int:
    """Compare every store's stock levels with their ledgers and record the drifts found
    (each logged as an error for the operator). An open drift is not recorded again."""
    with all_stores():
        site_ids = sorted(set(StockLevel.objects.values_list("site_id", flat=True)))
    found = 0
    for site_id in site_ids:
        with store_scope([site_id]):
            found += len(services.reconcile_stock(site_id=site_id))
    return found


@shared_task(acks_late=True)
def email_preorder_allocated_task(allocation_id: int, site_id: int) -> bool:
    """Tell the shopper that units of their pre-order have arrived. One email per
    allocation however often it runs."""
    with store_scope([site_id]):
        return services.notify_preorder_allocation(allocation_id=allocation_id)


@shared_task(acks_late=True)
def run_import_job_task(job_id: int, site_id: int) -> None:
    """Plan an uploaded CSV file, or apply a confirmed one (``shop.product_csv.jobs``).
    Running it twice plans or applies once."""
    with store_scope([site_id]):
        jobs.run_job(job_id=job_id)


@shared_task(acks_late=True)
def record_stock_alerts_task(variant_id: int, site_id: int, previous_available=None) -> None:
    """Send the stock alerts a movement crossed (``alerts.record_stock_state``). Running it
    twice sends nothing the second time: the first recorded the state."""
    with store_scope([site_id]):
        alerts.record_stock_state(variant_id=variant_id, previous_available=previous_available)


@shared_task(acks_late=True)
def notify_back_in_stock_task(variant_id: int, site_id: int) -> None:
    """Email the shoppers waiting for a variant that is back, once each
    (``alerts.notify_back_in_stock``). Running it twice sends nothing more."""
    with store_scope([site_id]):
        alerts.notify_back_in_stock(variant_id=variant_id)


@shared_task(acks_late=True)
def handle_stripe_event_task(event_id: int) -> str:
    """Handle one stored Stripe event (``shop.payments.webhooks.process_event``). Running it
    twice handles it once: the event row is locked and marked processed."""
    return webhooks.process_event(event_id=event_id)


@shared_task(acks_late=True)
def cancel_abandoned_card_orders_task() -> int:
    """Cancel the card orders left unpaid past their store's payment window
    (``payments.services.payment_window``), store by store: their PaymentIntents at
    Stripe, then the orders (stock returns). Running it twice cancels nothing twice."""
    with all_stores():
        site_ids = sorted(
            set(
                Order.objects.filter(
                    payment_method=Order.PaymentMethod.CARD,
                    status=Order.Status.PENDING_PAYMENT,
                    paid_at__isnull=True,
                ).values_list("site_id", flat=True)
            )
        )
    cancelled = 0
    for site_id in site_ids:
        with store_scope([site_id]):
            cancelled += card_payments.cancel_abandoned_card_orders(site_id=site_id)
    return cancelled


@shared_task(
    acks_late=True,
    autoretry_for=(order_emails.OrderEmailsNotSent,),
    max_retries=8,
    retry_backoff=60,
    retry_backoff_max=30 * 60,  # under the broker's visibility timeout
    retry_jitter=True,
)
def send_order_emails_task(event_id: int, site_id: int) -> int:
    """Send the emails an order's timeline entry calls for (``order_emails.send_event_emails``).
    Each is sent once however often this runs; one that failed is retried with backoff."""
    with store_scope([site_id]):
        return order_emails.send_event_emails(event_id=event_id)


@shared_task(acks_late=True)
def publish_scheduled_task() -> dict:
    """Every store's scheduled publishing (``tenancy.scheduled_publishing``): pages, themes,
    promotions and every model with drafts go live or expire within a minute of their time.
    A run that overlaps another does nothing; nothing is published twice."""
    run = scheduled_publishing.publish_scheduled()
    return {
        "published": len(run.published),
        "unpublished": len(run.unpublished),
        "failed": run.failed,
        "skipped": run.skipped,
    }


@shared_task(acks_late=True)
def run_campaigns_task() -> dict:
    """Every store's campaigns whose start or end has come (``services.campaigns``), within a
    minute of it. Each starts or ends once, whole, under its row lock: a run that overlaps
    another finds nothing left to do."""
    run = campaigns.run_campaigns()
    return {"started": len(run.started), "ended": len(run.ended), "failed": run.failed}

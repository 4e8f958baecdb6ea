"""The shop's Celery tasks: each takes ids, opens its store's scope and calls one service."""

from celery import shared_task

from tenancy.scope import store_scope

from .services import alerts


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

"""Sending the emails of an order's timeline, each once (ADR 44).

``send_event_emails`` runs in a task after the event committed. It makes one ``OrderEmail``
row per email the event calls for (unique per event and recipient, so two runs make one),
then sends each row still waiting under its row lock, marking it sent in the same
transaction: a second run, or one running beside it, waits for the lock, finds the email
sent and sends nothing. A send that fails records its error on the row, which stays
waiting; ``OrderEmailsNotSent`` then tells the task to retry later. Each email sent adds an
``email_sent`` entry to the order's timeline (an event that sends no email itself).
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..data import OrderEmail, OrderEvent
from ..data.settings import settings_of_store
from ..exceptions import ShopError
from ..order_emails import build_message, emails_for_event, merchant_addresses, render_order_email
from ..order_emails.facts import facts_for_event
from ..order_emails.kinds import EMAILS, EmailKind
from .lifecycle import record_event

logger = logging.getLogger(__name__)

Recipient = OrderEmail.Recipient
WAITING = (OrderEmail.Status.PENDING, OrderEmail.Status.FAILED)


class OrderEmailsNotSent(ShopError):
    """Some of an event's emails could not be sent now; they wait for the next attempt."""


def _addresses(kind: EmailKind, event: OrderEvent) -> list[str]:
    if kind.recipient == Recipient.MERCHANT:
        return merchant_addresses(event.order.site)
    return [event.order.email]


def _plan(event: OrderEvent) -> list[OrderEmail]:
    """The event's email rows, made if missing."""
    rows = []
    for kind in emails_for_event(event):
        to = _addresses(kind, event)
        if not to:
            logger.warning("No address for the %s email of %s", kind.key, event.order)
            continue
        defaults = {"order": event.order, "kind": kind.key, "to": "\n".join(to)}
        try:
            with transaction.atomic():
                row, _ = OrderEmail.objects.get_or_create(
                    event=event, recipient=kind.recipient, defaults=defaults
                )
        except IntegrityError:  # made by a run beside this one
            row = OrderEmail.objects.get(event=event, recipient=kind.recipient)
        rows.append(row)
    return rows


def _send_one(row_id: int, event: OrderEvent) -> bool | None:
    """Send one waiting row under its lock: True sent, False failed, None nothing to do."""
    with transaction.atomic():
        # The row only (``of``): the store scope joins the order, whose row stays free for
        # the lifecycle while the email is being sent.
        waiting = OrderEmail.objects.filter(pk=row_id, status__in=WAITING)
        row = waiting.select_for_update(of=("self",)).first()
        if row is None:  # sent by another run
            return None
        kind = EMAILS[row.kind]
        row.attempts += 1
        try:
            rendered = render_order_email(kind=kind, facts=facts_for_event(event))
            build_message(rendered, to=row.addresses).send()
        except Exception as error:  # SMTP, an email API, a broken template: kept, retried
            logger.warning("The %s email of %s failed: %s", row.kind, event.order, error)
            row.status, row.error = OrderEmail.Status.FAILED, f"{type(error).__name__}: {error}"
            row.save(update_fields=["status", "error", "attempts"])
            return False
        row.status, row.error, row.sent_at = OrderEmail.Status.SENT, "", timezone.now()
        row.save(update_fields=["status", "error", "attempts", "sent_at"])
        record_event(
            order=event.order,
            kind=OrderEvent.Kind.EMAIL_SENT,
            actor="System",
            message=f"{kind.label} emailed to {', '.join(row.addresses)}",
            email=row.kind,
            recipient=row.recipient,
            source_event=event.pk,
        )
        return True


def send_event_emails(*, event_id: int) -> int:
    """Send the emails timeline event ``event_id`` calls for, each once; the number sent
    by this run. Raises ``OrderEmailsNotSent`` when one failed (it waits for a retry)."""
    event = OrderEvent.objects.select_related("order__site").filter(pk=event_id).first()
    if event is None:
        return 0
    sent, failed = 0, []
    # Dates are written in the store's time zone, as its pages write them.
    with timezone.override(settings_of_store(event.order.site_id).zone):
        for row in _plan(event):
            outcome = _send_one(row.pk, event)
            if outcome:
                sent += 1
            elif outcome is False:
                failed.append(row.kind)
    if failed:
        raise OrderEmailsNotSent(
            f"{event.order}: the {', '.join(failed)} email(s) could not be sent yet."
        )
    return sent

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from .emails import send_email_change_emails, send_email_changed_notice, send_staff_invitation
from .models import EmailChange, StaffInvitation


@shared_task(acks_late=True)
def send_staff_invitation_task(*, invitation_id: int, version: int) -> None:
    """Email the invitation's link of ``version``, once. Does nothing if the invitation was
    accepted, revoked or sent again since, or if this version was already emailed."""
    claimed = (
        StaffInvitation.objects.open()
        .filter(pk=invitation_id, link_version=version, emailed_version__lt=version)
        .update(emailed_version=F("link_version"))
    )
    if claimed:
        send_staff_invitation(
            invitation=StaffInvitation.objects.select_related("store", "invited_by").get(
                pk=invitation_id
            )
        )


@shared_task(acks_late=True)
def send_email_change_task(*, change_id: int) -> None:
    """Email the confirmation link to the new address and tell the old one, once."""
    claimed = (
        EmailChange.objects.open()
        .filter(pk=change_id, emailed_at=None)
        .update(emailed_at=timezone.now())
    )
    if claimed:
        send_email_change_emails(
            change=EmailChange.objects.select_related("user").get(pk=change_id)
        )


@shared_task(acks_late=True)
def send_email_changed_task(*, change_id: int) -> None:
    """Tell the old address that the change took effect."""
    change = EmailChange.objects.filter(pk=change_id).exclude(confirmed_at=None).first()
    if change is not None:
        send_email_changed_notice(change=change)

"""Emails about accounts and store staff: invitations and email-change confirmations."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from .links import email_change_link, invitation_link
from .models import EmailChange, StaffInvitation


def _days(seconds: int) -> int:
    return max(1, seconds // 86400)


def _send(*, subject: str, template: str, context: dict, to: str) -> None:
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[to],
    )


def send_staff_invitation(*, invitation: StaffInvitation) -> None:
    invited_by = invitation.invited_by
    _send(
        subject=f"You are invited to join {invitation.store.name}",
        template="tenants/emails/staff_invitation.txt",
        context={
            "invitation": invitation,
            "store": invitation.store,
            "role": invitation.get_role_display(),
            "invited_by": (invited_by.get_full_name() or invited_by.email) if invited_by else "",
            "link": invitation_link(invitation),
            "expires_at": invitation.expires_at,
        },
        to=invitation.email,
    )


def send_email_change_emails(*, change: EmailChange) -> None:
    """The confirmation link to the new address, and a notice to the old one."""
    context = {
        "change": change,
        "link": email_change_link(change),
        "valid_days": _days(settings.EMAIL_CHANGE_MAX_AGE),
        "platform": settings.WAGTAIL_SITE_NAME,
    }
    _send(
        subject=f"Confirm your new email address for {settings.WAGTAIL_SITE_NAME}",
        template="tenants/emails/email_change_confirm.txt",
        context=context,
        to=change.new_email,
    )
    _send(
        subject=f"Your {settings.WAGTAIL_SITE_NAME} email address is about to change",
        template="tenants/emails/email_change_notice.txt",
        context=context,
        to=change.old_email,
    )


def send_email_changed_notice(*, change: EmailChange) -> None:
    """Tell the old address that the change it was warned about has taken effect."""
    _send(
        subject=f"Your {settings.WAGTAIL_SITE_NAME} email address has changed",
        template="tenants/emails/email_changed.txt",
        context={"change": change, "platform": settings.WAGTAIL_SITE_NAME},
        to=change.old_email,
    )

"""Changing an account's email address: asked for by the signed-in person, confirmed by
the new address.

The account keeps its address until the new one confirms through a signed link
(``tenants.links``) opened while signed in to the same account; the old address is told
when the change is asked for and when it takes effect. An unconfirmed address is never
put on an account, so nobody can claim someone else's address (and with it, that
person's invitations). Usernames are the email addresses: a username that was the old
address follows the new one, so sign-in keeps working with the address in use.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from . import email_limits
from .exceptions import EmailChangeError, ExpiredLink, InvalidLink, UsedLink
from .links import EMAIL_CHANGE_SALT, read_token
from .models import EmailChange
from .staff import normalised_email
from .tasks import send_email_change_task, send_email_changed_task

CHANGE_EMAIL_ACTION = "tenants.change_email"


def pending_email_change(user: User) -> EmailChange | None:
    """The account's latest unconfirmed, unexpired email change, if any."""
    return EmailChange.objects.open().filter(user=user, expires_at__gt=timezone.now()).first()


@transaction.atomic
def request_email_change(*, user: User, new_email: str) -> EmailChange:
    """Ask the new address to confirm; replaces any earlier unconfirmed request.

    Raises ``EmailLimitReached`` past the hour's limit of confirmation emails to the
    address or asked for by the account. Whether another account uses the address is
    checked at confirmation, so this answer tells nothing about other people's accounts.
    """
    new_email = normalised_email(new_email, error_class=EmailChangeError)
    if new_email == user.email.strip().lower():
        raise EmailChangeError(f"{new_email} is already your email address.")
    email_limits.spend(email_limits.EMAIL_CHANGE, address=new_email, sender=user)
    now = timezone.now()
    EmailChange.objects.open().filter(user=user).update(cancelled_at=now)
    change = EmailChange.objects.create(
        user=user,
        old_email=user.email,
        new_email=new_email,
        expires_at=now + timedelta(seconds=settings.EMAIL_CHANGE_MAX_AGE),
    )
    transaction.on_commit(lambda: send_email_change_task.delay(change_id=change.pk))
    return change


@transaction.atomic
def cancel_email_change(*, user: User) -> bool:
    """Withdraw the account's unconfirmed change; its link stops working. False if none."""
    return bool(EmailChange.objects.open().filter(user=user).update(cancelled_at=timezone.now()))


def email_change_from_link(token: str) -> EmailChange:
    """The open, unexpired change a link names, or raise ``LinkError`` saying why not."""
    payload = read_token(token, salt=EMAIL_CHANGE_SALT, max_age=settings.EMAIL_CHANGE_MAX_AGE)
    change = EmailChange.objects.select_related("user").filter(pk=payload.get("c")).first()
    if change is None:
        raise InvalidLink("This confirmation link is not valid.")
    _check_link(change)
    return change


def _check_link(change: EmailChange) -> None:
    if change.confirmed_at is not None:
        raise UsedLink("This email change has already been confirmed.")
    if change.cancelled_at is not None:
        raise UsedLink("This email change was cancelled or replaced by a newer one.")
    if change.is_expired:
        raise ExpiredLink("This confirmation link has expired: ask for the change again.")


def _address_taken(email: str, *, by_other_than: User) -> bool:
    return (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .exclude(pk=by_other_than.pk)
        .exists()
    )


@transaction.atomic
def confirm_email_change(*, token: str, user: User) -> EmailChange:
    """Put the confirmed address on ``user``'s account (the signed-in account the change
    was asked for), once. The account row is locked, so two confirmations apply once."""
    change = email_change_from_link(token)
    if change.user_id != user.pk:
        raise EmailChangeError(
            f"This link confirms a change of the account {change.old_email}: sign in to that "
            "account, then open the link again."
        )
    account = User.objects.select_for_update().get(pk=user.pk)
    change = EmailChange.objects.select_for_update().get(pk=change.pk)
    _check_link(change)
    if account.email.strip().lower() != change.old_email.strip().lower():
        raise UsedLink("The account's email address has changed since this link was sent.")
    if _address_taken(change.new_email, by_other_than=account):
        raise EmailChangeError(
            f"{change.new_email} is already used by another account, so it cannot be yours as well."
        )
    if account.username.strip().lower() == change.old_email.strip().lower():
        account.username = change.new_email
    account.email = change.new_email
    account.save(update_fields=["email", "username"])
    user.email, user.username = account.email, account.username
    change.confirmed_at = timezone.now()
    change.save(update_fields=["confirmed_at"])
    log(
        instance=account,
        action=CHANGE_EMAIL_ACTION,
        user=account,
        data={"from": change.old_email, "to": change.new_email},
    )
    transaction.on_commit(lambda: send_email_changed_task.delay(change_id=change.pk))
    return change

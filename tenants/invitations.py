"""Invitations to a store's staff: invite, resend, revoke, and the invitee's acceptance.

An invitation is a ``StaffInvitation`` row and grants nothing by itself. Its email carries
a signed link (``tenants.links``) that expires with the invitation and stops working once
the invitation is accepted, revoked or sent again. The invitee accepts as themselves: a
new person chooses a password at the link; someone with an account signs in as that
account first. The role is granted under the store's row lock, once.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from . import email_limits
from .exceptions import ExpiredLink, InvalidLink, StaffError, UsedLink
from .links import INVITATION_SALT, read_token
from .models import StaffInvitation, Store
from .staff import check_can_join, lock_store, normalised_email, store_role_group
from .tasks import send_staff_invitation_task

INVITE_ACTION = "tenants.invite_staff"
RESEND_ACTION = "tenants.resend_invitation"
REVOKE_ACTION = "tenants.revoke_invitation"
ACCEPT_ACTION = "tenants.accept_invitation"


def account_for(email: str) -> User | None:
    """The account that uses this address, if any."""
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def _expiry():
    return timezone.now() + timedelta(seconds=settings.STAFF_INVITATION_MAX_AGE)


def _send(invitation: StaffInvitation) -> None:
    version = invitation.link_version
    transaction.on_commit(
        lambda: send_staff_invitation_task.delay(invitation_id=invitation.pk, version=version)
    )


@transaction.atomic
def invite_staff(
    *, store: Store, email: str, role: str, invited_by: User | None
) -> StaffInvitation:
    """Invite the person with this address to ``role`` in the store, and email them the link.

    Refuses platform operators, disabled accounts, people already on the staff and
    addresses with an open invitation (resend that one instead), and raises
    ``EmailLimitReached`` past the hour's email limit. Grants nothing until accepted.
    """
    email = normalised_email(email)
    group = store_role_group(store, role)
    lock_store(store)
    existing = account_for(email)
    if existing is not None:
        check_can_join(store=store, user=existing)
    if StaffInvitation.objects.open().filter(store=store, email=email).exists():
        raise StaffError(
            f"{email} is already invited; resend or revoke that invitation on the staff screen."
        )
    email_limits.spend(email_limits.INVITATION, address=email, sender=invited_by)
    invitation = StaffInvitation.objects.create(
        store=store, email=email, role=group.role, invited_by=invited_by, expires_at=_expiry()
    )
    log(instance=store, action=INVITE_ACTION, user=invited_by, data=_log_data(invitation))
    _send(invitation)
    return invitation


def _log_data(invitation: StaffInvitation) -> dict:
    return {"email": invitation.email, "role": invitation.role}


def _locked_open(invitation: StaffInvitation) -> StaffInvitation:
    """The invitation re-read under a row lock, after the store's lock; refused if closed."""
    lock_store(invitation.store)
    locked = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        state = "accepted" if locked.accepted_at else "revoked"
        raise StaffError(f"The invitation to {locked.email} was already {state}.")
    return locked


@transaction.atomic
def resend_invitation(*, invitation: StaffInvitation, sent_by: User | None) -> StaffInvitation:
    """Email a fresh link, valid for the full period again; earlier links stop working."""
    locked = _locked_open(invitation)
    email_limits.spend(email_limits.INVITATION, address=locked.email, sender=sent_by)
    locked.link_version += 1
    locked.expires_at = _expiry()
    locked.save(update_fields=["link_version", "expires_at"])
    log(instance=locked.store, action=RESEND_ACTION, user=sent_by, data=_log_data(locked))
    _send(locked)
    return locked


@transaction.atomic
def revoke_invitation(*, invitation: StaffInvitation, revoked_by: User | None) -> None:
    """Withdraw an invitation: its link stops working at once."""
    locked = _locked_open(invitation)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    log(instance=locked.store, action=REVOKE_ACTION, user=revoked_by, data=_log_data(locked))


def invitation_from_link(token: str) -> StaffInvitation:
    """The open, unexpired invitation a link names, or raise ``LinkError`` saying why not."""
    payload = read_token(token, salt=INVITATION_SALT, max_age=settings.STAFF_INVITATION_MAX_AGE)
    invitation = (
        StaffInvitation.objects.select_related("store", "invited_by")
        .filter(pk=payload.get("i"))
        .first()
    )
    if invitation is None:
        raise InvalidLink("This invitation no longer exists.")
    _check_link(invitation, payload.get("v"))
    return invitation


def _check_link(invitation: StaffInvitation, version) -> None:
    if invitation.accepted_at is not None:
        raise UsedLink("This invitation has already been accepted.")
    if invitation.revoked_at is not None:
        raise UsedLink(f"{invitation.store.name} has withdrawn this invitation.")
    if version != invitation.link_version:
        raise UsedLink("A newer invitation link has been sent since: use the latest email.")
    if invitation.is_expired:
        raise ExpiredLink("This invitation has expired.")


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> StaffInvitation:
    """Give ``user``, signed in as the invited address's account, the invitation's role.

    The store and the invitation are locked, and the link checked again under the lock,
    so two submissions grant the role once.
    """
    invitation = invitation_from_link(token)
    locked = _locked_open(invitation)
    _check_link(locked, invitation.link_version)
    if user.email.strip().lower() != locked.email:
        raise StaffError(
            f"This invitation is for {locked.email}, but you are signed in as {user.email}. "
            f"Sign out, then open the link again and sign in as {locked.email}."
        )
    check_can_join(store=locked.store, user=user)
    user.groups.add(store_role_group(locked.store, locked.role).group)
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    log(instance=locked.store, action=ACCEPT_ACTION, user=user, data=_log_data(locked))
    return locked


@transaction.atomic
def accept_invitation_as_new_person(
    *, token: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create the invitee's account with the password they chose, then accept for it.

    Also serves an account that exists but never chose a password (it can only be signed
    in to through such a link). An account with a password must sign in instead.
    """
    invitation = invitation_from_link(token)
    user = account_for(invitation.email)
    if user is not None and user.has_usable_password():
        raise StaffError(f"{invitation.email} already has an account: sign in to accept.")
    if user is None:
        if User.objects.filter(username__iexact=invitation.email).exists():
            raise StaffError(f"The username {invitation.email} is taken: ask the platform.")
        user = User(username=invitation.email, email=invitation.email)
    user.set_password(password)
    user.first_name, user.last_name = first_name or user.first_name, last_name or user.last_name
    user.save()
    accept_invitation(token=token, user=user)
    return user

"""A store's staff: inviting people by email, changing their role, removing them.

A person's role in a store is the store's role group they belong to (``StoreGroup``);
these services keep them in at most one group per store and the store with at least one
owner. Every change is written to Wagtail's audit log against the store, where only its
owners (and platform operators) read it. Access follows group membership on every
request, so a removed person loses the store at their next click.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from wagtail.log_actions import log

from .exceptions import StaffError
from .models import Store, StoreGroup
from .roles import Role
from .selectors import role_of
from .tasks import send_staff_invitation_task

INVITE_ACTION = "tenants.invite_staff"
CHANGE_ROLE_ACTION = "tenants.change_staff_role"
REMOVE_ACTION = "tenants.remove_staff"


def _group(store: Store, role: str) -> StoreGroup:
    try:
        return store.role_groups.select_related("group").get(role=Role(role))
    except ValueError as error:
        raise StaffError(f"“{role}” is not a staff role.") from error


def _normalised_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise StaffError(f"“{email}” is not a valid email address.") from error
    return email


def _lock_store(store: Store) -> None:
    """Serialise staff changes of one store, so two owners cannot both leave at once."""
    Store.objects.select_for_update().filter(pk=store.pk).first()


def _owner_count(store: Store) -> int:
    return User.objects.filter(
        groups__store_role__store=store, groups__store_role__role=Role.OWNER
    ).count()


@transaction.atomic
def invite_staff(*, store: Store, email: str, role: str, invited_by: User | None) -> User:
    """Give the person with this email ``role`` in the store, creating their account if new.

    A new account has no password: the invitation email links to the page where they
    choose one. Refuses platform operators, disabled accounts and people already on the
    store's staff (their role is changed with ``change_staff_role``).
    """
    email = _normalised_email(email)
    group = _group(store, role)
    _lock_store(store)
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        if user.is_superuser:
            raise StaffError(f"{email} is a platform operator's account and cannot be staff.")
        if not user.is_active:
            raise StaffError(f"The account {email} is disabled; ask the platform to enable it.")
        current = role_of(user=user, store=store)
        if current is not None:
            raise StaffError(
                f"{email} is already on the staff as {current.label}; change their role instead."
            )
    else:
        user = User.objects.create_user(username=email, email=email, password=None)
    user.groups.add(group.group)
    log(
        instance=store,
        action=INVITE_ACTION,
        user=invited_by,
        data={"email": email, "role": group.role},
    )
    transaction.on_commit(lambda: _send_invitation(user=user, store=store, invited_by=invited_by))
    return user


def _send_invitation(*, user: User, store: Store, invited_by: User | None) -> None:
    send_staff_invitation_task.delay(
        user_id=user.pk, store_id=store.pk, invited_by_id=invited_by.pk if invited_by else None
    )


@transaction.atomic
def change_staff_role(*, store: Store, member: User, role: str, changed_by: User | None) -> bool:
    """Move a staff member to another role. Returns False when the role is unchanged."""
    group = _group(store, role)
    _lock_store(store)
    current = role_of(user=member, store=store)
    if current is None:
        raise StaffError(f"{member.email} is not on the staff of {store.name}.")
    if current == group.role:
        return False
    if current == Role.OWNER and _owner_count(store) == 1:
        raise StaffError(f"{store.name} needs an owner: make someone else owner first.")
    member.groups.remove(*[g.group for g in store.role_groups.select_related("group")])
    member.groups.add(group.group)
    log(
        instance=store,
        action=CHANGE_ROLE_ACTION,
        user=changed_by,
        data={"email": member.email, "from": current.value, "to": group.role},
    )
    return True


@transaction.atomic
def remove_staff(*, store: Store, member: User, removed_by: User | None) -> None:
    """Take a person off the store's staff; their account stays for their other stores."""
    _lock_store(store)
    current = role_of(user=member, store=store)
    if current is None:
        raise StaffError(f"{member.email} is not on the staff of {store.name}.")
    if current == Role.OWNER and _owner_count(store) == 1:
        raise StaffError(f"{store.name} needs an owner: make someone else owner first.")
    member.groups.remove(*[g.group for g in store.role_groups.select_related("group")])
    log(
        instance=store,
        action=REMOVE_ACTION,
        user=removed_by,
        data={"email": member.email, "role": current.value},
    )


def is_pending(member: User) -> bool:
    """Invited but never signed in: no password chosen yet."""
    return member.last_login is None and not member.has_usable_password()


def resend_invitation(*, store: Store, member: User, sent_by: User | None) -> None:
    """Send a pending invitation again, with a fresh link."""
    if role_of(user=member, store=store) is None:
        raise StaffError(f"{member.email} is not on the staff of {store.name}.")
    if not is_pending(member):
        raise StaffError(f"{member.email} has already signed in; there is nothing to resend.")
    transaction.on_commit(lambda: _send_invitation(user=member, store=store, invited_by=sent_by))

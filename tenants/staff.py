"""A store's staff: adding people directly, changing their role, removing them.

People join a store by accepting an invitation (``tenants.invitations``), or are added
directly by the platform operator (``add_staff``). A person's role in a store is the
store's role group they belong to (``StoreGroup``); these services keep them in at most
one group per store and the store with at least one owner. Every change is written to
Wagtail's audit log against the store, where only its owners (and platform operators)
read it. Access follows group membership on every request, so a removed person loses the
store at their next click.
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

ADD_ACTION = "tenants.add_staff"
CHANGE_ROLE_ACTION = "tenants.change_staff_role"
REMOVE_ACTION = "tenants.remove_staff"


def store_role_group(store: Store, role: str) -> StoreGroup:
    try:
        return store.role_groups.select_related("group").get(role=Role(role))
    except ValueError as error:
        raise StaffError(f"“{role}” is not a staff role.") from error


def normalised_email(email: str, *, error_class: type[Exception] = StaffError) -> str:
    """The address in lower case, or ``error_class`` saying it is not a valid address."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise error_class(f"“{email}” is not a valid email address.") from error
    return email


def lock_store(store: Store) -> None:
    """Serialise staff changes of one store, so two owners cannot both leave at once."""
    Store.objects.select_for_update().filter(pk=store.pk).first()


def _owner_count(store: Store) -> int:
    return User.objects.filter(
        groups__store_role__store=store, groups__store_role__role=Role.OWNER
    ).count()


def check_can_join(*, store: Store, user: User) -> None:
    """Refuse platform operators, disabled accounts and people already on the staff."""
    if user.is_superuser:
        raise StaffError(f"{user.email} is a platform operator's account and cannot be staff.")
    if not user.is_active:
        raise StaffError(f"The account {user.email} is disabled; ask the platform to enable it.")
    current = role_of(user=user, store=store)
    if current is not None:
        raise StaffError(
            f"{user.email} is already on the staff as {current.label}; change their role instead."
        )


@transaction.atomic
def add_staff(*, store: Store, user: User, role: str, added_by: User | None) -> None:
    """Put an existing account straight on the store's staff, with no invitation.

    For the platform operator and the platform's own commands (the demo stores); store
    owners invite people instead (``tenants.invitations``), who then accept.
    """
    group = store_role_group(store, role)
    lock_store(store)
    check_can_join(store=store, user=user)
    user.groups.add(group.group)
    log(
        instance=store,
        action=ADD_ACTION,
        user=added_by,
        data={"email": user.email, "role": group.role},
    )


@transaction.atomic
def change_staff_role(*, store: Store, member: User, role: str, changed_by: User | None) -> bool:
    """Move a staff member to another role. Returns False when the role is unchanged."""
    group = store_role_group(store, role)
    lock_store(store)
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
    lock_store(store)
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

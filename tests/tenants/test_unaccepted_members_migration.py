"""People put on a store's staff before invitations needed consent, who never signed in,
become pending invitations holding nothing; people who joined keep their role."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from tenants.models import StaffInvitation
from tenants.roles import Role
from tenants.selectors import role_of
from tests.tenants.factories import UserFactory, role_group, staff_member

migration = import_module("tenants.migrations.0005_unaccepted_members_become_invitations")

pytestmark = pytest.mark.django_db


def _added_without_consent(store, email, role=Role.EDITOR):
    """An account the old invitation made: no password, never signed in, in the group."""
    user = UserFactory(username=email, email=email, password=None)
    user.set_unusable_password()
    user.save()
    user.groups.add(role_group(store, role))
    return user


def test_members_who_never_joined_become_pending_invitations_of_their_role(store):
    unaccepted = _added_without_consent(store, "claimed@example.test", Role.OWNER)

    migration.unaccepted_members_become_invitations(apps, None)

    assert role_of(user=unaccepted, store=store) is None
    invitation = StaffInvitation.objects.get()
    assert (invitation.store, invitation.email, invitation.role) == (
        store,
        "claimed@example.test",
        Role.OWNER,
    )
    assert invitation.is_open and not invitation.is_expired


def test_members_who_joined_keep_their_role_and_get_no_invitation(store, merchant):
    joined = staff_member(store, Role.SUPPORT)

    migration.unaccepted_members_become_invitations(apps, None)

    assert role_of(user=joined, store=store) == Role.SUPPORT
    assert role_of(user=merchant, store=store) == Role.OWNER
    assert not StaffInvitation.objects.exists()


def test_the_owner_sends_the_converted_invitation_from_the_staff_screen(
    store, merchant_client, django_capture_on_commit_callbacks, link_to
):
    _added_without_consent(store, "later@example.test")
    migration.unaccepted_members_become_invitations(apps, None)
    invitation = StaffInvitation.objects.get()

    listed = merchant_client.get(reverse("store:staff")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = merchant_client.post(reverse("store:resend_invitation", args=[invitation.pk]))

    assert "later@example.test" in listed
    assert sent.status_code == 302
    assert link_to("later@example.test").startswith("/admin/invitation/")

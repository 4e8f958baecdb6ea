"""People added to a store's staff before joining needed their consent, and who never
signed in or chose a password, held a role they had not accepted. They become pending
invitations of that role, holding nothing until accepted; owners resend the link from the
staff screen.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations
from django.utils import timezone


def unaccepted_members_become_invitations(apps, schema_editor):
    StoreGroup = apps.get_model("tenants", "StoreGroup")
    StaffInvitation = apps.get_model("tenants", "StaffInvitation")
    expires_at = timezone.now() + timedelta(seconds=settings.STAFF_INVITATION_MAX_AGE)
    for role_group in StoreGroup.objects.select_related("store", "group"):
        unaccepted = role_group.group.user_set.filter(
            last_login=None, is_superuser=False, password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
        for user in unaccepted:
            open_invitation = StaffInvitation.objects.filter(
                store=role_group.store, email__iexact=user.email, accepted_at=None, revoked_at=None
            )
            if not open_invitation.exists():
                StaffInvitation.objects.create(
                    store=role_group.store,
                    email=user.email.lower(),
                    role=role_group.role,
                    expires_at=expires_at,
                )
            user.groups.remove(role_group.group)


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0004_staff_invitations_and_email_changes"),
    ]

    operations = [
        migrations.RunPython(unaccepted_members_become_invitations, migrations.RunPython.noop),
    ]

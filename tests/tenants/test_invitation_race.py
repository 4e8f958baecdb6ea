"""Two submissions of one invitation at once grant the role once (PostgreSQL, real threads).

SQLite serialises writers, so this runs on PostgreSQL only (``DATABASE_URL``), and fails
instead of skipping under ``REQUIRE_SERVICES=1``.
"""

import pytest
from django.contrib.auth.models import User
from wagtail.models import ModelLogEntry

from tenants.exceptions import LinkError, StaffError
from tenants.invitations import ACCEPT_ACTION, accept_invitation, invite_staff
from tenants.links import invitation_link
from tenants.models import StaffInvitation
from tests.races import race
from tests.tenants.factories import StoreFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("postgresql_only", "restore_initial_data"),
]

SUBMISSIONS = 6


def test_simultaneous_acceptances_grant_the_role_once():
    store = StoreFactory(slug="racing", name="Racing Goods")
    person = UserFactory(username="racer@example.test", email="racer@example.test")
    invitation = invite_staff(store=store, email=person.email, role="editor", invited_by=None)
    token = invitation_link(invitation).rstrip("/").rsplit("/", 1)[1]

    outcomes = race(
        lambda _: accept_invitation(token=token, user=User.objects.get(pk=person.pk)),
        SUBMISSIONS,
    )

    accepted = [o for o in outcomes if isinstance(o, StaffInvitation)]
    refused = [o for o in outcomes if isinstance(o, StaffError | LinkError)]
    assert len(accepted) == 1, outcomes
    assert len(refused) == SUBMISSIONS - 1, outcomes
    assert person.groups.filter(store_role__store=store).count() == 1
    assert ModelLogEntry.objects.filter(action=ACCEPT_ACTION).count() == 1

"""Joining a store: an invitation grants nothing until the invitee accepts its link."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenants import staff
from tenants.exceptions import StaffError
from tenants.invitations import invite_staff
from tenants.models import StaffInvitation
from tenants.roles import Role
from tenants.selectors import role_of
from tests.helpers import PLATFORM_HOST
from tests.tenants.factories import OWNER_PASSWORD, UserFactory, staff_member

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-password-77"


@pytest.fixture
def invite(merchant_client, django_capture_on_commit_callbacks, link_to):
    """Invite ``email`` from the owner's staff screen; returns the link emailed to it."""

    def send(email, role="editor"):
        with django_capture_on_commit_callbacks(execute=True):
            response = merchant_client.post(reverse("store:invite"), {"email": email, "role": role})
        assert response.status_code == 302, response.content.decode()
        return link_to(email.lower())

    return send


def _browser(user=None):
    client = Client(HTTP_HOST=PLATFORM_HOST)
    if user is not None:
        client.force_login(user)
    return client


def _text(response) -> str:
    return response.content.decode()


# --- The attack this closes -------------------------------------------------------------


def test_a_support_agent_cannot_take_over_another_store_by_claiming_an_invited_address(
    store, other_store, other_merchant, django_capture_on_commit_callbacks, link_to
):
    agent = staff_member(store, Role.SUPPORT, email="agent@alpha.test")
    attacker = _browser(agent)
    with django_capture_on_commit_callbacks(execute=True):
        attacker.post(reverse("account:email"), {"new_email": "new.hire@b.example"})
    owner_b = _browser(other_merchant)
    with django_capture_on_commit_callbacks(execute=True):
        owner_b.post(reverse("store:invite"), {"email": "new.hire@b.example", "role": "owner"})
    invitation_path = link_to("new.hire@b.example")

    opened = attacker.get(invitation_path)
    accepted = attacker.post(invitation_path)
    switched = attacker.post(reverse("store:switch"), {"store": other_store.pk})

    agent.refresh_from_db()
    assert agent.email == "agent@alpha.test"  # never confirmed by new.hire@b.example
    assert opened.status_code == accepted.status_code == 403
    assert "Only new.hire@b.example can accept it" in _text(accepted)
    assert switched.status_code == 404
    assert role_of(user=agent, store=other_store) is None
    assert StaffInvitation.objects.get().accepted_at is None


# --- Inviting ---------------------------------------------------------------------------


def test_an_invitation_grants_nothing_and_shows_as_pending_until_accepted(
    merchant_client, store, invite
):
    invite("helper@example.test", role="support")

    listing = _text(merchant_client.get(reverse("store:staff")))
    members, pending = listing.split(">Members<")[1].split(">Pending invitations<")
    assert "helper@example.test" not in members
    assert "helper@example.test" in pending
    assert "Pending, link valid until" in pending
    assert not User.objects.filter(email="helper@example.test").exists()
    message = mail.outbox[-1]
    assert message.to == ["helper@example.test"]
    assert "Alpha Goods" in message.subject
    assert "Support" in message.body
    assert "/admin/invitation/" in message.body


def test_an_existing_account_invited_gets_no_role_and_keeps_its_password(
    store, other_merchant, invite
):
    invite(other_merchant.email.upper(), role="owner")

    assert role_of(user=other_merchant, store=store) is None
    assert other_merchant.check_password(OWNER_PASSWORD)


def test_inviting_someone_already_on_the_staff_explains_and_keeps_what_was_typed(
    merchant_client, store
):
    editor = staff_member(store, Role.EDITOR)

    response = merchant_client.post(
        reverse("store:invite"), {"email": editor.email, "role": "owner"}
    )

    assert response.status_code == 200
    assert "already on the staff as Editor" in _text(response)
    assert f'value="{editor.email}"' in _text(response)
    assert not StaffInvitation.objects.exists()
    assert role_of(user=editor, store=store) == Role.EDITOR


@pytest.mark.parametrize(
    ("email", "message"),
    [("not-an-address", "not a valid email address"), ("", "not a valid email address")],
)
def test_inviting_a_bad_address_is_refused_and_creates_nothing(store, email, message):
    with pytest.raises(StaffError, match=message):
        invite_staff(store=store, email=email, role="editor", invited_by=None)

    assert not StaffInvitation.objects.exists()


def test_inviting_an_address_twice_points_to_the_pending_invitation(merchant_client, invite):
    invite("twice@example.test")

    again = merchant_client.post(
        reverse("store:invite"), {"email": "twice@example.test", "role": "support"}
    )

    assert "already invited; resend or revoke" in _text(again)
    assert StaffInvitation.objects.count() == 1


def test_platform_operators_and_disabled_accounts_cannot_be_invited(store, platform_admin):
    disabled = UserFactory(email="gone@example.test", is_active=False)

    with pytest.raises(StaffError, match="platform operator"):
        invite_staff(store=store, email=platform_admin.email, role="owner", invited_by=None)
    with pytest.raises(StaffError, match="disabled"):
        invite_staff(store=store, email=disabled.email, role="editor", invited_by=None)

    assert not StaffInvitation.objects.exists()


# --- Accepting --------------------------------------------------------------------------


def test_a_new_person_chooses_a_password_at_the_link_and_joins(store, invite):
    path = invite("new@example.test", role="support")
    browser = _browser()

    page = browser.get(path)
    joined = browser.post(
        path,
        {
            "first_name": "Nina",
            "last_name": "New",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assert page.status_code == 200
    assert "Choose a password" in _text(page)
    person = User.objects.get(email="new@example.test")
    assert person.username == "new@example.test"
    assert person.check_password(NEW_PASSWORD)
    assert person.get_full_name() == "Nina New"
    assert role_of(user=person, store=store) == Role.SUPPORT
    assert joined.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Welcome to Alpha Goods" in _text(joined)
    signed_in = _browser().post(
        reverse("wagtailadmin_login"), {"username": "new@example.test", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    invitation = StaffInvitation.objects.get()
    assert invitation.accepted_by == person


def test_a_weak_or_mismatched_password_is_refused_and_creates_no_account(store, invite):
    path = invite("new@example.test")

    response = _browser().post(path, {"new_password1": "short", "new_password2": "other"})

    assert response.status_code == 400
    assert "The two password fields didn’t match" in _text(response)
    assert not User.objects.filter(email="new@example.test").exists()
    assert StaffInvitation.objects.get().accepted_at is None


def test_an_existing_account_must_sign_in_as_itself_to_accept(store, other_merchant, invite):
    path = invite(other_merchant.email, role="editor")
    anonymous = _browser()

    prompt = anonymous.get(path)
    refused = anonymous.post(path)
    signed_in = _browser(other_merchant)
    accepted = signed_in.post(path, follow=True)

    assert "Sign in as owner@beta.test" in _text(prompt)
    assert reverse("wagtailadmin_login") + "?next=" in _text(prompt)
    assert refused.status_code == 400
    assert role_of(user=other_merchant, store=store) == Role.EDITOR
    assert "Welcome to Alpha Goods" in _text(accepted)
    assert 'data-active-store="alpha"' in _text(accepted)


def test_signing_in_from_the_invitation_comes_back_to_it(store, other_merchant, invite):
    path = invite(other_merchant.email)
    browser = _browser()

    signed_in = browser.post(
        reverse("wagtailadmin_login") + f"?next={path}",
        {"username": other_merchant.username, "password": OWNER_PASSWORD},
    )

    assert signed_in["Location"] == path
    assert "Accept and join Alpha Goods" in _text(browser.get(path))


def test_someone_signed_in_as_another_account_cannot_accept(store, other_merchant, invite):
    path = invite("new@example.test")
    other = _browser(other_merchant)

    page = other.get(path)
    post = other.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert page.status_code == post.status_code == 403
    assert "you are signed in as owner@beta.test" in _text(page)
    assert not User.objects.filter(email="new@example.test").exists()
    assert role_of(user=other_merchant, store=store) is None


def test_a_used_link_is_refused_and_the_role_is_granted_once(store, other_merchant, invite):
    path = invite(other_merchant.email, role="support")
    browser = _browser(other_merchant)
    browser.post(path)

    again = browser.post(path)

    assert again.status_code == 400
    assert "already been accepted" in _text(again)
    assert role_of(user=other_merchant, store=store) == Role.SUPPORT
    assert other_merchant.groups.filter(store_role__store=store).count() == 1


def test_a_forged_link_is_refused_with_a_clear_page(store, invite):
    path = invite("new@example.test")
    forged = path.replace("/invitation/", "/invitation/x")

    response = _browser().get(forged)

    assert response.status_code == 400
    assert "This invitation link cannot be used" in _text(response)
    assert "Nothing has changed" in _text(response)


def test_an_expired_link_is_refused_with_a_clear_page(store, invite):
    path = invite("new@example.test")
    StaffInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    page = _browser().get(path)
    post = _browser().post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert page.status_code == post.status_code == 410
    assert "This invitation has expired" in _text(page)
    assert not User.objects.filter(email="new@example.test").exists()


def test_a_link_older_than_the_signing_limit_is_refused(store, invite, settings):
    path = invite("new@example.test")
    settings.STAFF_INVITATION_MAX_AGE = -1  # every signature is older than that

    response = _browser().get(path)

    assert response.status_code == 410
    assert "This link has expired" in _text(response)


def test_an_invitation_for_someone_added_meanwhile_is_refused_clearly(
    store, other_merchant, invite
):
    path = invite(other_merchant.email, role="owner")
    staff.add_staff(store=store, user=other_merchant, role="support", added_by=None)

    response = _browser(other_merchant).post(path)

    assert response.status_code == 400
    assert "already on the staff as Support" in _text(response)
    assert role_of(user=other_merchant, store=store) == Role.SUPPORT


# --- Resending and revoking -------------------------------------------------------------


def test_resending_sends_a_fresh_link_and_the_old_one_stops_working(
    merchant_client, store, invite, django_capture_on_commit_callbacks, link_to
):
    old_path = invite("late@example.test")
    StaffInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    invitation = StaffInvitation.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = merchant_client.post(reverse("store:resend_invitation", args=[invitation.pk]))
    new_path = link_to("late@example.test")

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["late@example.test"], ["late@example.test"]]
    assert new_path != old_path
    assert "newer invitation link" in _text(_browser().get(old_path))
    assert _browser().get(new_path).status_code == 200
    invitation.refresh_from_db()
    assert not invitation.is_expired


def test_revoking_withdraws_the_invitation_and_its_link(merchant_client, store, invite):
    path = invite("changed.mind@example.test")
    invitation = StaffInvitation.objects.get()

    merchant_client.post(reverse("store:revoke_invitation", args=[invitation.pk]))

    refused = _browser().post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert refused.status_code == 400
    assert "Alpha Goods has withdrawn this invitation" in _text(refused)
    listing = _text(merchant_client.get(reverse("store:staff")))
    assert "changed.mind@example.test" not in listing.split(">Pending invitations<")[1]
    assert not User.objects.filter(email="changed.mind@example.test").exists()


def test_owners_cannot_resend_or_revoke_another_stores_invitations(
    merchant_client, other_store, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        theirs = invite_staff(
            store=other_store, email="beta.hire@example.test", role="editor", invited_by=None
        )
        for name in ("resend_invitation", "revoke_invitation"):
            assert (
                merchant_client.post(reverse(f"store:{name}", args=[theirs.pk])).status_code == 404
            )

    theirs.refresh_from_db()
    assert theirs.is_open
    assert theirs.link_version == 1
    assert len(mail.outbox) == 1  # the invitation itself, from invite_staff


# --- The platform operator adds people directly -----------------------------------------


def test_the_operator_adds_an_existing_account_to_a_store_directly(
    operator_client, store, other_merchant
):
    url = reverse("stores:add_staff", args=[store.pk])

    form = operator_client.get(url)
    added = operator_client.post(url, {"email": other_merchant.email, "role": "editor"})
    unknown = operator_client.post(url, {"email": "nobody@example.test", "role": "editor"})

    assert form.status_code == 200
    assert added.status_code == 302
    assert role_of(user=other_merchant, store=store) == Role.EDITOR
    assert "No account uses nobody@example.test" in _text(unknown)
    assert not mail.outbox


def test_merchants_cannot_use_the_operators_direct_add(merchant_client, store, other_merchant):
    response = merchant_client.post(
        reverse("stores:add_staff", args=[store.pk]),
        {"email": other_merchant.email, "role": "owner"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )

    assert response.status_code == 403
    assert role_of(user=other_merchant, store=store) is None

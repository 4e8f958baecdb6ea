"""An owner invites a new person, who accepts in their own browser; an owner changes email.

Runs in headless Chromium against the live server. Screens go to
test-artifacts/screenshots/accounts-*.png.
"""

import re

import pytest
from django.core import mail

from tenants.roles import Role
from tenants.selectors import role_of
from tests.e2e.browser import capture, sign_in
from tests.tenants.factories import OWNER_PASSWORD, StoreFactory, owner_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_PASSWORD = "a-long-new-password-77"


@pytest.fixture
def shop(live_server, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    store = StoreFactory(slug="alpha", name="Alpha Goods")
    return store, owner_of(store)


def _link(address: str) -> str:
    message = [m for m in mail.outbox if address in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_new_person_joins_through_the_invitation_link(
    page, browser, live_server, shop, screenshots
):
    store, owner = shop
    sign_in(page, live_server, owner.username, OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/store/staff/invite/")
    page.fill("input[name=email]", "nina@example.test")
    page.locator("input[name=role][value=support]").check()
    page.locator("button[type=submit]", has_text="Send invitation").click()
    page.wait_for_url(f"{live_server.url}/admin/store/staff/")
    capture(page, screenshots / "accounts-staff-pending.png")
    assert "nina@example.test" in page.locator(".tenants-invitations").inner_text()

    invitee = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    invitee.goto(_link("nina@example.test"))
    capture(invitee, screenshots / "accounts-accept-new.png")
    invitee.fill("input[name=first_name]", "Nina")
    invitee.fill("input[name=new_password1]", NEW_PASSWORD)
    invitee.fill("input[name=new_password2]", NEW_PASSWORD)
    invitee.locator("button[type=submit]").click()
    invitee.wait_for_url(f"{live_server.url}/admin/")
    capture(invitee, screenshots / "accounts-joined.png")

    assert "Welcome to Alpha Goods" in invitee.content()
    nina = store.role_groups.get(role=Role.SUPPORT).group.user_set.get()
    assert role_of(user=nina, store=store) == Role.SUPPORT
    invitee.goto(_link("nina@example.test"))
    capture(invitee, screenshots / "accounts-link-used.png")
    assert "already been accepted" in invitee.content()


def test_an_owner_asks_to_change_their_email(page, live_server, shop, screenshots):
    _, owner = shop
    sign_in(page, live_server, owner.username, OWNER_PASSWORD)
    page.goto(f"{live_server.url}/admin/account/")
    capture(page, screenshots / "accounts-account-page.png")
    page.goto(f"{live_server.url}/admin/account/email/")
    page.fill("input[name=new_email]", "owner.new@example.test")
    page.locator("button[type=submit]", has_text="Send confirmation link").click()
    page.wait_for_url(f"{live_server.url}/admin/account/email/")
    capture(page, screenshots / "accounts-email-pending.png")
    assert "Waiting for confirmation" in page.content()

    page.goto(_link("owner.new@example.test"))
    capture(page, screenshots / "accounts-email-confirm.png")
    page.locator("button[type=submit]", has_text="Confirm owner.new@example.test").click()
    page.wait_for_url(f"{live_server.url}/admin/account/")

    owner.refresh_from_db()
    assert owner.email == owner.username == "owner.new@example.test"

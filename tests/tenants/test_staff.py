"""Store staff: adding directly, changing roles, removing, and the audit of those changes."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tenants import staff
from tenants.exceptions import StaffError
from tenants.invitations import invite_staff
from tenants.roles import Role
from tenants.selectors import role_of, staff_of
from tests.helpers import XHR
from tests.tenants.factories import UserFactory, role_group, staff_member

pytestmark = pytest.mark.django_db


def _log_actions(store):
    return list(
        ModelLogEntry.objects.filter(object_id=str(store.pk), content_type__model="store")
        .order_by("pk")
        .values_list("action", "data")
    )


# --- Services -------------------------------------------------------------------------


def test_the_operator_path_adds_an_existing_account_at_once_and_logs_it(store, other_merchant):
    staff.add_staff(store=store, user=other_merchant, role="support", added_by=None)

    assert role_of(user=other_merchant, store=store) == Role.SUPPORT
    assert _log_actions(store) == [
        ("tenants.add_staff", {"email": other_merchant.email, "role": "support"})
    ]


def test_platform_operators_disabled_accounts_and_staff_cannot_be_added_again(
    store, merchant, platform_admin
):
    disabled = UserFactory(email="gone@example.test", is_active=False)

    with pytest.raises(StaffError, match="platform operator"):
        staff.add_staff(store=store, user=platform_admin, role="owner", added_by=None)
    with pytest.raises(StaffError, match="disabled"):
        staff.add_staff(store=store, user=disabled, role="editor", added_by=None)
    with pytest.raises(StaffError, match="already on the staff as Owner"):
        staff.add_staff(store=store, user=merchant, role="editor", added_by=None)
    with pytest.raises(StaffError, match="not a staff role"):
        staff.add_staff(store=store, user=disabled, role="admin", added_by=None)

    assert not platform_admin.groups.exists()
    assert not disabled.groups.exists()
    assert role_of(user=merchant, store=store) == Role.OWNER


def test_changing_a_role_moves_the_person_to_the_other_group_only(store, merchant):
    editor = staff_member(store, Role.EDITOR)

    assert staff.change_staff_role(store=store, member=editor, role="support", changed_by=merchant)

    assert set(editor.groups.all()) == {role_group(store, Role.SUPPORT)}
    assert _log_actions(store)[-1] == (
        "tenants.change_staff_role",
        {"email": editor.email, "from": "editor", "to": "support"},
    )
    assert not staff.change_staff_role(store=store, member=editor, role="support", changed_by=None)


def test_the_last_owner_can_neither_be_demoted_nor_removed(store, merchant):
    with pytest.raises(StaffError, match="needs an owner"):
        staff.change_staff_role(store=store, member=merchant, role="editor", changed_by=merchant)
    with pytest.raises(StaffError, match="needs an owner"):
        staff.remove_staff(store=store, member=merchant, removed_by=merchant)

    assert role_of(user=merchant, store=store) == Role.OWNER


def test_an_owner_can_step_down_once_there_is_another_owner(store, merchant):
    second = staff_member(store, Role.OWNER)

    staff.change_staff_role(store=store, member=merchant, role="editor", changed_by=merchant)

    assert role_of(user=merchant, store=store) == Role.EDITOR
    assert role_of(user=second, store=store) == Role.OWNER


def test_removing_staff_keeps_their_account_and_their_other_stores(
    store, other_store, other_merchant
):
    staff.add_staff(store=store, user=other_merchant, role="editor", added_by=None)

    staff.remove_staff(store=store, member=other_merchant, removed_by=None)

    assert role_of(user=other_merchant, store=store) is None
    assert role_of(user=other_merchant, store=other_store) == Role.OWNER
    assert User.objects.filter(pk=other_merchant.pk, is_active=True).exists()
    assert _log_actions(store)[-1] == (
        "tenants.remove_staff",
        {"email": other_merchant.email, "role": "editor"},
    )


def test_staff_changes_of_a_person_outside_the_store_are_refused(store, other_merchant):
    with pytest.raises(StaffError, match="not on the staff"):
        staff.remove_staff(store=store, member=other_merchant, removed_by=None)
    with pytest.raises(StaffError, match="not on the staff"):
        staff.change_staff_role(store=store, member=other_merchant, role="owner", changed_by=None)


def test_staff_list_shows_owners_first(store, merchant):
    support = staff_member(store, Role.SUPPORT, email="a-support@example.test")
    editor = staff_member(store, Role.EDITOR, email="z-editor@example.test")

    assert staff_of(store) == [
        (merchant, Role.OWNER),
        (editor, Role.EDITOR),
        (support, Role.SUPPORT),
    ]


# --- The staff screen -----------------------------------------------------------------


def test_the_invite_form_shows_a_clear_error_and_keeps_what_was_typed(merchant_client, merchant):
    response = merchant_client.post(
        reverse("store:invite"), {"email": merchant.email, "role": "editor"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "already on the staff as Owner" in content
    assert f'value="{merchant.email}"' in content


def test_owner_changes_a_role_and_removes_staff_from_the_staff_screen(merchant_client, store):
    editor = staff_member(store, Role.EDITOR)

    changed = merchant_client.post(
        reverse("store:change_role", args=[editor.pk]), {"role": "support"}
    )
    confirm = merchant_client.get(reverse("store:remove", args=[editor.pk]))
    removed = merchant_client.post(reverse("store:remove", args=[editor.pk]))

    assert changed.status_code == 302
    assert confirm.status_code == 200
    assert editor.email in confirm.content.decode()
    assert removed.status_code == 302
    assert role_of(user=editor, store=store) is None


def test_removing_the_last_owner_from_the_screen_explains_why_not(merchant_client, store, merchant):
    response = merchant_client.post(reverse("store:remove", args=[merchant.pk]), follow=True)

    assert "needs an owner" in response.content.decode()
    assert role_of(user=merchant, store=store) == Role.OWNER


def test_the_staff_screen_never_reaches_people_of_another_store(
    merchant_client, other_store, other_merchant
):
    for name in ("change_role", "remove"):
        url = reverse(f"store:{name}", args=[other_merchant.pk])
        get = merchant_client.get(url)
        post = merchant_client.post(url, {"role": "support"})
        assert get.status_code in (404, 405), name
        assert post.status_code == 404, name
    assert role_of(user=other_merchant, store=other_store) == Role.OWNER
    assert other_merchant.email not in merchant_client.get(reverse("store:staff")).content.decode()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.SUPPORT])
@pytest.mark.parametrize("url_name", ["store:staff", "store:invite", "store:activity"])
def test_only_owners_manage_staff_and_read_the_activity_log(platform_client, store, role, url_name):
    member = staff_member(store, role)
    platform_client.force_login(member)

    response = platform_client.get(reverse(url_name))
    post = platform_client.post(
        reverse("store:invite"), {"email": "x@example.test", "role": "owner"}, **XHR
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert post.status_code == 403
    assert not User.objects.filter(email="x@example.test").exists()


def test_the_activity_log_shows_staff_and_settings_changes_of_the_store_only(
    merchant_client, store, other_store, merchant, other_merchant
):
    editor = staff_member(store, Role.EDITOR, email="ed@example.test")
    staff.change_staff_role(store=store, member=editor, role="support", changed_by=merchant)
    settings_url = reverse("wagtailsettings:edit", args=["shop", "storesettings", store.site.pk])
    form = merchant_client.get(settings_url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    merchant_client.post(settings_url, {**data, "currency": "SEK"})
    invite_staff(store=other_store, email="beta-only@example.test", role="editor", invited_by=None)

    content = merchant_client.get(reverse("store:activity")).content.decode()

    assert "Changed the role of ed@example.test from Editor to Support" in content
    assert "Store settings" in content
    assert "beta-only@example.test" not in content
    assert other_merchant.email not in content


def test_the_platform_operator_has_no_store_area(operator_client, store):

    assert operator_client.get(reverse("store:staff")).status_code == 404

"""The permission policies of rows that people do not add, change or delete by hand."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Site

from tenancy.admin.policies import NoAddOrDeletePolicy, ViewOnlyPolicy
from tests.tenants.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def site_editor():
    """A user holding every model permission on ``Site``, the model these tests use."""
    user = UserFactory(username="editor", is_staff=True)
    codenames = [f"{action}_site" for action in ("add", "change", "delete", "view")]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_no_add_or_delete_leaves_change_to_whoever_holds_it(superuser, site_editor):
    policy = NoAddOrDeletePolicy(Site)

    for user in (superuser, site_editor):
        assert policy.user_has_permission(user, "change")
        assert not policy.user_has_permission(user, "add")
        assert not policy.user_has_permission(user, "delete")
        assert not policy.user_has_any_permission(user, ["add", "delete"])
        assert policy.user_has_any_permission(user, ["add", "change"])


def test_view_only_grants_no_write_at_all(superuser, site_editor):
    policy = ViewOnlyPolicy(Site)

    for user in (superuser, site_editor):
        assert policy.user_has_permission(user, "view")
        assert not policy.user_has_any_permission(user, ["add", "change", "delete"])


def test_holding_a_blocked_permission_does_not_list_a_user(superuser, site_editor):
    assert site_editor not in NoAddOrDeletePolicy(Site).users_with_any_permission(["add", "delete"])
    assert set(ViewOnlyPolicy(Site).users_with_any_permission(["change", "view"])) == {
        superuser,
        site_editor,
    }
    assert site_editor not in ViewOnlyPolicy(Site).users_with_any_permission(["change"])

"""Fixtures of the URL matrix: stores A and B filled with an object of every kind, and store
A's staff signed in to the admin. ``store`` and ``other_store`` are A and B, so
``merchant_client`` is A's owner."""

import pytest

from tenancy.scope import store_scope
from tenants.roles import Role
from tests.helpers import fresh_cache
from tests.isolation.matrix_stores import ROLES, fill_more, fingerprint, member_of
from tests.tenants.factories import staff_member


@pytest.fixture(scope="module")
def matrix_stores(filled_stores, django_db_blocker):
    """Stores A and B as sides, built once for the module on top of ``filled_stores``,
    inside its transaction (rolled back at the module's end). Every test runs in its own
    savepoint, so what a request writes is undone. Store A has a member of every role."""
    alpha, beta = filled_stores
    with django_db_blocker.unblock(), fresh_cache():
        sides = []
        for data, prefix in ((alpha, "Alpha"), (beta, "Beta")):
            with store_scope([data.store.site.pk]):
                sides.append(fill_more(data, prefix))
        for role in ROLES:
            if role != Role.OWNER:
                staff_member(alpha.store, role)
        sides[1].baseline = fingerprint(sides[1])
    return tuple(sides)


@pytest.fixture
def mine(db, matrix_stores):
    return matrix_stores[0]


@pytest.fixture
def theirs(db, matrix_stores):
    return matrix_stores[1]


@pytest.fixture
def store(mine):
    return mine.store


@pytest.fixture
def other_store(theirs):
    return theirs.store


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def member_client(platform_client, mine, theirs, role):
    """A member of store A with ``role``, signed in to the admin on the platform host."""
    platform_client.force_login(member_of(mine.store, role))
    return platform_client

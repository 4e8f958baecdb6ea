"""The two filled stores as Alpha (``mine``, ``alpha``) and Beta (``theirs``, ``beta``).

``store`` and ``other_store`` are Alpha and Beta, so the shared ``merchant_client`` is
Alpha's owner. Modules testing the surfaces use the ``surfaces`` fixture for every test.
"""

import pytest
from django.urls import reverse

from tests.helpers import fresh_cache
from tests.tenants.admin_scoping.surfaces import add_surfaces


@pytest.fixture
def mine(db, filled_stores):
    return filled_stores[0]


@pytest.fixture
def theirs(db, filled_stores):
    return filled_stores[1]


@pytest.fixture
def store(mine):
    return mine.store


@pytest.fixture
def other_store(theirs):
    return theirs.store


@pytest.fixture
def merchant(mine):
    """Alpha's owner (the agent of the surfaces owns Alpha too)."""
    return mine.owner


@pytest.fixture(scope="module")
def surfaces(filled_stores, django_db_blocker):
    """Built once for the module, inside the stores' transaction (rolled back at its end)."""
    with django_db_blocker.unblock(), fresh_cache():
        return add_surfaces(*filled_stores)


@pytest.fixture
def alpha(db, surfaces):
    return surfaces.alpha


@pytest.fixture
def beta(db, surfaces):
    return surfaces.beta


@pytest.fixture
def agent_client(platform_client, surfaces, alpha, beta):
    """The agent in the admin, having switched to Beta Wares with the store switcher."""
    platform_client.force_login(surfaces.agent)
    switched = platform_client.post(reverse("store:switch"), {"store": beta.store.pk})
    assert switched.status_code == 302
    return platform_client

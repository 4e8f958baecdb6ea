import pytest
from django.db import connection

from shop.scoping import store_scope


@pytest.fixture
def in_store_scope(store):
    """The test body runs in ``store``'s scope, as the storefront's views and the admin
    of its merchant do. Requests the test makes still open their own scope."""
    with store_scope([store.site.pk]):
        yield


@pytest.fixture(scope="module")
def restore_initial_data(django_db_blocker):
    """Put back what migrations wrote (root page, default site...) once the races are over.

    A transactional test empties the tables when it ends; Django reloads the serialized
    data only when the *next* such test starts, so without this a database kept with
    ``--reuse-db`` would start the next session empty.
    """
    yield
    with django_db_blocker.unblock():
        if hasattr(connection, "_test_serialized_contents"):
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)

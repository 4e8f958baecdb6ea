import pytest

from tenancy.scope import store_scope


@pytest.fixture
def in_store_scope(store):
    """The test body runs in ``store``'s scope, as the storefront's views and the admin
    of its merchant do. Requests the test makes still open their own scope."""
    with store_scope([store.site.pk]):
        yield

import pytest

from tests.shop.factories import stocked_variant


@pytest.fixture
def variant(store):
    """An item of ``store`` at 20.00 with plenty in stock, for orders whose client the CRM
    records."""
    return stocked_variant(site=store.site, price="20.00", stock=50)

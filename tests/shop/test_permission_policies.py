"""The shop's rows made by the system have their permission policy in Wagtail's registry
(``ShopConfig.ready()``), so every admin screen and check asks it."""

import pytest
from wagtail.permissions import policy_registry

from shop.models import Order, StockLevel, StockMovement
from tenancy.admin.policies import NoAddOrDeletePolicy, ViewOnlyPolicy
from tests.tenants.factories import UserFactory


@pytest.mark.parametrize(
    ("model", "policy_class"),
    [
        (Order, NoAddOrDeletePolicy),
        (StockLevel, NoAddOrDeletePolicy),
        (StockMovement, ViewOnlyPolicy),
    ],
)
def test_system_made_shop_rows_have_their_policy(model, policy_class):
    policy = policy_registry.get_by_type(model)

    assert type(policy) is policy_class
    assert policy.model is model


@pytest.mark.django_db
def test_not_even_a_superuser_adds_or_deletes_an_order_in_the_admin():
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    policy = policy_registry.get_by_type(Order)

    assert policy.user_has_permission(superuser, "change")
    assert not policy.user_has_any_permission(superuser, ["add", "delete"])

"""The CRM's admin registrations: its permission policies (``CrmBridgeConfig.ready()``)
and its answer to the shop's ``ORDER_NOTES_HOOK`` (``crm_bridge/wagtail_hooks.py``)."""

import pytest
from wagtail import hooks
from wagtail.permissions import policy_registry

from crm_bridge.models import Client, Ticket
from crm_bridge.viewsets import order_contact_note
from shop.order_notes import ORDER_NOTES_HOOK, order_notes
from tenancy.admin.policies import NoAddOrDeletePolicy
from tenancy.scope import store_scope
from tests.shop.factories import place_test_order, stocked_variant


@pytest.mark.parametrize("model", [Client, Ticket])
def test_clients_and_tickets_are_made_from_orders_only(model):
    policy = policy_registry.get_by_type(model)

    assert type(policy) is NoAddOrDeletePolicy
    assert policy.model is model


def test_the_crm_answers_the_shops_order_notes_hook():
    assert order_contact_note in hooks.get_hooks(ORDER_NOTES_HOOK)


@pytest.mark.django_db
def test_an_order_whose_details_match_the_client_has_a_blank_note(store):
    lamp = stocked_variant(site=store.site, stock=4)
    order = place_test_order(lines=[(lamp, 1)], email="ann@example.test", name="Ann Example")

    with store_scope([store.site.pk]):
        (note,) = order_notes(order)

    assert note.label == "Contact details"
    assert not note.html.strip()
    assert note.inspect_value == "Same as the client record"

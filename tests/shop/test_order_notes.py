"""Other apps' notes on an order's admin screens (``ORDER_NOTES_HOOK``): shown under the
customer on the edit screen, one row each on the inspect screen."""

import pytest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail import hooks

from shop.order_notes import ORDER_NOTES_HOOK, OrderNote, order_notes
from tests.shop.factories import place_test_order, stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(store):
    lamp = stocked_variant(site=store.site, stock=4, title="Alpha Lamp")
    return place_test_order(lines=[(lamp, 1)], name="Ann Example")


def gift_note(order):
    return OrderNote(
        label="Gift",
        html=format_html('<p class="gift-note">Wrap {} as a gift</p>', order.number),
        blank_text="No gift",
    )


def blank_note(order):
    return OrderNote(label="Loyalty", html=SafeString(""), blank_text="No loyalty card")


def test_a_note_is_shown_on_the_order_edit_screen(merchant_client, order):
    with hooks.register_temporarily(ORDER_NOTES_HOOK, gift_note):
        page = merchant_client.get(reverse("wagtailsnippets_shop_order:edit", args=[order.pk]))

    assert page.status_code == 200
    assert f'<p class="gift-note">Wrap {order.number} as a gift</p>' in page.content.decode()


def test_each_note_is_a_row_of_the_order_inspect_screen(merchant_client, order):
    url = reverse("wagtailsnippets_shop_order:inspect", args=[order.pk])
    with hooks.register_temporarily(
        [(ORDER_NOTES_HOOK, gift_note), (ORDER_NOTES_HOOK, blank_note)]
    ):
        text = merchant_client.get(url).content.decode()

    assert "<dt>Gift</dt>" in text
    assert f'<p class="gift-note">Wrap {order.number} as a gift</p>' in text
    assert "<dt>Loyalty</dt>" in text
    assert "No loyalty card" in text
    assert "No gift" not in text


def test_an_answer_of_none_adds_no_note(order, in_store_scope):
    shown = order_notes(order)

    with hooks.register_temporarily(ORDER_NOTES_HOOK, lambda order: None):
        assert order_notes(order) == shown

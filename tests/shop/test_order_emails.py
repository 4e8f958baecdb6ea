"""The emails of an order's life (ADR 44): each event of the timeline that concerns the
shopper sends them one email, in the store's name and colours, with a link to the order's
tracking page; a new order tells the merchant. Each email goes once, however often its task
runs, and one that failed is sent by the retry."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.utils import timezone

from shop import services
from shop.models import Fulfilment, Order, OrderEmail, OrderEvent, Refund
from shop.services.order_emails import OrderEmailsNotSent, send_event_emails
from shop.tasks import send_order_emails_task
from shop.templatetags.shop_tags import money
from tenancy.scope import store_scope
from tests.races import race
from tests.shop.factories import ImageFactory, place_test_order, stocked_variant
from tests.shop.order_email_helpers import (
    FlakyBackend,
    email_events,
    html_of,
    parsed,
    run_after_commit,
    sent_to,
    set_store_settings,
)
from tests.tenants.factories import StoreFactory, owner_of
from themes.models import StoreTheme
from themes.services import publish_theme

pytestmark = pytest.mark.django_db

SHOPPER = "ann@example.test"
SHOP_EMAIL = "hello@alpha.test"


@pytest.fixture
def lamp(store):
    set_store_settings(
        store.site,
        contact_email=SHOP_EMAIL,
        bank_account_holder="Alpha Goods AS",
        bank_name="Fjord Bank",
        bank_account_number="NO93 8601 1117 947",
    )
    return stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")


def _order(lamp, **details) -> Order:
    return place_test_order(lines=[(lamp, 2)], email=SHOPPER, **details)


def _only(messages):
    assert len(messages) == 1, [m.subject for m in messages]
    return messages[0]


def _tracking_link_opens_the_order(store, message, order):
    """The link in the text opens the order's tracking page on the store's host."""
    link = next(word for word in message.body.split() if "/orders/track/" in word)
    assert link.startswith(store.site.root_url)
    assert link in html_of(message)
    page = HttpClient(HTTP_HOST=store.site.hostname).get(link.removeprefix(store.site.root_url))
    assert page.status_code == 200
    assert f"Order #{order.number}" in page.content.decode()


def test_a_bank_transfer_order_is_confirmed_with_how_to_pay(store, lamp):
    order = _order(lamp)

    message = _only(sent_to(SHOPPER))
    assert message.subject == f"Order #{order.number} confirmed – Alpha Goods"
    assert parsed(message)["From"].addresses[0].display_name == "Alpha Goods"
    assert parsed(message)["From"].addresses[0].addr_spec == "noreply@localhost"
    assert message.reply_to == [SHOP_EMAIL]
    total = money(order.total, order.currency)
    for part in (message.body, html_of(message)):
        assert total in part
        assert "NO93 8601 1117 947" in part
        assert order.payment_reference in part
        assert "2 × Desk lamp" in part
    assert "<table" in html_of(message) and "<table" not in message.body
    _tracking_link_opens_the_order(store, message, order)


def test_the_merchant_hears_of_a_new_order_and_replies_to_the_shopper(store, lamp):
    order = _order(lamp, name="Ann Example")

    message = _only(sent_to(SHOP_EMAIL))
    total = money(order.total, order.currency)
    assert message.subject == f"New order #{order.number}: {total} from Ann Example"
    assert message.reply_to == [SHOPPER]
    assert f"/admin/snippets/shop/order/edit/{order.pk}/" in message.body
    assert "1 Fjord Street" in message.body


def test_without_a_contact_email_the_owners_hear_of_new_orders(store, merchant):
    set_store_settings(store.site, contact_email="", accepts_bank_transfer=False)
    merchant.email = "owner@alpha.test"
    merchant.save()
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")

    order = place_test_order(
        lines=[(lamp, 1)], email=SHOPPER, payment_method=Order.PaymentMethod.CASH_ON_DELIVERY
    )

    assert owner_of(store) == merchant
    assert _only(sent_to("owner@alpha.test")).subject.startswith(f"New order #{order.number}")
    assert "in cash when your parcel arrives" in _only(sent_to(SHOPPER)).body


def test_a_card_order_is_confirmed_when_its_payment_arrives(store, lamp):
    order = _order(lamp, payment_method=Order.PaymentMethod.CARD)
    assert mail.outbox == []

    run_after_commit(store.site, lambda: services.mark_paid(order=order, actor="Stripe"))

    message = _only(sent_to(SHOPPER))
    assert message.subject == f"Order #{order.number} confirmed: payment received – Alpha Goods"
    assert "We have received your payment" in message.body
    assert "How to pay" not in message.body
    assert _only(sent_to(SHOP_EMAIL)).subject.startswith(f"New order #{order.number}")


def test_marking_a_bank_transfer_paid_tells_the_shopper(store, lamp, merchant):
    order = _order(lamp)
    mail.outbox.clear()

    run_after_commit(store.site, lambda: services.mark_paid(order=order, user=merchant))

    message = _only(mail.outbox)
    assert message.to == [SHOPPER]
    assert message.subject == f"Payment received for order #{order.number} – Alpha Goods"
    assert money(order.total, order.currency) in message.body


def _ship(store, order, merchant, **fields) -> Fulfilment:
    def ship():
        services.mark_paid(order=order, user=merchant)
        fulfilment = Fulfilment.objects.create(order=order, shipped_at=timezone.now(), **fields)
        services.transition(
            order=order,
            status=Order.Status.SHIPPED,
            user=merchant,
            kind=OrderEvent.Kind.SHIPPED,
            fulfilment=fulfilment.pk,
        )
        return fulfilment

    return run_after_commit(store.site, ship)


def test_shipping_sends_the_carrier_and_tracking(store, lamp, merchant):
    order = _order(lamp)
    _ship(
        store,
        order,
        merchant,
        carrier="Posten",
        tracking_number="LX123456789NO",
        tracking_url="https://sporing.posten.no/sporing/LX123456789NO",
    )

    message = next(m for m in sent_to(SHOPPER) if "on its way" in m.subject)
    assert message.subject == f"Order #{order.number} is on its way – Alpha Goods"
    for part in (message.body, html_of(message)):
        assert "Posten" in part
        assert "LX123456789NO" in part
        assert "https://sporing.posten.no/sporing/LX123456789NO" in part
    _tracking_link_opens_the_order(store, message, order)


def test_a_status_changed_by_hand_to_shipped_and_delivered_emails_too(store, lamp, merchant):
    order = _order(lamp)
    mail.outbox.clear()

    def deliver():
        services.mark_paid(order=order, user=merchant)
        services.transition(order=order, status=Order.Status.SHIPPED, user=merchant)
        services.transition(order=order, status=Order.Status.DELIVERED, user=merchant)

    run_after_commit(store.site, deliver)

    assert [m.subject.split(" – ")[0] for m in mail.outbox] == [
        f"Payment received for order #{order.number}",
        f"Order #{order.number} is on its way",
        f"Order #{order.number} has been delivered",
    ]


def test_cancelling_tells_the_shopper_there_is_nothing_to_pay(store, lamp, merchant):
    order = _order(lamp)
    mail.outbox.clear()

    run_after_commit(store.site, lambda: services.cancel_order(order=order, user=merchant))

    message = _only(mail.outbox)
    assert message.subject == f"Order #{order.number} is cancelled – Alpha Goods"
    assert "please do not transfer money for this order" in message.body


def test_a_refund_email_says_how_much(store, lamp, merchant):
    order = _order(lamp)
    mail.outbox.clear()

    def refund():
        services.mark_paid(order=order, user=merchant)
        made = Refund.objects.create(
            order=order, amount=Decimal("12.50"), status=Refund.Status.SUCCEEDED
        )
        Order.objects.filter(pk=order.pk).update(refunded_total=Decimal("12.50"))
        services.record_event(
            order=order,
            kind=OrderEvent.Kind.REFUNDED,
            user=merchant,
            refund=made.pk,
            amount="12.50",
        )

    run_after_commit(store.site, refund)

    message = mail.outbox[-1]
    amount = money(Decimal("12.50"), order.currency)
    assert message.subject == f"Refund of {amount} for order #{order.number} – Alpha Goods"
    assert amount in html_of(message)


def test_notes_and_failed_payments_send_nothing(store, lamp, merchant):
    order = _order(lamp)
    mail.outbox.clear()

    def note():
        services.record_event(order=order, kind=OrderEvent.Kind.NOTE, user=merchant, message="x")
        services.record_event(order=order, kind=OrderEvent.Kind.PAYMENT_FAILED, actor="Stripe")

    run_after_commit(store.site, note)

    assert mail.outbox == []


def test_each_email_sent_is_on_the_timeline_and_sends_nothing_itself(store, lamp):
    order = _order(lamp)

    events = email_events(order)
    assert sorted(e.data["email"] for e in events) == ["confirmation", "new_order"]
    assert {e.by for e in events} == {"System"}
    assert len(mail.outbox) == 2
    assert all(e.kind not in OrderEvent.SHOPPER_KINDS for e in events)


def test_the_task_run_twice_sends_once(store, lamp):
    order = _order(lamp)
    with store_scope([store.site.pk]):
        placed = OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.PLACED)

    assert send_order_emails_task.apply(args=[placed.pk, store.site.pk]).get() == 0
    assert send_order_emails_task.apply(args=[placed.pk, store.site.pk]).get() == 0

    assert len(mail.outbox) == 2
    assert len(email_events(order)) == 2
    with store_scope([store.site.pk]):
        rows = list(OrderEmail.objects.filter(order=order).values_list("status", "attempts"))
    assert rows == [("sent", 1), ("sent", 1)]


def test_an_email_that_failed_is_sent_once_by_the_retry(store, lamp, settings):
    order = place_test_order(lines=[(lamp, 1)], email=SHOPPER, run_on_commit=False)
    with store_scope([store.site.pk]):
        placed = OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.PLACED)
    settings.EMAIL_BACKEND = "tests.shop.order_email_helpers.FlakyBackend"
    FlakyBackend.failures = 1

    # As a worker runs it: the failed send raises Retry, and Celery runs the task again.
    send_order_emails_task.apply(args=[placed.pk, store.site.pk], throw=False)

    assert sorted(m.subject.split(" – ")[0] for m in mail.outbox) == sorted(
        [
            f"Order #{order.number} confirmed",
            f"New order #{order.number}: {money(order.total, order.currency)} from Ann Example",
        ]
    )
    with store_scope([store.site.pk]):
        rows = dict(OrderEmail.objects.filter(order=order).values_list("kind", "attempts"))
        statuses = set(OrderEmail.objects.filter(order=order).values_list("status", flat=True))
    assert rows == {"confirmation": 2, "new_order": 1}
    assert statuses == {"sent"}
    assert len(email_events(order)) == 2


def test_a_send_that_keeps_failing_keeps_its_error_and_waits(store, lamp, settings):
    order = _order(lamp)
    with store_scope([store.site.pk]):
        placed = OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.PLACED)
        OrderEmail.objects.filter(event=placed, recipient="shopper").update(status="pending")
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "tests.shop.order_email_helpers.FlakyBackend"
    FlakyBackend.failures = 1

    with store_scope([store.site.pk]), pytest.raises(OrderEmailsNotSent):
        send_event_emails(event_id=placed.pk)
    with store_scope([store.site.pk]):
        row = OrderEmail.objects.get(event=placed, recipient="shopper")
    assert (row.status, row.error) == ("failed", "ConnectionRefusedError: SMTP server unavailable")
    assert mail.outbox == []

    with store_scope([store.site.pk]):
        assert send_event_emails(event_id=placed.pk) == 1
        assert send_event_emails(event_id=placed.pk) == 0
    assert len(mail.outbox) == 1


def test_the_sender_name_is_encoded_whatever_the_store_is_called(store, lamp):
    store.site.site_name = 'Bäckerei "Müller", Brot & Co.'
    store.site.save()

    _order(lamp)

    sender = parsed(_only(sent_to(SHOPPER)))["From"].addresses[0]
    assert sender.display_name == 'Bäckerei "Müller", Brot & Co.'
    assert sender.addr_spec == "noreply@localhost"


def test_the_email_wears_the_stores_colours_and_logo(store, lamp):
    with store_scope([store.site.pk]):
        theme = StoreTheme.objects.get(site=store.site)
        theme.primary_color = "#aa3300"
        theme.logo = ImageFactory(collection=store.collection, file__width=40, file__height=20)
        publish_theme(theme=theme)

    _order(lamp)

    message = _only(sent_to(SHOPPER))
    html = html_of(message)
    assert "#aa3300" in html
    assert 'src="cid:store-logo"' in html
    logo = next(part for part in parsed(message).walk() if part["Content-ID"] == "<store-logo>")
    assert logo.get_content_type() == "image/png"
    assert logo.get_content().startswith(b"\x89PNG")


def test_an_email_api_gets_the_logo_as_an_inline_image(store, lamp, settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    with store_scope([store.site.pk]):
        theme = StoreTheme.objects.get(site=store.site)
        theme.logo = ImageFactory(collection=store.collection)
        publish_theme(theme=theme)

    _order(lamp)

    params = _only(sent_to(SHOPPER)).anymail_test_params
    assert params["from"].display_name == "Alpha Goods"
    assert [address.addr_spec for address in params["reply_to"]] == [SHOP_EMAIL]
    (logo,) = params["attachments"]
    assert (logo.inline, logo.cid, logo.mimetype) == (True, "store-logo", "image/png")
    assert 'src="cid:store-logo"' in params["html_body"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("postgresql_only", "restore_initial_data")
def test_four_workers_sending_one_events_emails_at_once_send_each_once():
    store = StoreFactory(slug="email-race")
    set_store_settings(store.site, contact_email=SHOP_EMAIL, accepts_bank_transfer=False)
    lamp = stocked_variant(site=store.site, price="20.00", stock=5, title="Desk lamp")
    order = place_test_order(
        lines=[(lamp, 1)],
        email=SHOPPER,
        payment_method=Order.PaymentMethod.CASH_ON_DELIVERY,
    )
    with store_scope([store.site.pk]):
        placed = OrderEvent.objects.get(order=order, kind=OrderEvent.Kind.PLACED)
        # Committed for real, the order sent its emails: take them back to race for them.
        OrderEmail.objects.filter(order=order).delete()
        OrderEvent.objects.filter(order=order, kind=OrderEvent.Kind.EMAIL_SENT).delete()
    mail.outbox.clear()

    def send(_index):
        with store_scope([store.site.pk]):
            return send_event_emails(event_id=placed.pk)

    outcomes = race(send, 4)

    assert all(isinstance(sent, int) for sent in outcomes), outcomes
    assert sum(outcomes) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([SHOPPER, SHOP_EMAIL])
    assert len(email_events(order)) == 2


def test_the_confirmation_shows_the_totals_the_checkout_did(store, lamp):
    """Shipping method, tax and total in the email are the order's, written the store's
    way, as the confirmation page shows them."""
    set_store_settings(
        store.site, locale="nb-NO", currency="NOK", prices_include_tax=True, tax_rate="25"
    )
    order = _order(lamp)
    assert order.tax_total > 0

    message = _only(sent_to(SHOPPER))

    for part in (message.body, html_of(message)):
        assert "Including VAT" in part and "25 %" in part
        assert money(order.tax_total, order) in part
        assert money(order.total, order) in part
        assert "kr" in money(order.total, order)

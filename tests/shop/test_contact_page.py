"""The contact page: a shared page with a form, messages accepted from the store's own
pages only, spam kept out by a honeypot and a rate limit, each message emailed once to the
store, and submissions shown to that store's staff only."""

import re

import pytest
from django.core import mail
from django.test import Client as HttpClient
from django.urls import reverse

from shop.contact_page import HONEYPOT_FIELD, ContactPage, send_contact_message_task
from shop.contact_views import MESSAGES_PER_HOUR
from shop.models import ContactFormField, ContactSubmission, StoreSettings

pytestmark = pytest.mark.django_db

MESSAGE = {"your_name": "Ada Shopper", "email": "ada@example.test", "message": "Do you ship?"}


def contact_page_of(store, *, title="Contact us") -> ContactPage:
    home = store.site.root_page.specific
    page = home.add_child(
        instance=ContactPage(
            title=title,
            slug="contact",
            intro="<p>Write to us.</p>",
            thank_you_text="<p>Thanks, we read every message.</p>",
            form_fields=[
                ContactFormField(label="Your name", field_type="singleline", required=True),
                ContactFormField(label="Email", field_type="email", required=True),
                ContactFormField(label="Message", field_type="multiline", required=True),
            ],
        )
    )
    StoreSettings.objects.filter(site=store.site).update(contact_email="team@alpha.test")
    return page


@pytest.fixture
def contact(store):
    return contact_page_of(store)


def _origin(store):
    return {"HTTP_ORIGIN": f"http://{store.site.hostname}"}


def _send(client, page, store, data=MESSAGE, **headers):
    headers = headers or _origin(store)
    return client.post(reverse("shop:contact-send", args=[page.pk]), data, **headers)


def _without_nonces(content: bytes) -> bytes:
    """The page without its CSP nonces, which the base template prints for every request."""
    return re.sub(rb'nonce="[^"]*"', b"", content)


def test_the_contact_page_is_the_same_bytes_for_every_shopper(contact, store):
    first = HttpClient(HTTP_HOST=store.site.hostname).get(contact.url)
    second = HttpClient(HTTP_HOST=store.site.hostname).get(contact.url)

    text = first.content.decode()
    assert first.status_code == 200
    assert _without_nonces(first.content) == _without_nonces(second.content)
    assert "csrfmiddlewaretoken" not in text
    assert 'name="your_name"' in text and "Write to us." in text


def test_a_message_is_stored_thanked_and_emailed_to_the_store_after_commit(
    shopper_client, contact, store, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(shopper_client, contact, store)

    assert response.status_code == 200
    assert "Thanks, we read every message." in response.content.decode()
    submission = ContactSubmission.objects.get(page=contact)
    assert submission.get_data()["message"] == "Do you ship?"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["team@alpha.test"]
    assert email.reply_to == ["ada@example.test"]
    assert "Message: Do you ship?" in email.body


def test_the_email_is_sent_once_however_often_its_task_runs(
    shopper_client, contact, store, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(shopper_client, contact, store)
    submission = ContactSubmission.objects.get(page=contact)

    send_contact_message_task(submission_id=submission.pk)

    assert len(mail.outbox) == 1


def test_a_message_with_a_referer_of_the_store_is_accepted(shopper_client, contact, store):
    response = _send(
        shopper_client, contact, store, HTTP_REFERER=f"http://{store.site.hostname}/contact/"
    )

    assert response.status_code == 200
    assert ContactSubmission.objects.filter(page=contact).count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/contact/"},
    ],
    ids=["no origin", "other origin", "opaque origin", "other referer"],
)
def test_a_message_posted_from_elsewhere_is_refused(shopper_client, contact, store, headers):
    response = shopper_client.post(
        reverse("shop:contact-send", args=[contact.pk]), MESSAGE, **headers
    )

    assert response.status_code == 403
    assert "store's own contact page" in response.content.decode()
    assert not ContactSubmission.objects.exists()


def test_a_post_to_the_page_address_itself_stores_nothing(contact, store):
    client = HttpClient(HTTP_HOST=store.site.hostname, enforce_csrf_checks=False)

    response = client.post(contact.url, MESSAGE, **_origin(store))

    assert response.status_code == 405
    assert not ContactSubmission.objects.exists()


def test_a_filled_honeypot_is_thanked_and_dropped(
    shopper_client, contact, store, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(
            shopper_client, contact, store, {**MESSAGE, HONEYPOT_FIELD: "http://spam.example"}
        )

    assert response.status_code == 200
    assert "Thanks, we read every message." in response.content.decode()
    assert not ContactSubmission.objects.exists()
    assert mail.outbox == []


def test_a_message_with_errors_is_shown_again_with_the_shoppers_text(
    shopper_client, contact, store
):
    response = _send(shopper_client, contact, store, {**MESSAGE, "email": "not an address"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in text
    assert "Do you ship?" in text
    assert not ContactSubmission.objects.exists()


def test_past_the_hourly_limit_a_client_gets_a_clear_message_and_keeps_its_text(
    shopper_client, contact, store
):
    for _ in range(MESSAGES_PER_HOUR):
        assert _send(shopper_client, contact, store).status_code == 200

    limited = _send(shopper_client, contact, store, {**MESSAGE, "message": "One more thing"})
    other_address = _send(
        HttpClient(HTTP_HOST=store.site.hostname, REMOTE_ADDR="10.9.8.7"), contact, store
    )

    text = limited.content.decode()
    assert limited.status_code == 429
    assert "sent several messages in the last hour" in text
    assert "One more thing" in text
    assert other_address.status_code == 200
    assert ContactSubmission.objects.count() == MESSAGES_PER_HOUR + 1


def test_another_stores_contact_page_cannot_be_posted_to_through_this_store(
    shopper_client, store, other_store
):
    theirs = contact_page_of(other_store)

    response = _send(shopper_client, theirs, store)

    assert response.status_code == 404
    assert not ContactSubmission.objects.exists()


def test_the_contact_page_takes_the_stores_theme_and_its_overrides(shopper_client, contact):
    from themes.overrides import PageThemeOverride

    contact.theme_overrides = [PageThemeOverride(accent_color="#0a7b83")]
    contact.save_revision().publish()

    response = shopper_client.get(contact.url)

    assert "--color-accent: #0a7b83" in response.content.decode()
    assert 'class="preset-classic"' in response.content.decode()


# --- Submissions in the admin -----------------------------------------------------------


def test_the_stores_staff_see_their_contact_pages_submissions(
    merchant_client, shopper_client, contact, store
):
    _send(shopper_client, contact, store)

    forms = merchant_client.get(reverse("wagtailforms:index"))
    submissions = merchant_client.get(reverse("wagtailforms:list_submissions", args=[contact.pk]))

    assert forms.status_code == 200
    assert "Contact us" in forms.content.decode()
    assert submissions.status_code == 200
    assert "Do you ship?" in submissions.content.decode()


def test_staff_never_see_another_stores_forms_or_submissions(
    merchant_client, contact, store, other_store
):
    theirs = contact_page_of(other_store, title="Beta secret contact")
    ContactSubmission.objects.create(page=theirs, form_data={"message": "Beta secret message"})

    forms = merchant_client.get(reverse("wagtailforms:index"), {"q": "Beta"})
    urls = [
        reverse("wagtailforms:list_submissions", args=[theirs.pk]),
        reverse("wagtailforms:list_submissions_results", args=[theirs.pk]),
        reverse("wagtailforms:delete_submissions", args=[theirs.pk]),
    ]

    assert "Beta secret" not in forms.content.decode()
    for url in urls:
        response = merchant_client.get(url)
        assert response.status_code == 404
        assert "Beta secret" not in response.content.decode()
    assert ContactSubmission.objects.filter(page=theirs).exists()

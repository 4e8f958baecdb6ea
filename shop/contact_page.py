"""The contact page: a form the merchant builds from fields, on Wagtail forms.

Shoppers' messages are stored as submissions of the page, listed in the admin for that
store's staff only (``tenants.admin_scoping.forms``), and emailed to the store after the
request (``send_contact_message_task``). The page itself carries no CSRF token, so it is
the same bytes for every shopper; its form posts to ``shop:contact-send``
(``shop.contact_views``), which checks the post's origin, a honeypot field and a rate
limit per client address before the page handles the form.
"""

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder, WagtailAdminFormPageForm
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from .data.settings import StoreSettings
from .pages import StoreContentForm, StorefrontPageMixin

# The name of the honeypot input: hidden from people, filled in by form-filling bots.
HONEYPOT_FIELD = "website_url_hp"


class ContactPageForm(StoreContentForm, WagtailAdminFormPageForm):
    """The contact page's editor form: store choices checked, form field labels unique."""


class ContactFormBuilder(FormBuilder):
    """Wagtail's form fields, with the autocomplete hint browsers fill addresses from and
    a message box of a comfortable height."""

    def create_email_field(self, field, options):
        form_field = super().create_email_field(field, options)
        form_field.widget.attrs["autocomplete"] = "email"
        return form_field

    def create_multiline_field(self, field, options):
        form_field = super().create_multiline_field(field, options)
        form_field.widget.attrs["rows"] = 6
        return form_field


class ContactFormField(AbstractFormField):
    """A field of a contact page's form, as the merchant set it up."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactSubmission(AbstractFormSubmission):
    """A message a shopper sent through a contact page.

    ``notified_at`` is set when the store's email is claimed, so the email goes out once
    however many times its task runs.
    """

    notified_at = models.DateTimeField(null=True, blank=True, editable=False)


class ContactPage(StorefrontPageMixin, AbstractEmailForm):
    """A store's contact page: an introduction, a form, and a thank-you text."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown once a message is sent. Leave empty for a short thank-you.",
    )

    form_builder = ContactFormBuilder
    base_form_class = ContactPageForm
    content_panels = [
        FormSubmissionsPanel(),
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields", min_num=1),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject")],
            heading="Email",
            help_text="Messages are emailed to the store's contact email (Settings › Store "
            "settings), or to the addresses given here.",
        ),
    ]
    parent_page_types = ["shop.StoreHomePage"]
    subpage_types = []
    theme_template = "shop/contact_page.html"
    landing_page_template = "shop/contact_page_landing.html"

    class Meta:
        verbose_name = "contact page"

    def get_landing_page_template(self, request, *args, **kwargs):
        return self.get_theme(request).template_names(self.landing_page_template)

    def get_submission_class(self):
        return ContactSubmission

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["honeypot_field"] = HONEYPOT_FIELD
        return context

    def serve(self, request, *args, **kwargs):
        """Shows the form. Messages are posted to ``shop:contact-send``, never here: this
        address is a shared page, with no CSRF token to check."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return super().serve(request, *args, **kwargs)

    def accept_message(self, request):
        """Handle a posted message (called by ``shop.contact_views`` once the post passed
        its checks): store it and answer with the thank-you page, or show the form again
        with its errors and the shopper's text."""
        return super().serve(request)

    def refuse_message(self, request, message: str, *, status: int):
        """Show the form again with the shopper's text and ``message``, storing nothing."""
        context = self.get_context(request)
        context.update(form=self.get_form(request.POST, page=self), form_message=message)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Store the message; the store's email leaves after the transaction commits."""
        submission = self.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=self
        )
        transaction.on_commit(lambda: send_contact_message_task.delay(submission_id=submission.pk))
        return submission

    @cached_property
    def recipients(self) -> list[str]:
        """Where messages go: the page's own addresses, else the store's contact email."""
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",") if address]
        site = self.get_site()
        email = StoreSettings.for_site(site).contact_email if site else ""
        return [email] if email else []


def _reply_to(page, submission) -> list[str]:
    """The shopper's address, from the first email field of the form, when given."""
    data = submission.get_data()
    for field in page.get_form_fields():
        if field.field_type == "email" and data.get(field.clean_name):
            return [data[field.clean_name]]
    return []


@shared_task(acks_late=True)
def send_contact_message_task(*, submission_id: int) -> None:
    """Email a contact message to its store, once. Does nothing for a message already
    emailed, deleted, or of a store with no contact address."""
    claimed = ContactSubmission.objects.filter(pk=submission_id, notified_at=None).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return
    submission = ContactSubmission.objects.select_related("page").get(pk=submission_id)
    page = submission.page.specific
    if not page.recipients:
        return
    site = page.get_site()
    data = submission.get_data()
    lines = [f"{label}: {data.get(name, '')}" for name, label in page.get_data_fields()]
    EmailMessage(
        subject=page.subject or f"New message from your contact page ({site.site_name})",
        body="\n".join(lines),
        to=page.recipients,
        reply_to=_reply_to(page, submission),
    ).send()

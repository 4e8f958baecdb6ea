"""What an order email says and looks like: a subject, a plain text that reads well on its
own, and an HTML alternative in the store's colours with its logo.

The HTML is one table-based layout with inline styles (``shop/email/order/base.html``): no
stylesheet, web font or remote image. The logo travels inside the message as an inline
image (``cid:``) rather than as a link to the store's host: mail clients show it without
"load remote images", it does not depend on where media is served from, and no image
request tells anyone when a shopper opened the email. Admin previews show the same logo
from its rendition's address instead (``preview=True``), as a browser cannot read ``cid:``.
"""

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from email.mime.image import MIMEImage
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from themes.contrast import contrast_ratio
from themes.theme import Theme

from ..data import Fulfilment, Invoice, Order, OrderEmail, Refund
from ..data.settings import settings_of_store
from ..order_access import order_token
from .kinds import EmailKind

logger = logging.getLogger(__name__)

LOGO_SPEC = "max-400x120|format-png"
LOGO_CID = "store-logo"
WHITE, INK = "#ffffff", "#111111"


@dataclass(frozen=True)
class EmailFacts:
    """What one email is about: the order and its lines, and for shipping and refund
    emails the fulfilment and the refund the event names."""

    order: Order
    lines: list
    fulfilment: Fulfilment | None = None
    refund: Refund | None = None
    refund_amount: Decimal | None = None
    # The parcel's lines (``FulfilmentLine``), each with its ``order_line``.
    parcel_lines: list = field(default_factory=list)


@dataclass(frozen=True)
class InlineImage:
    content_id: str
    data: bytes
    filename: str


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str
    store_name: str
    reply_to: list[str] = field(default_factory=list)
    logo: InlineImage | None = None


def tracking_url(order: Order) -> str:
    """The absolute address of the order's tracking page on its store's host."""
    path = reverse("shop:order-status", kwargs={"token": order_token(order)})
    return f"{order.site.root_url}{path}"


def document_url(order: Order, *, refund: Refund | None = None) -> str:
    """The absolute address of the order's invoice (or of ``refund``'s credit note) on its
    store's host, through the order's signed link; "" when none is issued (ADR 45)."""
    if order.pk is None:
        return ""
    documents = Invoice.objects.filter(order=order)
    if refund is not None:
        document = documents.filter(refund=refund).first() if refund.pk else None
    else:
        document = documents.filter(kind=Invoice.Kind.INVOICE).first()
    if document is None:
        return ""
    path = reverse(
        "shop:order-document", kwargs={"token": order_token(order), "document_id": document.pk}
    )
    return f"{order.site.root_url}{path}"


def _admin_url(order: Order) -> str:
    """The order's screen in the admin (for the merchant's email); none for a sample."""
    if order.pk is None:
        return ""
    path = reverse("wagtailsnippets_shop_order:edit", args=[order.pk])
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _one_line(text: str) -> str:
    """A header-safe single line: what a merchant typed, with no line breaks."""
    return re.sub(r"\s+", " ", text or "").strip()


def _readable_on(background: str) -> str:
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(INK, background) else INK


def _logo(theme: Theme, *, preview: bool) -> tuple[str, InlineImage | None]:
    """The logo's ``src`` and, for a real email, the image to attach inline."""
    image = theme.logo
    if image is None or image.is_svg():
        return "", None
    try:
        rendition = image.get_rendition(LOGO_SPEC)
        if preview:
            return rendition.url, None
        with rendition.file.open("rb") as source:
            data = source.read()
    except (OSError, ValueError) as error:  # a missing file: the store name stands in
        logger.warning("Logo of site %s left out of an email: %s", theme.settings.site_id, error)
        return "", None
    return f"cid:{LOGO_CID}", InlineImage(LOGO_CID, data, "logo.png")


def _look(site, *, preview: bool) -> tuple[dict, InlineImage | None]:
    theme = Theme.for_site(site)
    store_settings = settings_of_store(site.pk)
    logo_src, logo = _logo(theme, preview=preview)
    primary = theme.primary_color
    look = {
        "primary": primary,
        "on_primary": _readable_on(primary),
        "background": theme.background_color,
        "text": theme.text_color,
        "accent": theme.accent_color,
        "logo_src": logo_src,
        "contact_email": theme.contact_email or store_settings.contact_email,
        "contact_phone": theme.contact_phone,
        "contact_address": theme.contact_address,
    }
    return look, logo


def render_order_email(
    *, kind: EmailKind, facts: EmailFacts, preview: bool = False
) -> RenderedEmail:
    """The subject, text and HTML of email ``kind`` about ``facts``."""
    order = facts.order
    site = order.site
    store_name = _one_line(site.site_name or site.hostname)
    look, logo = _look(site, preview=preview)
    store_settings = settings_of_store(site.pk)
    context = {
        "store_name": store_name,
        "store_url": site.root_url,
        "order": order,
        "lines": facts.lines,
        "fulfilment": facts.fulfilment,
        "parcel_lines": facts.parcel_lines,
        "admin_url": _admin_url(order),
        "refund": facts.refund,
        "refund_amount": facts.refund_amount,
        "settings": store_settings,
        "tracking_url": tracking_url(order),
        "document_url": document_url(order, refund=facts.refund),
        "look": look,
        "kind": kind,
    }
    subject = _one_line(render_to_string(f"{kind.template_base}.subject.txt", context))
    context["subject"] = subject
    contact = store_settings.contact_email or look["contact_email"]
    if kind.recipient == OrderEmail.Recipient.MERCHANT:
        contact = order.email  # the merchant's reply goes to the shopper
    return RenderedEmail(
        subject=subject,
        text=render_to_string(f"{kind.template_base}.txt", context).strip() + "\n",
        html=render_to_string(f"{kind.template_base}.html", context),
        store_name=store_name,
        reply_to=[contact] if contact else [],
        logo=logo,
    )


def sender(store_name: str) -> str:
    """``"Store name" <the platform's sending address>``; the name is quoted (or encoded)
    as its characters need."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((_one_line(store_name)[:70], address))


def build_message(rendered: RenderedEmail, *, to: list[str]) -> EmailMultiAlternatives:
    """The message to send: text, its HTML alternative, and the logo inline."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=sender(rendered.store_name),
        to=to,
        reply_to=rendered.reply_to,
    )
    message.attach_alternative(rendered.html, "text/html")
    if rendered.logo is not None:
        message.mixed_subtype = "related"
        image = MIMEImage(rendered.logo.data, _subtype="png")
        image.add_header("Content-ID", f"<{rendered.logo.content_id}>")
        image.add_header("Content-Disposition", "inline", filename=rendered.logo.filename)
        message.attach(image)
    return message

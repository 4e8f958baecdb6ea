"""An invoice or credit note as one printable page (ADR 45), for the merchant's admin and
for the shopper's signed order link alike.

The page is written from the document's snapshot only (``Invoice.document``); the store's
logo is the one thing read as it is now, from its theme. It prints on A4 from the browser
(its own print stylesheet), which also saves it as a PDF: no PDF library. Every answer is
``Cache-Control: private, no-store`` and tells robots not to index it.
"""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_date, parse_datetime

from themes.theme import Theme

from .data import Invoice

LOGO_SPEC = "max-400x120"


def _logo_url(theme: Theme) -> str:
    image = theme.logo
    if image is None:
        return ""
    if image.is_svg():
        return image.file.url
    try:
        return image.get_rendition(LOGO_SPEC).url
    except (OSError, ValueError):  # a missing file: the store's name stands in
        return ""


def _when(value: str):
    return parse_datetime(value) if value else None


def invoice_context(invoice: Invoice) -> dict:
    document = invoice.document
    included = document["prices_include_tax"]
    return {
        "invoice": invoice,
        "doc": document,
        "tax_label": "VAT" if included else "Tax",
        "issued_on": parse_date(document["issued_on"]),
        "placed_at": _when(document["order"]["placed_at"]),
        "paid_at": _when(document["order"]["paid_at"]),
        "credited_on": parse_date((document.get("credits") or {}).get("issued_on") or ""),
    }


def invoice_response(request, invoice: Invoice, *, back_url: str, back_label: str):
    """The document's page, with a link back to where it was opened from (screen only)."""
    theme = Theme.for_site(invoice.site)
    context = {
        **invoice_context(invoice),
        "logo_url": _logo_url(theme),
        "accent": theme.primary_color,
        "back_url": back_url,
        "back_label": back_label,
    }
    response = TemplateResponse(request, theme.template_names("shop/invoice.html"), context)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

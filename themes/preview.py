"""Which of a store's pages the theme editor's preview shows, for each preview mode."""

from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page, get_page_models

HOME, CATEGORY, PRODUCT = "", "category", "product"
PREVIEW_MODES = [(HOME, "Home page"), (CATEGORY, "A category page"), (PRODUCT, "A product page")]
# A category or product page is one that presets render with these templates (every preset
# has them, in its own folder or in ``themes/default/``).
MODE_TEMPLATES = {CATEGORY: "shop/category_page.html", PRODUCT: "shop/product_page.html"}
MISSING = {
    HOME: "Your store's home page is not published yet.",
    CATEGORY: "Your store has no published category page yet.",
    PRODUCT: "Your store has no published product page yet.",
}


def preview_page(site, mode: str) -> Page | None:
    """The store's live page shown for ``mode``: its home page, or its first live category
    or product page in tree order. None when the store has no such page."""
    if mode not in MISSING:
        raise Http404(f"No preview mode {mode!r}.")
    pages = Page.objects.live().filter(pk=site.root_page_id)
    if mode != HOME:
        models = [
            model
            for model in get_page_models()
            if getattr(model, "theme_template", None) == MODE_TEMPLATES[mode]
        ]
        if not models:
            return None
        pages = Page.objects.live().descendant_of(site.root_page).type(*models)
    page = pages.order_by("path").first()
    return page.specific if page is not None else None


def preview_unavailable(request, mode: str) -> TemplateResponse:
    """What the preview panel shows when the store has no page to preview in ``mode``."""
    return TemplateResponse(
        request,
        "themes/admin/preview_unavailable.html",
        {"message": MISSING[mode], "mode": mode},
    )

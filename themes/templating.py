"""Preset-first template resolution for pages and blocks."""

from wagtail.models import Site

from tenancy.request import request_site, store_site

from .overrides import published_overrides, resolve_overrides, unsaved_override
from .theme import Theme


class ThemedPageMixin:
    """A Page whose template is looked up in the store's preset first, then the default.

    ``theme_template`` names the template relative to a theme folder, such as
    ``"shop/product_page.html"``.
    """

    theme_template = ""

    def get_store_site(self, request) -> Site:
        """The Site this page belongs to; in an admin preview that is not the request's.

        A page of the store the request's host serves is that store's (no query: the
        sites' root paths are cached); any other asks Wagtail.
        """
        memo = self.__dict__.get("_store_site_memo")
        if memo is not None and memo[0] is request:
            return memo[1]
        site = store_site(request)
        parts = self.get_url_parts(request) if site is not None else None
        if not parts or parts[0] != site.pk:
            site = self.get_site() or request_site(request)
        self.__dict__["_store_site_memo"] = (request, site)
        return site

    def get_theme(self, request) -> Theme:
        """The theme of the store this page belongs to (also in admin previews), with the
        page-tree overrides of the page and its ancestors on top.

        Resolved once per request and page from the store's cache (the theme and every
        override of the store's tree). In a preview the page's own override is the one
        being edited, not the saved one, read in one query for the whole ancestor chain.
        """
        memo = self.__dict__.get("_theme_memo")
        if memo is not None and memo[0] is request:
            return memo[1]
        site = self.get_store_site(request)
        theme = Theme.for_site(site, request=request)
        if getattr(request, "is_preview", False):
            values = resolve_overrides(self, own=unsaved_override(self)).values
        else:
            values = published_overrides(self, site_id=site.pk)
        if values:
            theme = theme.with_overrides(values)
        self.__dict__["_theme_memo"] = (request, theme)
        return theme

    def get_template(self, request, *args, **kwargs):
        return self.get_theme(request).template_names(self.theme_template)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["theme"] = self.get_theme(request)
        return context


class ThemedBlockMixin:
    """A block rendered by ``themes/<preset>/blocks/<name>.html`` or the default version."""

    theme_template = ""

    def get_template(self, value=None, context=None):
        theme = (context or {}).get("theme")
        if theme is None:
            return f"themes/default/{self.theme_template}"
        return theme.template_names(self.theme_template)

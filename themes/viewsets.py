"""The theme editor: each store's theme, as a snippet with drafts, revisions, preview,
scheduled publishing and locking, under Settings > Theme.

A merchant's "Theme" opens their active store's theme directly; the platform operator
gets the list of every store's theme. Nobody adds or deletes a theme here (each store
gets one when it is created, ``themes.services.create_theme``), and a theme is never
unpublished: the storefront always shows a published theme, replaced by publishing
another revision (or reverting to an earlier one). Object URLs see the active store's
theme only (``tenancy.admin.viewsets.StoreScopedViewSet``); the permission policy is
registered in ``ThemesConfig.ready()``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import EditView, IndexView, UnpublishView

from tenancy.admin.viewsets import StoreScopedViewSet
from tenancy.request import admin_site_ids

from .contrast import contrast_warning
from .models import StoreTheme
from .theme import Theme


class ThemeIndexView(IndexView):
    """A merchant has one theme: the listing opens it. The operator sees every store's."""

    def get(self, request, *args, **kwargs):
        site_ids = admin_site_ids(request)
        if site_ids is not None and not self.results_only:
            theme = self.model._default_manager.filter(site_id__in=site_ids).first()
            if theme is not None:
                return redirect(self.get_edit_url(theme))
        return super().get(request, *args, **kwargs)


class ThemeEditView(EditView):
    """Saves as Wagtail's snippet edit view does, then warns (without refusing) when the
    text colour on the background colour fails WCAG AA."""

    def form_valid(self, form):
        response = super().form_valid(form)
        theme = Theme(form.instance)
        warning = contrast_warning(theme.text_color, theme.background_color)
        if warning and not self.expects_json_response:
            messages.warning(self.request, warning)
        return response


class ThemeUnpublishView(UnpublishView):
    """Refused: a store always shows a published theme."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied(
            "A store's theme cannot be unpublished: publish another version instead."
        )


class StoreThemeViewSet(StoreScopedViewSet):
    model = StoreTheme
    icon = "desktop"
    menu_label = "Theme"
    menu_name = "theme"
    add_to_settings_menu = True
    index_view_class = ThemeIndexView
    edit_view_class = ThemeEditView
    unpublish_view_class = ThemeUnpublishView
    copy_view_enabled = False
    list_display = [
        "__str__",
        "preset",
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    list_filter = ["preset"]
    search_fields = ["site__site_name", "site__hostname"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("site", "latest_revision")

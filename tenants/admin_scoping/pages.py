"""The page explorer with filters that offer only the request's stores' sites and editors.

Wagtail's explorer filters list every site, every page owner and everyone who ever edited
a page. ``StorePageViewSet`` replaces Wagtail's default page viewset (it is registered for
``Page`` after Wagtail's own), so the explorer at its usual addresses
(``wagtailadmin_explore``, ``wagtailadmin_explore_results``) uses these filters. The pages
listed, and the page search, are narrowed by ``policies.StorePagePermissionPolicy``.
"""

from django.contrib.auth import get_user_model
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleContentTypeFilter, MultipleUserFilter
from wagtail.admin.views.pages.listing import EditedByFilter, PageFilterSet, SiteFilter
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PageLogEntry, Site, get_page_content_types

from tenants.middleware import admin_site_ids

from .scope import in_trees, pages_in_stores, root_paths


def _sites(request):
    site_ids = admin_site_ids(request)
    return Site.objects.all() if site_ids is None else Site.objects.filter(pk__in=site_ids)


def _owners(request):
    site_ids = admin_site_ids(request)
    pages = Page.objects.all() if site_ids is None else pages_in_stores(site_ids)
    return get_user_model().objects.filter(pk__in=pages.order_by().values("owner_id"))


def _editors(request):
    edits = PageLogEntry.objects.filter(action="wagtail.edit")
    site_ids = admin_site_ids(request)
    if site_ids is not None:
        edits = edits.filter(in_trees(root_paths(site_ids), prefix="page__"))
    return get_user_model().objects.filter(pk__in=edits.order_by().values("user_id"))


class StorePageFilterSet(PageFilterSet):
    owner = MultipleUserFilter(label=_("Owner"), queryset=_owners, widget=CheckboxSelectMultiple)
    edited_by = EditedByFilter(
        label=_("Edited by"), queryset=_editors, widget=CheckboxSelectMultiple
    )
    site = SiteFilter(label=_("Site"), queryset=_sites, widget=CheckboxSelectMultiple)


class StoreGenericPageFilterSet(StorePageFilterSet):
    """The explorer's filters: Wagtail's ``GenericPageFilterSet`` on store-scoped choices."""

    content_type = MultipleContentTypeFilter(
        label=_("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
        widget=CheckboxSelectMultiple,
    )


class StorePageViewSet(PageViewSet):
    """Wagtail's default page viewset with store-scoped explorer filters."""

    filterset_class = StoreGenericPageFilterSet

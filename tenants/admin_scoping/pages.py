"""Wagtail's page views with store-scoped explorer filters and workflow actions.

``StorePageViewSet`` replaces Wagtail's default page viewset (it is registered for
``Page`` after Wagtail's own), so these views answer Wagtail's usual page addresses:

- the explorer (``wagtailadmin_explore``, ``wagtailadmin_explore_results``), whose
  filters would list every site, every page owner and everyone who ever edited a page,
  offers only the request's stores' sites and people. The pages listed, and the page
  search, are narrowed by ``policies.StorePagePermissionPolicy``;
- the workflow actions act only on a task state of the page in their address.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleContentTypeFilter, MultipleUserFilter
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.admin.views.pages.listing import EditedByFilter, PageFilterSet, SiteFilter
from wagtail.admin.views.pages.workflow import CollectWorkflowActionDataView, WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import (
    Page,
    PageLogEntry,
    Site,
    get_default_page_content_type,
    get_page_content_types,
)

from tenancy.request import admin_site_ids

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


class TaskStateOfPageMixin:
    """Wagtail finds the task state by its id alone: an address naming one's own page and
    another store's task state would act on the other store's page."""

    def get_task_state(self):
        task_state = super().get_task_state()
        workflow_state = task_state.workflow_state
        if (
            workflow_state.base_content_type_id != get_default_page_content_type().pk
            or workflow_state.object_id != str(self.object.pk)
        ):
            raise Http404
        return task_state


class StoreWorkflowActionView(TaskStateOfPageMixin, WorkflowActionView):
    pass


class StoreCollectWorkflowActionDataView(TaskStateOfPageMixin, CollectWorkflowActionDataView):
    pass


class StoreSetPrivacyView(SetPrivacyView):
    """Page privacy that offers, and accepts, only groups holding permissions on the
    request's stores' pages (their staff), never another store's."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        site_ids = admin_site_ids(self.request)
        if site_ids is not None:
            form.fields["groups"].queryset = Group.objects.filter(
                page_permissions__page__in=pages_in_stores(site_ids)
            ).distinct()
        return form


class StorePageViewSet(PageViewSet):
    """Wagtail's default page viewset with store-scoped filters, workflow actions and
    privacy groups."""

    filterset_class = StoreGenericPageFilterSet
    workflow_action_view_class = StoreWorkflowActionView
    collect_workflow_action_data_view_class = StoreCollectWorkflowActionDataView
    set_privacy_view_class = StoreSetPrivacyView

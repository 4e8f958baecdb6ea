"""The locked pages and workflow reports scoped to the request's stores.

Their rows follow the page permission policy (the locked pages report adds the user's
own locks, in any store), but Wagtail's filters list everyone who locked a page, everyone
who asked for a review, and every workflow and task of the platform. These views are
served at Wagtail's own report addresses (see ``urls``).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import FilteredModelChoiceFilter
from wagtail.admin.views.reports.locked_pages import (
    LockedPagesReportFilterSet,
    LockedPagesView,
    get_users_for_filter,
)
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
    get_requested_by_queryset,
)
from wagtail.models import (
    Task,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
    get_default_page_content_type,
)

from tenancy.request import admin_site_ids

from .scope import in_trees, page_ids_as_text, pages_in_stores, pages_over_stores, root_paths


def _users(ids):
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


def _lockers(request):
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return get_users_for_filter()
    return _users(pages_in_stores(site_ids).filter(locked=True).values("locked_by_id"))


def _store_workflow_states(site_ids):
    return WorkflowState.objects.filter(
        base_content_type=get_default_page_content_type(),
        object_id__in=page_ids_as_text(pages_in_stores(site_ids)),
    )


def _requesters(request):
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return get_requested_by_queryset(request)
    return _users(_store_workflow_states(site_ids).values("requested_by_id"))


def _workflows(request):
    """Workflows that apply to, or have run on, the stores' pages."""
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return Workflow.objects.all()
    assigned = WorkflowPage.objects.filter(page__in=pages_over_stores(site_ids))
    run = _store_workflow_states(site_ids)
    return Workflow.objects.filter(
        Q(pk__in=assigned.values("workflow_id")) | Q(pk__in=run.values("workflow_id"))
    )


def _tasks(request):
    if admin_site_ids(request) is None:
        return Task.objects.all()
    steps = WorkflowTask.objects.filter(workflow__in=_workflows(request))
    return Task.objects.filter(pk__in=steps.values("task_id"))


class StoreLockedPagesReportFilterSet(LockedPagesReportFilterSet):
    locked_by = django_filters.ModelChoiceFilter(
        label=_("Locked by"), empty_label=_("Anyone"), field_name="locked_by", queryset=_lockers
    )


class StoreWorkflowReportFilterSet(WorkflowReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(label=_("Workflow"), queryset=_workflows)
    requested_by = django_filters.ModelChoiceFilter(field_name="requested_by", queryset=_requesters)


class StoreWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow_state__workflow", queryset=_workflows, label=_("Workflow")
    )
    task = FilteredModelChoiceFilter(
        queryset=_tasks, filter_field="id_workflow", filter_accessor="workflows"
    )


class StoreLockedPagesView(LockedPagesView):
    filterset_class = StoreLockedPagesReportFilterSet

    def get_queryset(self):
        # Wagtail adds every page the user locked, whichever store it belongs to.
        pages = super().get_queryset()
        site_ids = admin_site_ids(self.request)
        return pages if site_ids is None else pages.filter(in_trees(root_paths(site_ids)))


class StoreWorkflowView(WorkflowView):
    filterset_class = StoreWorkflowReportFilterSet


class StoreWorkflowTasksView(WorkflowTasksView):
    filterset_class = StoreWorkflowTasksReportFilterSet

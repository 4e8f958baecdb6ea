"""Store-scoped versions of Wagtail admin views whose forms or filters offer rows of every
store: staff groups (page privacy), users, workflows and tasks (report filters), tags (tag
autocomplete).

``AdminStoreMiddleware`` serves these to merchants in place of Wagtail's views
(``STORE_SCOPED_VIEWS``); platform operators keep Wagtail's. Each is Wagtail's own view with
only the offending choices narrowed to what belongs to the merchant's stores, so a choice
of another store is also refused when submitted.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from taggit.models import Tag, TaggedItem
from wagtail.admin.auth import require_admin_access
from wagtail.admin.filters import FilteredModelChoiceFilter
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet, LockedPagesView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
)
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Task, Workflow, WorkflowState


def _own_pages(request):
    condition = Q(pk__in=[])
    for store in request.admin_stores:
        condition |= Q(path__startswith=store.site.root_page.path)
    return Page.objects.filter(condition)


def _own_workflow_states(request):
    page_ids = _own_pages(request).values_list(Cast("id", output_field=CharField()), flat=True)
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=page_ids
    )


def _own_workflows(request):
    """Workflows assigned to the stores' pages or that moderated one of them."""
    return Workflow.objects.filter(
        Q(workflow_pages__page__in=_own_pages(request))
        | Q(pk__in=_own_workflow_states(request).values("workflow"))
    ).distinct()


def _own_tasks(request):
    return Task.objects.filter(
        Q(workflow_tasks__workflow__in=_own_workflows(request))
        | Q(pk__in=_own_workflow_states(request).values("task_states__task"))
    ).distinct()


def _users(queryset):
    User = get_user_model()
    return User.objects.filter(pk__in=queryset).order_by(User.USERNAME_FIELD)


def _users_locking_own_pages(request):
    return _users(_own_pages(request).filter(locked_by__isnull=False).values("locked_by"))


def _users_requesting_own_workflows(request):
    return _users(_own_workflow_states(request).values("requested_by"))


def _own_groups(request):
    """Groups holding permissions on the stores' pages: the stores' staff."""
    return Group.objects.filter(page_permissions__page__in=_own_pages(request)).distinct()


def _own_collections(request):
    condition = Q(pk__in=[])
    for store in request.admin_stores:
        condition |= Q(path__startswith=store.collection.path)
    return Collection.objects.filter(condition)


class StoreSetPrivacyView(SetPrivacyView):
    """Page privacy offering only the store's own groups."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["groups"].queryset = _own_groups(self.request)
        return form


class StoreLockedPagesFilterSet(LockedPagesReportFilterSet):
    locked_by = django_filters.ModelChoiceFilter(
        label=_("Locked by"),
        empty_label=_("Anyone"),
        field_name="locked_by",
        queryset=_users_locking_own_pages,
    )


class StoreLockedPagesView(LockedPagesView):
    filterset_class = StoreLockedPagesFilterSet


class StoreWorkflowReportFilterSet(WorkflowReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        label=_("Workflow"), field_name="workflow", queryset=_own_workflows
    )
    requested_by = django_filters.ModelChoiceFilter(
        field_name="requested_by", queryset=_users_requesting_own_workflows
    )


class StoreWorkflowView(WorkflowView):
    filterset_class = StoreWorkflowReportFilterSet


class StoreWorkflowTasksFilterSet(WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(
        field_name="workflow_state__workflow", queryset=_own_workflows, label=_("Workflow")
    )
    task = FilteredModelChoiceFilter(
        queryset=_own_tasks, filter_field="id_workflow", filter_accessor="workflows"
    )


class StoreWorkflowTasksView(WorkflowTasksView):
    filterset_class = StoreWorkflowTasksFilterSet


def store_tag_autocomplete(request, app_name=None, model_name=None):
    """Tags used on the images and documents of the merchant's stores.

    Other tag models than taggit's get no suggestions: nothing says which of their tags
    belong to a store.
    """
    term = request.GET.get("term")
    if not term or (app_name, model_name) not in {(None, None), ("taggit", "tag")}:
        return JsonResponse([], safe=False)
    tagged = TaggedItem.objects.none()
    collections = _own_collections(request)
    for model in (get_image_model(), get_document_model()):
        tagged |= TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=model.objects.filter(collection__in=collections).values("pk"),
        )
    tags = (
        Tag.objects.filter(pk__in=tagged.values("tag"), name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(tags), safe=False)


def _admin_view(view):
    return never_cache(require_admin_access(view))


# Wagtail view name -> the view merchants get instead.
STORE_SCOPED_VIEWS = {
    "wagtailadmin_pages:set_privacy": _admin_view(StoreSetPrivacyView.as_view()),
    "wagtailadmin_reports:locked_pages": _admin_view(StoreLockedPagesView.as_view()),
    "wagtailadmin_reports:locked_pages_results": _admin_view(
        StoreLockedPagesView.as_view(results_only=True)
    ),
    "wagtailadmin_reports:workflow": _admin_view(StoreWorkflowView.as_view()),
    "wagtailadmin_reports:workflow_results": _admin_view(
        StoreWorkflowView.as_view(results_only=True)
    ),
    "wagtailadmin_reports:workflow_tasks": _admin_view(StoreWorkflowTasksView.as_view()),
    "wagtailadmin_reports:workflow_tasks_results": _admin_view(
        StoreWorkflowTasksView.as_view(results_only=True)
    ),
    "wagtailadmin_tag_autocomplete": _admin_view(store_tag_autocomplete),
    "wagtailadmin_tag_model_autocomplete": _admin_view(store_tag_autocomplete),
}

"""Wagtail admin addresses answered by store-scoped versions of Wagtail's views, and the
admin's pages for people who may not be staff yet (a staff invitation's link).

``config/urls.py`` includes these before Wagtail's admin, so these views answer the paths
that Wagtail's own names (``wagtailadmin_reports:locked_pages``, ``wagtailimages:index``
and the rest) reverse to. They are decorated as Wagtail decorates its admin views: admin
access required, never cached.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from tenants.account_views import AcceptInvitationView

from . import tags
from .forms import StoreFormPagesListView
from .media import StoreDocumentIndexView, StoreImageIndexView, image_chooser
from .reports import StoreLockedPagesView, StoreWorkflowTasksView, StoreWorkflowView

app_name = "store_admin"

urlpatterns = [
    path("reports/locked/", StoreLockedPagesView.as_view(), name="locked_pages"),
    path(
        "reports/locked/results/",
        StoreLockedPagesView.as_view(results_only=True),
        name="locked_pages_results",
    ),
    path("reports/workflow/", StoreWorkflowView.as_view(), name="workflow"),
    path(
        "reports/workflow/results/",
        StoreWorkflowView.as_view(results_only=True),
        name="workflow_results",
    ),
    path("reports/workflow_tasks/", StoreWorkflowTasksView.as_view(), name="workflow_tasks"),
    path(
        "reports/workflow_tasks/results/",
        StoreWorkflowTasksView.as_view(results_only=True),
        name="workflow_tasks_results",
    ),
    path("images/", StoreImageIndexView.as_view(), name="images"),
    path(
        "images/results/",
        StoreImageIndexView.as_view(results_only=True),
        name="images_results",
    ),
    path("images/chooser/", image_chooser.choose_view, name="image_chooser"),
    path("documents/", StoreDocumentIndexView.as_view(), name="documents"),
    path(
        "documents/results/",
        StoreDocumentIndexView.as_view(results_only=True),
        name="documents_results",
    ),
    path("forms/", StoreFormPagesListView.as_view(), name="form_pages"),
    path(
        "forms/results/",
        StoreFormPagesListView.as_view(results_only=True),
        name="form_pages_results",
    ),
    path("tag-autocomplete/", tags.autocomplete, name="tag_autocomplete"),
    path(
        "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        tags.autocomplete,
        name="tag_model_autocomplete",
    ),
]

urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)

# Opened from an invitation email by people who may have no account, or no store, yet:
# outside the admin-access check; the view checks the signed link and who is signed in.
urlpatterns += [
    path(
        "invitation/<str:token>/",
        never_cache(AcceptInvitationView.as_view()),
        name="accept_invitation",
    ),
]

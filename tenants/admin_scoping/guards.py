"""Wagtail admin views refused, or narrowed by address, for a merchant's request.

Some Wagtail views cannot be scoped by a hook, a policy or a view of ours: they list rows
of every store, or show the object their address names before checking any permission.
``AdminViewGuardMiddleware`` looks at the resolved view's URL name and arguments before
the view runs and, for a merchant (a signed-in admin user who is not a superuser):

- refuses (403) the views of ``PLATFORM_ONLY_VIEWS`` and the areas of
  ``PLATFORM_ONLY_NAMESPACES``;
- redirects the explorer's root, and the page chooser's first screen, to the active
  store's home page;
- answers 404 for page views naming a page outside the active store's tree (in the address
  or, for ``PAGE_ID_QUERY_VIEWS``, in ``?id=``), and for workflow task views naming a task
  that never moderated the page;
- answers 404 for site settings of another site than the active store's;
- answers 404 for a bulk action naming any object outside the active store.

It reads the request's store access, recorded by ``tenants.middleware.AdminStoreMiddleware``
(before any view middleware runs); platform operators pass untouched.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import CollectionMember, Page, TaskState

from tenancy.request import admin_site_ids, admin_user, store_access

# Wagtail admin views that list rows of every store and cannot be scoped to one: site
# history, page-type reports and the admin API's image and document endpoints. Platform
# operators only.
PLATFORM_ONLY_VIEWS = frozenset(
    {
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
        "wagtailadmin_pages:type_use",
        "wagtailadmin_pages:type_use_results",
        "wagtailadmin_api:images:listing",
        "wagtailadmin_api:images:detail",
        "wagtailadmin_api:images:find",
        "wagtailadmin_api:documents:listing",
        "wagtailadmin_api:documents:detail",
        "wagtailadmin_api:documents:find",
    }
)
# URL namespaces of admin areas for platform operators only: the store list, and workflows
# and their tasks (global, named after the stores they serve; merchants never manage them).
PLATFORM_ONLY_NAMESPACES = ("stores:", "wagtailadmin_workflows:")
# Admin views addressed by page ids. Some show the page before checking any permission
# (the chooser's browse view, the move confirmation), so a merchant may name only pages of
# their own stores, or the tree root.
PAGE_VIEW_PREFIXES = (
    "wagtailadmin_pages:",
    "wagtailadmin_explore",
    "wagtailadmin_choose_page",
    "wagtailforms:",  # a form page's submissions
)
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")
# Page views naming pages in the query string too (``?id=``).
PAGE_ID_QUERY_VIEWS = frozenset({"wagtailadmin_choose_page_chosen_multiple"})
# Admin views addressed by a site id (site settings): the active store's site only, even
# for people who hold settings permissions in several stores.
SITE_VIEW_PREFIXES = ("wagtailsettings:",)
# Wagtail lists every object a bulk action names, by title, including those the user may
# not act on: a merchant may name objects of their active store only.
BULK_ACTION_VIEW = "wagtail_bulk_action"


class AdminViewGuardMiddleware:
    """Refuse merchants the admin views Wagtail does not scope to a site.

    Listed in ``MIDDLEWARE`` right after ``AdminStoreMiddleware``; it acts in
    ``process_view`` only, once the URL is resolved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = admin_user(request)
        if user is None or user.is_superuser:
            return None
        view_name = request.resolver_match.view_name
        if view_name in PLATFORM_ONLY_VIEWS or view_name.startswith(PLATFORM_ONLY_NAMESPACES):
            raise PermissionDenied
        active = store_access(request).active
        if view_name == "wagtailadmin_explore_root" and active is not None:
            return redirect("wagtailadmin_explore", active.site.root_page_id)
        if view_name == "wagtailadmin_choose_page" and active is not None:
            return _chooser_in_store(request, active.site.root_page_id)
        if view_name.startswith(PAGE_VIEW_PREFIXES):
            page_ids = [view_kwargs[name] for name in PAGE_ID_KWARGS if name in view_kwargs]
            if view_name in PAGE_ID_QUERY_VIEWS:
                page_ids += request.GET.getlist("id")
            if not all(_in_active_tree(request, page_id) for page_id in page_ids):
                raise Http404
            if "task_id" in view_kwargs and not _is_task_of_page(**view_kwargs):
                raise Http404
        site_id = view_kwargs.get("pk") if view_name.startswith(SITE_VIEW_PREFIXES) else None
        if site_id is not None and int(site_id) not in admin_site_ids(request):
            raise Http404
        if view_name == BULK_ACTION_VIEW and not _bulk_action_stays_in_stores(
            request, **view_kwargs
        ):
            raise Http404
        return None


def _chooser_in_store(request, home_page_id):
    """The page chooser opened on the store's home page, with the field's page types.

    Without a page to start from, Wagtail opens the chooser on the highest page above
    every page of the field's types, in any store: the tree root, where a merchant would
    first have to find their own store.
    """
    url = reverse("wagtailadmin_choose_page_child", args=[home_page_id])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


def _in_active_tree(request, page_id) -> bool:
    """Whether the page is the tree root or inside the merchant's active store."""
    if not str(page_id).isdigit():
        return False
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    return path is not None and _is_active_tree_path(request, path)


def _is_active_tree_path(request, path) -> bool:
    return len(path) == Page.steplen or any(
        path.startswith(store.site.root_page.path) for store in store_access(request).stores
    )


def _is_task_of_page(*, task_id, page_id, **kwargs) -> bool:
    """Whether the workflow task has moderated the page (Wagtail names the task, whatever
    it is, in its message when the page is not awaiting it)."""
    return TaskState.objects.filter(
        task_id=task_id,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(page_id),
    ).exists()


def _bulk_action_stays_in_stores(request, *, app_label, model_name, action) -> bool:
    """Whether every object the bulk action names belongs to the merchant's stores."""
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        return True  # Wagtail answers 404
    model = apps.get_model(app_label, model_name)
    objects, others = action_class(request, model).get_actionable_objects()
    stores = store_access(request).stores
    collections = [store.collection.path for store in stores]
    site_ids = {store.site_id for store in stores}
    for obj in [*objects, *others["items_with_no_access"]]:
        if isinstance(obj, Page):
            inside = _is_active_tree_path(request, obj.path)
        elif isinstance(obj, CollectionMember):
            inside = obj.collection.path.startswith(tuple(collections))
        else:
            inside = getattr(obj, "site_id", None) in site_ids
        if not inside:
            return False
    return True

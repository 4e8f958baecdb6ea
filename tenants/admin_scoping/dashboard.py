"""Dashboard panels that show only the request's stores' pages.

Wagtail picks the panels' rows by person, not by page permission: tasks the user may
review (a review task can span every store), the user's own pages in moderation, their
recent edits and their locked pages (which may belong to another of their stores). Each
panel here drops the rows whose page or object belongs to no store of the request.
"""

from wagtail.admin.views.home import (
    LockedPagesPanel,
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from tenants.middleware import admin_site_ids

from .scope import belongs_to_stores, in_trees, root_paths


def _belongs(request):
    """A predicate for the request's stores, or None when the request shows every store."""
    site_ids = admin_site_ids(request)
    if site_ids is None:
        return None
    paths = root_paths(site_ids)
    return lambda obj: obj is not None and belongs_to_stores(obj, site_ids=site_ids, paths=paths)


class StoreWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if belongs := _belongs(parent_context["request"]):
            context["states"] = [state for state in context["states"] if belongs(state["obj"])]
        return context


class StoreUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if belongs := _belongs(parent_context["request"]):
            context["workflow_states"] = [
                state for state in context["workflow_states"] if belongs(state.content_object)
            ]
        return context


class StoreRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if belongs := _belongs(parent_context["request"]):
            context["last_edits"] = [edit for edit in context["last_edits"] if belongs(edit[1])]
        return context


class StoreLockedPagesPanel(LockedPagesPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        site_ids = admin_site_ids(parent_context["request"])
        if site_ids is not None:
            context["locked_pages"] = context["locked_pages"].filter(in_trees(root_paths(site_ids)))
        return context


STORE_PANELS = {
    WorkflowObjectsToModeratePanel: StoreWorkflowObjectsToModeratePanel,
    UserObjectsInWorkflowModerationPanel: StoreUserObjectsInWorkflowModerationPanel,
    RecentEditsPanel: StoreRecentEditsPanel,
    LockedPagesPanel: StoreLockedPagesPanel,
}


def use_store_panels(panels):
    """Swap Wagtail's dashboard panels for their store-scoped versions, in place."""
    panels[:] = [
        STORE_PANELS[type(panel)]() if type(panel) in STORE_PANELS else panel for panel in panels
    ]

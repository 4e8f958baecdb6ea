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

from tenancy.request import admin_site_ids

from .scope import in_trees, request_contents, root_paths


class StoreWorkflowObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if (contents := request_contents(parent_context["request"])) is not None:
            context["states"] = [state for state in context["states"] if state["obj"] in contents]
        return context


class StoreUserObjectsInWorkflowModerationPanel(UserObjectsInWorkflowModerationPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if (contents := request_contents(parent_context["request"])) is not None:
            context["workflow_states"] = [
                state for state in context["workflow_states"] if state.content_object in contents
            ]
        return context


class StoreRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        if (contents := request_contents(parent_context["request"])) is not None:
            context["last_edits"] = [edit for edit in context["last_edits"] if edit[1] in contents]
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

"""The admin URL patterns, enumerated from the URL resolver, and how the cross-store matrix
requests each of them.

Each pattern is either probed, its kwargs filled from the kinds of object they name
(``ID_KWARGS``, ``PK_KINDS``, ``VIEW_KINDS``) and its other kwargs from ``CHOICES``, or
excused with a reason (``EXCUSED``). A pattern that is neither is listed in ``UNPROBED``,
which fails ``test_every_admin_pattern_is_probed_or_excused``: a view added by a Wagtail
upgrade or a new viewset is probed without editing this file, or noticed.

Probed patterns (``PLANS``) are requested by the test module of their concern
(``CONCERNS``: ``tests/isolation/test_matrix_<concern>.py``).
"""

from dataclasses import dataclass, replace

import pytest
from django.contrib.auth.models import User
from taggit.models import Tag
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Page
from wagtail.snippets.models import get_snippet_models

from tests.helpers import url_patterns

Image = get_image_model()
Document = get_document_model()

ADMIN_ROUTE = "admin/"

# Patterns not probed, with the reason. Keys are view names (or the route of an unnamed
# pattern); a key naming no pattern fails the completeness test.
EXCUSED = {
    "store:switch": (
        "POST-only and takes the store id in the body, not the address: switching to a store "
        "the person is not staff of is a 404 (tests/tenants/test_roles_admin.py)"
    ),
    "wagtailadmin_logout": (
        "ends the session the matrix runs in; takes no id and shows no store's data"
    ),
    "wagtailadmin_password_reset_confirm": (
        "anonymous token view: a valid token exists only in the mail sent to the account's "
        "owner, and any other token gets the same 'invalid link' page for every account"
    ),
    "store_admin:accept_invitation": (
        "the invitee's token view: a valid token exists only in the email sent to the invited "
        "address; any other token gets the same refusal page, and an invitation is accepted "
        "only by its own address's account (tests/tenants/test_invitations.py)"
    ),
    "account:confirm_email": (
        "token view of the signed-in person's own email change: a valid token exists only in "
        "the email sent to the new address, and another account's change is refused "
        "(tests/tenants/test_email_change.py)"
    ),
    "wagtailadmin_error_test": (
        "raises an exception on purpose to test the server error page; takes no id"
    ),
}

# Leaks the matrix finds that are being fixed elsewhere: the pattern's test is expected to
# fail (strictly, so it fails once the fix lands and the entry must go).
KNOWN_LEAKS: dict[str, str] = {}

# kwarg -> kind of object it names, whatever the view.
ID_KWARGS = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "page_pk": "page",
    "destination_id": "destination",
    "revision_id": "revision",
    "revision_id_a": "first_revision",
    "revision_id_b": "revision",
    "task_state_id": "task_state",
    "workflow_state_id": "workflow_state",
    "task_id": "task",
    "workflow_pk": "workflow",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "redirect_id": "redirect",
    "session_id": "editing_session",
    "user_id": "user",
    "invitation_id": "invitation",
    "job_id": "import_job",
    "order_id": "model:shop.order",
    "invoice_id": "model:shop.invoice",
}
# ``pk`` (and ``uploaded_file_id``) name an object of the view's namespace. Snippet
# viewsets and their choosers are found from Wagtail's snippet registry.
PK_KINDS = {
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:images": "image",
    "wagtailadmin_api:documents": "document",
    "wagtailadmin_pages": "page",
    "wagtailadmin_collections": "collection",
    "wagtailadmin_workflows": "workflow",
    "wagtailsettings": "site",
    "wagtailsites": "site",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtailimages_chooser": "image",
    "wagtaildocs_chooser": "document",
    "stores": "store",
}
UPLOAD_KINDS = {"wagtailimages": "upload:image", "wagtaildocs": "upload:document"}
# Kinds of single views that differ from their namespace's.
THEME = "wagtailsnippets_themes_storetheme"
PROMOTION = "wagtailsnippets_shop_promotion"
VIEW_KINDS = {
    # The theme's revision views name revisions of the theme, not of a page.
    f"{THEME}:revisions_view": {"revision_id": "theme_revision"},
    f"{THEME}:revisions_revert": {"revision_id": "theme_revision"},
    f"{THEME}:revisions_unschedule": {"revision_id": "theme_revision"},
    f"{THEME}:revisions_compare": {
        "revision_id_a": "theme_first_revision",
        "revision_id_b": "theme_revision",
    },
    **{
        f"{PROMOTION}:{view}": {"revision_id": "promotion_revision"}
        for view in ("revisions_view", "revisions_revert", "revisions_unschedule")
    },
    f"{PROMOTION}:revisions_compare": {
        "revision_id_a": "promotion_first_revision",
        "revision_id_b": "promotion_revision",
    },
    "shop_campaign_edit": {"pk": "campaign"},
    "shop_campaign_cancel": {"pk": "campaign"},
    "shop_campaign_end": {"pk": "campaign"},
    "wagtailadmin_workflows:edit_task": {"pk": "task"},
    "wagtailadmin_workflows:disable_task": {"pk": "task"},
    "wagtailadmin_workflows:enable_task": {"pk": "task"},
    "wagtailadmin_workflows:task_chosen": {"task_id": "task"},
}


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def model_kind(model):
    return f"model:{_label(model)}"


def _natural(model, *, app="app_label", name="model_name"):
    return {app: model._meta.app_label, name: model._meta.model_name}


def _bulk_action_choices():
    bulk_action_registry._scan_for_bulk_actions()
    return [
        {
            "kwargs": {"app_label": app_label, "model_name": model_name, "action": action},
            "query_kind": f"model:{app_label}.{model_name}",
        }
        for app_label, models in sorted(bulk_action_registry.actions.items())
        for model_name, actions in sorted(models.items())
        for action in sorted(actions)
    ]


def _ping_choices():
    models = [Page, Image, Document, *get_snippet_models(), *settings_registry, User]
    return [
        {"kwargs": _natural(model), "kinds": {"object_id": model_kind(model)}} for model in models
    ]


def _settings_choices():
    return [
        {"kwargs": _natural(model, name="model_name", app="app_name")}
        for model in settings_registry
    ]


# Per view: the values of its kwargs that name no object (one request per choice), and the
# kinds of kwargs whose kind depends on the choice. A choice may also put an id of a kind
# in the query string (``query_kind``).
CHOICES = {
    "wagtail_bulk_action": _bulk_action_choices,
    "wagtailadmin_api:pages:action": lambda: [
        {"kwargs": {"action_name": action}} for action in sorted(PagesAdminAPIViewSet.actions)
    ],
    "wagtailadmin_pages:add": lambda: [{"kwargs": _page_type()}],
    "wagtailadmin_pages:preview_on_add": lambda: [{"kwargs": _page_type()}],
    "wagtailadmin_pages:type_use": lambda: [{"kwargs": _page_type()}],
    "wagtailadmin_pages:type_use_results": lambda: [{"kwargs": _page_type()}],
    "wagtailadmin_pages:choose_parent": lambda: [
        {"kwargs": {"app_label": "shop", "model_name": "categorypage"}}
    ],
    "wagtailadmin_pages:workflow_action": lambda: [
        {"kwargs": {"action_name": action}} for action in ("approve", "reject")
    ],
    "wagtailadmin_pages:collect_workflow_action_data": lambda: [
        {"kwargs": {"action_name": action}} for action in ("approve", "reject")
    ],
    "wagtailadmin_tag_model_autocomplete": lambda: [{"kwargs": _natural(Tag, app="app_name")}],
    "store_admin:tag_model_autocomplete": lambda: [{"kwargs": _natural(Tag, app="app_name")}],
    "wagtailadmin_workflows:add_task": lambda: [{"kwargs": _natural(GroupApprovalTask)}],
    "wagtailadmin_editing_sessions:ping": _ping_choices,
    "wagtailsettings:edit": _settings_choices,
    "wagtailsettings:preview_on_edit": _settings_choices,
    "wagtailimages:preview": lambda: [{"kwargs": {"filter_spec": "max-100x100"}}],
    "shop_order_email_sample": lambda: [{"kwargs": {"kind": "confirmation"}}],
    "shop_order_email_preview": lambda: [
        {"kwargs": {"kind": kind}} for kind in ("confirmation", "shipped", "new_order")
    ],
}


@dataclass(frozen=True)
class Id:
    """A query-string value: store B's object of this kind."""

    kind: str


# The query string of views taking no id in their path (and of the merchant's own objects'
# views): B's words and B's ids in the filters Wagtail's listings take, so that a filter
# accepting another store's row shows it (in the filter, its pill or the rows).
LISTING_QUERY = {
    "q": "Beta",
    "owner": Id("user"),
    "edited_by": Id("user"),
    "user": Id("user"),
    "locked_by": Id("user"),
    "requested_by": Id("user"),
    "workflow": Id("workflow"),
    "task": Id("task"),
    "site": Id("site"),
    "collection_id": Id("collection"),
}
# Views that refuse query parameters they do not know, or search with another one.
LISTING_QUERIES = {
    "wagtailadmin_api:pages:listing": {"search": "Beta"},
    "wagtailadmin_api:pages:find": {"id": Id("page")},
    "wagtailadmin_api:images:listing": {"search": "Beta"},
    "wagtailadmin_api:images:find": {"id": Id("image")},
    "wagtailadmin_api:documents:listing": {"search": "Beta"},
    "wagtailadmin_api:documents:find": {"id": Id("document")},
    "wagtailadmin_tag_autocomplete": {"term": "Beta"},
    "wagtailadmin_tag_model_autocomplete": {"term": "Beta"},
    "store_admin:tag_autocomplete": {"term": "Beta"},
    "store_admin:tag_model_autocomplete": {"term": "Beta"},
    "shop_product_tag_autocomplete": {"term": "Beta"},
}
# Views whose mixed variants (one id A's, one B's) are not refusals: the editing-session
# ping looks up a session of the requesting user only, whatever its id.
NO_MIXED = {"wagtailadmin_editing_sessions:ping"}
# Views that name B's ids yet never look anything of another user up, so they answer
# alike for any id: checked for a clean body and nothing changed instead of a refusal.
ANSWER_ALIKE = {
    "wagtailadmin_editing_sessions:release": (
        "deletes the requesting user's own session with that id, if any, and answers {}"
    ),
}


def _page_type():
    return {"content_type_app_name": "shop", "content_type_model_name": "categorypage"}


# --- The patterns -------------------------------------------------------------------


@dataclass(frozen=True)
class AdminPattern:
    key: str  # the view name, or the route of an unnamed pattern; unique
    name: str | None  # full view name, namespaces included
    namespace: str | None
    route: str
    params: tuple[str, ...]


def admin_patterns() -> list[AdminPattern]:
    found = []
    for namespace, pattern, route in url_patterns():
        if not route.startswith(ADMIN_ROUTE):
            continue
        name = None
        if pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        params = tuple(pattern.pattern.regex.groupindex)
        found.append(AdminPattern(name or route, name, namespace, route, params))
    names = [pattern.key for pattern in found]
    return [
        pattern
        if names.count(pattern.key) == 1
        else replace(pattern, key=f"{pattern.key} [{', '.join(pattern.params)}]")
        for pattern in found
    ]


def excuse_of(pattern):
    return EXCUSED.get(pattern.key) or EXCUSED.get(pattern.name or "")


def _snippet_kind(namespace):
    for model in get_snippet_models():
        suffix = f"{model._meta.app_label}_{model._meta.model_name}"
        if namespace in (f"wagtailsnippets_{suffix}", f"wagtailsnippetchoosers_{suffix}"):
            return model_kind(model)
    return None


def _kind_of(pattern, param, choice):
    """The kind of object ``param`` names, None if it names none, or raise LookupError."""
    kinds = {**VIEW_KINDS.get(pattern.name, {}), **choice.get("kinds", {})}
    if param in kinds:
        return kinds[param]
    if param in choice.get("kwargs", {}):
        return None
    if param in ID_KWARGS:
        return ID_KWARGS[param]
    if param == "pk":
        kind = PK_KINDS.get(pattern.namespace) or _snippet_kind(pattern.namespace)
        if kind:
            return kind
    if param == "uploaded_file_id" and pattern.namespace in UPLOAD_KINDS:
        return UPLOAD_KINDS[pattern.namespace]
    raise LookupError(f"{pattern.key}: nothing says what {param!r} names")


def is_chosen_multiple(pattern):
    return (pattern.name or "").endswith("chosen_multiple")


def _chosen_multiple_kind(pattern):
    if pattern.name == "wagtailadmin_choose_page_chosen_multiple":
        return "page"
    return PK_KINDS.get(pattern.namespace) or _snippet_kind(pattern.namespace)


@dataclass(frozen=True)
class Plan:
    """How to request one pattern: per choice of its non-id kwargs, the kind of each id."""

    pattern: AdminPattern
    choices: tuple  # of (fixed kwargs, {param: kind}, query kind or None)


def plan_for(pattern) -> Plan:
    """The plan, or raise LookupError naming what cannot be filled."""
    choices = CHOICES[pattern.name]() if pattern.name in CHOICES else [{}]
    planned = []
    for choice in choices:
        fixed = dict(choice.get("kwargs", {}))
        kinds = {}
        for param in pattern.params:
            kind = _kind_of(pattern, param, choice)
            if kind is None:
                continue
            kinds[param] = kind
        query_kind = choice.get("query_kind")
        if is_chosen_multiple(pattern):
            query_kind = _chosen_multiple_kind(pattern)
            if query_kind is None:
                raise LookupError(f"{pattern.key}: nothing says what its ?id= names")
        unfilled = set(pattern.params) - set(fixed) - set(kinds)
        if unfilled:
            raise LookupError(f"{pattern.key}: no value for {sorted(unfilled)}")
        planned.append((fixed, kinds, query_kind))
    return Plan(pattern, tuple(planned))


def _planned():
    plans, unprobed = [], {}
    for pattern in admin_patterns():
        if excuse_of(pattern):
            continue
        try:
            plans.append(plan_for(pattern))
        except LookupError as error:
            unprobed[pattern.key] = str(error)
    return plans, unprobed


PLANS, UNPROBED = _planned()


# --- Which test module requests which patterns ----------------------------------------

# Concern -> the view names (or namespaces, ending in ":") of its patterns, matched by
# prefix. A pattern matching no concern belongs to "admin_shell": the dashboard, signing
# in, the admin's static views and any view Wagtail adds that fits nowhere else.
CONCERNS = {
    "store_rows": (
        "wagtailsnippets",
        "wagtailsnippetchoosers_",
        "wagtail_bulk_action",
        "shop_product_tag",
        "shop_product_import",
        "shop_product_export",
        "shop_stock_import",
        "shop_import_job",
        "shop_order_email",
        "shop_invoice",
        "shop_coming_up",
        "shop_campaign",
    ),
    "pages": (
        "wagtailadmin_pages:",
        "wagtailadmin_explore",
        "wagtailadmin_choose_page",
        "wagtailadmin_api:pages:",
        "wagtailadmin_editing_sessions:",
        "wagtailadmin_block_preview",
    ),
    "media": (
        "wagtailimages",
        "wagtaildocs",
        "wagtailadmin_collections:",
        "wagtailembeds",
        "wagtailadmin_api:images:",
        "wagtailadmin_api:documents:",
        "wagtailadmin_tag_",
        "store_admin:tag_",
    ),
    "platform_areas": (
        "wagtailsettings:",
        "wagtailsites:",
        "wagtailredirects:",
        "wagtailusers_",
        "wagtailadmin_workflows:",
        "wagtailadmin_reports:",
        "wagtailforms:",
    ),
    "store_admin": ("stores:", "store:", "store_admin:", "account:"),
    "admin_shell": (),
}


def concern_of(pattern) -> str:
    """The first concern one of whose prefixes starts the pattern's name (or key)."""
    name = pattern.name or pattern.key
    for concern, prefixes in CONCERNS.items():
        if name.startswith(prefixes):
            return concern
    return "admin_shell"


def matrix_params(concern):
    """The probed patterns of ``concern``, as parameters of the matrix test; a known leak's
    is a strict xfail."""
    params = []
    for plan in PLANS:
        if concern_of(plan.pattern) != concern:
            continue
        marks = []
        reason = KNOWN_LEAKS.get(plan.pattern.key) or KNOWN_LEAKS.get(plan.pattern.name or "")
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(plan, id=plan.pattern.key, marks=marks))
    return params

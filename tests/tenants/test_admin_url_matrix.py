"""The cross-store URL matrix: every admin URL pattern, requested by store A's staff with
store B's ids.

The patterns are enumerated from the URL resolver. Each is either probed, its kwargs filled
from the kinds of object they name (``ID_KWARGS``, ``PK_KINDS``, ``VIEW_KINDS``) and its
other kwargs from ``CHOICES``, or excused with a reason (``EXCUSED``). A pattern that is
neither fails ``test_every_admin_pattern_is_probed_or_excused``: a view added by a Wagtail
upgrade or a new viewset is probed without editing this file, or noticed.

``test_admin_pattern_with_another_stores_ids`` requests each probed pattern:

- with B's ids (every B page: live, draft, in moderation, the store root; every revision
  of a page with several), GET and POST: 403 or 404 (405 for a method the view does not
  take, when the other method was refused), nothing of B in the body, nothing of B changed;
- mixed, for views taking two ids: one of them A's, the other B's (A's page with B's
  revision, task state or destination; B's page with A's): refused the same way;
- with A's own ids, GET: any answer, nothing of B in it (filters, choosers and menus that
  would list every store);
- with B's ids in the query string only (bulk actions, ``?id=``, GET and POST): refused;
  choosers' chosen-multiple may answer 200 with an empty result;
- id-less views, GET, plain and with B's words and ids in the query (search terms and the
  filters of Wagtail's listings), following redirects: 200, 302, 403 or 404, nothing of B
  in any body. A's own ids get the same query string.

Leaks found and being fixed elsewhere are listed in ``KNOWN_LEAKS``: their pattern's test
is a strict xfail, so it fails once the fix lands and the entry has to go.

Requests naming B's ids carry ``X-Requested-With: XMLHttpRequest`` so that Wagtail answers
a permission refusal with a 403 instead of a redirect to the dashboard.
"""

import itertools
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from taggit.models import Tag
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from crm_bridge.models import Client, Ticket
from shop.models import (
    Order,
    OrderLine,
    Product,
    ProductVariant,
    StockLevel,
    StockMovement,
    StorePage,
    StoreSettings,
)
from tenancy.scope import all_stores, store_scope
from tenants.invitations import invite_staff
from tenants.models import EmailChange, StaffInvitation, Store
from tenants.roles import Role
from tests.tenants.factories import StoreFactory, owner_of, role_group, staff_member
from tests.tenants.test_admin_isolation import XHR, StoreData, _fill_store
from themes.models import ThemeSettings
from themes.presets import Preset

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

ADMIN_ROUTE = "admin/"

# Roles a store's staff can hold. Each role of store A runs the whole matrix.
ROLES = list(Role)

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
VIEW_KINDS = {
    "wagtailadmin_workflows:edit_task": {"pk": "task"},
    "wagtailadmin_workflows:disable_task": {"pk": "task"},
    "wagtailadmin_workflows:enable_task": {"pk": "task"},
    "wagtailadmin_workflows:task_chosen": {"task_id": "task"},
}


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _model_kind(model):
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
        {"kwargs": _natural(model), "kinds": {"object_id": _model_kind(model)}} for model in models
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
POST_DATA = {
    "title": "Hijacked by Alpha",
    "slug": "hijacked-by-alpha",
    "new_title": "Hijacked by Alpha",
    "new_slug": "hijacked-by-alpha",
    "copy_subpages": "on",
    "publish_copies": "on",
    "name": "Hijacked by Alpha",
    "email": "hijacked@alpha.test",
    "status": "closed",
    "is_editing": "1",
    "restriction_type": "password",
    "password": "hijacked-42",
    "comment": "Hijacked by Alpha",
    "action-publish": "action-publish",
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


def _walk(patterns, namespace=None, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern, route


def admin_patterns() -> list[AdminPattern]:
    found = []
    for namespace, pattern, route in _walk(get_resolver().url_patterns):
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


def _excuse_of(pattern):
    return EXCUSED.get(pattern.key) or EXCUSED.get(pattern.name or "")


def _snippet_kind(namespace):
    for model in get_snippet_models():
        suffix = f"{model._meta.app_label}_{model._meta.model_name}"
        if namespace in (f"wagtailsnippets_{suffix}", f"wagtailsnippetchoosers_{suffix}"):
            return _model_kind(model)
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


def _is_chosen_multiple(pattern):
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
        if _is_chosen_multiple(pattern):
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
        if _excuse_of(pattern):
            continue
        try:
            plans.append(plan_for(pattern))
        except LookupError as error:
            unprobed[pattern.key] = str(error)
    return plans, unprobed


PLANS, UNPROBED = _planned()


# --- Two populated stores -----------------------------------------------------------


@dataclass
class Side:
    """One store's rows, ids by kind, and the words that would betray them."""

    data: StoreData
    markers: list[str]
    objects: dict[str, object] = field(default_factory=dict)  # kind -> pk (or value)
    # Pages with a revision each: (page id, revision id, first revision id), the page in
    # moderation first.
    subjects: list[tuple[int, int, int]] = field(default_factory=list)
    baseline: dict | None = None  # its ``_fingerprint`` once populated

    @property
    def store(self):
        return self.data.store

    def value(self, kind, subject):
        page_id, revision_id, first_revision_id = subject
        if kind == "page":
            return page_id
        if kind == "revision":
            return revision_id
        if kind == "first_revision":
            return first_revision_id
        if kind not in self.objects:
            raise LookupError(f"store {self.store.slug} has no object of kind {kind!r}")
        return self.objects[kind]


def _page_with_revisions(page, owner, titles, *, schedule_last=False):
    """Publish one revision per title; schedule the last one a month ahead if asked."""
    revisions = []
    for index, title in enumerate(titles):
        page = Page.objects.get(pk=page.pk).specific
        page.title = title
        last = index == len(titles) - 1
        if schedule_last and last:
            page.go_live_at = timezone.now() + timedelta(days=30)
        revision = page.save_revision(user=owner, log_action=True)
        revision.publish(user=owner)
        revisions.append(revision)
    return revisions


def _fill_more(data: StoreData, prefix: str) -> Side:
    """Everything a store has besides what ``_fill_store`` made: draft, scheduled and
    moderated pages, several revisions, a locked page, a document, tags, settings, a
    redirect, a workflow, an editing session and pending uploads."""
    store, owner, home, slug = data.store, data.owner, data.home, data.store.slug
    owner.first_name, owner.last_name = f"{prefix}ina", "Storekeeper"
    owner.save()
    image_type = ContentType.objects.get_for_model(Image)
    document_type = ContentType.objects.get_for_model(Document)

    home_revisions = _page_with_revisions(home, owner, [store.name])
    category_revisions = _page_with_revisions(
        data.category,
        owner,
        [f"{prefix} Early Shelf Name", f"{prefix} Lamps Shelf", f"{prefix} Scheduled Shelf"],
        schedule_last=True,
    )
    draft = home.add_child(
        instance=StorePage(title=f"{prefix} Unpublished Draft", slug="draft", live=False)
    )
    draft_revision = draft.save_revision(user=owner, log_action=True)
    Page.objects.filter(pk=draft.pk).update(locked=True, locked_by=owner, locked_at=timezone.now())
    product_revision = data.product_page.get_latest_revision()

    task = GroupApprovalTask.objects.create(name=f"{store.name} approval")
    task.groups.set([role_group(store, Role.OWNER)])
    workflow = Workflow.objects.create(name=f"{store.name} review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    pending = home.add_child(
        instance=StorePage(title=f"{prefix} Pending Approval", slug="pending", live=False)
    )
    pending_revision = pending.save_revision(user=owner, log_action=True)
    workflow_state = workflow.start(pending, owner)

    document = wagtail_factories.DocumentFactory(
        collection=store.collection, title=f"{prefix} Price List"
    )
    tag = f"{prefix.lower()}-secret-tag"
    data.image.tags.add(tag)
    document.tags.add(tag)
    StoreSettings.objects.filter(site=store.site).update(
        contact_email=f"hello@{prefix.lower()}-secret.test"
    )
    ThemeSettings.objects.filter(site=store.site).update(tagline=f"{prefix} lamps since 1999")
    redirect = Redirect.objects.create(
        site=store.site, old_path=f"/{prefix.lower()}-secret-old-path", redirect_link="/"
    )
    session = EditingSession.objects.create(
        user=owner,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(data.category.pk),
        last_seen_at=timezone.now(),
        is_editing=True,
    )
    invitation = invite_staff(
        store=store, email=f"{slug}-invitee@example.test", role=Role.EDITOR, invited_by=owner
    )
    uploads = {
        kind: UploadedFile.objects.create(
            file=ContentFile(b"GIF89a", name=f"{slug}-upload.gif"),
            for_content_type=content_type,
            uploaded_by_user=owner,
        )
        for kind, content_type in (("upload:image", image_type), ("upload:document", document_type))
    }

    markers = [
        *data.markers,
        f"{owner.first_name} {owner.last_name}",
        f"{prefix} Early Shelf Name",
        f"{prefix} Scheduled Shelf",
        draft.title,
        pending.title,
        document.title,
        tag,
        f"hello@{prefix.lower()}-secret.test",
        f"{prefix} lamps since 1999",
        redirect.old_path.strip("/"),
        role_group(store, Role.OWNER).name,
        store.site.hostname,
        invitation.email,
    ]
    objects = {
        "destination": home.pk,
        "task_state": workflow_state.current_task_state.pk,
        "workflow_state": workflow_state.pk,
        "task": task.pk,
        "workflow": workflow.pk,
        "image": data.image.pk,
        "document": document.pk,
        "collection": store.collection.pk,
        "redirect": redirect.pk,
        "editing_session": session.pk,
        "site": store.site.pk,
        "user": owner.pk,
        "group": role_group(store, Role.OWNER).pk,
        "store": store.pk,
        "invitation": invitation.pk,
        **{kind: upload.pk for kind, upload in uploads.items()},
        _model_kind(Page): data.category.pk,
        _model_kind(Image): data.image.pk,
        _model_kind(Document): document.pk,
        _model_kind(User): owner.pk,
        **{
            _model_kind(model): model.objects.get(site=store.site).pk for model in settings_registry
        },
        **{
            _model_kind(model): data.row(model).pk
            for model in get_snippet_models()
            if model in (Product, Order, Client, Ticket, StockLevel, StockMovement)
        },
    }
    subjects = [
        (pending.pk, pending_revision.pk, pending_revision.pk),
        *[
            (data.category.pk, revision.pk, category_revisions[0].pk)
            for revision in category_revisions
        ],
        (draft.pk, draft_revision.pk, draft_revision.pk),
        (data.product_page.pk, product_revision.pk, product_revision.pk),
        (home.pk, home_revisions[0].pk, home_revisions[0].pk),
    ]
    return Side(data, markers, objects, subjects)


@pytest.fixture(scope="module")
def _stores(django_db_setup, django_db_blocker):
    """Stores A and B, populated once for this module inside a transaction rolled back at
    its end. Every test runs in its own savepoint, so what a request writes is undone."""
    with django_db_blocker.unblock(), transaction.atomic():
        alpha = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
        beta = StoreFactory(slug="beta", name="Beta Wares", preset=Preset.MODERN)
        sides = []
        for store, prefix in ((alpha, "Alpha"), (beta, "Beta")):
            with store_scope([store.site.pk]):
                data = _fill_store(store, prefix=prefix, owner=_member_of(store, "owner"))
                sides.append(_fill_more(data, prefix))
        for role in ROLES:
            if role != Role.OWNER:
                staff_member(alpha, role)
        sides[1].baseline = _fingerprint(sides[1])
        yield tuple(sides)
        transaction.set_rollback(True)


@pytest.fixture
def mine(db, _stores):
    return _stores[0]


@pytest.fixture
def theirs(db, _stores):
    return _stores[1]


def _member_of(store, role):
    """A user holding ``role`` in ``store``: the owner ``create_store`` made, or the
    member ``_stores`` added to the role's group."""
    if role == Role.OWNER:
        return owner_of(store)
    return role_group(store, role).user_set.get()


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def owner_client(platform_client, mine, theirs):
    """Store A's owner, who may use every view the positive checks below need."""
    platform_client.force_login(_member_of(mine.store, Role.OWNER))
    return platform_client


@pytest.fixture
def member_client(platform_client, mine, theirs, role):
    """A member of store A with ``role``, signed in to the admin on the platform host."""
    platform_client.force_login(_member_of(mine.store, role))
    return platform_client


# --- What must not change -----------------------------------------------------------

COUNTED = [
    Page,
    Revision,
    PageViewRestriction,
    CollectionViewRestriction,
    Image,
    Document,
    Collection,
    Tag,
    Product,
    ProductVariant,
    Order,
    OrderLine,
    StockLevel,
    StockMovement,
    Client,
    Ticket,
    User,
    Group,
    Site,
    Store,
    StaffInvitation,
    EmailChange,
    Redirect,
    Workflow,
    Task,
    WorkflowPage,
    WorkflowState,
    TaskState,
    GroupPagePermission,
    GroupCollectionPermission,
    GroupSitePermission,
]


def _fingerprint(side):
    """Store B's rows as they are, and how many rows of every kind exist anywhere."""
    with all_stores():  # the test's own look across both stores
        return _rows_and_counts(side)


def _rows_and_counts(side):
    store, site = side.store, side.store.site
    tree = Page.objects.filter(path__startswith=site.root_page.path)
    owner = side.data.owner
    return {
        "pages": list(tree.order_by("path").values()),
        "revisions": list(
            Revision.page_revisions.filter(
                object_id__in=[str(pk) for pk in tree.values_list("pk", flat=True)]
            )
            .order_by("pk")
            .values_list("pk", "approved_go_live_at")
        ),
        "states": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "task_states": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "images": list(Image.objects.filter(collection=store.collection).values()),
        "documents": list(Document.objects.filter(collection=store.collection).values()),
        "tags": sorted(Tag.objects.values_list("name", flat=True)),
        "collection": list(Collection.objects.filter(pk=store.collection.pk).values()),
        "rows": [
            list(model.objects.filter(site=site).order_by("pk").values())
            for model in (Product, ProductVariant, Order, StockLevel, StockMovement, Client, Ticket)
        ],
        "lines": list(OrderLine.objects.filter(order__site=site).values()),
        "settings": [list(model.objects.filter(site=site).values()) for model in settings_registry],
        "owner": list(User.objects.filter(pk=owner.pk).values()),
        "owner_groups": list(owner.groups.values_list("pk", flat=True)),
        "group": list(Group.objects.filter(pk=role_group(store, Role.OWNER).pk).values("name")),
        "group_permissions": sorted(
            role_group(store, Role.OWNER).permissions.values_list("pk", flat=True)
        ),
        "site": list(Site.objects.filter(pk=site.pk).values()),
        "store": list(Store.objects.filter(pk=store.pk).values()),
        "invitations": list(StaffInvitation.objects.filter(store=store).values()),
        "redirects": list(Redirect.objects.filter(site=site).values()),
        "workflows": list(Workflow.objects.values_list("pk", "name", "active")),
        "tasks": list(Task.objects.values_list("pk", "name", "active")),
        "sessions": list(EditingSession.objects.filter(user=owner).values()),
        "uploads": list(UploadedFile.objects.filter(uploaded_by_user=owner).values()),
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
    }


# --- Requests -----------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    label: str  # "B", "mixed", "query" (B's ids in the query only), "own" or "id-less"
    url: str
    query: dict


def _url(pattern, kwargs):
    if pattern.name is None:
        return "/" + pattern.route.replace("^.*/$", "no-such-admin-view/")
    return reverse(pattern.name, kwargs=kwargs)


def _fill(plan, fixed, kinds, query_kind, pick):
    """One probe's URL and query, each id kind's value given by ``pick(param, kind)``."""
    kwargs = {**fixed, **{param: pick(param, kind) for param, kind in kinds.items()}}
    query = {"id": [pick("id", query_kind)]} if query_kind else {}
    return _url(plan.pattern, kwargs), query


def _listing_query(plan, theirs):
    query = LISTING_QUERIES.get(plan.pattern.name, LISTING_QUERY)
    return {
        key: theirs.value(value.kind, theirs.subjects[0]) if isinstance(value, Id) else value
        for key, value in query.items()
    }


def probes(plan, mine, theirs):
    """Every request the plan makes: with B's ids, mixed, A's own, or id-less."""
    found = []
    listing_query = _listing_query(plan, theirs)
    for fixed, kinds, query_kind in plan.choices:
        if not kinds and not query_kind:
            url = _url(plan.pattern, fixed)
            found += [Probe("id-less", url, {}), Probe("id-less", url, listing_query)]
            continue
        if not kinds:  # ids in the query only: chosen-multiple, bulk actions
            url, query = _fill(
                plan, fixed, kinds, query_kind, lambda p, k: theirs.value(k, theirs.subjects[0])
            )
            found.append(Probe("query", url, query))
            continue
        for subject in theirs.subjects:
            url, query = _fill(
                plan, fixed, kinds, query_kind, lambda p, k, s=subject: theirs.value(k, s)
            )
            found.append(Probe("B", url, query))
        for subject in mine.subjects[:2]:
            url, _ = _fill(plan, fixed, kinds, None, lambda p, k, s=subject: mine.value(k, s))
            found.append(Probe("own", url, listing_query))
        if len(kinds) > 1 and plan.pattern.name not in NO_MIXED:
            for own_param in kinds:

                def pick(param, kind, own_param=own_param):
                    side = mine if param == own_param else theirs
                    return side.value(kind, side.subjects[0])

                url, query = _fill(plan, fixed, kinds, query_kind, pick)
                found.append(Probe("mixed", url, query))
    unique = {}
    for probe in found:
        unique.setdefault((probe.label, probe.url, str(probe.query)), probe)
    return list(unique.values())


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _leaks(response, side):
    body = _body(response).lower()
    return [marker for marker in side.markers if marker.lower() in body]


REFUSED = (403, 404)
ID_LESS_ANSWERS = (200, 302, 403, 404)


def _check(client, plan, probe, theirs):
    """The problems one probe shows, as readable lines."""
    problems = []
    where = f"{probe.label} {probe.url}{'?' + str(probe.query) if probe.query else ''}"

    def leaks(response, method):
        found = _leaks(response, theirs)
        if found:
            problems.append(f"{where} {method} {response.status_code} shows {found}")

    if probe.label == "id-less":
        response = client.get(probe.url, probe.query, follow=True)
        for hop in [*response.redirect_chain]:
            if not hop[0].startswith("/admin/"):
                problems.append(f"{where} redirects out of the admin to {hop[0]}")
        if response.status_code not in ID_LESS_ANSWERS:
            problems.append(f"{where} GET answered {response.status_code}")
        leaks(response, "GET")
        return problems
    if probe.label == "own":
        leaks(client.get(probe.url, probe.query), "GET")
        return problems

    # B's ids, or mixed: refused, by GET and by POST (or 405 for a method the view does
    # not take, if the other one was refused).
    post_url = probe.url + (
        "?" + "&".join(f"id={v}" for v in probe.query["id"]) if probe.query else ""
    )
    get = client.get(probe.url, probe.query, **XHR)
    post = client.post(post_url, POST_DATA, **XHR)
    statuses = {"GET": get.status_code, "POST": post.status_code}
    for method, response in (("GET", get), ("POST", post)):
        leaks(response, method)
    if plan.pattern.name in ANSWER_ALIKE:
        return problems
    if probe.label == "query" and _is_chosen_multiple(plan.pattern):
        # Choosers answer an unknown id with an empty result.
        if get.status_code == 200 and get.json().get("result"):
            problems.append(f"{where} GET returns {get.json()['result']}")
        return problems
    refused = [method for method, status in statuses.items() if status in REFUSED]
    allowed = (*REFUSED, 405) if refused else REFUSED
    for method, status in statuses.items():
        if status not in allowed:
            problems.append(f"{where} {method} answered {status}")
    return problems


# --- Tests --------------------------------------------------------------------------


def test_every_admin_pattern_is_probed_or_excused():
    patterns = admin_patterns()
    keys = {pattern.key for pattern in patterns} | {p.name for p in patterns if p.name}

    assert not UNPROBED, "Admin URL patterns neither probed nor excused:\n" + "\n".join(
        UNPROBED.values()
    )
    for table, what in (
        (EXCUSED, "excuse"),
        (KNOWN_LEAKS, "known leak"),
        (CHOICES, "choice"),
        (VIEW_KINDS, "kind"),
        (ANSWER_ALIKE, "answer-alike"),
        (NO_MIXED, "no-mixed"),
        (LISTING_QUERIES, "listing query"),
    ):
        stale = sorted(set(table) - keys)
        assert not stale, f"{what} for patterns that no longer exist: {stale}"
    stale_namespaces = sorted((set(PK_KINDS) | set(UPLOAD_KINDS)) - {p.namespace for p in patterns})
    assert not stale_namespaces, f"kinds for namespaces that no longer exist: {stale_namespaces}"
    assert all(reason.strip() for reason in [*EXCUSED.values(), *KNOWN_LEAKS.values()])
    assert not set(EXCUSED) & set(KNOWN_LEAKS)
    excused = [pattern for pattern in patterns if _excuse_of(pattern)]
    assert len(PLANS) + len(excused) == len(patterns)


def test_both_stores_have_an_object_of_every_kind(mine, theirs):
    kinds = {
        kind
        for plan in PLANS
        for _, plan_kinds, query_kind in plan.choices
        for kind in [*plan_kinds.values(), query_kind]
        if kind
    }
    for side in (mine, theirs):
        missing = kinds - set(side.objects) - {"page", "revision", "first_revision"}
        assert not missing, f"store {side.store.slug} has no object of kinds {sorted(missing)}"


def _matrix_params():
    for plan in PLANS:
        marks = []
        reason = KNOWN_LEAKS.get(plan.pattern.key) or KNOWN_LEAKS.get(plan.pattern.name or "")
        if reason:
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        yield pytest.param(plan, id=plan.pattern.key, marks=marks)


@pytest.mark.parametrize("plan", list(_matrix_params()))
def test_admin_pattern_with_another_stores_ids(member_client, mine, theirs, plan):
    before = theirs.baseline

    problems = list(
        itertools.chain.from_iterable(
            _check(member_client, plan, probe, theirs) for probe in probes(plan, mine, theirs)
        )
    )

    after = _fingerprint(theirs)
    changed = sorted(key for key in before if before[key] != after[key])
    assert not problems and not changed, "\n".join(
        [*problems, *([f"changed: {changed}"] if changed else [])]
    )


# --- What the fixes leave to the merchant -------------------------------------------


def _pending_page(side):
    return Page.objects.get(pk=side.subjects[0][0])


def test_page_privacy_offers_the_stores_own_groups_only(owner_client, mine, theirs):
    url = reverse("wagtailadmin_pages:set_privacy", args=[mine.data.category.pk])

    form = owner_client.get(url, **XHR)
    post = owner_client.post(
        url,
        {"restriction_type": "groups", "groups": [role_group(theirs.store, Role.OWNER).pk]},
        **XHR,
    )

    assert form.status_code == 200
    assert role_group(mine.store, Role.OWNER).name in form.json()["html"]
    assert role_group(theirs.store, Role.OWNER).name not in form.json()["html"]
    assert post.status_code == 200
    assert not PageViewRestriction.objects.filter(page=mine.data.category).exists()


@pytest.mark.parametrize(
    ("url_name", "own_words"),
    [
        ("wagtailadmin_reports:locked_pages", ["Alpha Unpublished Draft", "owner@alpha.test"]),
        ("wagtailadmin_reports:workflow", ["Alpha Pending Approval", "Alpha Goods review"]),
        ("wagtailadmin_reports:workflow_tasks", ["Alpha Pending Approval", "Alpha Goods approval"]),
    ],
)
def test_reports_filter_by_the_stores_own_users_workflows_and_tasks(
    owner_client, mine, theirs, url_name, own_words
):
    response = owner_client.get(reverse(url_name))

    assert response.status_code == 200
    for words in own_words:
        assert words in response.content.decode()
    assert not _leaks(response, theirs)


def test_tag_autocomplete_suggests_the_stores_own_tags(owner_client, mine, theirs):
    url = reverse("wagtailadmin_tag_autocomplete")

    assert owner_client.get(url, {"term": "alpha"}).json() == ["alpha-secret-tag"]
    assert owner_client.get(url, {"term": "beta"}).json() == []


@pytest.mark.parametrize(
    ("app_model", "action", "attr"),
    [("wagtailcore/page", "unpublish", "product_page"), ("wagtailimages/image", "delete", "image")],
)
def test_bulk_actions_on_the_stores_own_objects_still_work(
    owner_client, mine, app_model, action, attr
):
    app_label, model_name = app_model.split("/")
    target = getattr(mine.data, attr)
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])

    response = owner_client.get(url, {"id": [target.pk]})

    assert response.status_code == 200
    assert target.title in response.content.decode()
    assert "have permission" not in response.content.decode()


def test_page_chooser_still_returns_the_stores_own_chosen_pages(owner_client, mine):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")

    response = owner_client.get(url, {"id": [mine.data.category.pk]}, **XHR)

    assert response.status_code == 200
    assert [page["id"] for page in response.json()["result"]] == [mine.data.category.pk]


def test_workflow_preview_still_shows_the_stores_own_page_in_moderation(owner_client, mine):
    page = _pending_page(mine)
    url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, mine.objects["task"]])

    response = owner_client.get(url)

    assert response.status_code == 200

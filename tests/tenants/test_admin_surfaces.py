"""Wagtail's shared admin surfaces show a merchant only the stores of the request.

Two people use the admin: Alpha's owner (one store), and an agent who owns both stores and
has switched to Beta with the store switcher. Besides the catalog built by
``test_admin_isolation``, each store has a document, tags on its image and document, a
locked page, a workflow of its own and a draft page waiting in a review task that both
stores' staff groups may act on.
"""

import inspect
from dataclasses import replace
from typing import NamedTuple
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import (
    GroupApprovalTask,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from shop.models import StoreSettings
from tenants.admin_scoping.media import (
    StoreDocumentIndexView,
    StoreImageChooseView,
    StoreImageIndexView,
)
from tenants.admin_scoping.reports import (
    StoreLockedPagesView,
    StoreWorkflowTasksView,
    StoreWorkflowView,
)
from tenants.admin_scoping.tags import autocomplete
from tenants.roles import Role
from tests.shop.factories import CategoryPageFactory, DocumentFactory
from tests.tenants.factories import UserFactory, role_group
from tests.tenants.test_admin_isolation import (  # noqa: F401 (the fixture)
    _two_filled_stores,
    _walk,
)

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
AGENT = "agent@two-stores.test"


def _shared_review(stores):
    """A review workflow on both stores' home pages, done by either store's staff."""
    task = GroupApprovalTask.objects.create(name="Store staff review")
    task.groups.set([role_group(data.store, Role.OWNER) for data in stores])
    workflow = Workflow.objects.create(name="Store review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for data in stores:
        WorkflowPage.objects.create(page=data.home, workflow=workflow)
    return workflow


def _own_workflow(data, prefix):
    task = GroupApprovalTask.objects.create(name=f"{prefix} desk check")
    task.groups.set([role_group(data.store, Role.OWNER)])
    workflow = Workflow.objects.create(name=f"{prefix} sign-off")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=data.category, workflow=workflow)


def _add_surfaces(data, *, prefix, review, agent):
    """The store's document, tags, locks, edits and a draft in review; returns its markers."""
    document = DocumentFactory(collection=data.store.collection, title=f"{prefix} Price List")
    draft = CategoryPageFactory(parent=data.home, title=f"{prefix} Draft Lantern", live=False)
    draft.save_revision(user=data.owner)
    review.start(draft, data.owner)
    _own_workflow(data, prefix)
    now = timezone.now()
    Page.objects.filter(pk=data.category.pk).update(
        owner=data.owner, locked=True, locked_by=data.owner, locked_at=now
    )
    Page.objects.filter(pk=data.product_page.pk).update(locked=True, locked_by=agent, locked_at=now)
    log(instance=data.product_page, action="wagtail.edit", user=agent)
    data.image.tags.add(f"{prefix.lower()}-lamp-tag")
    document.tags.add(f"{prefix.lower()}-price-tag")
    return [
        f"{prefix.lower()}-lamp-tag",
        f"{prefix.lower()}-price-tag",
        document.title,
        draft.title,
        f"{prefix} sign-off",
        f"{prefix} desk check",
        data.store.collection.name,
    ]


class Surfaces(NamedTuple):
    agent: object
    alpha: object
    beta: object


@pytest.fixture(scope="module")
def _surfaces(_two_filled_stores, django_db_blocker):  # noqa: F811
    """Built once for this module, inside the stores' transaction (rolled back at its end)."""
    alpha, beta = _two_filled_stores
    with django_db_blocker.unblock():
        agent = UserFactory(username=AGENT, email=AGENT)
        agent.groups.add(role_group(alpha.store, Role.OWNER), role_group(beta.store, Role.OWNER))
        review = _shared_review([alpha, beta])
        alpha_markers = _add_surfaces(alpha, prefix="Alpha", review=review, agent=agent)
        beta_markers = _add_surfaces(beta, prefix="Beta", review=review, agent=agent)
    return Surfaces(
        agent,
        replace(alpha, markers=alpha.markers + alpha_markers),
        replace(beta, markers=beta.markers + beta_markers),
    )


@pytest.fixture
def alpha(db, _surfaces):
    return _surfaces.alpha


@pytest.fixture
def beta(db, _surfaces):
    return _surfaces.beta


@pytest.fixture
def merchant_client(platform_client, alpha, beta):
    """Alpha's owner in the admin."""
    platform_client.force_login(alpha.owner)
    return platform_client


@pytest.fixture
def agent_client(platform_client, _surfaces, alpha, beta):
    """The agent in the admin, having switched to Beta Wares with the store switcher."""
    platform_client.force_login(_surfaces.agent)
    switched = platform_client.post(reverse("store:switch"), {"store": beta.store.pk})
    assert switched.status_code == 302
    return platform_client


@pytest.fixture
def operator_client(platform_client, platform_admin, alpha, beta):
    platform_client.force_login(platform_admin)
    return platform_client


def _shown(response, text):
    return text.lower() in response.content.decode().lower()


def _assert_nothing_of(response, data, *, known_store=False):
    """No title, name or email of the store appears. ``known_store``: the person works for
    that store too, so its name may appear (in a store switcher), its data may not."""
    markers = [m for m in data.markers if not (known_store and m == data.store.name)]
    leaked = [marker for marker in markers if _shown(response, marker)]
    assert not leaked, f"{response.request['PATH_INFO']} shows {leaked}"


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# --- Page explorer and page search ---------------------------------------------------


def test_explorer_filters_offer_own_site_and_editors_only(merchant_client, alpha, beta):
    for name in ("wagtailadmin_explore", "wagtailadmin_explore_results"):
        response = merchant_client.get(reverse(name, args=[alpha.home.pk]), **XHR)

        assert response.status_code == 200
        _assert_nothing_of(response, beta)
    page = merchant_client.get(reverse("wagtailadmin_explore", args=[alpha.home.pk]))
    assert _shown(page, alpha.owner.email)
    assert f'value="{alpha.store.site.pk}"' in page.content.decode()


@pytest.mark.parametrize(
    ("field", "page_attr"),
    [("owner", "category"), ("site", "category"), ("edited_by", "product_page")],
)
def test_explorer_filters_find_own_pages(merchant_client, alpha, beta, field, page_attr):
    value = alpha.store.site.pk if field == "site" else alpha.owner.pk
    url = reverse("wagtailadmin_explore_results", args=[alpha.home.pk])

    response = merchant_client.get(url, {field: value}, **XHR)

    assert response.status_code == 200
    assert _edit_url(getattr(alpha, page_attr)) in response.content.decode()
    _assert_nothing_of(response, beta)


@pytest.mark.parametrize("field", ["owner", "site", "edited_by"])
@pytest.mark.parametrize("name", ["wagtailadmin_explore", "wagtailadmin_explore_results"])
def test_explorer_filtered_by_another_store_reveals_nothing(
    merchant_client, alpha, beta, field, name
):
    value = beta.store.site.pk if field == "site" else beta.owner.pk
    url = reverse(name, args=[alpha.home.pk])

    for query in ({field: value}, {field: value, "search_all": "1", "q": "Lamp"}):
        response = merchant_client.get(url, query, **XHR)

        assert response.status_code == 200
        _assert_nothing_of(response, beta)
        for page in (beta.category, beta.product_page):
            assert _edit_url(page) not in response.content.decode()


@pytest.mark.parametrize("name", ["wagtailadmin_pages:search", "wagtailadmin_pages:search_results"])
@pytest.mark.parametrize("query", ["Lamp", "Beta", "Draft", "Lantern live:false"])
def test_page_search_finds_own_pages_only(merchant_client, alpha, beta, name, query):
    response = merchant_client.get(reverse(name), {"q": query}, **XHR)

    assert response.status_code == 200
    _assert_nothing_of(response, beta)
    if query == "Lamp":
        assert _edit_url(alpha.category) in response.content.decode()


def test_page_search_by_page_type_finds_own_pages_only(merchant_client, alpha, beta):
    url = reverse("wagtailadmin_pages:search")

    response = merchant_client.get(url, {"q": "", "content_type": "shop.categorypage"})

    assert response.status_code == 200
    assert _edit_url(alpha.category) in response.content.decode()
    _assert_nothing_of(response, beta)


def test_platform_admin_explorer_filters_offer_every_store(operator_client, alpha, beta):
    root = Page.get_first_root_node()

    response = operator_client.get(reverse("wagtailadmin_explore", args=[root.pk]))

    assert response.status_code == 200
    for data in (alpha, beta):
        assert _shown(response, data.store.name)
        assert _shown(response, data.owner.email)


def test_agent_explores_and_searches_the_active_store_only(agent_client, alpha, beta):
    root = agent_client.get(reverse("wagtailadmin_explore_root"))
    own = agent_client.get(reverse("wagtailadmin_explore", args=[beta.home.pk]))
    other = agent_client.get(reverse("wagtailadmin_explore", args=[alpha.home.pk]))
    search = agent_client.get(reverse("wagtailadmin_pages:search"), {"q": "Lamp"})

    assert root.status_code == 302
    assert root["Location"] == reverse("wagtailadmin_explore", args=[beta.home.pk])
    assert own.status_code == 200
    assert _edit_url(beta.category) in own.content.decode()
    assert _edit_url(beta.category) in search.content.decode()
    assert other.status_code in (302, 403, 404)
    for response in (own, other, search):
        _assert_nothing_of(response, alpha, known_store=True)
        assert _edit_url(alpha.home) not in response.content.decode()


def test_agent_page_menu_and_chooser_offer_the_active_store_only(agent_client, alpha, beta):
    menu = agent_client.get("/admin/api/main/pages/", {"child_of": "root"}, **XHR)
    chooser = agent_client.get(reverse("wagtailadmin_choose_page"), **XHR)

    assert [item["id"] for item in menu.json()["items"]] == [beta.home.pk]
    assert _shown(chooser, beta.home.title)
    for response in (menu, chooser):
        _assert_nothing_of(response, alpha, known_store=True)


def test_agent_cannot_edit_the_other_stores_pages(agent_client, alpha):
    for page in (alpha.home, alpha.category):
        response = agent_client.get(_edit_url(page), **XHR)

        assert response.status_code in (403, 404)
        _assert_nothing_of(response, alpha, known_store=True)


# --- Site settings -------------------------------------------------------------------

SETTINGS = [("themes", "themesettings"), ("shop", "storesettings")]


def _settings_url(app_model, site=None):
    return reverse("wagtailsettings:edit", args=[*app_model, *([site.pk] if site else [])])


@pytest.mark.parametrize("app_model", SETTINGS, ids="/".join)
def test_settings_menu_opens_the_merchants_own_store(merchant_client, alpha, beta, app_model):
    response = merchant_client.get(_settings_url(app_model))

    assert response.status_code == 302
    assert response["Location"] == _settings_url(app_model, alpha.store.site)
    page = merchant_client.get(response["Location"])
    assert page.status_code == 200
    assert _settings_url(app_model, beta.store.site) not in page.content.decode()
    _assert_nothing_of(page, beta)


@pytest.mark.parametrize("app_model", SETTINGS, ids="/".join)
def test_agent_settings_open_on_the_active_store_and_list_no_other(
    agent_client, alpha, beta, app_model
):
    response = agent_client.get(_settings_url(app_model))
    own = agent_client.get(_settings_url(app_model, beta.store.site))
    other = agent_client.get(_settings_url(app_model, alpha.store.site), **XHR)

    assert response.status_code == 302
    assert response["Location"] == _settings_url(app_model, beta.store.site)
    assert own.status_code == 200
    assert _settings_url(app_model, alpha.store.site) not in own.content.decode()
    _assert_nothing_of(own, alpha, known_store=True)
    assert other.status_code in (403, 404)
    _assert_nothing_of(other, alpha, known_store=True)


def test_agent_cannot_save_the_other_stores_settings(agent_client, alpha):
    url = _settings_url(("shop", "storesettings"), alpha.store.site)

    response = agent_client.post(url, {"currency": "USD", "contact_email": "x@y.test"}, **XHR)

    assert response.status_code in (403, 404)
    assert StoreSettings.objects.get(site=alpha.store.site).contact_email != "x@y.test"


def test_platform_admin_settings_switcher_lists_every_store(operator_client, alpha, beta):
    app_model = ("themes", "themesettings")

    response = operator_client.get(_settings_url(app_model, alpha.store.site))

    assert response.status_code == 200
    for data in (alpha, beta):
        assert _settings_url(app_model, data.store.site) in response.content.decode()


# --- Images and documents ------------------------------------------------------------

MEDIA_LISTINGS = [
    ("wagtailimages:index", {}),
    ("wagtailimages:index_results", {}),
    ("wagtailimages:index_results", {"q": "Photo"}),
    ("wagtailimages:add", {}),
    ("wagtailimages:add_multiple", {}),
    ("wagtailimages_chooser:choose", {}),
    ("wagtailimages_chooser:choose_results", {"q": "Photo"}),
    ("wagtaildocs:index", {}),
    ("wagtaildocs:index_results", {}),
    ("wagtaildocs:index_results", {"q": "Price"}),
    ("wagtaildocs:add", {}),
    ("wagtaildocs:add_multiple", {}),
    ("wagtaildocs_chooser:choose", {}),
    ("wagtaildocs_chooser:choose_results", {"q": "Price"}),
]
MEDIA_APPS = {"images": "wagtailimages", "documents": "wagtaildocs"}
MEDIA_ID_PARAMS = {"image_id", "document_id", "doc_id", "pk"}


def _document(data):
    return get_document_model().objects.get(collection=data.store.collection)


def _media_of(data, kind):
    return data.image if kind == "images" else _document(data)


def _listed_title(data, url_name):
    """The title by which a media listing shows the store's own item, if it lists items."""
    if "index" not in url_name and "choose" not in url_name:
        return None
    return _media_of(data, "documents" if url_name.startswith("wagtaildocs") else "images").title


def _media_object_urls(kind, obj_id):
    """{view name: URL} for every image (or document) admin view taking the object's id."""
    app = MEDIA_APPS[kind]
    urls = {}
    for namespace, pattern in _walk(get_resolver().url_patterns):
        params = set(pattern.pattern.regex.groupindex)
        if namespace not in (app, f"{app}_chooser") or not params & MEDIA_ID_PARAMS:
            continue
        kwargs = dict.fromkeys(params & MEDIA_ID_PARAMS, obj_id)
        if "filter_spec" in params:
            kwargs["filter_spec"] = "original"
        name = f"{namespace}:{pattern.name}"
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


@pytest.mark.parametrize(("url_name", "query"), MEDIA_LISTINGS)
def test_media_listings_show_own_collection_only(merchant_client, alpha, beta, url_name, query):
    response = merchant_client.get(reverse(url_name), query, **XHR)

    assert response.status_code == 200
    _assert_nothing_of(response, beta)
    if title := _listed_title(alpha, url_name):
        assert _shown(response, title)


@pytest.mark.parametrize(("url_name", "query"), MEDIA_LISTINGS)
def test_agent_media_listings_show_the_active_stores_collection_only(
    agent_client, alpha, beta, url_name, query
):
    response = agent_client.get(reverse(url_name), query, **XHR)

    assert response.status_code == 200
    _assert_nothing_of(response, alpha, known_store=True)
    if title := _listed_title(beta, url_name):
        assert _shown(response, title)


@pytest.mark.parametrize("kind", MEDIA_APPS)
def test_media_listing_filtered_by_another_collection_reveals_nothing(agent_client, alpha, kind):
    url = reverse(f"{MEDIA_APPS[kind]}:index_results")

    response = agent_client.get(url, {"collection_id": alpha.store.collection.pk}, **XHR)

    assert response.status_code == 200
    _assert_nothing_of(response, alpha, known_store=True)


@pytest.mark.parametrize("kind", MEDIA_APPS)
@pytest.mark.parametrize("person", ["merchant", "agent"])
def test_every_media_url_of_another_stores_object_is_refused(request, alpha, beta, kind, person):
    client = request.getfixturevalue(f"{person}_client")
    other = beta if person == "merchant" else alpha
    target = _media_of(other, kind)
    urls = _media_object_urls(kind, target.pk)
    assert {name.rsplit(":", 1)[1] for name in urls} >= {"edit", "delete", "chosen"}

    for name, url in urls.items():
        responses = [client.get(url, **XHR)]
        if name.endswith((":edit", ":delete", ":edit_multiple", ":delete_multiple")):
            responses.append(client.post(url, {"title": "Hijacked"}, **XHR))
        for response in responses:
            assert response.status_code in (400, 403, 404, 405), f"{url}: {response.status_code}"
            _assert_nothing_of(response, other, known_store=person == "agent")
    target.refresh_from_db()
    assert target.title != "Hijacked"


@pytest.mark.parametrize("kind", MEDIA_APPS)
def test_agent_edits_the_active_stores_media(agent_client, beta, kind):
    url = _media_object_urls(kind, _media_of(beta, kind).pk)[f"{MEDIA_APPS[kind]}:edit"]

    assert agent_client.get(url).status_code == 200


@pytest.mark.parametrize("kind", MEDIA_APPS)
def test_choosing_another_stores_media_by_id_returns_nothing(agent_client, alpha, kind):
    url = reverse(f"{MEDIA_APPS[kind]}_chooser:chosen_multiple")

    response = agent_client.get(url, {"id": [_media_of(alpha, kind).pk]}, **XHR)

    assert response.status_code in (200, 403, 404)
    _assert_nothing_of(response, alpha, known_store=True)


def test_agent_upload_naming_the_other_stores_collection_lands_in_the_active_store(
    agent_client, alpha, beta
):
    upload = SimpleUploadedFile("rates.txt", b"Rates", content_type="text/plain")
    data = {"title": "Smuggled Rates", "file": upload, "collection": alpha.store.collection.pk}

    agent_client.post(reverse("wagtaildocs:add"), data, **XHR)

    uploaded = get_document_model().objects.filter(title="Smuggled Rates")
    assert [document.collection for document in uploaded] == [beta.store.collection]


@pytest.mark.parametrize("url_name", ["wagtailimages:index", "wagtaildocs:index"])
def test_media_listings_offer_own_popular_tags(merchant_client, alpha, beta, url_name):
    response = merchant_client.get(reverse(url_name))

    kind = "price" if url_name.startswith("wagtaildocs") else "lamp"
    assert _shown(response, f"alpha-{kind}-tag")
    _assert_nothing_of(response, beta)


def test_image_chooser_offers_own_popular_tags(agent_client, alpha, beta):
    response = agent_client.get(reverse("wagtailimages_chooser:choose"))

    assert _shown(response, "beta-lamp-tag")
    _assert_nothing_of(response, alpha, known_store=True)


@pytest.mark.parametrize(
    "url", [reverse("wagtailadmin_tag_autocomplete"), "/admin/tag-autocomplete/taggit/tag/"]
)
def test_tag_autocomplete_offers_own_tags_only(merchant_client, alpha, beta, url):
    own = merchant_client.get(url, {"term": "alpha"})
    other = merchant_client.get(url, {"term": "beta"})

    assert own.json() == ["alpha-lamp-tag", "alpha-price-tag"]
    assert other.json() == []


def test_tag_autocomplete_refuses_other_tag_models_to_merchants(merchant_client):
    url = reverse("wagtailadmin_tag_model_autocomplete", args=["wagtailimages", "image"])

    assert merchant_client.get(url, {"term": "a"}).status_code == 404


def test_platform_admin_tag_autocomplete_offers_every_stores_tags(operator_client, alpha, beta):
    response = operator_client.get(reverse("wagtailadmin_tag_autocomplete"), {"term": "b"})

    assert response.json() == ["beta-lamp-tag", "beta-price-tag"]


# --- Dashboard -----------------------------------------------------------------------


def _draft(data):
    return Page.objects.get(path__startswith=data.home.path, title__endswith="Draft Lantern")


def test_dashboard_offers_own_drafts_for_review_only(merchant_client, alpha, beta):
    response = merchant_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert _shown(response, _draft(alpha).title)
    assert _edit_url(alpha.category) in response.content.decode()  # locked by the owner
    _assert_nothing_of(response, beta)


def test_agent_dashboard_shows_the_active_stores_pages_only(agent_client, alpha, beta):
    response = agent_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert _shown(response, _draft(beta).title)  # awaiting review
    assert _edit_url(beta.product_page) in response.content.decode()  # edited and locked
    _assert_nothing_of(response, alpha, known_store=True)
    for page in (alpha.product_page, _draft(alpha)):
        assert _edit_url(page) not in response.content.decode()


# --- Reports -------------------------------------------------------------------------

PAGE_REPORTS = [
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:locked_pages_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:aging_pages_results",
]


@pytest.mark.parametrize("url_name", PAGE_REPORTS)
def test_page_reports_show_own_pages_people_and_workflows_only(
    merchant_client, alpha, beta, url_name
):
    response = merchant_client.get(reverse(url_name))

    assert response.status_code == 200
    _assert_nothing_of(response, beta)
    if url_name.startswith("wagtailadmin_reports:workflow"):
        assert _shown(response, _draft(alpha).title)
    if url_name == "wagtailadmin_reports:workflow_tasks":
        assert _shown(response, "Alpha desk check")
        assert _shown(response, "Alpha sign-off")


@pytest.mark.parametrize("url_name", PAGE_REPORTS)
def test_agent_page_reports_show_the_active_store_only(agent_client, alpha, beta, url_name):
    response = agent_client.get(reverse(url_name))

    assert response.status_code == 200
    _assert_nothing_of(response, alpha, known_store=True)


@pytest.mark.parametrize(
    ("url_name", "field"),
    [
        ("wagtailadmin_reports:locked_pages_results", "locked_by"),
        ("wagtailadmin_reports:workflow_results", "requested_by"),
        ("wagtailadmin_reports:workflow_results", "workflow"),
        ("wagtailadmin_reports:workflow_tasks_results", "workflow"),
        ("wagtailadmin_reports:workflow_tasks_results", "task"),
    ],
)
def test_page_reports_filtered_by_another_stores_people_reveal_nothing(
    merchant_client, alpha, beta, url_name, field
):
    other = {
        "locked_by": beta.owner.pk,
        "requested_by": beta.owner.pk,
        "workflow": Workflow.objects.get(name="Beta sign-off").pk,
        "task": GroupApprovalTask.objects.get(name="Beta desk check").pk,
    }[field]

    response = merchant_client.get(reverse(url_name), {field: other}, **XHR)

    assert response.status_code == 200
    _assert_nothing_of(response, beta)


def test_locked_pages_report_filters_own_locks(merchant_client, alpha, beta):
    url = reverse("wagtailadmin_reports:locked_pages_results")

    response = merchant_client.get(url, {"locked_by": alpha.owner.pk}, **XHR)

    assert _edit_url(alpha.category) in response.content.decode()
    assert _edit_url(alpha.product_page) not in response.content.decode()  # the agent's


@pytest.mark.parametrize(
    ("url_name", "view_class"),
    [
        ("wagtailadmin_reports:locked_pages", StoreLockedPagesView),
        ("wagtailadmin_reports:locked_pages_results", StoreLockedPagesView),
        ("wagtailadmin_reports:workflow", StoreWorkflowView),
        ("wagtailadmin_reports:workflow_results", StoreWorkflowView),
        ("wagtailadmin_reports:workflow_tasks", StoreWorkflowTasksView),
        ("wagtailadmin_reports:workflow_tasks_results", StoreWorkflowTasksView),
        ("wagtailimages:index", StoreImageIndexView),
        ("wagtailimages:index_results", StoreImageIndexView),
        ("wagtailimages_chooser:choose", StoreImageChooseView),
        ("wagtaildocs:index", StoreDocumentIndexView),
        ("wagtaildocs:index_results", StoreDocumentIndexView),
    ],
)
def test_wagtail_admin_addresses_answer_with_the_store_views(url_name, view_class):
    match = resolve(reverse(url_name))

    assert issubclass(match.func.view_class, view_class)


def test_wagtail_tag_autocomplete_address_answers_with_the_store_view():
    view = resolve(reverse("wagtailadmin_tag_autocomplete")).func

    assert inspect.unwrap(view) is autocomplete


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_reports:locked_pages", "wagtailadmin_reports:workflow"]
)
def test_platform_admin_reports_cover_every_store(operator_client, alpha, beta, url_name):
    response = operator_client.get(reverse(url_name))

    assert response.status_code == 200
    for data in (alpha, beta):
        assert _shown(response, data.owner.email)


def test_report_views_still_require_admin_access(client):
    response = client.get(reverse("wagtailadmin_reports:workflow"), HTTP_HOST="localhost")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# --- Workflow actions ----------------------------------------------------------------


def _task_state(page):
    return WorkflowState.objects.get(object_id=str(page.pk)).current_task_state


@pytest.mark.parametrize(
    "url_name",
    ["wagtailadmin_pages:workflow_action", "wagtailadmin_pages:collect_workflow_action_data"],
)
def test_acting_on_another_stores_review_through_an_own_page_is_refused(
    merchant_client, alpha, beta, url_name
):
    theirs = _task_state(_draft(beta))
    url = reverse(url_name, args=[_draft(alpha).pk, "approve", theirs.pk])

    get = merchant_client.get(url, **XHR)
    post = merchant_client.post(url, {"comment": "Looks fine"}, **XHR)

    for response in (get, post):
        assert response.status_code == 404
        _assert_nothing_of(response, beta)
    theirs.refresh_from_db()
    assert theirs.status == TaskState.STATUS_IN_PROGRESS


def test_merchant_approves_own_review(merchant_client, alpha):
    own = _task_state(_draft(alpha))
    url = reverse("wagtailadmin_pages:workflow_action", args=[_draft(alpha).pk, "approve", own.pk])

    response = merchant_client.post(url, {"comment": ""}, **XHR)

    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == TaskState.STATUS_APPROVED


# --- Bulk actions --------------------------------------------------------------------

BULK_ACTIONS = [
    ("wagtailcore", "page", "delete"),
    ("wagtailcore", "page", "move"),
    ("wagtailcore", "page", "publish"),
    ("wagtailcore", "page", "unpublish"),
    ("wagtailimages", "image", "delete"),
    ("wagtailimages", "image", "add_tags"),
    ("wagtailimages", "image", "add_to_collection"),
    ("wagtaildocs", "document", "delete"),
    ("wagtaildocs", "document", "add_tags"),
    ("wagtaildocs", "document", "add_to_collection"),
]


def _bulk_targets(data, model_name):
    if model_name == "page":
        return [data.category, data.product_page]
    return [_media_of(data, f"{model_name}s")]


@pytest.mark.parametrize("action", BULK_ACTIONS, ids="/".join)
@pytest.mark.parametrize("person", ["merchant", "agent"])
def test_bulk_actions_ignore_another_stores_objects(request, alpha, beta, person, action):
    client = request.getfixturevalue(f"{person}_client")
    other = beta if person == "merchant" else alpha
    targets = _bulk_targets(other, action[1])
    url = reverse("wagtail_bulk_action", args=action)
    query = {"id": [target.pk for target in targets]}

    get = client.get(url, query, **XHR)
    post = client.post(f"{url}?{urlencode(query, doseq=True)}", {"tags": "x"}, **XHR)

    for response in (get, post):
        assert response.status_code == 404
        _assert_nothing_of(response, other, known_store=person == "agent")
    for target in targets:
        assert type(target).objects.filter(pk=target.pk).exists()


def test_bulk_action_on_every_child_of_another_stores_page_is_refused(merchant_client, beta):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])

    response = merchant_client.get(url, {"id": "all", "childOf": beta.home.pk}, **XHR)

    assert response.status_code == 404
    _assert_nothing_of(response, beta)


@pytest.mark.parametrize("action", BULK_ACTIONS, ids="/".join)
def test_bulk_actions_on_own_objects_still_confirm(merchant_client, alpha, beta, action):
    targets = _bulk_targets(alpha, action[1])
    url = reverse("wagtail_bulk_action", args=action)

    response = merchant_client.get(url, {"id": [target.pk for target in targets]}, **XHR)

    assert response.status_code == 200
    assert _shown(response, str(targets[0]))
    _assert_nothing_of(response, beta)

"""Merchant A, signed in to the admin, must not see or touch anything of store B.

Wagtail's generic views fetch objects by primary key through the default manager, so the
object URLs are enumerated from the URL resolver rather than listed by hand: a view added
by a Wagtail upgrade is covered without editing this file.

Object requests carry ``X-Requested-With: XMLHttpRequest`` so that Wagtail answers a
permission refusal with a plain 403 instead of a redirect to the dashboard, which would be
indistinguishable from a successful POST.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page, Site, Workflow

from crm_bridge.models import Client, Ticket
from shop.models import Order, Product, StockLevel, StockMovement
from tenancy.scope import all_stores, current_scope, store_scope
from tests.shop.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductPageFactory,
    place_test_order,
    stocked_product,
)
from tests.tenants.factories import StoreFactory, owner_of
from themes.presets import Preset

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
STORE_MODELS = [Product, Order, Client, Ticket, StockLevel, StockMovement]

# GET views that must answer 200 for the merchant's own rows, per model. The others are
# refused to every merchant by the model's permission policy (orders, clients, tickets and
# stock rows are made by the system; the ledger is read-only).
OWN_OBJECT_VIEWS = {
    Product: {"edit", "delete", "copy", "inspect", "history", "history_results", "usage"},
    Order: {"edit", "inspect", "history", "history_results", "usage"},
    Client: {"edit", "inspect", "history", "history_results", "usage"},
    Ticket: {"edit", "inspect", "history", "history_results", "usage"},
    StockLevel: {"edit", "history", "history_results", "usage"},
    StockMovement: {"inspect"},
}
OBJECT_VIEWS_EVERY_VIEWSET_HAS = {"edit", "delete", "history", "usage", "chosen"}


@dataclass
class StoreData:
    """One store's rows, and the words that would betray them if shown to another store."""

    store: object
    owner: User
    product: Product
    order: Order
    home: Page
    category: Page
    product_page: Page
    image: object
    markers: list[str]

    def row(self, model):
        site = self.store.site
        with store_scope([site.pk]):
            return {
                Product: self.product,
                Order: self.order,
                Client: Client.objects.filter(site=site).first(),
                Ticket: Ticket.objects.filter(site=site).first(),
                StockLevel: StockLevel.objects.filter(site=site).first(),
                StockMovement: StockMovement.objects.filter(site=site).first(),
            }[model]


def _fill_store(store, *, prefix, owner):
    product = stocked_product(
        site=store.site,
        title=f"{prefix} Secret Lamp",
        variants=[{"sku": f"{prefix.upper()}-SKU-777", "stock": 9}],
    )
    order = place_test_order(
        lines=[(product.variants.get(), 1)],
        email=f"buyer@{prefix.lower()}-secret.test",
        name=f"{prefix} Buyerson",
    )
    ticket = Ticket.objects.get(order=order)
    ticket.subject = f"{prefix} follow-up ticket"
    ticket.save()
    home = store.site.root_page
    category = CategoryPageFactory(parent=home, title=f"{prefix} Lamps Shelf")
    product_page = ProductPageFactory(parent=category, product=product)
    product_page.save_revision(user=owner, log_action=True).publish(user=owner)
    log(instance=product, action="wagtail.edit", user=owner)
    log(instance=order, action="wagtail.edit", user=owner)
    image = ImageFactory(collection=store.collection, title=f"{prefix} Lamp Photo")
    markers = [
        product.title,
        f"{prefix.upper()}-SKU-777",
        order.email,
        order.name,
        f"{prefix} follow-up ticket",
        category.title,
        image.title,
        store.name,
        owner.email,
    ]
    return StoreData(store, owner, product, order, home, category, product_page, image, markers)


@pytest.fixture(scope="module")
def _two_filled_stores(django_db_setup, django_db_blocker):
    """Both stores, built once for this module inside a transaction rolled back at its end.

    Every test still runs in its own savepoint, so what a test writes is undone after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        alpha = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
        beta = StoreFactory(slug="beta", name="Beta Wares", preset=Preset.MODERN)
        with store_scope([alpha.site.pk]):
            mine = _fill_store(alpha, prefix="Alpha", owner=owner_of(alpha))
        with store_scope([beta.site.pk]):
            theirs = _fill_store(beta, prefix="Beta", owner=owner_of(beta))
        yield mine, theirs
        transaction.set_rollback(True)


@pytest.fixture
def mine(db, _two_filled_stores):
    return _two_filled_stores[0]


@pytest.fixture
def theirs(db, _two_filled_stores):
    return _two_filled_stores[1]


@pytest.fixture
def admin_client(platform_client, mine, theirs):
    """Merchant A in the admin, on the platform host, with both stores filled."""
    platform_client.force_login(mine.owner)
    return platform_client


def _assert_nothing_of(response, data):
    content = response.content.decode()
    leaked = [marker for marker in data.markers if marker.lower() in content.lower()]
    assert not leaked, f"{response.request['PATH_INFO']} shows {leaked}"


def _assert_refused(response):
    assert response.status_code in (403, 404), (
        f"{response.request['PATH_INFO']} answered {response.status_code}"
    )


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern


def _viewset_namespaces(model):
    return {f"wagtailsnippets_{_label(model)}", f"wagtailsnippetchoosers_{_label(model)}"}


def _object_urls(model, pk):
    """{view name: URL} for every view of ``model``'s viewset and chooser taking an id."""
    urls = {}
    for namespace, pattern in _walk(get_resolver().url_patterns):
        params = list(pattern.pattern.regex.groupindex)
        if namespace in _viewset_namespaces(model) and params:
            assert len(params) == 1, pattern
            urls[pattern.name] = reverse(f"{namespace}:{pattern.name}", kwargs={params[0]: pk})
    return urls


def _label(model):
    return f"{model._meta.app_label}_{model._meta.model_name}"


def _list_marker(data, model):
    """Text by which an index listing shows the row (its list_display, not always str())."""
    row = data.row(model)
    if model is Product:
        return row.title
    if model in (Order, Client):
        return row.email
    if model is Ticket:
        return row.subject
    return row.variant.sku  # stock levels and movements


def _chosen_url(model, pk):
    return reverse(f"wagtailsnippetchoosers_{_label(model)}:chosen", args=[pk])


# --- Snippet viewsets: objects of another store -------------------------------------


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_every_object_url_of_another_store_is_refused(admin_client, theirs, model):
    target = theirs.row(model)
    urls = _object_urls(model, target.pk)
    assert set(urls) >= OBJECT_VIEWS_EVERY_VIEWSET_HAS, sorted(urls)

    for url in urls.values():
        response = admin_client.get(url, **XHR)
        _assert_refused(response)
        _assert_nothing_of(response, theirs)


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_posting_to_another_stores_object_urls_changes_nothing(admin_client, theirs, model):
    target = theirs.row(model)
    with all_stores():
        before = model.objects.filter(pk=target.pk).values().get()

    for name, url in _object_urls(model, target.pk).items():
        if name in {"edit", "delete", "copy"}:
            response = admin_client.post(url, {"title": "Hijacked", "status": "closed"}, **XHR)
            _assert_refused(response)

    with all_stores():
        assert model.objects.filter(pk=target.pk).values().get() == before


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_choosing_another_stores_rows_by_id_returns_nothing(admin_client, mine, theirs, model):
    url = reverse(f"wagtailsnippetchoosers_{_label(model)}:chosen_multiple")

    response = admin_client.get(url, {"id": [theirs.row(model).pk]}, **XHR)

    assert response.status_code in (200, 403, 404)
    _assert_nothing_of(response, theirs)
    if response.status_code == 200:
        assert response.json()["result"] == []


def test_bulk_actions_on_another_stores_products_are_refused(admin_client, theirs):
    url = reverse("wagtail_bulk_action", args=["shop", "product", "delete"])

    get = admin_client.get(url, {"id": [theirs.product.pk]}, **XHR)
    post = admin_client.post(f"{url}?id={theirs.product.pk}", **XHR)

    _assert_refused(get)
    _assert_nothing_of(get, theirs)
    _assert_refused(post)
    with all_stores():
        assert Product.objects.filter(pk=theirs.product.pk).exists()


# --- Snippet viewsets: the merchant's own objects and listings ------------------------


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_own_object_urls_work(admin_client, mine, model):
    target = mine.row(model)
    urls = _object_urls(model, target.pk)

    for name in [*sorted(OWN_OBJECT_VIEWS[model]), "chosen"]:
        response = admin_client.get(urls[name], **XHR)
        assert response.status_code == 200, f"{name}: {response.status_code}"


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_index_listings_show_own_rows_and_none_of_another_store(admin_client, mine, theirs, model):
    for name in ("list", "list_results"):
        response = admin_client.get(reverse(f"wagtailsnippets_{_label(model)}:{name}"), **XHR)
        assert response.status_code == 200, name
        content = response.content.decode()
        assert _list_marker(mine, model) in content, name
        _assert_nothing_of(response, theirs)
        for url in _object_urls(model, theirs.row(model).pk).values():
            assert f'"{url}"' not in content


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_choosers_offer_own_rows_and_none_of_another_store(admin_client, mine, theirs, model):
    for name in ("choose", "choose_results"):
        response = admin_client.get(
            reverse(f"wagtailsnippetchoosers_{_label(model)}:{name}"), **XHR
        )
        assert response.status_code == 200, name
        content = response.content.decode()
        assert _chosen_url(model, mine.row(model).pk) in content, name
        assert _chosen_url(model, theirs.row(model).pk) not in content, name
        _assert_nothing_of(response, theirs)


@pytest.mark.parametrize(
    ("model", "query"),
    [
        (Product, "Lamp"),
        (Product, "SECRET"),
        (Order, "buyerson"),
        (Order, "secret.test"),
        (Client, "buyer@"),
        (Ticket, "follow-up"),
        (StockLevel, "SKU-777"),
    ],
)
def test_searching_a_listing_finds_own_rows_only(admin_client, mine, theirs, model, query):
    url = reverse(f"wagtailsnippets_{_label(model)}:list_results")

    response = admin_client.get(url, {"q": query}, **XHR)

    assert response.status_code == 200
    assert _list_marker(mine, model) in response.content.decode()
    _assert_nothing_of(response, theirs)


@pytest.mark.parametrize(
    ("model", "query"), [(Product, "Lamp"), (Client, "Buyerson"), (Ticket, "ticket")]
)
def test_searching_a_chooser_finds_own_rows_only(admin_client, mine, theirs, model, query):
    url = reverse(f"wagtailsnippetchoosers_{_label(model)}:choose_results")

    response = admin_client.get(url, {"q": query}, **XHR)

    assert response.status_code == 200
    content = response.content.decode()
    assert _chosen_url(model, mine.row(model).pk) in content
    assert _chosen_url(model, theirs.row(model).pk) not in content


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_platform_admin_sees_every_stores_rows(
    platform_client, platform_admin, mine, theirs, model
):
    platform_client.force_login(platform_admin)

    response = platform_client.get(reverse(f"wagtailsnippets_{_label(model)}:list"))

    assert response.status_code == 200
    content = response.content.decode()
    assert _list_marker(mine, model) in content
    assert _list_marker(theirs, model) in content
    view = "inspect" if model is StockMovement else "history"  # the ledger has no history
    with_their_id = platform_client.get(_object_urls(model, theirs.row(model).pk)[view])
    assert with_their_id.status_code == 200


def test_store_scope_restricts_default_managers_to_its_sites(mine, theirs):
    assert current_scope() is None
    with store_scope([mine.store.site.pk]):
        assert list(Product.objects.all()) == [mine.product]
        assert list(Order.objects.all()) == [mine.order]
        assert not Product.objects.filter(pk=theirs.product.pk).exists()
        with store_scope([theirs.store.site.pk]):
            assert list(Product.objects.all()) == [theirs.product]
        assert list(Client.objects.values_list("site_id", flat=True)) == [mine.store.site.pk]
    assert current_scope() is None
    with all_stores():
        assert set(Product.objects.all()) == {mine.product, theirs.product}


def test_empty_store_scope_returns_no_rows(mine, theirs):
    with store_scope([]):
        assert not Product.objects.exists()
        assert not StockMovement.objects.exists()


# --- Platform-wide admin areas --------------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailusers_users:index",
        "wagtailusers_users:add",
        "wagtailusers_groups:index",
        "wagtailusers_groups:add",
        "wagtailsites:index",
        "wagtailsites:add",
        "wagtailadmin_workflows:index",
        "wagtailadmin_workflows:add",
        "wagtailadmin_workflows:task_index",
        "wagtailredirects:index",
        "wagtailredirects:add",
        "wagtailadmin_collections:index",
    ],
)
def test_merchant_cannot_reach_platform_admin_areas(admin_client, url_name):
    response = admin_client.get(reverse(url_name))

    assert response.status_code != 200
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")


def test_merchant_cannot_open_users_groups_sites_workflows_or_redirects_by_id(admin_client, theirs):
    other_merchant = theirs.owner
    workflow = Workflow.objects.create(name="Beta approval")
    redirect = Redirect.objects.create(old_path="/beta-old", redirect_link="/beta-new")
    urls = [
        reverse("wagtailusers_users:edit", args=[other_merchant.pk]),
        reverse("wagtailusers_users:delete", args=[other_merchant.pk]),
        reverse("wagtailusers_groups:edit", args=[theirs.owner.groups.get().pk]),
        reverse("wagtailsites:edit", args=[theirs.store.site.pk]),
        reverse("wagtailsites:delete", args=[theirs.store.site.pk]),
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk]),
        reverse("wagtailredirects:edit", args=[redirect.pk]),
    ]

    for url in urls:
        response = admin_client.get(url, **XHR)
        _assert_refused(response)
        _assert_nothing_of(response, theirs)
    assert User.objects.filter(pk=other_merchant.pk, is_active=True).exists()
    assert Group.objects.filter(pk=theirs.owner.groups.get().pk).exists()
    assert Site.objects.filter(pk=theirs.store.site.pk).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:site_history_results",
        "wagtailadmin_reports:page_types_usage",
        "wagtailadmin_reports:page_types_usage_results",
        "wagtailforms:index",
        "wagtailforms:index_results",
    ],
)
def test_reports_spanning_every_store_are_refused_to_merchants(admin_client, theirs, url_name):
    response = admin_client.get(reverse(url_name))

    assert response.status_code == 403
    _assert_nothing_of(response, theirs)


def test_page_type_usage_listing_is_refused_to_merchants(admin_client, theirs):
    url = reverse("wagtailadmin_pages:type_use", args=["shop", "productpage"])

    response = admin_client.get(url)

    assert response.status_code == 403
    _assert_nothing_of(response, theirs)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:page_types_usage",
        "wagtailforms:index",
    ],
)
def test_platform_admin_still_gets_the_cross_store_reports(
    platform_client, platform_admin, mine, theirs, url_name
):
    platform_client.force_login(platform_admin)

    assert platform_client.get(reverse(url_name)).status_code == 200


def test_reports_menu_hides_the_cross_store_reports_from_merchants(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert reverse("wagtailadmin_reports:locked_pages") in content
    assert reverse("wagtailadmin_reports:site_history") not in content
    assert reverse("wagtailadmin_reports:page_types_usage") not in content


@pytest.mark.parametrize(
    ("url_name", "query"),
    [
        ("wagtailadmin_home", {}),
        ("wagtailadmin_reports:aging_pages", {}),
        ("wagtailadmin_reports:locked_pages", {}),
        ("wagtailadmin_reports:workflow", {}),
        ("wagtailadmin_reports:workflow_tasks", {}),
        ("wagtailadmin_pages:search", {"q": "Lamp"}),
        ("wagtailadmin_pages:search_results", {"q": "Lamp"}),
        ("wagtailimages:index", {}),
        ("wagtailimages_chooser:choose", {}),
        ("wagtailimages_chooser:choose_results", {"q": "Lamp"}),
        ("wagtaildocs:index", {}),
        ("wagtailadmin_account", {}),
    ],
)
def test_shared_admin_pages_show_nothing_of_another_store(admin_client, theirs, url_name, query):
    response = admin_client.get(reverse(url_name), query)

    assert response.status_code == 200
    _assert_nothing_of(response, theirs)


def test_image_of_another_store_cannot_be_chosen_or_read_through_the_admin_api(
    admin_client, theirs
):
    chosen = admin_client.get(
        reverse("wagtailimages_chooser:chosen", args=[theirs.image.pk]), **XHR
    )
    listing = admin_client.get("/admin/api/main/images/", **XHR)
    detail = admin_client.get(f"/admin/api/main/images/{theirs.image.pk}/", **XHR)

    for response in (chosen, listing, detail):
        _assert_refused(response)
        _assert_nothing_of(response, theirs)


@pytest.mark.parametrize("app_model", ["shop/storesettings", "themes/themesettings"])
def test_site_settings_of_another_store_are_refused(admin_client, mine, theirs, app_model):
    app_name, model_name = app_model.split("/")

    own = admin_client.get(
        reverse("wagtailsettings:edit", args=[app_name, model_name, mine.store.site.pk])
    )
    other = admin_client.get(
        reverse("wagtailsettings:edit", args=[app_name, model_name, theirs.store.site.pk]),
        **XHR,
    )

    assert own.status_code == 200
    _assert_refused(other)
    _assert_nothing_of(other, theirs)


# --- Pages ----------------------------------------------------------------------------


def _page_urls(page, revision_id, destination_id):
    """{view name: URL} for every page admin view that takes a page id."""
    values = {
        "page_id": page.pk,
        "pk": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "destination_id": destination_id,
        "revision_id": revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "content_type_app_name": "shop",
        "content_type_model_name": "categorypage",
        "action_name": "approve",
        "task_state_id": 1,
        "task_id": 1,
        "workflow_state_id": 1,
    }
    urls = {}
    for namespace, pattern in _walk(get_resolver().url_patterns):
        params = list(pattern.pattern.regex.groupindex)
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        page_params = {"page_id", "pk", "parent_page_id", "page_to_move_id"}
        if not (name or "").startswith(("wagtailadmin_pages:", "wagtailadmin_explore")):
            continue
        if not page_params & set(params):
            continue
        urls[name] = reverse(name, kwargs={param: values[param] for param in params})
    return urls


def test_every_page_admin_url_for_another_stores_page_is_refused(admin_client, mine, theirs):
    page = theirs.product_page
    revision = page.latest_revision
    urls = _page_urls(page, revision.pk, theirs.home.pk)
    assert {"wagtailadmin_pages:edit", "wagtailadmin_pages:revisions_view"} <= set(urls)

    for name, url in urls.items():
        response = admin_client.get(url, **XHR)
        if response.status_code == 405:
            response = admin_client.post(url, **XHR)
        if name.startswith("wagtailadmin_explore"):
            assert response.status_code in (302, 403, 404), name
        else:
            _assert_refused(response)
        _assert_nothing_of(response, theirs)

    page.refresh_from_db()
    assert page.live
    assert page.title == theirs.product.title


def test_posting_an_edit_to_another_stores_page_is_refused(admin_client, theirs):
    url = reverse("wagtailadmin_pages:edit", args=[theirs.category.pk])

    response = admin_client.post(url, {"title": "Hijacked", "slug": "hijacked"}, **XHR)

    _assert_refused(response)
    theirs.category.refresh_from_db()
    assert theirs.category.title == "Beta Lamps Shelf"


def test_page_explorer_opens_on_the_merchants_own_store(admin_client, mine, theirs):
    root = admin_client.get(reverse("wagtailadmin_explore_root"))
    own = admin_client.get(reverse("wagtailadmin_explore", args=[mine.home.pk]))
    results = admin_client.get(reverse("wagtailadmin_explore_results", args=[mine.home.pk]))
    other = admin_client.get(reverse("wagtailadmin_explore", args=[theirs.home.pk]))

    assert root.status_code == 302
    assert root["Location"] == reverse("wagtailadmin_explore", args=[mine.home.pk])
    assert own.status_code == 200
    assert mine.category.title in own.content.decode()
    for response in (own, results):
        for page in (theirs.home, theirs.category, theirs.product_page):
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            assert edit_url not in response.content.decode()
    assert theirs.category.title not in results.content.decode()
    assert other.status_code in (302, 403, 404)
    _assert_nothing_of(other, theirs)


def test_page_explorer_filters_offer_nothing_of_another_store(admin_client, mine, theirs):
    response = admin_client.get(reverse("wagtailadmin_explore", args=[mine.home.pk]))

    _assert_nothing_of(response, theirs)


def test_page_chooser_lists_only_the_merchants_own_pages(admin_client, mine, theirs):
    start = admin_client.get(reverse("wagtailadmin_choose_page"), **XHR)
    own = admin_client.get(reverse("wagtailadmin_choose_page_child", args=[mine.home.pk]), **XHR)
    search = admin_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Lamps"}, **XHR)

    for response in (start, own, search):
        assert response.status_code == 200
        _assert_nothing_of(response, theirs)
    assert mine.home.title in start.content.decode()
    assert mine.category.title in own.content.decode()
    assert mine.category.title in search.content.decode()


@pytest.mark.parametrize("page_attr", ["home", "category"])
def test_page_chooser_refuses_to_browse_another_stores_pages(admin_client, theirs, page_attr):
    page = getattr(theirs, page_attr)

    response = admin_client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]), **XHR)

    _assert_refused(response)
    _assert_nothing_of(response, theirs)


def test_moving_an_own_page_under_another_stores_page_is_refused_unseen(admin_client, mine, theirs):
    url = reverse("wagtailadmin_pages:move_confirm", args=[mine.category.pk, theirs.home.pk])

    get = admin_client.get(url, **XHR)
    post = admin_client.post(url, **XHR)

    for response in (get, post):
        _assert_refused(response)
        _assert_nothing_of(response, theirs)
    mine.category.refresh_from_db()
    assert mine.category.get_parent().pk == mine.home.pk

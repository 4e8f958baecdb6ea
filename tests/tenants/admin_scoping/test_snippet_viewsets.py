"""The snippet viewsets of the stores' rows (products, orders, clients, tickets, stock
levels and movements) show and touch merchant A's rows only, whatever id the address
names, and the store scope narrows the rows' default managers."""

import pytest
from django.urls import reverse

from crm_bridge.models import Client, Ticket
from shop.models import Order, Product, StockLevel, StockMovement
from tenancy.scope import all_stores, current_scope, store_scope
from tests.helpers import XHR, url_patterns
from tests.tenants.admin_scoping.checks import assert_nothing_of, assert_refused

pytestmark = pytest.mark.django_db

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


def _viewset_namespaces(model):
    return {f"wagtailsnippets_{_label(model)}", f"wagtailsnippetchoosers_{_label(model)}"}


def _object_urls(model, pk):
    """{view name: URL} for every view of ``model``'s viewset and chooser taking an id."""
    urls = {}
    for namespace, pattern, _ in url_patterns():
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
def test_every_object_url_of_another_store_is_refused(merchant_client, theirs, model):
    target = theirs.row(model)
    urls = _object_urls(model, target.pk)
    assert set(urls) >= OBJECT_VIEWS_EVERY_VIEWSET_HAS, sorted(urls)

    for url in urls.values():
        response = merchant_client.get(url, **XHR)
        assert_refused(response)
        assert_nothing_of(response, theirs)


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_posting_to_another_stores_object_urls_changes_nothing(merchant_client, theirs, model):
    target = theirs.row(model)
    with all_stores():
        before = model.objects.filter(pk=target.pk).values().get()

    for name, url in _object_urls(model, target.pk).items():
        if name in {"edit", "delete", "copy"}:
            response = merchant_client.post(url, {"title": "Hijacked", "status": "closed"}, **XHR)
            assert_refused(response)

    with all_stores():
        assert model.objects.filter(pk=target.pk).values().get() == before


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_choosing_another_stores_rows_by_id_returns_nothing(merchant_client, mine, theirs, model):
    url = reverse(f"wagtailsnippetchoosers_{_label(model)}:chosen_multiple")

    response = merchant_client.get(url, {"id": [theirs.row(model).pk]}, **XHR)

    assert response.status_code in (200, 403, 404)
    assert_nothing_of(response, theirs)
    if response.status_code == 200:
        assert response.json()["result"] == []


def test_bulk_actions_on_another_stores_products_are_refused(merchant_client, theirs):
    url = reverse("wagtail_bulk_action", args=["shop", "product", "delete"])

    get = merchant_client.get(url, {"id": [theirs.product.pk]}, **XHR)
    post = merchant_client.post(f"{url}?id={theirs.product.pk}", **XHR)

    assert_refused(get)
    assert_nothing_of(get, theirs)
    assert_refused(post)
    with all_stores():
        assert Product.objects.filter(pk=theirs.product.pk).exists()


# --- Snippet viewsets: the merchant's own objects and listings ------------------------


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_own_object_urls_work(merchant_client, mine, model):
    target = mine.row(model)
    urls = _object_urls(model, target.pk)

    for name in [*sorted(OWN_OBJECT_VIEWS[model]), "chosen"]:
        response = merchant_client.get(urls[name], **XHR)
        assert response.status_code == 200, f"{name}: {response.status_code}"


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_index_listings_show_own_rows_and_none_of_another_store(
    merchant_client, mine, theirs, model
):
    for name in ("list", "list_results"):
        response = merchant_client.get(reverse(f"wagtailsnippets_{_label(model)}:{name}"), **XHR)
        assert response.status_code == 200, name
        content = response.content.decode()
        assert _list_marker(mine, model) in content, name
        assert_nothing_of(response, theirs)
        for url in _object_urls(model, theirs.row(model).pk).values():
            assert f'"{url}"' not in content


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_choosers_offer_own_rows_and_none_of_another_store(merchant_client, mine, theirs, model):
    for name in ("choose", "choose_results"):
        response = merchant_client.get(
            reverse(f"wagtailsnippetchoosers_{_label(model)}:{name}"), **XHR
        )
        assert response.status_code == 200, name
        content = response.content.decode()
        assert _chosen_url(model, mine.row(model).pk) in content, name
        assert _chosen_url(model, theirs.row(model).pk) not in content, name
        assert_nothing_of(response, theirs)


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
def test_searching_a_listing_finds_own_rows_only(merchant_client, mine, theirs, model, query):
    url = reverse(f"wagtailsnippets_{_label(model)}:list_results")

    response = merchant_client.get(url, {"q": query}, **XHR)

    assert response.status_code == 200
    assert _list_marker(mine, model) in response.content.decode()
    assert_nothing_of(response, theirs)


@pytest.mark.parametrize(
    ("model", "query"), [(Product, "Lamp"), (Client, "Buyerson"), (Ticket, "ticket")]
)
def test_searching_a_chooser_finds_own_rows_only(merchant_client, mine, theirs, model, query):
    url = reverse(f"wagtailsnippetchoosers_{_label(model)}:choose_results")

    response = merchant_client.get(url, {"q": query}, **XHR)

    assert response.status_code == 200
    content = response.content.decode()
    assert _chosen_url(model, mine.row(model).pk) in content
    assert _chosen_url(model, theirs.row(model).pk) not in content


@pytest.mark.parametrize("model", STORE_MODELS, ids=lambda m: m.__name__)
def test_platform_admin_sees_every_stores_rows(operator_client, mine, theirs, model):
    response = operator_client.get(reverse(f"wagtailsnippets_{_label(model)}:list"))

    assert response.status_code == 200
    content = response.content.decode()
    assert _list_marker(mine, model) in content
    assert _list_marker(theirs, model) in content
    view = "inspect" if model is StockMovement else "history"  # the ledger has no history
    with_their_id = operator_client.get(_object_urls(model, theirs.row(model).pk)[view])
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

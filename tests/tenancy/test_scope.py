"""The store scope: a store-owned model queried with no scope raises, and every place that
runs real code opens the scope it needs (docs/adr/0004-store-scope-for-admin-lookups.md).

Store-owned models are found by walking the app registry, so a new model is covered here
without editing this file.
"""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Site

import manage
from domains.models import Domain
from shop.models import PaymentSettings, Product, Refund, StoreSettings
from tenancy.middleware import StoreScopeMiddleware
from tenancy.request import record_host
from tenancy.scope import (
    ALL_STORES,
    StoreScopedManager,
    StoreScopeError,
    all_stores,
    current_scope,
    no_store_scope,
    store_scope,
)
from tenants.middleware import AdminStoreMiddleware
from tenants.models import StaffInvitation, Store, StoreGroup
from tenants.selectors import stores_for_operator
from tests.tenancy.rows import one_row_of_every_store_owned_model
from tests.tenants.factories import UserFactory

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
OUR_APPS = ("tenancy", "shop", "crm_bridge", "tenants", "domains", "themes")

STORE_OWNED_MODELS = sorted(
    (
        model
        for model in apps.get_models()
        if isinstance(model._default_manager, StoreScopedManager)
    ),
    key=lambda model: model._meta.label,
)

# Models that name a store but are not store-scoped, and why.
NOT_STORE_SCOPED = {
    Store: "the tenant itself; the admin middleware reads it to choose the scope",
    Domain: "host routing, read before any store is chosen",
    StoreSettings: "a Wagtail site setting: read with for_site(), edited under its "
    "GroupSitePermission, created by get_or_create (a hidden row would look missing)",
    PaymentSettings: "a Wagtail site setting like StoreSettings: read with for_site(), "
    "edited under its GroupSitePermission; its keys are encrypted",
    StoreGroup: "a store's staff groups: the admin middleware reads them to find the "
    "person's stores, before any scope is open",
    StaffInvitation: "read from its link by the invitee, who may be on no store's staff yet, "
    "so before any scope is open; the staff screen filters by the active store",
}


# Models that belong to a store-owned row through a required key that protects it rather
# than cascading (money-bearing keys use PROTECT), and the key naming that row.
OWNED_THROUGH_A_PROTECTED_KEY = {Refund: "order"}


def _label(model):
    return model._meta.label


def _names_a_store(model, owned) -> bool:
    """Has a ``site`` foreign key, or belongs (required, cascading) to a store-owned row."""
    if model in OWNED_THROUGH_A_PROTECTED_KEY:
        field = model._meta.get_field(OWNED_THROUGH_A_PROTECTED_KEY[model])
        return field.related_model in owned and not field.null
    for field in model._meta.get_fields():
        if not field.concrete or not (field.many_to_one or field.one_to_one):
            continue
        if field.name == "site" and field.related_model is Site:
            return True
        if (
            field.related_model in owned
            and not field.null
            and field.remote_field.on_delete is models.CASCADE
        ):
            return True
    return False


def _models_naming_a_store():
    ours = [model for app in OUR_APPS for model in apps.get_app_config(app).get_models()]
    owned = set()
    while True:
        found = {model for model in ours if _names_a_store(model, owned)}
        if found == owned:
            return owned
        owned = found


@pytest.fixture
def filled(store, other_store):
    """One row of every store-owned model in ``store``, and a product in ``other_store``."""
    return one_row_of_every_store_owned_model(store, other_store)


# --- With no scope, store-owned models raise ------------------------------------------


def test_store_owned_models_are_found_by_their_default_manager():
    assert {_label(model) for model in STORE_OWNED_MODELS} >= {
        "shop.Product",
        "shop.ProductVariant",
        "shop.Order",
        "shop.OrderLine",
        "shop.StockLevel",
        "shop.StockMovement",
        "crm_bridge.Client",
        "crm_bridge.Ticket",
    }


def test_every_model_that_names_a_store_is_scoped_or_listed_with_a_reason():
    naming = _models_naming_a_store()

    assert set(NOT_STORE_SCOPED) <= naming
    assert sorted(map(_label, naming - set(NOT_STORE_SCOPED))) == sorted(
        map(_label, STORE_OWNED_MODELS)
    )


@pytest.mark.parametrize("model", STORE_OWNED_MODELS, ids=_label)
def test_querying_a_store_owned_model_with_no_scope_raises(model):
    assert current_scope() is None

    for query in (
        lambda: model.objects.all(),
        lambda: model.objects.count(),
        lambda: model._default_manager.filter(pk=1).exists(),
        # The ones a queryset-level guard easily forgets (django-scopes lets them run):
        lambda: model._default_manager.exists(),
        lambda: model._default_manager.in_bulk([1]),
        lambda: model._default_manager.none(),
        lambda: model._default_manager.create(),
    ):
        with pytest.raises(StoreScopeError, match=f"{_label(model)} belongs to a store"):
            query()


@pytest.mark.parametrize("model", STORE_OWNED_MODELS, ids=_label)
def test_no_store_scope_closes_an_open_scope(model):
    with all_stores(), no_store_scope(), pytest.raises(StoreScopeError):
        model.objects.exists()


def _reverse_managers_between_store_owned_models():
    return [
        (model, relation.get_accessor_name(), relation.field.related_query_name())
        for model in STORE_OWNED_MODELS
        for relation in model._meta.related_objects
        if relation.one_to_many and relation.related_model in STORE_OWNED_MODELS
    ]


@pytest.mark.parametrize(
    ("model", "accessor", "query_name"),
    _reverse_managers_between_store_owned_models(),
    ids=lambda value: value if isinstance(value, str) else _label(value),
)
def test_related_managers_raise_with_no_scope_and_work_in_the_stores_scope(
    filled, store, model, accessor, query_name
):
    instance = model._base_manager.filter(**{f"{query_name}__isnull": False}).first()
    assert instance is not None, f"no {_label(model)} with {accessor}"

    with pytest.raises(StoreScopeError):
        list(getattr(instance, accessor).all())
    with store_scope([store.site.pk]):
        assert list(getattr(instance, accessor).all())


def test_forward_foreign_keys_and_refreshing_are_not_scoped(filled):
    """They use ``_base_manager``: the scope does not cover them (see the ADR)."""
    product, _ = filled
    with all_stores():
        variant = product.variants.first()

    assert variant.product == product
    variant.refresh_from_db()


# --- The three states -------------------------------------------------------------------


def test_store_scope_all_stores_and_nesting(filled, store, other_store):
    mine, theirs = filled

    with store_scope([store.site.pk]):
        assert current_scope() == frozenset({store.site.pk})
        assert list(Product.objects.all()) == [mine]
        with all_stores():
            assert current_scope() is ALL_STORES
            assert set(Product.objects.all()) == {mine, theirs}
            with store_scope([other_store.site.pk]):
                assert list(Product.objects.all()) == [theirs]
        assert list(Product.objects.all()) == [mine]
    assert current_scope() is None


def test_a_queryset_keeps_the_scope_it_was_made_in(filled, store):
    with store_scope([store.site.pk]):
        made_in_scope = Product.objects.all()

    with all_stores():
        assert list(made_in_scope) == [filled[0]]


def test_new_threads_start_with_no_scope(filled):
    """CPython 3.11 threads do not inherit context variables: runserver's request threads
    and its autoreloader's main thread start with no scope although manage.py opened one."""
    seen = {}

    def run():
        seen["scope"] = current_scope()
        try:
            Product.objects.exists()
        except StoreScopeError as error:
            seen["error"] = error

    with all_stores():
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()

    assert seen["scope"] is None
    assert isinstance(seen["error"], StoreScopeError)


# --- Storefront requests ----------------------------------------------------------------


def _scope_seen_by(middleware_class, request):
    seen = {}

    def view(request):
        seen["scope"] = current_scope()
        return HttpResponse()

    middleware_class(view)(request)
    return seen["scope"]


def test_storefront_requests_run_in_their_stores_scope(store):
    request = RequestFactory().get("/", HTTP_HOST=store.site.hostname)
    record_host(request, site=store.site, is_platform=False)

    with all_stores():  # whatever the caller had open
        assert _scope_seen_by(StoreScopeMiddleware, request) == frozenset({store.site.pk})


def test_platform_host_requests_start_with_no_scope(store):
    request = RequestFactory().get("/")
    record_host(request, site=Site.objects.get(is_default_site=True), is_platform=True)

    with all_stores():
        assert _scope_seen_by(StoreScopeMiddleware, request) is None


def test_platform_landing_page_needs_no_store_rows(platform_client, store):
    response = platform_client.get("/")

    assert response.status_code == 200
    assert store.name in response.content.decode()


# --- Admin requests ---------------------------------------------------------------------


def _admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = {}
    return request


def test_merchants_admin_requests_run_in_their_stores_scope(store, other_store, merchant):
    assert _scope_seen_by(AdminStoreMiddleware, _admin_request(merchant)) == frozenset(
        {store.site.pk}
    )


def test_operators_admin_requests_run_in_the_all_stores_scope(platform_admin):
    assert _scope_seen_by(AdminStoreMiddleware, _admin_request(platform_admin)) is ALL_STORES


def test_staff_without_a_store_get_an_empty_scope(store):
    staff = UserFactory(is_staff=True)

    assert _scope_seen_by(AdminStoreMiddleware, _admin_request(staff)) == frozenset()


def test_operator_store_list_reads_every_store_in_the_operators_scope(filled, store):
    with pytest.raises(StoreScopeError):
        stores_for_operator()

    with all_stores():
        figures = {row.slug: (row.product_count, row.order_count) for row in stores_for_operator()}

    assert figures == {"alpha": (1, 1), "beta": (1, 0)}


# --- Management commands ----------------------------------------------------------------


def test_manage_py_runs_commands_in_the_all_stores_scope(monkeypatch):
    seen = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.append(current_scope()),
    )

    manage.main()

    assert seen == [ALL_STORES]
    assert current_scope() is None


def _run(args, env, *, check=True):
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_commands_through_manage_py_work_on_a_fresh_database(tmp_path):
    """Migrations and system checks need no scope (they run in none here); ``manage.py``
    commands, Wagtail's index commands included, run in all_stores()."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    setup = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from tenancy.scope import current_scope\n"
        "assert current_scope() is None\n"
        "call_command('migrate', verbosity=0)\n"
        "call_command('check')\n"
    )
    _run(["-c", setup], env)
    store_args = ["fresh", "--name", "Fresh", "--owner-email", "owner@fresh.test"]
    _run(["manage.py", "create_store", *store_args, "--preset", "minimal"], env)
    add_product = (
        "from wagtail.models import Site\n"
        "from shop.models import Product\n"
        "site = Site.objects.get(hostname__startswith='fresh.')\n"
        "Product.objects.create(site=site, title='Fresh lamp', handle='fresh-lamp')\n"
        "print(Product.objects.count())\n"
    )
    assert _run(["manage.py", "shell", "-c", add_product], env).stdout.strip().endswith("1")

    for command in ("update_index", "rebuild_references_index", "fixtree"):
        _run(["manage.py", command], env)

    update_index = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('update_index')\n"
    )
    without_manage_py = _run(["-c", update_index], env, check=False)
    assert without_manage_py.returncode != 0
    assert "StoreScopeError: shop.Product belongs to a store" in without_manage_py.stderr

"""Shared fixtures: two stores with their merchants, and clients on the right hosts."""

import pytest
from django.db import connection, transaction
from django.test import Client as HttpClient
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from wagtail.models import Page

from shop.models import PaymentSettings
from tenancy.scope import store_scope
from tests.fakestripe.server import FakeStripe, FakeStripeServer
from tests.helpers import PLATFORM_HOST, fresh_cache, require_service, use_fresh_cache
from tests.stores import fill_store
from tests.tenants.factories import StoreFactory, UserFactory, owner_of
from themes.presets import Preset


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Images made by tests go to a throw-away directory, one per test session."""
    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(scope="session", autouse=True)
def _kept_database_keeps_what_migrations_wrote(django_db_setup, django_db_blocker):
    """A browser or race test empties the tables when it ends. Put back what migrations
    wrote (root page, default site, groups) at the end of the session, so a database kept
    with ``--reuse-db`` starts the next run as migrations left it."""
    snapshot = getattr(connection, "_test_serialized_contents", None)
    yield
    if not snapshot:
        return
    with django_db_blocker.unblock():
        if not Page.objects.exists():
            connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Host routes and Wagtail's site paths are cached: no test sees another's entries."""
    use_fresh_cache(settings)


@pytest.fixture(autouse=True)
def _background_tasks_succeed():
    """Wagtail updates its search and reference indexes in django-tasks, whose immediate
    backend only logs a task that raised: such a failure fails the test instead."""
    failed = []

    def record(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(f"{task_result.task.module_path}: {task_result.errors[-1].traceback}")

    task_finished.connect(record, dispatch_uid="tests_background_tasks_succeed")
    yield
    task_finished.disconnect(dispatch_uid="tests_background_tasks_succeed")
    assert not failed, "\n".join(failed)


@pytest.fixture
def store(db):
    return StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)


@pytest.fixture
def other_store(db):
    return StoreFactory(slug="beta", name="Beta Wares", preset=Preset.MODERN)


@pytest.fixture
def merchant(store):
    """The owner of ``store``: a member of its owners' group, nothing more."""
    return owner_of(store)


@pytest.fixture
def other_merchant(other_store):
    return owner_of(other_store)


@pytest.fixture
def platform_admin(db):
    """A platform operator (superuser): sees every store."""
    return UserFactory(username="operator", is_superuser=True, is_staff=True)


@pytest.fixture
def shopper_client(store):
    """A shopper's browser on ``store``'s hostname."""
    return HttpClient(HTTP_HOST=store.site.hostname)


@pytest.fixture
def platform_client(db):
    """A browser on the platform's own hostname (landing page and admin)."""
    return HttpClient(HTTP_HOST=PLATFORM_HOST)


@pytest.fixture
def merchant_client(platform_client, merchant):
    """``store``'s owner, signed in to the admin on the platform host."""
    platform_client.force_login(merchant)
    return platform_client


@pytest.fixture
def operator_client(platform_client, platform_admin):
    """The platform operator, signed in to the admin on the platform host."""
    platform_client.force_login(platform_admin)
    return platform_client


@pytest.fixture(scope="module")
def filled_stores(django_db_setup, django_db_blocker):
    """Stores ``alpha`` and ``beta`` filled by ``tests.stores.fill_store``, as
    (mine, theirs), built once for the module (in a cache namespace of their own) inside a
    transaction rolled back at its end.

    Every test still runs in its own savepoint, so what a test writes is undone after it.
    A package of tests on these stores overrides ``store`` and ``other_store`` with them,
    so ``merchant_client`` is alpha's owner.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with fresh_cache():
            alpha = StoreFactory(slug="alpha", name="Alpha Goods", preset=Preset.CLASSIC)
            beta = StoreFactory(slug="beta", name="Beta Wares", preset=Preset.MODERN)
            with store_scope([alpha.site.pk]):
                mine = fill_store(alpha, prefix="Alpha", owner=owner_of(alpha))
            with store_scope([beta.site.pk]):
                theirs = fill_store(beta, prefix="Beta", owner=owner_of(beta))
        yield mine, theirs
        transaction.set_rollback(True)


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last: Playwright's event loop, once started, gives this thread
    a new database connection object for the rest of the session."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="module")
def restore_initial_data(django_db_blocker):
    """Put back what migrations wrote (root page, default site...) once the races are over.

    A transactional test empties the tables when it ends; Django reloads the serialized
    data only when the *next* such test starts, so without this a database kept with
    ``--reuse-db`` would start the next session empty.
    """
    yield
    with django_db_blocker.unblock():
        if hasattr(connection, "_test_serialized_contents"):
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def postgresql_only(db):
    """Races prove nothing on SQLite, which serialises writers for the whole database."""
    if connection.vendor != "postgresql":
        require_service(
            "PostgreSQL", f"the database is {connection.vendor}; set DATABASE_URL=postgres://..."
        )


@pytest.fixture(scope="session")
def _fake_stripe_server():
    server = FakeStripeServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_stripe(_fake_stripe_server, settings):
    """A local Stripe API the real ``stripe`` library is pointed at, empty for each test
    (``tests.fakestripe.server.FakeStripe``: its intents, refunds and every call made)."""
    fake = FakeStripe()
    _fake_stripe_server.fake.__dict__.update(fake.__dict__)
    settings.STRIPE_API_BASE = _fake_stripe_server.url
    return _fake_stripe_server.fake


@pytest.fixture
def card_store(store, fake_stripe):
    """``store`` taking cards through its connected Stripe account and the platform's keys."""
    PaymentSettings.objects.update_or_create(
        site=store.site, defaults={"stripe_account_id": "acct_alpha123456"}
    )
    return store

"""On SQLite, concurrent writers wait for each other instead of failing.

SQLite allows one writer at a time. In its default "deferred" mode a transaction that
read first and then writes fails at once with "database is locked" when another holds the
lock; the settings begin every transaction "immediate" and wait up to ``timeout``.
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection


def _settings_for(database_url: str) -> dict:
    """The default database's settings as config.settings.base builds them for this URL."""
    code = (
        "import json; from config.settings import base; "
        "print(json.dumps(base.DATABASES['default'], default=str))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", code],
        env={**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": ""},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(result.stdout)


def test_sqlite_transactions_take_the_write_lock_first_and_wait_for_it(tmp_path):
    database = _settings_for(f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5


def test_postgresql_connections_get_no_sqlite_options():
    database = _settings_for("postgres://postgres@127.0.0.1:5432/any")

    assert "transaction_mode" not in database.get("OPTIONS", {})


def _migrated_sqlite_file(path) -> None:
    """A SQLite file with every migration applied, for threads that each open their own
    connection to it, as a development server's do."""
    if connection.vendor == "sqlite":
        # A copy of the suite's migrated in-memory database: quicker than migrating again.
        # Copied outside any test transaction, which would hold the lock the copy needs.
        copy = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{path}",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        },
        cwd=settings.BASE_DIR,
        check=True,
        timeout=600,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("restore_initial_data")
def test_one_cart_submitted_twice_at_once_on_a_sqlite_file_makes_one_order(tmp_path):
    path = tmp_path / "db.sqlite3"
    _migrated_sqlite_file(path)

    result = subprocess.run(
        [sys.executable, "-m", "tests.shop.sqlite_checkout_race"],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{path}",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    race = json.loads(result.stdout.splitlines()[-1])
    assert race["options"]["transaction_mode"] == "IMMEDIATE"
    (first_status, first), (second_status, second) = race["outcomes"]
    assert (first_status, second_status) == (302, 302), race
    assert "/checkout/complete/" in first
    assert first == second
    assert (race["orders"], race["on_hand"]) == (1, 3)

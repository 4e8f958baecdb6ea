"""SQL queries per page: ``python -m tests.bench.queries HOST PATH...`` prints JSON.

Each page is requested twice by Django's test client against the benchmark database
(settings from the environment, as gunicorn gets them) and the second request's queries
are counted: what a worker that has served the page before runs, as under load. With the
page cache enabled that is the cached answer's count.
"""

import json
import sqlite3
import sys

import django


def main(host: str, paths: list[str]) -> dict:
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    counts = {}
    for page_path in paths:
        client.get(page_path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page_path)
        counts[page_path] = len(queries) if response.status_code == 200 else None
    return {"counts": counts, "database": _database(connection)}


def _database(connection) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2:])))

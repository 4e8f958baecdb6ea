"""``make bench``: seed the benchmark catalog, serve it with gunicorn, measure with wrk and
print one table. ``python -m tests.bench`` runs it.

The run, every step bounded in time, everything on 127.0.0.1:

1. a database of its own, made afresh: ``<DATABASE_URL's database>_bench`` on the same
   PostgreSQL server, or ``.bench/bench.sqlite3`` without ``DATABASE_URL``; migrations;
2. the catalog with one store (``manage.py seed_bench --other-stores 0``), the database
   vacuumed and analysed (after every seeding); the three pages measured uncached: the
   "1 store" figures;
3. the 1,000 other stores added; the pages measured uncached (their bytes recorded), then
   cached if the build has a page cache (the ``PAGECACHE_ENABLED`` setting, turned on by
   the environment variable of that name), then the bare Django view serving the recorded
   bytes;
4. order placement on one hot variant (``orders``): through the HTTP checkout, the order
   service alone and pgbench's bare stock UPDATE, and a sell-out race checked for
   oversold units;
5. SQL queries per page with Django's test client against the same database.

Each measurement: a warm-up, then ``BENCH_ROUNDS`` rounds (3) of ``BENCH_SECONDS`` (5)
with wrk's 16 connections; the table shows each figure's median.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import gunicorn as gunicorn_package
import psycopg
from psycopg import sql

from . import orders
from .machine import describe, tool_version
from .report import PAGE_LABELS, Results, render
from .servers import LOOPBACK, WORKERS, fetch, gunicorn, worker_rss
from .stats import Round, median_round, parse_wrk

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".bench"
CONNECTIONS = 16
THREADS = 2
OTHER_STORES = 1000
PAGE_CACHE_SETTING = "PAGECACHE_ENABLED"
COMMAND_SECONDS = 300  # migrations and seeding on a slow machine
DRAIN_SECONDS = 120
WRK_MISSING = """wrk, the load generator, is not installed.
  Debian/Ubuntu:  sudo apt-get install wrk
  Fedora:         sudo dnf install wrk
  macOS:          brew install wrk
Then run `make bench` again."""


@dataclass(frozen=True)
class Plan:
    wrk: str
    port: int
    seconds: int = int(os.environ.get("BENCH_SECONDS", "5"))
    rounds: int = int(os.environ.get("BENCH_ROUNDS", "3"))
    warmup_seconds: int = 2


def main() -> int:
    started = time.monotonic()
    wrk = shutil.which("wrk")
    if wrk is None:
        print(WRK_MISSING, file=sys.stderr)
        return 2
    WORK.mkdir(exist_ok=True)
    plan = Plan(wrk=wrk, port=_free_port())
    env = _environment(plan.port)
    _step(f"Database: {_safe_url(env['DATABASE_URL'])} (made afresh)")
    _fresh_database(env)
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    catalog = _seed(env, other_stores=0)
    host = f"{catalog['hostname']}:{plan.port}"
    paths = {page: catalog[f"{page}_path"] for page in PAGE_LABELS}
    cache_exists = _has_setting(env, PAGE_CACHE_SETTING)

    _step("Measuring with 1 store, uncached")
    one_store, _, _ = _measure_store(plan, env, host, paths, cached=False)
    _step(f"Adding {OTHER_STORES:,} other stores")
    catalog = _seed(env, other_stores=OTHER_STORES)
    _step(f"Measuring with {catalog['stores']:,} stores, uncached")
    uncached, uncached_rss, bodies = _measure_store(plan, env, host, paths, cached=False)
    cached, cached_rss = None, None
    if cache_exists:
        _step("Measuring cached")
        cached, cached_rss, _ = _measure_store(plan, env, host, paths, cached=True)
    _step("Measuring the bare Django view with the same bytes")
    bare, bare_rss = _measure_bare(plan, env, host, paths, bodies)
    _step("Measuring order placement on one hot variant")
    placements = orders.measure(
        plan=plan, env=env, manage=_manage, python=_python, serve=_serving_store(plan, env)
    )
    queries = _queries(env, host, paths, cached=False)
    cached_queries = _queries(env, host, paths, cached=True) if cache_exists else None

    results = Results(
        uncached=uncached,
        bare=bare,
        one_store=one_store,
        cached=cached,
        queries_uncached=_by_page(queries["counts"], paths),
        queries_cached=_by_page(cached_queries["counts"], paths) if cached_queries else {},
        page_bytes={page: len(body) for page, body in bodies.items()},
        memory={
            "the store, uncached": uncached_rss,
            **({"the store, cached": cached_rss} if cached_rss is not None else {}),
            "the bare view": bare_rss,
        },
        stores=catalog["stores"],
        products=catalog["products"],
        orders=placements,
    )
    machine = describe(
        database=queries["database"],
        wrk=tool_version([wrk, "--version"]),
        gunicorn=_gunicorn_version(),
        cache="Redis" if env.get("REDIS_URL") else "local memory (per worker)",
    )
    settings = (
        f"gunicorn {WORKERS} sync workers, DEBUG off (config.settings.bench); wrk "
        f"{CONNECTIONS} connections, {THREADS} threads; median of {plan.rounds} rounds of "
        f"{plan.seconds} s after a {plan.warmup_seconds} s warm-up; `make bench` took "
        f"{(time.monotonic() - started) / 60:.1f} min."
    )
    print()
    print(render(machine=machine, settings=settings, results=results))
    return 0


# --- Steps -----------------------------------------------------------------------------------


def _step(message: str) -> None:
    print(f"==> {message}", flush=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    source = env.get("BENCH_DATABASE_URL") or env.get("DATABASE_URL")
    if source:
        parts = urlsplit(source)
        name = parts.path.lstrip("/") or "postgres"
        target = source if env.get("BENCH_DATABASE_URL") else None
        env["DATABASE_URL"] = target or urlunsplit(parts._replace(path=f"/{name}_bench"))
    else:
        env["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.bench",
        STORES_PORT=str(port),
        MEDIA_ROOT=str(WORK / "media"),
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}-{int(time.time())}",
        PYTHONPATH=str(ROOT),
    )
    env[PAGE_CACHE_SETTING] = "0"
    env.pop("DJANGO_DEBUG", None)
    return env


def _safe_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


def _fresh_database(env: dict[str, str]) -> None:
    url = urlsplit(env["DATABASE_URL"])
    if url.scheme.startswith("sqlite"):
        Path(url.path).unlink(missing_ok=True)
        shutil.rmtree(WORK / "media", ignore_errors=True)
        return
    name = url.path.lstrip("/")
    admin = urlunsplit(url._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    shutil.rmtree(WORK / "media", ignore_errors=True)


def _python(env, *args: str, timeout: float = COMMAND_SECONDS) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    return done.stdout


def _manage(env, *args: str) -> str:
    return _python(env, "manage.py", *args, "--verbosity=0")


def _seed(env, *, other_stores: int) -> dict:
    _step(f"Seeding the benchmark catalog (other stores: {other_stores:,})")
    output = _manage(env, "seed_bench", f"--other-stores={other_stores}", "--json")
    _settle(env)
    return json.loads(output.strip().splitlines()[-1])


def _settle(env) -> None:
    """Vacuum and analyse the freshly seeded tables before measuring: otherwise the
    database plans queries on statistics of the smaller catalog, and its autovacuum wakes
    up to analyse the new rows in the middle of a measurement."""
    statement = "VACUUM ANALYZE" if env["DATABASE_URL"].startswith("postgres") else "ANALYZE"
    code = (
        "import django; django.setup(); from django.db import connection; "
        f"connection.cursor().execute({statement!r})"
    )
    _python(env, "-c", code)


def _has_setting(env, name: str) -> bool:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(hasattr(settings, {name!r}))"
    )
    return _python(env, "-c", code, timeout=60).strip().endswith("True")


def _queries(env, host: str, paths: dict[str, str], *, cached: bool) -> dict:
    env = {**env, PAGE_CACHE_SETTING: "1" if cached else "0"}
    output = _python(env, "-m", "tests.bench.queries", host, *paths.values(), timeout=120)
    return json.loads(output.strip().splitlines()[-1])


def _by_page(counts: dict[str, int | None], paths: dict[str, str]) -> dict[str, int | None]:
    return {page: counts.get(path) for page, path in paths.items()}


def _gunicorn_version() -> str:
    return gunicorn_package.__version__


# --- Measuring -------------------------------------------------------------------------------


def _wrk(plan: Plan, host: str, path: str, seconds: int) -> Round:
    command = [
        plan.wrk,
        f"--threads={THREADS}",
        f"--connections={CONNECTIONS}",
        f"--duration={seconds}s",
        "--timeout=30s",
        "--latency",
        f"--header=Host: {host}",
        f"http://{LOOPBACK}:{plan.port}{path}",
    ]
    done = subprocess.run(  # noqa: S603 - wrk against loopback
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    # wrk leaves when its time is up, but the requests it had sent are still queued at the
    # sync workers, which serve them to no one. One more request, answered only once
    # they are done, keeps that work out of the next round.
    fetch(plan.port, host, path, timeout=DRAIN_SECONDS)
    return parse_wrk(done.stdout)


def _rounds(plan: Plan, host: str, paths: dict[str, str]) -> dict[str, Round]:
    measured = {}
    for page, path in paths.items():
        _wrk(plan, host, path, plan.warmup_seconds)
        rounds = [_wrk(plan, host, path, plan.seconds) for _ in range(plan.rounds)]
        measured[page] = median_round(rounds)
        print(
            f"    {page}: {measured[page].requests_per_second:,.0f} req/s "
            f"(rounds: {', '.join(f'{r.requests_per_second:,.0f}' for r in rounds)})",
            flush=True,
        )
    return measured


def _measure_store(plan: Plan, env, host: str, paths: dict[str, str], *, cached: bool):
    env = {**env, PAGE_CACHE_SETTING: "1" if cached else "0"}
    log = WORK / "gunicorn-store.log"
    with gunicorn(
        app="config.wsgi:application",
        port=plan.port,
        env=env,
        log=log,
        probe=(host, paths["home"]),
    ) as server:
        bodies = {}
        for page, path in paths.items():
            status, body = fetch(plan.port, host, path)
            if status != 200:
                raise RuntimeError(f"{host}{path} answered {status}, not 200.")
            bodies[page] = body
        measured = _rounds(plan, host, paths)
        return measured, worker_rss(server.pid), bodies


def _serving_store(plan: Plan, env):
    """Serve the store, for the order phases, on the run's port."""

    def serve(host: str):
        return gunicorn(
            app="config.wsgi:application",
            port=plan.port,
            env=env,
            log=WORK / "gunicorn-orders.log",
            probe=(host, "/"),
        )

    return serve


def _measure_bare(plan: Plan, env, host: str, paths: dict[str, str], bodies: dict[str, bytes]):
    pages = WORK / "pages"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir()
    for page, body in bodies.items():
        (pages / f"{page}.html").write_bytes(body)
    (pages / "paths.json").write_text(
        json.dumps({path: f"{page}.html" for page, path in paths.items()})
    )
    env = {**env, "BENCH_BARE_PAGES": str(pages)}
    env.pop("DJANGO_SETTINGS_MODULE")
    log = WORK / "gunicorn-bare.log"
    with gunicorn(
        app="tests.bench.bare_wsgi:application",
        port=plan.port,
        env=env,
        log=log,
        probe=(host, paths["home"]),
    ) as server:
        for page, path in paths.items():
            status, body = fetch(plan.port, host, path)
            if status != 200 or body != bodies[page]:
                raise RuntimeError(f"The bare view did not serve the recorded bytes of {path}.")
        return _rounds(plan, host, paths), worker_rss(server.pid)

"""Order placement on one hot variant: how fast, and that no unit is ever oversold.

Measured in the same run as the pages, on the same database:

- **HTTP checkout**: 16 shoppers at once through gunicorn (add to cart, checkout page,
  place the order with the offline method; ``checkout_load``), with stock to spare;
- **the order service alone**: 16 processes calling ``place_order`` (``order_service``);
- **pgbench**: 16 clients running the bare transaction a stock count needs at least,
  ``UPDATE ... SET qty = qty - 1 WHERE qty > 0``, against a table of its own: the
  database's own ceiling for one hot row;
- **sell-out**: 16 shoppers racing for ``SELL_OUT_UNITS`` units until they are refused.

After each phase the variant's stock is read back: units sold beyond what was there are
oversold (must be 0), and on-hand must equal the sum of its ledger.
"""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from urllib.parse import urlsplit

import psycopg

from .checkout_load import buy_for
from .stats import NA, markdown_table

CLIENTS = 16
PLENTY = 1_000_000
SELL_OUT_UNITS = 50
SELL_OUT_SECONDS = 30
TPS = re.compile(r"tps = ([\d.]+)")
BARE_UPDATE = "UPDATE bench_stock SET qty = qty - 1 WHERE id = 1 AND qty > 0;\n"


@dataclass(frozen=True)
class Phase:
    """One way of placing orders: its rate, and what the stock said afterwards."""

    label: str
    per_second: float | None
    orders: int | None = None
    refused: int | None = None
    oversold: int | None = None
    ledger_agrees: bool | None = None


@dataclass(frozen=True)
class Stock:
    on_hand: int
    ledger_sum: int
    units_sold: int


def measure(*, plan, env, manage, python, serve) -> list[Phase]:
    """Every phase, in order. ``manage``/``python`` run commands with ``env``; ``serve``
    is a context manager serving the store with gunicorn."""
    hot = json.loads(manage(env, "bench_orders", f"--units={PLENTY}").strip().splitlines()[-1])
    variant, site, hostname = hot["variant_id"], hot["site_id"], hot["hostname"]
    host = f"{hostname}:{plan.port}"

    def stock() -> Stock:
        found = json.loads(
            manage(env, "bench_orders", "--state", str(variant), str(site), hostname)
            .strip()
            .splitlines()[-1]
        )
        return Stock(found["on_hand"], found["ledger_sum"], found["units_sold"])

    def phase(label: str, units: int, run) -> Phase:
        manage(env, "bench_orders", f"--units={units}")
        before = stock()
        rates, orders, refused = run()
        after = stock()
        sold = after.units_sold - before.units_sold
        return Phase(
            label=label,
            per_second=median(rates) if rates else None,
            orders=orders,
            refused=refused,
            oversold=max(0, sold - units) + max(0, -after.on_hand),
            ledger_agrees=after.on_hand == after.ledger_sum and sold == units - after.on_hand,
        )

    def through_http(seconds: float, rounds: int):
        def run():
            runs = [
                buy_for(
                    port=plan.port, host=host, variant_id=variant, clients=CLIENTS, seconds=seconds
                )
                for _ in range(rounds)
            ]
            return (
                [r.per_second for r in runs],
                sum(r.orders for r in runs),
                sum(r.refused for r in runs),
            )

        return run

    def through_service():
        runs = [
            json.loads(
                python(
                    env,
                    "-m",
                    "tests.bench.order_service",
                    str(variant),
                    str(site),
                    str(plan.seconds),
                    str(CLIENTS),
                )
                .strip()
                .splitlines()[-1]
            )
            for _ in range(plan.rounds)
        ]
        return (
            [r["orders"] / r["seconds"] for r in runs],
            sum(r["orders"] for r in runs),
            sum(r["refused"] for r in runs),
        )

    phases = []
    with serve(host):
        buy_for(
            port=plan.port,
            host=host,
            variant_id=variant,
            clients=CLIENTS,
            seconds=plan.warmup_seconds,
        )
        phases.append(
            phase(
                f"HTTP checkout, {CLIENTS} shoppers, bank transfer",
                PLENTY,
                through_http(plan.seconds, plan.rounds),
            )
        )
        print(f"    HTTP checkout: {_rate(phases[-1].per_second)} orders/s", flush=True)
        phases.append(
            phase(
                f"sell-out: {CLIENTS} shoppers racing for {SELL_OUT_UNITS} units",
                SELL_OUT_UNITS,
                through_http(SELL_OUT_SECONDS, 1),
            )
        )
        print(
            f"    sell-out: {phases[-1].orders} orders, {phases[-1].refused} refused",
            flush=True,
        )
    phases.append(phase(f"the order service alone, {CLIENTS} processes", PLENTY, through_service))
    print(f"    order service: {_rate(phases[-1].per_second)} orders/s", flush=True)
    phases.append(bare_update(plan=plan, env=env))
    return phases


def bare_update(*, plan, env) -> Phase:
    """pgbench's rate for the bare stock transaction, or n/a off PostgreSQL or without
    pgbench."""
    label = f"pgbench: bare UPDATE ... WHERE qty > 0, {CLIENTS} clients"
    url = env["DATABASE_URL"]
    pgbench = shutil.which("pgbench")
    if not url.startswith("postgres") or pgbench is None:
        return Phase(label=label, per_second=None)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_stock")
        connection.execute("CREATE TABLE bench_stock (id integer PRIMARY KEY, qty integer)")
        connection.execute("INSERT INTO bench_stock VALUES (1, %s)", [PLENTY * 100])
    parts = urlsplit(url)
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "update.sql"
        script.write_text(BARE_UPDATE)
        command = [
            pgbench,
            "--no-vacuum",
            f"--client={CLIENTS}",
            "--jobs=2",
            f"--time={plan.seconds}",
            f"--file={script}",
            f"--host={parts.hostname or '127.0.0.1'}",
            f"--port={parts.port or 5432}",
            f"--username={parts.username or 'postgres'}",
            parts.path.lstrip("/"),
        ]
        pg_env = {**env, "PGPASSWORD": parts.password or ""}
        rates = []
        for _ in range(plan.rounds):
            done = subprocess.run(  # noqa: S603 - pgbench against the bench database
                command,
                env=pg_env,
                capture_output=True,
                text=True,
                timeout=plan.seconds + 60,
                check=False,
            )
            found = TPS.search(done.stdout)
            if found:
                rates.append(float(found.group(1)))
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS bench_stock")
    return Phase(label=label, per_second=median(rates) if rates else None)


def _rate(value: float | None) -> str:
    return NA if value is None else f"{value:,.0f}"


def _count(value: int | None) -> str:
    return NA if value is None else f"{value:,}"


def orders_table(phases: list[Phase]) -> str:
    rows = [
        [
            found.label,
            _rate(found.per_second),
            _count(found.orders),
            _count(found.refused),
            _count(found.oversold),
            NA if found.ledger_agrees is None else ("yes" if found.ledger_agrees else "NO"),
        ]
        for found in phases
    ]
    return markdown_table(
        [
            "orders on one hot variant",
            "per second",
            "orders",
            "refused",
            "oversold",
            "ledger agrees",
        ],
        rows,
    )

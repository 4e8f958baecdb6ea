"""The report ``make bench`` prints: the machine, the three tables and the issue's targets."""

from dataclasses import dataclass, field

from .orders import Phase, orders_table
from .stats import (
    NA,
    Round,
    Target,
    markdown_table,
    megabytes,
    millis,
    rate,
    ratio,
    times,
)

PAGE_LABELS = {"home": "home", "category": "category (24 products)", "product": "product"}
CACHED_GOAL = 0.9  # cached pages: at least 0.9x the bare view
CATEGORY_GOAL = 0.04  # the uncached category page: at least 0.04x the bare view
STORES_GOAL = 0.9  # with 1,000 stores, within 10% of one store's req/s


@dataclass
class Results:
    """Everything one run measured. ``cached`` is None when there is no page cache to turn
    on; a page's figures are None when it was not measured."""

    uncached: dict[str, Round]
    bare: dict[str, Round]
    one_store: dict[str, Round]
    cached: dict[str, Round] | None = None
    queries_uncached: dict[str, int | None] = field(default_factory=dict)
    queries_cached: dict[str, int | None] = field(default_factory=dict)
    page_bytes: dict[str, int] = field(default_factory=dict)
    memory: dict[str, list[int]] = field(default_factory=dict)
    stores: int = 0
    products: int = 0
    orders: list[Phase] = field(default_factory=list)


def _req(rounds: dict[str, Round] | None, page: str) -> float | None:
    found = (rounds or {}).get(page)
    return found.requests_per_second if found else None


def _row(page: str, served: str, found: Round | None, bare: Round | None, queries) -> list[str]:
    if found is None or not found.requests:
        figure = NA if found is None else "0 answered"
        return [
            PAGE_LABELS[page],
            served,
            figure,
            NA,
            NA,
            NA,
            NA if queries is None else str(queries),
        ]
    flag = f" ({found.errors} errors)" if found.errors else ""
    return [
        PAGE_LABELS[page],
        served,
        rate(found.requests_per_second) + flag,
        millis(found.p50_ms),
        millis(found.p99_ms),
        times(ratio(found.requests_per_second, bare.requests_per_second if bare else None), 3),
        NA if queries is None else str(queries),
    ]


def pages_table(results: Results) -> str:
    rows = []
    for page in PAGE_LABELS:
        bare = results.bare.get(page)
        rows.append(
            _row(
                page,
                "uncached",
                results.uncached.get(page),
                bare,
                results.queries_uncached.get(page),
            )
        )
        rows.append(
            _row(
                page,
                "cached",
                (results.cached or {}).get(page),
                bare,
                results.queries_cached.get(page) if results.cached is not None else None,
            )
        )
        rows.append(_row(page, "bare Django, same bytes", bare, bare, 0))
    header = ["page", "served", "req/s", "p50 ms", "p99 ms", "x bare", "SQL queries"]
    return markdown_table(header, rows, text_columns=2)


def stores_table(results: Results) -> str:
    rows = []
    for page in PAGE_LABELS:
        one, many = _req(results.one_store, page), _req(results.uncached, page)
        rows.append([PAGE_LABELS[page], rate(one), rate(many), times(ratio(many, one))])
    header = ["page (uncached)", "1 store req/s", f"{results.stores:,} stores req/s", "ratio"]
    return markdown_table(header, rows)


def memory_table(results: Results) -> str:
    rows = [
        [server, ", ".join(megabytes(size) for size in sizes) or NA]
        for server, sizes in results.memory.items()
    ]
    return markdown_table(
        ["gunicorn serving", "RSS per worker after the runs"], rows, text_columns=2
    )


def targets(results: Results) -> list[Target]:
    cached = [ratio(_req(results.cached, page), _req(results.bare, page)) for page in PAGE_LABELS]
    stores = [
        ratio(_req(results.uncached, page), _req(results.one_store, page)) for page in PAGE_LABELS
    ]
    return [
        Target(
            "cached pages, worst of the three, x bare",
            None if results.cached is None or None in cached else min(cached),
            CACHED_GOAL,
        ),
        Target(
            "uncached category page, x bare",
            ratio(_req(results.uncached, "category"), _req(results.bare, "category")),
            CATEGORY_GOAL,
        ),
        Target(
            f"{results.stores:,} stores / 1 store req/s, worst page",
            None if None in stores else min(stores),
            STORES_GOAL,
        ),
    ]


def targets_table(results: Results) -> str:
    rows = [
        [target.label, f">= {target.goal:g}x", times(target.measured, 3), target.verdict]
        for target in targets(results)
    ]
    return markdown_table(["target (issue 10)", "goal", "measured", "today"], rows)


def render(*, machine: list[str], settings: str, results: Results) -> str:
    sizes = ", ".join(f"{page} {size:,} B" for page, size in results.page_bytes.items())
    notes = [
        f"Catalog: {results.products:,} products in the measured store, {results.stores:,} "
        f"stores in all. Page sizes: {sizes or NA}.",
    ]
    if results.cached is None:
        notes.append(
            "Cached: n/a, this build has no page cache setting (PAGECACHE_ENABLED) to turn on."
        )
    if any(
        r.errors
        for group in (results.uncached, results.bare, results.cached or {})
        for r in group.values()
    ):
        notes.append("Some runs had errors (non-2xx answers or socket errors): see the table.")
    return "\n\n".join(
        [
            "\n".join(f"- {line}" for line in machine),
            settings,
            pages_table(results),
            stores_table(results),
            memory_table(results),
            targets_table(results),
            *([orders_table(results.orders)] if results.orders else []),
            "\n".join(notes),
        ]
    )

"""The figures ``make bench`` prints: wrk's report read right, medians, and the tables."""

import pytest

from tests.bench.report import Results, render, targets
from tests.bench.stats import Round, markdown_table, median_round, parse_wrk

WRK_REPORT = """Running 5s test @ http://127.0.0.1:8431/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    45.10ms   12.00ms 310.00ms   80.00%
    Req/Sec   180.00     20.00   220.00     70.00%
  Latency Distribution
     50%   {p50}
     75%   50.00ms
     90%   60.00ms
     99%   {p99}
  1789 requests in 5.01s, 34.10MB read
{extra}Requests/sec:    357.09
Transfer/sec:      6.81MB
"""


def _report(p50="42.50ms", p99="1.20s", extra=""):
    return WRK_REPORT.format(p50=p50, p99=p99, extra=extra)


def test_wrk_report_gives_rate_and_latencies_in_milliseconds():
    found = parse_wrk(_report(p50="850.00us", p99="1.20s"))

    assert found == Round(
        requests_per_second=357.09, p50_ms=0.85, p99_ms=1200.0, requests=1789, errors=0
    )


def test_wrk_report_counts_failed_answers_and_socket_errors_as_errors():
    extra = (
        "  Socket errors: connect 0, read 1, write 0, timeout 4\n  Non-2xx or 3xx responses: 7\n"
    )

    assert parse_wrk(_report(extra=extra)).errors == 12


def test_anything_but_a_wrk_latency_report_is_refused():
    with pytest.raises(ValueError, match="Not a wrk --latency report"):
        parse_wrk("unable to connect to 127.0.0.1:8431 Connection refused")


def test_median_of_rounds_takes_each_figure_on_its_own():
    rounds = [
        Round(100.0, 10.0, 90.0, 500, 0),
        Round(300.0, 30.0, 40.0, 1500, 1),
        Round(200.0, 20.0, 60.0, 1000, 0),
    ]

    assert median_round(rounds) == Round(200.0, 20.0, 60.0, 3000, 1)


def test_median_of_two_rounds_is_their_mean():
    assert median_round([Round(100.0, 1.0, 2.0, 1, 0), Round(200.0, 3.0, 4.0, 1, 0)]) == Round(
        150.0, 2.0, 3.0, 2, 0
    )


def test_markdown_table_aligns_figures_right_and_names_left():
    table = markdown_table(["page", "req/s"], [["home", "35"], ["category", "1,052"]])

    assert table.splitlines() == [
        "| page     | req/s |",
        "|:---------|------:|",
        "| home     |    35 |",
        "| category | 1,052 |",
    ]


def _results(**changes):
    bare = {page: Round(8000.0, 2.0, 5.0, 1, 0) for page in ("home", "category", "product")}
    uncached = {page: Round(400.0, 40.0, 90.0, 1, 0) for page in bare}
    one_store = {page: Round(420.0, 38.0, 80.0, 1, 0) for page in bare}
    defaults = {
        "uncached": uncached,
        "bare": bare,
        "one_store": one_store,
        "queries_uncached": {"home": 9, "category": 8, "product": 7},
        "page_bytes": {"home": 19_000, "category": 28_000, "product": 15_000},
        "memory": {"the store, uncached": [150 * 2**20, 152 * 2**20]},
        "stores": 1001,
        "products": 2000,
    }
    return Results(**{**defaults, **changes})


def test_without_a_page_cache_the_cached_rows_say_not_available():
    text = render(machine=["a machine"], settings="settings", results=_results())

    cells = [[cell.strip() for cell in line.split("|")] for line in text.splitlines()]
    cached_rows = [row for row in cells if len(row) > 2 and row[2] == "cached"]
    assert len(cached_rows) == 3
    assert all(row[3:8] == ["n/a"] * 5 for row in cached_rows)
    assert "no page cache setting (PAGECACHE_ENABLED)" in text
    assert "| the store, uncached | 150 MB, 152 MB" in text


def test_targets_compare_with_the_bare_view_and_with_one_store():
    cached = {page: Round(7500.0, 2.1, 6.0, 1, 0) for page in ("home", "category", "product")}
    cached["product"] = Round(6800.0, 2.4, 7.0, 1, 0)

    verdicts = {
        t.label: (round(t.measured, 3), t.verdict) for t in targets(_results(cached=cached))
    }

    assert verdicts == {
        "cached pages, worst of the three, x bare": (0.85, "not met"),
        "uncached category page, x bare": (0.05, "met"),
        "1,001 stores / 1 store req/s, worst page": (0.952, "met"),
    }


def test_a_target_without_figures_is_not_measured():
    found = {t.label: t.verdict for t in targets(_results(one_store={}))}

    assert found["cached pages, worst of the three, x bare"] == "not measured"
    assert found["1,001 stores / 1 store req/s, worst page"] == "not measured"


def test_a_page_that_answered_nothing_in_its_rounds_says_so_rather_than_zero_latency():
    silent = {page: Round(0.0, 0.0, 0.0, 0, 16) for page in ("home", "category", "product")}

    text = render(machine=[], settings="", results=_results(uncached=silent))

    uncached_home = next(line for line in text.splitlines() if "| home " in line)
    assert [cell.strip() for cell in uncached_home.split("|")][3:6] == ["0 answered", "n/a", "n/a"]
    assert "Some runs had errors" in text

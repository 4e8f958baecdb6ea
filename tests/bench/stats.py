"""The figures of ``make bench``: reading wrk's report, medians of rounds, and the tables.

Pure functions, no processes or databases, so ``test_stats.py`` checks them quickly.
"""

import re
import statistics
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


@dataclass(frozen=True)
class Round:
    """One timed run of the load generator against one address."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx answers, refused or dropped connections, timeouts


def parse_wrk(report: str) -> Round:
    """Read ``wrk --latency``'s report. Raises ValueError if it is not one."""
    rate = _RATE.search(report)
    latencies = {int(q): float(v) * _UNITS[unit] for q, v, unit in _LATENCY.findall(report)}
    total = _TOTAL.search(report)
    if rate is None or total is None or set(latencies) != {50, 99}:
        raise ValueError(f"Not a wrk --latency report:\n{report}")
    errors = sum(int(n) for n in _NON_2XX.findall(report))
    socket_errors = _SOCKET_ERRORS.search(report)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Round(
        requests_per_second=float(rate.group(1)),
        p50_ms=latencies[50],
        p99_ms=latencies[99],
        requests=int(total.group(1)),
        errors=errors,
    )


def median_round(rounds: list[Round]) -> Round:
    """Each figure's median over the rounds (errors are summed: any error counts)."""
    if not rounds:
        raise ValueError("No rounds to take the median of.")
    return Round(
        requests_per_second=statistics.median(r.requests_per_second for r in rounds),
        p50_ms=statistics.median(r.p50_ms for r in rounds),
        p99_ms=statistics.median(r.p99_ms for r in rounds),
        requests=sum(r.requests for r in rounds),
        errors=sum(r.errors for r in rounds),
    )


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


# --- Formatting ----------------------------------------------------------------------------

NA = "n/a"


def rate(value: float | None) -> str:
    if value is None:
        return NA
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def millis(value: float | None) -> str:
    if value is None:
        return NA
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def times(value: float | None, digits: int = 2) -> str:
    return NA if value is None else f"{value:.{digits}f}x"


def megabytes(value: int | None) -> str:
    return NA if value is None else f"{value / 1024 / 1024:.0f} MB"


def markdown_table(header: list[str], rows: list[list[str]], *, text_columns: int = 1) -> str:
    """A Markdown table, columns padded so it also reads well in a terminal: the first
    ``text_columns`` columns aligned left, the figures after them right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    right = [index >= text_columns for index in range(len(header))]

    def line(cells):
        padded = [
            str(cell).rjust(width) if align else str(cell).ljust(width)
            for cell, width, align in zip(cells, widths, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (width + 1) + ":" if align else ":" + "-" * (width + 1)
            for width, align in zip(widths, right, strict=True)
        )
        + "|"
    )
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


@dataclass(frozen=True)
class Target:
    """One of the issue's targets, with the figure measured for it."""

    label: str
    measured: float | None
    goal: float
    at_least: bool = True  # False: the measured figure must stay at or below the goal

    @property
    def verdict(self) -> str:
        if self.measured is None:
            return "not measured"
        met = self.measured >= self.goal if self.at_least else self.measured <= self.goal
        return "met" if met else "not met"

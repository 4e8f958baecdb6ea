"""What the figures were measured on: CPU, cores, memory, Python, database, load."""

import os
import platform
import subprocess
from pathlib import Path


def _proc_field(path: str, name: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == name:
                return value.strip()
    except OSError:
        pass
    return None


def cpu_model() -> str:
    return _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"


def memory() -> str:
    total = _proc_field("/proc/meminfo", "MemTotal")
    return f"{int(total.split()[0]) / 1024 / 1024:.0f} GB RAM" if total else "RAM unknown"


def tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0] if first else "unknown"


def describe(*, database: str, wrk: str, gunicorn: str, cache: str) -> list[str]:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"{cpu_model()}, {os.cpu_count()} cores, {memory()}, {platform.system()} "
        f"{platform.release()}",
        f"Python {platform.python_version()}, {database}, cache: {cache}, gunicorn {gunicorn}, "
        f"{wrk}",
        f"Load average when the run began: {load} (other work on the machine lowers every "
        "figure alike, so compare columns of one run, not runs)",
    ]

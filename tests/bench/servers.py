"""Gunicorn as production runs it (2 sync workers), on loopback only, for one measurement.

Every wait is bounded: a server that is not answering within ``STARTUP_SECONDS`` is
stopped and the run fails with its log.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

LOOPBACK = "127.0.0.1"
WORKERS = 2
STARTUP_SECONDS = 60
STOP_SECONDS = 15


def fetch(port: int, host: str, path: str, *, timeout: float = 30) -> tuple[int, bytes]:
    """GET ``path`` from the server on loopback with the ``Host`` a shopper's browser sends."""
    request = urllib.request.Request(f"http://{LOOPBACK}:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextmanager
def gunicorn(*, app: str, port: int, env: dict[str, str], log: Path, probe: tuple[str, str]):
    """Serve ``app`` (``module:callable``) on ``127.0.0.1:port`` until the block ends.

    ``probe`` is a (host, path) that must answer 200 before the block starts.
    """
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--bind={LOOPBACK}:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        "--timeout=30",
        "--log-level=warning",
    ]
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_serving(process, port=port, probe=probe, log=log)
        yield process
    finally:
        _stop(process)


def _wait_until_serving(process, *, port: int, probe: tuple[str, str], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    status = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            status, _ = fetch(port, *probe, timeout=10)
        except OSError:
            status = None
        if status == 200:
            return
        time.sleep(0.3)
    raise RuntimeError(
        f"gunicorn did not serve {probe[0]}{probe[1]} (last status {status}); "
        f"its log, {log}:\n{log.read_text()[-3000:]}"
    )


def _stop(process) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_SECONDS)


def worker_rss(master_pid: int) -> list[int]:
    """Resident memory (bytes) of each worker of the gunicorn master ``master_pid``.

    Reads /proc (Linux); an empty list where there is none.
    """
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue  # the process ended while we looked
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) * 1024)
    return sorted(sizes)

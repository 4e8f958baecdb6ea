"""ADR 30's table of "which change invalidates what" names, on every row, the test that
proves it: a row added without one, or a test renamed away, fails here."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADR = ROOT / "docs" / "adr" / "0030-page-cache-with-exact-invalidation.md"
TESTS = Path(__file__).resolve().parent


def _table_rows():
    text = ADR.read_text()
    table = text[text.index("| change | invalidates | proven by") :]
    rows = []
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def _test_names() -> set[str]:
    names = set()
    for path in TESTS.glob("test_*.py"):
        names.update(re.findall(r"^def (test_\w+)\(", path.read_text(), re.M))
    return names


def test_every_row_of_the_invalidation_table_names_a_test_that_exists():
    rows = _table_rows()
    existing = _test_names()
    assert len(rows) >= 20

    for change, _invalidates, proven_by in rows:
        named = re.findall(r"`(test_\w+?)(\.\.\.)?`", proven_by)
        assert named, f"no test named for: {change}"
        for name, cut_short in named:
            found = (
                any(test.startswith(name) for test in existing) if cut_short else (name in existing)
            )
            assert found, f"{name} (for: {change}) is not a test in tests/pagecache"

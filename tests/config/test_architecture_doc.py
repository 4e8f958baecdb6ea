"""docs/architecture.md names real files and real names: a moved module fails this test."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "architecture.md").read_text()

# `path/to/file.py` or `path/to/dir/`, optionally followed by names defined there.
PATH = re.compile(r"`((?:[a-z_]+/)+(?:[a-z_]+\.(?:py|toml|md|html))?)`((?:\s*`[A-Za-z_]+`,?)*)")


def _references():
    for match in PATH.finditer(DOC):
        names = re.findall(r"`([A-Za-z_]+)`", match.group(2))
        yield match.group(1), [name for name in names if not name.startswith("cart_")]


def test_every_path_named_in_the_architecture_doc_exists():
    missing = [path for path, _ in _references() if not (REPO / path).exists()]

    assert not missing


def test_every_name_after_a_path_is_defined_in_that_file():
    undefined = [
        (path, name)
        for path, names in _references()
        if path.endswith(".py")
        for name in names
        if not re.search(
            rf"^\s*(?:class|def)\s+{name}\b|^{name}\s*=", (REPO / path).read_text(), re.M
        )
    ]

    assert not undefined


def test_the_doc_covers_the_storefront_and_admin_entry_points():
    paths = {path for path, _ in _references()}

    assert {"shop/pages.py", "shop/views.py", "shop/viewsets.py", "crm_bridge/viewsets.py"} <= paths
    assert "tenants/admin_scoping/__init__.py" in paths

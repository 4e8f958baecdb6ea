"""Every admin URL pattern is probed by the matrix or excused, and both stores have an
object of every kind the probes name."""

from pathlib import Path

import pytest

from tests.isolation.url_matrix import (
    ANSWER_ALIKE,
    CHOICES,
    CONCERNS,
    EXCUSED,
    KNOWN_LEAKS,
    LISTING_QUERIES,
    NO_MIXED,
    PK_KINDS,
    PLANS,
    UNPROBED,
    UPLOAD_KINDS,
    VIEW_KINDS,
    admin_patterns,
    excuse_of,
)

pytestmark = pytest.mark.django_db


def test_every_admin_pattern_is_probed_or_excused():
    patterns = admin_patterns()
    keys = {pattern.key for pattern in patterns} | {p.name for p in patterns if p.name}

    assert not UNPROBED, "Admin URL patterns neither probed nor excused:\n" + "\n".join(
        UNPROBED.values()
    )
    for table, what in (
        (EXCUSED, "excuse"),
        (KNOWN_LEAKS, "known leak"),
        (CHOICES, "choice"),
        (VIEW_KINDS, "kind"),
        (ANSWER_ALIKE, "answer-alike"),
        (NO_MIXED, "no-mixed"),
        (LISTING_QUERIES, "listing query"),
    ):
        stale = sorted(set(table) - keys)
        assert not stale, f"{what} for patterns that no longer exist: {stale}"
    stale_namespaces = sorted((set(PK_KINDS) | set(UPLOAD_KINDS)) - {p.namespace for p in patterns})
    assert not stale_namespaces, f"kinds for namespaces that no longer exist: {stale_namespaces}"
    assert all(reason.strip() for reason in [*EXCUSED.values(), *KNOWN_LEAKS.values()])
    assert not set(EXCUSED) & set(KNOWN_LEAKS)
    excused = [pattern for pattern in patterns if excuse_of(pattern)]
    assert len(PLANS) + len(excused) == len(patterns)
    modules = {path.stem for path in Path(__file__).parent.glob("test_matrix_*.py")}
    missing = sorted({f"test_matrix_{concern}" for concern in CONCERNS} - modules)
    assert not missing, f"no test module requests the patterns of {missing}"


def test_both_stores_have_an_object_of_every_kind(mine, theirs):
    kinds = {
        kind
        for plan in PLANS
        for _, plan_kinds, query_kind in plan.choices
        for kind in [*plan_kinds.values(), query_kind]
        if kind
    }
    for side in (mine, theirs):
        missing = kinds - set(side.objects) - {"page", "revision", "first_revision"}
        assert not missing, f"store {side.store.slug} has no object of kinds {sorted(missing)}"

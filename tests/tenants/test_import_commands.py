"""The CSV commands: ``import_products`` and ``import_stock`` exit 0 only when the file was
applied (or would apply, with ``--dry-run``) and otherwise exit 1 with each refused row on
stderr; ``export_products`` writes what ``import_products`` reads back unchanged."""

from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.management import execute_from_command_line
from django.db import connections

from shop.models import Product, StockLevel, StockMovement
from tenancy.scope import store_scope
from tests.shop.factories import stocked_product

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parents[1] / "shop" / "fixtures" / "csv"


def run(*argv) -> int:
    """Run a command as ``manage.py`` does; its exit status. (The command's closing of the
    database connections at the end is skipped: the test's transaction is still open.)"""
    with patch.object(connections, "close_all"):
        try:
            execute_from_command_line(["manage.py", *argv])
        except SystemExit as exit:
            return exit.code
    return 0


def product_count(store) -> int:
    with store_scope([store.site.pk]):
        return Product.objects.count()


def test_import_applies_a_clean_file_and_exits_0(store, capsys):
    status = run("import_products", store.slug, str(FIXTURES / "shopify_products.csv"))

    out = capsys.readouterr()
    assert status == 0
    assert "3 created" in out.out
    assert "not in the storefront" in out.out
    assert "Barcode “8.71E+12”" in out.err
    assert product_count(store) == 3


def test_a_dry_run_writes_nothing_and_exits_0_when_the_file_would_apply(store, capsys):
    status = run("import_products", store.slug, str(FIXTURES / "shopify_products.csv"), "--dry-run")

    assert status == 0
    assert "would import cleanly" in capsys.readouterr().out
    assert product_count(store) == 0


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_refused_rows_exit_1_with_each_reason_on_stderr(store, capsys, dry_run):
    status = run("import_products", store.slug, str(FIXTURES / "shopify_bad_rows.csv"), *dry_run)

    err = capsys.readouterr().err
    assert status == 1
    assert "7 row(s) refused: nothing was imported" in err
    assert "Row 4 (bad-price): Variant Price “twelve” is not a number." in err
    assert "Row 10 (four-options)" in err
    assert product_count(store) == 0


def test_an_unknown_store_or_file_exits_1(store, capsys, tmp_path):
    assert run("import_products", "no-such-store", str(FIXTURES / "stock_take.csv")) == 1
    assert "No store has the slug “no-such-store”" in capsys.readouterr().err
    assert run("import_products", store.slug, str(tmp_path / "missing.csv")) == 1
    assert "Cannot read" in capsys.readouterr().err
    assert run("import_products", store.slug, str(FIXTURES / "stock_take.csv")) == 1
    assert "no Handle column" in capsys.readouterr().err


def test_export_then_import_round_trips_with_no_change(store, tmp_path, capsys):
    assert run("import_products", store.slug, str(FIXTURES / "shopify_products.csv")) == 0
    stocked_product(site=store.site, title="Desk Lamp", handle="desk-lamp")
    exported = tmp_path / "export.csv"

    assert run("export_products", store.slug, str(exported)) == 0
    assert "Exported 4 product(s)" in capsys.readouterr().out
    with store_scope([store.site.pk]):
        before = (
            list(Product.objects.order_by("pk").values()),
            StockMovement.objects.count(),
        )
    assert run("import_products", store.slug, str(exported)) == 0
    assert "0 created, 0 updated, 4 unchanged" in capsys.readouterr().out
    with store_scope([store.site.pk]):
        after = (list(Product.objects.order_by("pk").values()), StockMovement.objects.count())
    assert after == before


def test_a_stock_take_sets_on_hand_through_the_ledger(store, capsys):
    run("import_products", store.slug, str(FIXTURES / "shopify_products.csv"))
    capsys.readouterr()

    assert run("import_stock", store.slug, str(FIXTURES / "stock_take.csv")) == 0

    out = capsys.readouterr()
    assert "2 count(s) changed" in out.out
    assert "does not count its stock" in out.err  # the gift card
    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant__sku="LS-S-SAND").on_hand == 20
        movement = StockMovement.objects.filter(variant__sku="LS-S-SAND").first()
        assert (movement.quantity, movement.reason, movement.note) == (
            8,
            "adjustment",
            "stock take",
        )


def test_a_stock_take_with_unknown_skus_changes_nothing_and_exits_1(store, capsys):
    run("import_products", store.slug, str(FIXTURES / "shopify_products.csv"))
    capsys.readouterr()

    assert run("import_stock", store.slug, str(FIXTURES / "stock_take_bad.csv")) == 1

    err = capsys.readouterr().err
    assert "Row 3 (NO-SUCH-SKU): No variant of the store has the SKU “NO-SUCH-SKU”." in err
    assert "Row 4 (LS-M-NAVY): Quantity “-1” is negative." in err
    assert "Row 5 (LS-S-SAND): SKU “LS-S-SAND” is already counted on row 2." in err
    assert "Row 6 (no SKU): The row has no SKU." in err
    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant__sku="LS-S-SAND").on_hand == 12
    assert run("import_stock", store.slug, str(FIXTURES / "stock_take.csv"), "--dry-run") == 0
    with store_scope([store.site.pk]):
        assert StockLevel.objects.get(variant__sku="LS-S-SAND").on_hand == 12

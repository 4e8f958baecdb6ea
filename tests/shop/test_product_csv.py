"""Importing Shopify's product CSV: variants on continuation rows, image-only rows, the
"Default Title" option, numbers in scientific notation, a byte-order mark, HTML cleaned;
bad rows each reported with nothing written; a second import changes nothing; an export
imports back unchanged."""

import io
from decimal import Decimal
from pathlib import Path

import pytest

from shop.models import (
    PendingProductImage,
    Product,
    ProductTag,
    ProductVariant,
    StockLevel,
    StockMovement,
)
from shop.product_csv import (
    FileRefused,
    ImportRefused,
    apply_plan,
    decode,
    plan_products,
    write_csv,
)
from tests.shop.factories import stocked_product

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


def fixture_text(name: str) -> str:
    return decode((FIXTURES / name).read_bytes())


def import_file(store, text, name="products.csv"):
    plan = plan_products(site_id=store.site.pk, text=text, file_name=name)
    return apply_plan(plan=plan, site_id=store.site.pk)


def catalog_state():
    """Everything an import may write, to compare before and after."""
    return {
        "products": list(Product.objects.order_by("pk").values()),
        "variants": list(ProductVariant.objects.order_by("pk").values()),
        "levels": list(StockLevel.objects.order_by("pk").values()),
        "movements": StockMovement.objects.count(),
        "tags": list(Product.tags.through.objects.order_by("pk").values()),
        "store_tags": ProductTag.objects.count(),
        "pending": list(PendingProductImage.objects.order_by("pk").values()),
    }


def test_a_shopify_export_with_variants_images_and_default_title_is_imported(store, in_store_scope):
    text = fixture_text("shopify_products.csv")
    plan = plan_products(site_id=store.site.pk, text=text, file_name="shopify_products.csv")

    assert plan.ok, plan.problems()
    assert [w.data.handle for w in plan.created] == ["linen-shirt", "enamel-mug", "gift-card"]
    apply_plan(plan=plan, site_id=store.site.pk)

    shirt = Product.objects.get(handle="linen-shirt")
    assert shirt.title == "Linen Shirt"
    assert shirt.option_names == ["Size", "Colour"]
    assert shirt.product_type == "Shirts"
    assert shirt.seo_title == "Linen Shirt – Fjord"
    assert shirt.status == Product.Status.ACTIVE
    # Script and event handler gone; <strong> is the editor's <b>.
    assert shirt.description == "<p>Breathable <b>linen</b>, cut loose.</p><p>Washes well.</p>"
    assert sorted(t.name for t in shirt.tags.all()) == ["Gift ideas", "linen", "summer"]
    variants = {v.sku: v for v in shirt.variants.select_related("stock")}
    assert list(variants) == ["LS-S-SAND", "LS-S-NAVY", "LS-M-SAND", "LS-M-NAVY"]
    assert variants["LS-S-NAVY"].options == {"Size": "S", "Colour": "Navy"}
    assert variants["LS-S-SAND"].compare_at_price == Decimal("59.00")
    assert variants["LS-S-SAND"].cost == Decimal("18.50")
    assert variants["LS-S-SAND"].barcode == "4006381333931"
    assert variants["LS-M-SAND"].price == Decimal("49.00")  # "4.9E+1"
    assert variants["LS-M-SAND"].stock.policy == StockLevel.Policy.CONTINUE
    assert {sku: v.stock.on_hand for sku, v in variants.items()} == {
        "LS-S-SAND": 12,
        "LS-S-NAVY": 3,
        "LS-M-SAND": 0,
        "LS-M-NAVY": 7,
    }
    pictures = list(shirt.pending_images.values_list("position", "src", "alt_text"))
    assert [(p, alt) for p, _, alt in pictures] == [
        (1, "Linen shirt in sand"),
        (2, "Linen shirt in navy"),
        (3, "Stitching detail"),
    ]

    mug = Product.objects.get(handle="enamel-mug")
    assert mug.option_names == []
    assert mug.status == Product.Status.DRAFT
    assert mug.description == "<p>Holds 350 ml. Chips with character.</p>"
    (cup,) = mug.variants.all()
    assert cup.options == {}
    assert cup.sku == "ENAMEL-MUG"  # Shopify left it empty
    assert cup.price == Decimal("15.00")  # "1.5E+1"
    assert cup.weight_grams == 150
    assert mug.pending_images.count() == 2

    gift = Product.objects.get(handle="gift-card")
    assert not any(v.track_inventory for v in gift.variants.all())


def test_stock_is_set_through_the_ledger_with_a_note_naming_the_file(store, in_store_scope):
    import_file(store, fixture_text("shopify_products.csv"), name="shopify_products.csv")

    movements = StockMovement.objects.filter(variant__sku="LS-S-SAND")
    assert [(m.quantity, m.balance_after, m.reason, m.note) for m in movements] == [
        (12, 12, "adjustment", "Import of shopify_products.csv")
    ]
    # Zero on hand, and untracked gift cards: no ledger line.
    assert not StockMovement.objects.filter(variant__sku__in=["LS-M-SAND", "GIFT-25"]).exists()


def test_a_barcode_in_scientific_notation_is_reported_as_lossy_and_not_written(
    store, in_store_scope
):
    plan = plan_products(site_id=store.site.pk, text=fixture_text("shopify_products.csv"))

    (warning,) = [w for w in plan.warnings if "Barcode" in w.reason]
    assert warning.row == 3
    assert "8.71E+12" in warning.reason
    assert "lost its last digits" in warning.reason
    apply_plan(plan=plan, site_id=store.site.pk)
    assert ProductVariant.objects.get(sku="LS-S-NAVY").barcode == ""


def test_importing_the_same_file_twice_changes_nothing_the_second_time(store, in_store_scope):
    text = fixture_text("shopify_products.csv")
    import_file(store, text)
    before = catalog_state()

    plan = plan_products(site_id=store.site.pk, text=text)
    assert not plan.created and not plan.updated
    assert len(plan.unchanged) == 3
    apply_plan(plan=plan, site_id=store.site.pk)

    assert catalog_state() == before


def test_bad_rows_are_each_reported_and_nothing_is_written(store, in_store_scope):
    stocked_product(
        site=store.site, title="Existing", handle="existing", variants=[{"sku": "EXISTING-1"}]
    )
    before = catalog_state()
    plan = plan_products(site_id=store.site.pk, text=fixture_text("shopify_bad_rows.csv"))

    reasons = {r.row: r.reason for r in plan.rejected}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9, 10}
    assert "no Handle" in reasons[3]
    assert "“twelve” is not a number" in reasons[4]
    assert "SKU “LAMP-1” is already on row 2 (product good-lamp)" in reasons[5]
    assert "belongs to another product of the store, “existing”" in reasons[6]
    assert "Title is 300 characters long; at most 255" in reasons[7]
    assert "negative" in reasons[8]
    assert "needs a Title" in reasons[9]
    assert "at most 3 options" in reasons[10]
    with pytest.raises(ImportRefused) as refused:
        apply_plan(plan=plan, site_id=store.site.pk)
    assert "Row 3" in str(refused.value)
    assert catalog_state() == before


def test_an_existing_product_is_updated_only_where_the_file_differs(store, in_store_scope):
    import_file(store, fixture_text("shopify_products.csv"))
    mug = Product.objects.get(handle="enamel-mug")
    stamp = mug.updated_at
    shirt_stamp = Product.objects.get(handle="linen-shirt").updated_at
    text = fixture_text("shopify_products.csv").replace("Enamel Mug", "Enamel Camp Mug")
    text = text.replace("LS-M-NAVY,240,shopify,7", "LS-M-NAVY,240,shopify,9")

    plan = plan_products(site_id=store.site.pk, text=text)
    assert [(w.data.handle, w.describe()) for w in plan.updated] == [
        ("linen-shirt", ["stock of LS-M-NAVY 7 → 9"]),
        ("enamel-mug", ["title"]),
    ]
    apply_plan(plan=plan, site_id=store.site.pk)

    mug.refresh_from_db()
    assert mug.title == "Enamel Camp Mug"
    assert mug.updated_at > stamp
    assert Product.objects.get(handle="linen-shirt").updated_at == shirt_stamp
    assert StockLevel.objects.get(variant__sku="LS-M-NAVY").on_hand == 9
    assert StockMovement.objects.filter(variant__sku="LS-M-NAVY").count() == 2


def test_export_then_import_changes_nothing(store, in_store_scope):
    import_file(store, fixture_text("shopify_products.csv"))
    stocked_product(
        site=store.site,
        title="Hand-made Lamp",
        handle="lamp",
        variants=[{"sku": "LAMP-RED", "price": "20.00", "options": {}}],
    )
    out = io.StringIO()
    assert write_csv(out, site_id=store.site.pk) == 4
    before = catalog_state()

    plan = plan_products(site_id=store.site.pk, text=out.getvalue())
    assert plan.ok, plan.problems()
    assert not plan.created and not plan.updated, plan.report()
    apply_plan(plan=plan, site_id=store.site.pk)
    assert catalog_state() == before


def test_tags_are_made_in_the_importing_store_only(store, other_store, in_store_scope):
    import_file(store, fixture_text("shopify_products.csv"))

    assert set(ProductTag.objects.values_list("site_id", flat=True)) == {store.site.pk}
    assert sorted(ProductTag.objects.values_list("slug", flat=True)) == [
        "gift-ideas",
        "linen",
        "summer",
    ]


def test_a_file_without_a_handle_column_is_refused_as_a_whole(store, in_store_scope):
    with pytest.raises(FileRefused, match="no Handle column"):
        plan_products(site_id=store.site.pk, text="Name,Price\nLamp,10\n")


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(FileRefused, match="not UTF-8"):
        decode("Handle,Title\nlampe,Lampe à poser\n".encode("latin-1"))


def test_a_price_list_of_handles_and_skus_updates_only_the_prices(store, in_store_scope):
    import_file(store, fixture_text("shopify_products.csv"))
    shirt = Product.objects.get(handle="linen-shirt")
    description = shirt.description

    plan = plan_products(
        site_id=store.site.pk,
        text="Handle,Variant SKU,Variant Price\n"
        "linen-shirt,LS-S-SAND,45.00\n"
        "linen-shirt,LS-M-NAVY,49.00\n"
        "enamel-mug,ENAMEL-MUG,1.6E+1\n",
    )

    assert plan.ok, plan.problems()
    assert [(w.data.handle, w.describe()) for w in plan.updated] == [
        ("linen-shirt", ["LS-S-SAND: price"]),
        ("enamel-mug", ["ENAMEL-MUG: price"]),
    ]
    apply_plan(plan=plan, site_id=store.site.pk)
    assert ProductVariant.objects.get(sku="LS-S-SAND").price == Decimal("45.00")
    assert ProductVariant.objects.get(sku="ENAMEL-MUG").price == Decimal("16.00")
    shirt.refresh_from_db()
    assert shirt.description == description
    assert shirt.option_names == ["Size", "Colour"]


def test_a_new_variant_of_an_existing_product_is_added_after_the_others(store, in_store_scope):
    import_file(store, fixture_text("shopify_products.csv"))

    plan = plan_products(
        site_id=store.site.pk,
        text="Handle,Option1 Value,Option2 Value,Variant SKU,Variant Price,Variant Inventory Qty\n"
        "linen-shirt,L,Sand,LS-L-SAND,52.00,4\n",
    )
    apply_plan(plan=plan, site_id=store.site.pk)

    skus = list(Product.objects.get(handle="linen-shirt").variants.values_list("sku", flat=True))
    assert skus == ["LS-S-SAND", "LS-S-NAVY", "LS-M-SAND", "LS-M-NAVY", "LS-L-SAND"]
    new = ProductVariant.objects.select_related("stock").get(sku="LS-L-SAND")
    assert new.options == {"Size": "L", "Colour": "Sand"}
    assert new.stock.on_hand == 4
    assert StockMovement.objects.get(variant=new).note == "Import"


def test_a_description_with_editor_markup_is_not_seen_as_changed(store, in_store_scope):
    stocked_product(
        site=store.site,
        title="Lamp",
        handle="lamp",
        description='<p data-block-key="a1b2c">A <b>warm</b> light.</p>',
        variants=[{"sku": "LAMP-1", "price": "20.00"}],
    )

    plan = plan_products(
        site_id=store.site.pk,
        text='Handle,Title,Body (HTML)\nlamp,Lamp,"<p>A <strong>warm</strong> light.</p>"\n',
    )

    assert not plan.updated and len(plan.unchanged) == 1

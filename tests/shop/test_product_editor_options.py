"""The rules that lay a product's variant rows over its options (``shop.product_options``),
the same in the form and in the editor's script."""

from types import SimpleNamespace

from shop.product_options import (
    FALLBACK_OPTION,
    Option,
    arrange_rows,
    combinations,
    product_options,
    split_values,
)


def _row(key, **fields):
    return {"key": tuple(key), "id": fields.pop("id", ""), "price": "10.00", **fields}


SIZE = Option("Size", ("S", "M"))
COLOUR = Option("Colour", ("Red", "Blue"))


def test_values_are_split_on_commas_tidied_and_deduplicated_in_any_case():
    assert split_values(" S,M ,  s, Extra  large,,") == ("S", "M", "Extra large")


def test_every_combination_in_order_and_one_without_options():
    assert combinations([SIZE, COLOUR]) == [
        ("S", "Red"),
        ("S", "Blue"),
        ("M", "Red"),
        ("M", "Blue"),
    ]
    assert combinations([]) == [()]


def test_a_new_value_adds_rows_copying_the_first_rows_price_and_keeps_the_others():
    rows = [_row(["S"], id="1", sku="A", price="12.00", on_hand="4"), _row(["M"], id="2")]

    arranged = arrange_rows(rows, [Option("Size", ("S", "M", "L"))], complete=True)

    assert [(r["key"], r["id"]) for r in arranged] == [(("S",), "1"), (("M",), "2"), (("L",), "")]
    assert arranged[0]["sku"] == "A" and arranged[0]["on_hand"] == "4"
    assert (arranged[2]["price"], arranged[2]["sku"], arranged[2]["on_hand"]) == ("12.00", "", "0")


def test_a_new_option_gives_existing_rows_its_first_value():
    rows = [_row(["S"], id="1"), _row(["M"], id="2")]

    arranged = arrange_rows(rows, [SIZE, COLOUR], complete=True)

    assert {r["key"]: r["id"] for r in arranged} == {
        ("S", "Red"): "1",
        ("S", "Blue"): "",
        ("M", "Red"): "2",
        ("M", "Blue"): "",
    }


def test_a_removed_option_merges_rows_into_the_first_with_the_remaining_values():
    rows = [_row(k, id=str(n)) for n, k in enumerate(combinations([SIZE, COLOUR]), 1)]

    arranged = arrange_rows(rows, [COLOUR], complete=True)

    assert {r["key"]: r["id"] for r in arranged} == {("Red",): "1", ("Blue",): "2"}


def test_unchanged_options_keep_the_rows_as_posted_even_when_combinations_are_missing():
    rows = [_row(["S", "Red"], id="1"), _row(["M", "Blue"], id="2")]

    arranged = arrange_rows(rows, [SIZE, COLOUR], complete=False)

    assert [r["id"] for r in arranged] == ["1", "2"]


def _variant(pk, sku, **options):
    return SimpleNamespace(pk=pk, sku=sku, options=options)


def test_variants_not_told_apart_by_their_options_are_told_apart_by_sku():
    product = SimpleNamespace(option_names=[])
    variants = [_variant(1, "LAMP-S"), _variant(2, "LAMP-L")]

    options, keys = product_options(product, variants)

    assert options == [Option(FALLBACK_OPTION, ("LAMP-S", "LAMP-L"))]
    assert keys == {1: ("LAMP-S",), 2: ("LAMP-L",)}


def test_options_the_product_does_not_name_are_kept():
    product = SimpleNamespace(option_names=["Size"])
    variants = [_variant(1, "A", Size="S", Colour="Red"), _variant(2, "B", Size="S", Colour="Blue")]

    options, keys = product_options(product, variants)

    assert options == [Option("Size", ("S",)), Option("Colour", ("Red", "Blue"))]
    assert keys == {1: ("S", "Red"), 2: ("S", "Blue")}

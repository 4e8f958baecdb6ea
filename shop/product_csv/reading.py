"""Turning an uploaded file into text and rows: UTF-8 (with or without a byte-order mark),
comma-separated, a header row naming the columns.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first product
row 2 (a cell spanning several lines, as descriptions do, is still one row).
"""

import csv
import io
from dataclasses import dataclass

# The largest file the admin takes, and the most rows any file may have.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
# A description of a few pages fits; one cell of a megabyte is not a product description.
csv.field_size_limit(1024 * 1024)


class FileRefused(ValueError):
    """The file as a whole cannot be read; its message says why."""


def decode(data: bytes) -> str:
    """The file's text. UTF-8 only (Shopify writes nothing else); a byte-order mark, as a
    spreadsheet saving "CSV UTF-8" adds, is dropped."""
    if b"\x00" in data[:4096]:
        raise FileRefused("This is not a CSV file (it holds binary data).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"The file is not UTF-8 text (a byte at position {error.start} cannot be read). "
            "Save it as “CSV UTF-8” and upload it again."
        ) from None
    return text.lstrip("\ufeff")


@dataclass
class Table:
    """The rows of a file, each a dict of the known columns it has, by their canonical
    names, with the row's spreadsheet number."""

    columns: set[str]
    rows: list[tuple[int, dict[str, str]]]
    ignored_columns: list[str]


def read_table(text: str, *, known, required) -> Table:
    """Read the header and rows. ``known`` are the canonical column names; ``required``
    those without which the file means nothing (FileRefused names the missing ones)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FileRefused("The file is empty.") from None
    except csv.Error as error:
        raise FileRefused(f"The file is not valid CSV: {error}.") from None
    by_key = {name.lower(): name for name in known}
    positions, ignored = {}, []
    for index, cell in enumerate(header):
        name = by_key.get(cell.strip().lstrip("\ufeff").lower())
        if name and name not in positions:
            positions[name] = index
        elif cell.strip():
            ignored.append(cell.strip())
    missing = [name for name in required if name not in positions]
    if missing:
        raise FileRefused(
            f"The header row has no {', '.join(missing)} column: is this the right file? "
            f"The first row must name the columns ({', '.join(required)}...)."
        )
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                raise FileRefused(f"The file has more than {MAX_ROWS:,} rows: split it.")
            if not any(cell.strip() for cell in cells):
                continue
            rows.append(
                (
                    number,
                    {
                        name: cells[index].strip() if index < len(cells) else ""
                        for name, index in positions.items()
                    },
                )
            )
    except csv.Error as error:
        raise FileRefused(
            f"The file is not valid CSV near row {reader.line_num}: {error}."
        ) from None
    return Table(set(positions), rows, ignored)

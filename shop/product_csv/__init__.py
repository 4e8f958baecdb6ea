"""Shopify-compatible product CSV import and export, and the stock-take CSV.

- ``reading``: the file's text and rows (UTF-8, byte-order mark, the header).
- ``parse``: Shopify's rows grouped into products, variants and pictures, values read.
- ``plan``: what a file would create, update and refuse in a store (the dry run).
- ``apply``: the plan written, all of it or nothing, in bulk; stock through the service.
- ``export``: the store's products in the same format (export then import changes nothing).
- ``stock_take``: SKU and Quantity, setting what is on hand.

Callers (the admin's import screens through ``shop.tasks``, the ``import_products``,
``export_products`` and ``import_stock`` commands) open the store's scope first.
See docs/adr/0039-shopify-csv-import-and-export.md.
"""

from .apply import ImportRefused, apply_plan, import_note
from .export import export_rows, write_csv
from .plan import Plan, plan_products
from .reading import MAX_FILE_BYTES, FileRefused, decode
from .stock_take import StockTakePlan, apply_stock_take, plan_stock_take

__all__ = [
    "MAX_FILE_BYTES",
    "FileRefused",
    "ImportRefused",
    "Plan",
    "StockTakePlan",
    "apply_plan",
    "apply_stock_take",
    "decode",
    "export_rows",
    "import_note",
    "plan_products",
    "plan_stock_take",
    "write_csv",
]

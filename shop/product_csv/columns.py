"""The columns of Shopify's product CSV that the import reads and the export writes.

Headers are matched without regard to case or surrounding spaces; any other column is
read past (Shopify's own exports carry dozens: Google Shopping fields, gift card, weight
unit...). The export writes ``EXPORT_COLUMNS`` in this order, Shopify's.
"""

HANDLE = "Handle"
TITLE = "Title"
BODY = "Body (HTML)"
VENDOR = "Vendor"
PRODUCT_CATEGORY = "Product Category"
TYPE = "Type"
TAGS = "Tags"
PUBLISHED = "Published"
OPTION_NAMES = ("Option1 Name", "Option2 Name", "Option3 Name")
OPTION_VALUES = ("Option1 Value", "Option2 Value", "Option3 Value")
# Shopify has no fourth option: a file giving one is refused rather than cut short.
EXTRA_OPTION_COLUMNS = ("Option4 Name", "Option4 Value", "Option5 Name", "Option5 Value")
SKU = "Variant SKU"
GRAMS = "Variant Grams"
TRACKER = "Variant Inventory Tracker"
QUANTITY = "Variant Inventory Qty"
POLICY = "Variant Inventory Policy"
PRICE = "Variant Price"
COMPARE_AT = "Variant Compare At Price"
BARCODE = "Variant Barcode"
COST = "Cost per item"
IMAGE_SRC = "Image Src"
IMAGE_POSITION = "Image Position"
IMAGE_ALT = "Image Alt Text"
SEO_TITLE = "SEO Title"
SEO_DESCRIPTION = "SEO Description"
STATUS = "Status"

KNOWN = (
    HANDLE,
    TITLE,
    BODY,
    VENDOR,
    PRODUCT_CATEGORY,
    TYPE,
    TAGS,
    PUBLISHED,
    *OPTION_NAMES,
    *OPTION_VALUES,
    *EXTRA_OPTION_COLUMNS,
    SKU,
    GRAMS,
    TRACKER,
    QUANTITY,
    POLICY,
    PRICE,
    COMPARE_AT,
    BARCODE,
    COST,
    IMAGE_SRC,
    IMAGE_POSITION,
    IMAGE_ALT,
    SEO_TITLE,
    SEO_DESCRIPTION,
    STATUS,
)

EXPORT_COLUMNS = [
    HANDLE,
    TITLE,
    BODY,
    VENDOR,
    TYPE,
    TAGS,
    PUBLISHED,
    OPTION_NAMES[0],
    OPTION_VALUES[0],
    OPTION_NAMES[1],
    OPTION_VALUES[1],
    OPTION_NAMES[2],
    OPTION_VALUES[2],
    SKU,
    GRAMS,
    TRACKER,
    QUANTITY,
    POLICY,
    PRICE,
    COMPARE_AT,
    BARCODE,
    IMAGE_SRC,
    IMAGE_POSITION,
    IMAGE_ALT,
    SEO_TITLE,
    SEO_DESCRIPTION,
    COST,
    STATUS,
]

# Shopify's way of saying "this product has no options": one variant named so.
DEFAULT_OPTION_NAME = "Title"
DEFAULT_OPTION_VALUE = "Default Title"
# What Shopify writes in the tracker column of a variant whose stock is counted.
TRACKED = "shopify"

# The stock-take file.
STOCK_SKU = "SKU"
STOCK_QUANTITY = "Quantity"

"""The four demo stores as plain data: brand, theme, catalog and home page copy.

Nothing here touches the database; ``demo.seeding`` turns it into stores. Every
SKU is unique within its store, prices are Decimal strings in the store's currency, and
``stock`` is the on-hand quantity the seeder restocks to (0 means sold out).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class VariantSpec:
    sku: str
    price: str
    stock: int = 12
    options: dict[str, str] = field(default_factory=dict)
    compare_at_price: str | None = None


@dataclass(frozen=True)
class ProductSpec:
    handle: str
    title: str
    vendor: str
    product_type: str
    description: str
    shape: str  # a shape of demo.images
    colours: tuple[str, ...]  # the object's colour in each picture: one picture per colour
    variants: tuple[VariantSpec, ...]
    tags: tuple[str, ...] = ()  # the product's tags in its store


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    title: str
    intro: str
    products: tuple[ProductSpec, ...]


@dataclass(frozen=True)
class Palette:
    """Picture colours: background gradients (top, bottom) and the metal/trim colour."""

    backgrounds: tuple[tuple[str, str], ...]
    detail: str


@dataclass(frozen=True)
class HomeSpec:
    """Copy of the home page blocks. Categories are named by slug, products by handle."""

    hero_heading: str
    hero_subheading: str
    hero_button: str
    hero_category: str
    featured_heading: str
    featured_category: str
    story_heading: str
    story: str
    picked_heading: str
    picked: tuple[str, ...]
    cta_heading: str
    cta_text: str
    cta_button: str
    cta_category: str
    closing: str


@dataclass(frozen=True)
class StoreSpec:
    slug: str
    name: str
    preset: str
    currency: str
    tagline: str
    owner_email: str
    owner_password: str  # demo only
    contact_email: str
    flat_shipping_rate: str
    free_shipping_threshold: str
    palette: Palette
    home: HomeSpec
    about: str
    categories: tuple[CategorySpec, ...]
    theme_colours: dict[str, str] = field(default_factory=dict)
    country: str = "NO"  # the store's own country, an ISO 3166-1 alpha-2 code
    selling_countries: tuple[str, ...] = ()  # other countries it ships to
    locale: str = "en-GB"  # how the store writes amounts (shop.money.LOCALES)
    prices_include_tax: bool = True
    tax_rate: str = "0"  # percent
    pickup_address: str = ""  # a local pickup rate at home, when set


def variant(sku: str, price: str, *, stock: int = 12, was: str | None = None, **options):
    """A VariantSpec; keyword options become the variant's options ({"Size": "M"})."""
    return VariantSpec(sku=sku, price=price, stock=stock, options=options, compare_at_price=was)


def colour_variants(prefix: str, price: str, stocks: dict[str, int], *, was: str | None = None):
    """One variant per colour, SKU ``<prefix>-<first three letters>``."""
    return tuple(
        variant(f"{prefix}-{colour[:3].upper()}", price, stock=stock, was=was, Colour=colour)
        for colour, stock in stocks.items()
    )


def size_variants(prefix: str, price: str, stocks: dict[str, int], *, name: str = "Size"):
    """One variant per size, SKU ``<prefix>-<size>``."""
    return tuple(
        VariantSpec(
            sku=f"{prefix}-{size.replace(' ', '').replace('.', '').upper()}",
            price=price,
            stock=stock,
            options={name: size},
        )
        for size, stock in stocks.items()
    )


# --- Fjord: Scandinavian homeware, minimal preset, NOK --------------------------------

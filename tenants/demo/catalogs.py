"""The four demo stores as plain data: brand, theme, catalog and home page copy.

Nothing here touches the database; ``tenants.demo.seeding`` turns it into stores. Every
SKU is unique within its store, prices are Decimal strings in the store's currency, and
``stock`` is the on-hand quantity the seeder restocks to (0 means sold out).
"""

from dataclasses import dataclass, field

from themes.presets import Preset


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
    shape: str  # a shape of tenants.demo.images
    colours: tuple[str, ...]  # the object's colour in each picture: one picture per colour
    variants: tuple[VariantSpec, ...]


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

_BLUE, _SNOW, _MOSS, _CLAY = "#4a6d8c", "#ece7df", "#6f7d5c", "#c47a5a"
_SAND, _CHARCOAL, _OAT, _SAGE, _OAK = "#d8c6a8", "#3b3d40", "#cbbd9f", "#9aab94", "#b08b5b"

FJORD = StoreSpec(
    slug="fjord",
    name="Fjord Living",
    preset=Preset.MINIMAL,
    currency="NOK",
    tagline="Quiet objects for everyday rituals.",
    owner_email="merchant@fjord.example",
    owner_password="fjord-demo",  # noqa: S106 - a published demo login
    contact_email="hello@fjord.example",
    flat_shipping_rate="99.00",
    free_shipping_threshold="1000.00",
    palette=Palette(
        backgrounds=(
            ("#f3f1ed", "#dcd8d0"),
            ("#eef2f4", "#d3dde2"),
            ("#f1efe9", "#d9d4c8"),
            ("#e9eeea", "#cfd8d1"),
        ),
        detail=_OAK,
    ),
    theme_colours={"accent_color": _BLUE},
    home=HomeSpec(
        hero_heading="Made by hand, made to last",
        hero_subheading="Stoneware, wool and light, made by hand in small Norwegian studios.",
        hero_button="Shop ceramics",
        hero_category="ceramics",
        featured_heading="From the studio",
        featured_category="ceramics",
        story_heading="Made slowly, by the fjord",
        story=(
            "<p>Every piece we sell comes from a maker we have visited: a potter in "
            "Hardanger, a weaver in Setesdal, a carpenter on the island of Tjøme.</p>"
            "<p>We buy in small batches, pay fairly and ship in recycled paper.</p>"
        ),
        picked_heading="For the long evenings",
        picked=("ull-wool-throw", "nord-table-lamp", "glod-beeswax-candles", "eik-cutting-board"),
        cta_heading="Free delivery over kr 1 000",
        cta_text="On every order within Norway, with free returns for 30 days.",
        cta_button="Browse textiles",
        cta_category="textiles",
        closing=(
            "<h2>Caring for handmade things</h2>"
            "<p>Stoneware likes warm water and a soft brush. Wool needs little more than "
            "fresh air. Oil oak boards once a month, and they will outlive us all.</p>"
        ),
    ),
    about=(
        "<h2>About Fjord Living</h2>"
        "<p>Fjord Living began in 2016 as a market stall in Bergen. Today we work with "
        "eleven studios along the west coast of Norway.</p>"
        "<p>We keep our range small on purpose: things that are useful, beautiful and "
        "made to last.</p>"
    ),
    categories=(
        CategorySpec(
            slug="ceramics",
            title="Ceramics",
            intro="<p>Wheel-thrown stoneware from small studios along the west coast.</p>",
            products=(
                ProductSpec(
                    handle="hav-stoneware-mug",
                    title="Hav Stoneware Mug",
                    vendor="Studio Hav",
                    product_type="Mug",
                    description=(
                        "<p>A generous 350 ml mug thrown in speckled stoneware and dipped in "
                        "a satin glaze. Dishwasher and microwave safe.</p>"
                    ),
                    shape="mug",
                    colours=(_BLUE, _SNOW),
                    variants=(
                        variant("FJ-MUG-BLU", "249.00", stock=14, Colour="Fjord Blue"),
                        variant("FJ-MUG-SNW", "249.00", stock=3, Colour="Snow"),
                        variant("FJ-MUG-MOS", "249.00", stock=8, Colour="Moss"),
                    ),
                ),
                ProductSpec(
                    handle="tind-vase-tall",
                    title="Tind Vase, Tall",
                    vendor="Tind Keramikk",
                    product_type="Vase",
                    description=(
                        "<p>A 32 cm vase with a narrow neck for single stems and dried "
                        "grasses. Raw clay outside, glazed inside to hold water.</p>"
                    ),
                    shape="vase",
                    colours=(_CLAY,),
                    variants=(variant("FJ-VAS-TAL", "690.00", stock=6, was="850.00"),),
                ),
                ProductSpec(
                    handle="tind-vase-small",
                    title="Tind Vase, Small",
                    vendor="Tind Keramikk",
                    product_type="Vase",
                    description=(
                        "<p>The little sister of our tall Tind vase: 14 cm, for a handful "
                        "of wild flowers on the windowsill.</p>"
                    ),
                    shape="carafe",
                    colours=(_SAND,),
                    variants=(variant("FJ-VAS-SML", "420.00", stock=10),),
                ),
                ProductSpec(
                    handle="lys-serving-bowl",
                    title="Lys Serving Bowl",
                    vendor="Studio Hav",
                    product_type="Bowl",
                    description=(
                        "<p>A wide, shallow bowl for salads and bread, 28 cm across, glazed "
                        "in a milky white that lets the clay show at the rim.</p>"
                    ),
                    shape="bowl",
                    colours=(_SNOW,),
                    variants=(variant("FJ-BWL-LYS", "540.00", stock=2),),
                ),
                ProductSpec(
                    handle="stille-dinner-plates",
                    title="Stille Dinner Plates, Set of 4",
                    vendor="Tind Keramikk",
                    product_type="Plate",
                    description=(
                        "<p>Four 27 cm plates in a soft sage glaze. Each one is a little "
                        "different: that is the point.</p>"
                    ),
                    shape="plate",
                    colours=(_SAGE,),
                    variants=(variant("FJ-PLT-STL", "880.00", stock=7),),
                ),
                ProductSpec(
                    handle="berg-espresso-cups",
                    title="Berg Espresso Cups, Pair",
                    vendor="Studio Hav",
                    product_type="Cup",
                    description=(
                        "<p>Two 90 ml cups with saucers in a deep charcoal glaze. Back in "
                        "the kiln soon.</p>"
                    ),
                    shape="cup",
                    colours=(_CHARCOAL,),
                    variants=(variant("FJ-CUP-BRG", "320.00", stock=0),),
                ),
            ),
        ),
        CategorySpec(
            slug="textiles",
            title="Textiles",
            intro="<p>Wool, linen and sheepskin, woven and tanned in Norway.</p>",
            products=(
                ProductSpec(
                    handle="ull-wool-throw",
                    title="Ull Wool Throw",
                    vendor="Vev & Co",
                    product_type="Throw",
                    description=(
                        "<p>Woven from the wool of Norwegian Spæl sheep, 130 × 180 cm, "
                        "with a hand-knotted fringe.</p>"
                    ),
                    shape="folded",
                    colours=(_OAT, _CHARCOAL),
                    variants=colour_variants("FJ-THR", "1490.00", {"Oat": 9, "Charcoal": 4}),
                ),
                ProductSpec(
                    handle="linen-napkins",
                    title="Linen Napkins, Set of 4",
                    vendor="Vev & Co",
                    product_type="Napkin",
                    description=(
                        "<p>Stone-washed linen napkins, 45 × 45 cm, that get softer with "
                        "every wash.</p>"
                    ),
                    shape="folded",
                    colours=(_SAND, _SAGE),
                    variants=(
                        variant("FJ-NAP-SND", "390.00", stock=11, Colour="Sand"),
                        variant("FJ-NAP-SGE", "350.00", stock=5, was="390.00", Colour="Sage"),
                    ),
                ),
                ProductSpec(
                    handle="sheepskin-seat-pad",
                    title="Sheepskin Seat Pad",
                    vendor="Fjellgård",
                    product_type="Seat pad",
                    description=(
                        "<p>A round, 40 cm seat pad of naturally tanned sheepskin for "
                        "chairs, benches and cold stone steps.</p>"
                    ),
                    shape="puck",
                    colours=(_SNOW,),
                    variants=(variant("FJ-SHP-PAD", "590.00", stock=1),),
                ),
                ProductSpec(
                    handle="lin-tea-towel",
                    title="Lin Tea Towel",
                    vendor="Vev & Co",
                    product_type="Tea towel",
                    description="<p>A heavy half-linen tea towel with a woven stripe.</p>",
                    shape="folded",
                    colours=(_BLUE,),
                    variants=(variant("FJ-TWL-LIN", "189.00", stock=25),),
                ),
            ),
        ),
        CategorySpec(
            slug="lighting",
            title="Lighting",
            intro="<p>Soft light for long evenings: lamps, candles and holders.</p>",
            products=(
                ProductSpec(
                    handle="nord-table-lamp",
                    title="Nord Table Lamp",
                    vendor="Lysverket",
                    product_type="Lamp",
                    description=(
                        "<p>A linen shade on a slim oak stem. Dimmable, with a braided "
                        "cotton cord.</p>"
                    ),
                    shape="lamp",
                    colours=(_SNOW, _CHARCOAL),
                    variants=colour_variants("FJ-LMP", "1890.00", {"White": 5, "Black": 2}),
                ),
                ProductSpec(
                    handle="glod-beeswax-candles",
                    title="Glød Beeswax Candles",
                    vendor="Bikuben",
                    product_type="Candle",
                    description=(
                        "<p>Pure Norwegian beeswax, poured by hand. They burn clean and "
                        "smell faintly of honey.</p>"
                    ),
                    shape="candle",
                    colours=(_SAND,),
                    variants=(
                        variant("FJ-CND-2", "189.00", stock=20, Pack="2 candles"),
                        variant("FJ-CND-4", "329.00", stock=12, Pack="4 candles"),
                    ),
                ),
                ProductSpec(
                    handle="fyr-candle-holder",
                    title="Fyr Candle Holder",
                    vendor="Lysverket",
                    product_type="Candle holder",
                    description="<p>A solid brass holder for a single dinner candle.</p>",
                    shape="tin",
                    colours=(_OAK,),
                    variants=(variant("FJ-HLD-FYR", "450.00", stock=12),),
                ),
                ProductSpec(
                    handle="skumring-pendant-lamp",
                    title="Skumring Pendant Lamp",
                    vendor="Lysverket",
                    product_type="Lamp",
                    description=(
                        "<p>A 40 cm pendant of pressed moss-green felt that softens sound "
                        "as well as light.</p>"
                    ),
                    shape="lamp",
                    colours=(_MOSS,),
                    variants=(variant("FJ-LMP-SKU", "2490.00", stock=3, was="2990.00"),),
                ),
            ),
        ),
        CategorySpec(
            slug="kitchen",
            title="Kitchen",
            intro="<p>Tools in oak and steel for slow breakfasts and long dinners.</p>",
            products=(
                ProductSpec(
                    handle="eik-cutting-board",
                    title="Eik Cutting Board",
                    vendor="Snekker Berg",
                    product_type="Cutting board",
                    description=(
                        "<p>End-grain oak, oiled by hand, with a leather hanging loop.</p>"
                    ),
                    shape="board",
                    colours=(_OAK,),
                    variants=(
                        variant("FJ-BRD-S", "490.00", stock=8, Size="Small"),
                        variant("FJ-BRD-L", "690.00", stock=0, Size="Large"),
                    ),
                ),
                ProductSpec(
                    handle="kaffe-pour-over-set",
                    title="Kaffe Pour-Over Set",
                    vendor="Studio Hav",
                    product_type="Coffee set",
                    description=(
                        "<p>A stoneware dripper and 600 ml carafe for two slow cups of "
                        "filter coffee.</p>"
                    ),
                    shape="teapot",
                    colours=(_SNOW,),
                    variants=(variant("FJ-COF-SET", "750.00", stock=6),),
                ),
            ),
        ),
    ),
)

# --- Aurora: tech accessories and streetwear, modern preset, USD ----------------------

_MIDNIGHT, _VIOLET, _LIME, _PINK = "#2a2f45", "#8b5cf6", "#a3e635", "#ec4899"
_ICE, _ORANGE, _CYAN = "#e5e7eb", "#f97316", "#22d3ee"

AURORA = StoreSpec(
    slug="aurora",
    name="Aurora Supply",
    preset=Preset.MODERN,
    currency="USD",
    tagline="Gear that glows after dark.",
    owner_email="merchant@aurora.example",
    owner_password="aurora-demo",  # noqa: S106 - a published demo login
    contact_email="crew@aurora.example",
    flat_shipping_rate="6.00",
    free_shipping_threshold="75.00",
    palette=Palette(
        backgrounds=(
            ("#1b1035", "#3a1c6b"),
            ("#0f172a", "#312e81"),
            ("#1e0b2e", "#5b1a5e"),
            ("#111827", "#1f3a5f"),
        ),
        detail=_LIME,
    ),
    theme_colours={"accent_color": _LIME},
    home=HomeSpec(
        hero_heading="Built for the night shift",
        hero_subheading="Headphones, chargers and heavyweight fits for people who stay up late.",
        hero_button="Shop audio",
        hero_category="audio",
        featured_heading="Turn it up",
        featured_category="audio",
        story_heading="Designed in Brooklyn, tested after midnight",
        story=(
            "<p>Aurora started with one question: why does good gear have to look so "
            "boring? We design every product in our Brooklyn studio and test it on real "
            "night buses, rooftops and late shifts.</p>"
        ),
        picked_heading="Staff picks",
        picked=("static-hoodie", "volt-power-bank", "vector-tech-backpack", "beam-speaker"),
        cta_heading="Free shipping on orders over $75",
        cta_text="Plus 60-day returns and a two-year warranty on every electronic.",
        cta_button="Shop power",
        cta_category="power",
        closing=(
            "<h2>Two-year warranty</h2>"
            "<p>If anything we make stops working, <b>we replace it</b>. No forms, no "
            "receipts, just an email to the crew.</p>"
        ),
    ),
    about=(
        "<h2>About Aurora Supply</h2>"
        "<p>We are a team of nine designers, engineers and night owls. We make fewer "
        "things, better, and we answer every email ourselves.</p>"
    ),
    categories=(
        CategorySpec(
            slug="audio",
            title="Audio",
            intro="<p>Sound that goes where you go.</p>",
            products=(
                ProductSpec(
                    handle="pulse-anc-headphones",
                    title="Pulse ANC Headphones",
                    vendor="Aurora Labs",
                    product_type="Headphones",
                    description=(
                        "<p>Active noise cancelling, 40 hours of battery and memory-foam "
                        "cushions that stay comfortable all night.</p>"
                    ),
                    shape="headphones",
                    colours=(_VIOLET, _ICE),
                    variants=colour_variants(
                        "AU-PLS", "189.00", {"Ultraviolet": 7, "Ice": 2}, was="229.00"
                    ),
                ),
                ProductSpec(
                    handle="orbit-wireless-earbuds",
                    title="Orbit Wireless Earbuds",
                    vendor="Aurora Labs",
                    product_type="Earbuds",
                    description=(
                        "<p>Tiny, sweat-proof earbuds with a pocket-sized charging case "
                        "good for 30 hours.</p>"
                    ),
                    shape="puck",
                    colours=(_ICE,),
                    variants=(variant("AU-ORB-WHT", "129.00", stock=18),),
                ),
                ProductSpec(
                    handle="beam-speaker",
                    title="Beam Portable Speaker",
                    vendor="Aurora Labs",
                    product_type="Speaker",
                    description=(
                        "<p>360° sound, a light ring that pulses with the beat and an IP67 "
                        "shell that floats.</p>"
                    ),
                    shape="speaker",
                    colours=(_PINK, _CYAN),
                    variants=(
                        variant("AU-BEM-PNK", "89.00", stock=10, Colour="Flamingo"),
                        variant("AU-BEM-CYN", "89.00", stock=6, Colour="Lagoon"),
                    ),
                ),
            ),
        ),
        CategorySpec(
            slug="power",
            title="Power",
            intro="<p>Charge everything, everywhere.</p>",
            products=(
                ProductSpec(
                    handle="flux-charging-pad",
                    title="Flux 3-in-1 Charging Pad",
                    vendor="Volt Theory",
                    product_type="Charger",
                    description="<p>Phone, earbuds and watch on one 15 W wireless pad.</p>",
                    shape="puck",
                    colours=(_MIDNIGHT,),
                    variants=(variant("AU-FLX-3IN1", "79.00", stock=22),),
                ),
                ProductSpec(
                    handle="volt-power-bank",
                    title="Volt 10K Power Bank",
                    vendor="Volt Theory",
                    product_type="Power bank",
                    description=(
                        "<p>10,000 mAh, 20 W USB-C fast charging and a battery gauge "
                        "that glows.</p>"
                    ),
                    shape="device",
                    colours=(_LIME, _MIDNIGHT),
                    variants=colour_variants("AU-VLT", "49.00", {"Lime": 3, "Black": 15}),
                ),
                ProductSpec(
                    handle="neon-braided-cable",
                    title="Neon Braided USB-C Cable",
                    vendor="Volt Theory",
                    product_type="Cable",
                    description="<p>Braided nylon, 100 W, bright enough to find in the dark.</p>",
                    shape="cable",
                    colours=(_PINK,),
                    variants=(
                        variant("AU-CBL-1M", "19.00", stock=30, Length="1 m"),
                        variant("AU-CBL-2M", "24.00", stock=17, Length="2 m"),
                    ),
                ),
                ProductSpec(
                    handle="trace-key-finder",
                    title="Trace Key Finder, 2-Pack",
                    vendor="Aurora Labs",
                    product_type="Tracker",
                    description=(
                        "<p>Clip one to your keys and one to your bag. Sold out: the next "
                        "batch is on its way.</p>"
                    ),
                    shape="puck",
                    colours=(_ORANGE,),
                    variants=(variant("AU-TRC-2PK", "25.00", stock=0),),
                ),
            ),
        ),
        CategorySpec(
            slug="apparel",
            title="Apparel",
            intro="<p>Heavyweight cotton and reflective details, made for night walks.</p>",
            products=(
                ProductSpec(
                    handle="static-hoodie",
                    title="Static Heavyweight Hoodie",
                    vendor="Aurora Studio",
                    product_type="Hoodie",
                    description=(
                        "<p>480 g brushed organic cotton, a double-layer hood and a "
                        "reflective logo on the back.</p>"
                    ),
                    shape="hoodie",
                    colours=(_VIOLET,),
                    variants=size_variants("AU-HOD", "89.00", {"S": 9, "M": 12, "L": 2, "XL": 0}),
                ),
                ProductSpec(
                    handle="signal-oversized-tee",
                    title="Signal Oversized Tee",
                    vendor="Aurora Studio",
                    product_type="T-shirt",
                    description="<p>A boxy, 240 g cotton tee with a glow-in-the-dark print.</p>",
                    shape="tee",
                    colours=(_LIME,),
                    variants=(
                        variant("AU-TEE-S", "35.00", stock=10, was="45.00", Size="S"),
                        variant("AU-TEE-M", "35.00", stock=14, was="45.00", Size="M"),
                        variant("AU-TEE-L", "35.00", stock=8, was="45.00", Size="L"),
                    ),
                ),
                ProductSpec(
                    handle="night-shift-cap",
                    title="Night Shift Cap",
                    vendor="Aurora Studio",
                    product_type="Cap",
                    description="<p>A five-panel cap in water-repellent nylon.</p>",
                    shape="cap",
                    colours=(_MIDNIGHT,),
                    variants=(variant("AU-CAP-NGT", "32.00", stock=20),),
                ),
                ProductSpec(
                    handle="reflect-windbreaker",
                    title="Reflect Windbreaker",
                    vendor="Aurora Studio",
                    product_type="Jacket",
                    description=(
                        "<p>A packable shell with fully reflective panels: invisible by "
                        "day, lit up in headlights.</p>"
                    ),
                    shape="hoodie",
                    colours=(_ORANGE,),
                    variants=size_variants("AU-WND", "129.00", {"M": 3, "L": 1}),
                ),
                ProductSpec(
                    handle="circuit-socks",
                    title="Circuit Socks, 3-Pack",
                    vendor="Aurora Studio",
                    product_type="Socks",
                    description="<p>Combed cotton socks with a circuit-board pattern.</p>",
                    shape="folded",
                    colours=(_CYAN,),
                    variants=(variant("AU-SCK-3PK", "18.00", stock=40),),
                ),
            ),
        ),
        CategorySpec(
            slug="carry",
            title="Carry",
            intro="<p>Bags and cases that keep up.</p>",
            products=(
                ProductSpec(
                    handle="vector-tech-backpack",
                    title="Vector Tech Backpack",
                    vendor="Grid Carry",
                    product_type="Backpack",
                    description=(
                        "<p>22 litres, a padded 16-inch laptop sleeve and a hidden "
                        "passport pocket.</p>"
                    ),
                    shape="backpack",
                    colours=(_MIDNIGHT, _VIOLET),
                    variants=colour_variants("AU-BPK", "149.00", {"Black": 6, "Violet": 4}),
                ),
                ProductSpec(
                    handle="grid-sling-bag",
                    title="Grid Sling Bag",
                    vendor="Grid Carry",
                    product_type="Bag",
                    description="<p>A cross-body bag for phone, keys and a power bank.</p>",
                    shape="bag",
                    colours=(_CYAN,),
                    variants=(variant("AU-SLG-GRD", "59.00", stock=13),),
                ),
                ProductSpec(
                    handle="shell-phone-case",
                    title="Shell Phone Case",
                    vendor="Grid Carry",
                    product_type="Phone case",
                    description="<p>A slim, shock-absorbing case with a translucent back.</p>",
                    shape="device",
                    colours=(_PINK,),
                    variants=size_variants(
                        "AU-SHL",
                        "29.00",
                        {"Phone 15": 12, "Phone 15 Pro": 7, "Phone 16": 3},
                        name="Model",
                    ),
                ),
            ),
        ),
    ),
)

# --- Heritage: books, stationery and tea, classic preset, GBP -------------------------

_NAVY, _OXBLOOD, _FOREST, _TAN = "#1e3a5f", "#6b1f24", "#2f4f3a", "#a9744f"
_IVORY, _MUSTARD, _INK, _TEAL = "#f1e9da", "#c9a227", "#1b1b1b", "#2c6e6a"

HERITAGE = StoreSpec(
    slug="heritage",
    name="Heritage & Co.",
    preset=Preset.CLASSIC,
    currency="GBP",
    tagline="Books, paper and tea, since 1894.",
    owner_email="merchant@heritage.example",
    owner_password="heritage-demo",  # noqa: S106 - a published demo login
    contact_email="shop@heritage.example",
    flat_shipping_rate="3.95",
    free_shipping_threshold="40.00",
    palette=Palette(
        backgrounds=(
            ("#f7f0e3", "#e6d6b8"),
            ("#f3ece0", "#dccbb0"),
            ("#efe6d6", "#d5c3a5"),
            ("#f5efe6", "#e2d3bf"),
        ),
        detail="#b48a3c",
    ),
    home=HomeSpec(
        hero_heading="A good book and a proper pot of tea",
        hero_subheading="New hardbacks, fine stationery and loose-leaf teas from our shop in Bath.",
        hero_button="Browse the books",
        hero_category="books",
        featured_heading="New on the shelves",
        featured_category="books",
        story_heading="Four generations on Milsom Street",
        story=(
            "<p>Heritage &amp; Co. opened its doors in 1894 as a stationer's. The books "
            "arrived in the twenties, the tea counter in the fifties, and the same family "
            "has minded the shop ever since.</p>"
        ),
        picked_heading="The writing desk",
        picked=("bound-leather-journal", "kingsley-fountain-pen", "wax-seal-kit", "bottled-ink"),
        cta_heading="Free UK delivery over £40",
        cta_text="Wrapped in brown paper and string, as it always has been.",
        cta_button="Visit the tea room",
        cta_category="tea",
        closing=(
            "<h2>Gift wrapping</h2>"
            "<p>Every order can be wrapped in our marbled paper with a handwritten card. "
            "Just leave a note at checkout.</p>"
        ),
    ),
    about=(
        "<h2>About Heritage &amp; Co.</h2>"
        "<p>We are booksellers, stationers and tea merchants in Bath. Our booksellers "
        "read everything they recommend, and our teas are blended in the back room.</p>"
    ),
    categories=(
        CategorySpec(
            slug="books",
            title="Books",
            intro="<p>New hardbacks and well-loved classics, chosen by our booksellers.</p>",
            products=(
                ProductSpec(
                    handle="the-garden-year",
                    title="The Garden Year",
                    vendor="Marlow & Finch",
                    product_type="Book",
                    description=(
                        "<p>A month-by-month companion for the kitchen garden, with "
                        "watercolours by the author. Hardback, 320 pages.</p>"
                    ),
                    shape="book",
                    colours=(_FOREST,),
                    variants=(variant("HE-BK-GARDEN", "24.00", stock=9),),
                ),
                ProductSpec(
                    handle="letters-of-a-country-parson",
                    title="Letters of a Country Parson",
                    vendor="Harrow Press",
                    product_type="Book",
                    description=(
                        "<p>Forty years of letters from a Somerset vicarage: gossip, "
                        "weather and remarkable marrows.</p>"
                    ),
                    shape="book",
                    colours=(_OXBLOOD,),
                    variants=(variant("HE-BK-PARSON", "18.99", stock=3),),
                ),
                ProductSpec(
                    handle="a-short-history-of-tea",
                    title="A Short History of Tea",
                    vendor="Marlow & Finch",
                    product_type="Book",
                    description=(
                        "<p>From Chinese imperial gardens to the British builder's brew, "
                        "in 200 lively pages.</p>"
                    ),
                    shape="book",
                    colours=(_TEAL,),
                    variants=(variant("HE-BK-TEAHIST", "14.99", stock=12, was="19.99"),),
                ),
                ProductSpec(
                    handle="maps-of-imagined-places",
                    title="Maps of Imagined Places",
                    vendor="Harrow Press",
                    product_type="Book",
                    description=(
                        "<p>Sixty maps of lands that never were, from Lilliput to "
                        "Middle-earth, with essays on how they were drawn.</p>"
                    ),
                    shape="book",
                    colours=(_NAVY, _MUSTARD),
                    variants=(
                        variant("HE-BK-MAPS-HB", "30.00", stock=5, Format="Hardback"),
                        variant("HE-BK-MAPS-PB", "16.00", stock=11, Format="Paperback"),
                    ),
                ),
                ProductSpec(
                    handle="evening-verses",
                    title="Evening Verses: An Anthology",
                    vendor="Harrow Press",
                    product_type="Book",
                    description=(
                        "<p>One hundred poems for the end of the day. Reprinting: back "
                        "in the spring.</p>"
                    ),
                    shape="book",
                    colours=(_INK,),
                    variants=(variant("HE-BK-VERSES", "12.00", stock=0),),
                ),
            ),
        ),
        CategorySpec(
            slug="stationery",
            title="Stationery",
            intro="<p>Paper, pens and the quiet pleasure of writing things down.</p>",
            products=(
                ProductSpec(
                    handle="bound-leather-journal",
                    title="Bound Leather Journal",
                    vendor="Ashby Bindery",
                    product_type="Journal",
                    description=(
                        "<p>Vegetable-tanned leather around 240 pages of cream, "
                        "fountain-pen-friendly paper. Sewn by hand in Cumbria.</p>"
                    ),
                    shape="notebook",
                    colours=(_OXBLOOD, _TAN),
                    variants=colour_variants("HE-JRN", "42.00", {"Oxblood": 6, "Tan": 2}),
                ),
                ProductSpec(
                    handle="kingsley-fountain-pen",
                    title="Kingsley Fountain Pen",
                    vendor="Kingsley & Sons",
                    product_type="Pen",
                    description=(
                        "<p>Black resin with a gold-plated steel nib. Takes cartridges or "
                        "the included converter.</p>"
                    ),
                    shape="pen",
                    colours=(_INK,),
                    variants=size_variants(
                        "HE-PEN", "65.00", {"Fine": 4, "Medium": 7, "Broad": 0}, name="Nib"
                    ),
                ),
                ProductSpec(
                    handle="letterpress-cards",
                    title="Letterpress Correspondence Cards",
                    vendor="Ashby Bindery",
                    product_type="Cards",
                    description=(
                        "<p>Ten cards and envelopes on 600 g cotton board, pressed on our "
                        "1910 Heidelberg.</p>"
                    ),
                    shape="envelope",
                    colours=(_IVORY,),
                    variants=(variant("HE-CRD-10", "16.00", stock=20),),
                ),
                ProductSpec(
                    handle="wax-seal-kit",
                    title="Wax Seal Kit",
                    vendor="Kingsley & Sons",
                    product_type="Wax seal",
                    description=(
                        "<p>A brass seal engraved with a bee, a walnut handle and three "
                        "sticks of oxblood wax.</p>"
                    ),
                    shape="seal",
                    colours=(_OXBLOOD,),
                    variants=(variant("HE-WAX-KIT", "28.00", stock=2),),
                ),
                ProductSpec(
                    handle="bottled-ink",
                    title="Bottled Ink, 50 ml",
                    vendor="Kingsley & Sons",
                    product_type="Ink",
                    description="<p>Rich, quick-drying ink for fountain and dip pens.</p>",
                    shape="bottle",
                    colours=(_NAVY, _OXBLOOD),
                    variants=(
                        variant("HE-INK-BLU", "12.50", stock=9, Colour="Midnight Blue"),
                        variant("HE-INK-BUR", "12.50", stock=5, Colour="Burgundy"),
                    ),
                ),
            ),
        ),
        CategorySpec(
            slug="tea",
            title="Tea",
            intro="<p>Loose-leaf teas blended in small batches, and the china to serve them.</p>",
            products=(
                ProductSpec(
                    handle="earl-grey-superieur",
                    title="Earl Grey Supérieur",
                    vendor="Heritage Tea Co.",
                    product_type="Loose-leaf tea",
                    description=(
                        "<p>Ceylon black tea with cold-pressed Calabrian bergamot and a "
                        "few cornflower petals.</p>"
                    ),
                    shape="tin",
                    colours=(_NAVY,),
                    variants=(
                        variant("HE-TEA-EG-100", "8.50", stock=16, Size="100 g"),
                        variant("HE-TEA-EG-250", "18.00", stock=8, Size="250 g"),
                    ),
                ),
                ProductSpec(
                    handle="assam-breakfast",
                    title="Assam Breakfast",
                    vendor="Heritage Tea Co.",
                    product_type="Loose-leaf tea",
                    description=(
                        "<p>A malty, full-bodied morning tea that loves a drop of milk.</p>"
                    ),
                    shape="tin",
                    colours=(_OXBLOOD,),
                    variants=(variant("HE-TEA-ASM", "7.95", stock=14),),
                ),
                ProductSpec(
                    handle="darjeeling-first-flush",
                    title="Darjeeling First Flush",
                    vendor="Heritage Tea Co.",
                    product_type="Loose-leaf tea",
                    description=(
                        "<p>The first spring picking from the Castleton estate: light, "
                        "floral and gone by summer.</p>"
                    ),
                    shape="tin",
                    colours=(_FOREST,),
                    variants=(variant("HE-TEA-DRJ", "14.50", stock=1),),
                ),
                ProductSpec(
                    handle="bone-china-teapot",
                    title="Bone China Teapot",
                    vendor="Stoke Pottery",
                    product_type="Teapot",
                    description="<p>A six-cup teapot in fine English bone china.</p>",
                    shape="teapot",
                    colours=(_IVORY,),
                    variants=(variant("HE-POT-BC", "58.00", stock=4),),
                ),
                ProductSpec(
                    handle="teacup-and-saucer",
                    title="Teacup & Saucer",
                    vendor="Stoke Pottery",
                    product_type="Teacup",
                    description="<p>A fluted bone china cup and saucer, 200 ml.</p>",
                    shape="cup",
                    colours=(_IVORY, _NAVY),
                    variants=(
                        variant("HE-CUP-IVY", "24.00", stock=10, was="30.00", Pattern="Ivory"),
                        variant("HE-CUP-WLW", "24.00", stock=3, was="30.00", Pattern="Willow"),
                    ),
                ),
            ),
        ),
    ),
)

# --- Maison: fragrance, jewellery and accessories, luxury preset, EUR -----------------

_NOIR, _COGNAC, _BORDEAUX, _GOLD = "#1f1d1b", "#9a5b2e", "#5e1a24", "#c8a45d"
_BLUSH, _CHAMPAGNE, _EMERALD, _AMBER = "#e8c4b8", "#e9dcc0", "#1f5c4a", "#d08a2d"

MAISON = StoreSpec(
    slug="maison",
    name="Maison Lumière",
    preset=Preset.LUXURY,
    currency="EUR",
    tagline="Objets de désir, made in Paris.",
    owner_email="merchant@maison.example",
    owner_password="maison-demo",  # noqa: S106 - a published demo login
    contact_email="atelier@maison.example",
    flat_shipping_rate="12.00",
    free_shipping_threshold="250.00",
    palette=Palette(
        backgrounds=(
            ("#f6f1ea", "#e4d8c8"),
            ("#f3ece6", "#dfd0c4"),
            ("#efe9e1", "#d6cab9"),
            ("#f5eee9", "#e8d9d0"),
        ),
        detail=_GOLD,
    ),
    home=HomeSpec(
        hero_heading="L'art du détail",
        hero_subheading="Fragrance, jewellery and leather, made by hand in our Paris atelier.",
        hero_button="Discover the fragrances",
        hero_category="fragrance",
        featured_heading="Les parfums",
        featured_category="fragrance",
        story_heading="From our atelier in the Marais",
        story=(
            "<p>Since 1987 Maison Lumière has worked with a handful of perfumers in "
            "Grasse and goldsmiths in the Marais. Every piece is finished, checked and "
            "wrapped by hand in Paris.</p>"
        ),
        picked_heading="Les incontournables",
        picked=("le-petit-sac", "etoile-signet-ring", "montre-classique", "riviera-silk-scarf"),
        cta_heading="Complimentary engraving",
        cta_text="Add initials to any jewellery or leather piece, free of charge.",
        cta_button="Explore jewellery",
        cta_category="jewellery",
        closing=(
            "<h2>Le service Lumière</h2>"
            "<p>Free delivery over €250, gift wrapping on every order and lifetime care "
            "for our leather goods.</p>"
        ),
    ),
    about=(
        "<h2>About Maison Lumière</h2>"
        "<p>A Paris house of fragrance, jewellery and leather goods, founded in 1987. "
        "We make few things, slowly, and we sign each one.</p>"
    ),
    categories=(
        CategorySpec(
            slug="fragrance",
            title="Fragrance",
            intro="<p>Eaux de parfum composed in Grasse and bottled by hand.</p>",
            products=(
                ProductSpec(
                    handle="nuit-blanche",
                    title="Nuit Blanche Eau de Parfum",
                    vendor="Maison Lumière",
                    product_type="Fragrance",
                    description=(
                        "<p>White musk, iris and a hint of pear: the smell of Paris at "
                        "four in the morning.</p>"
                    ),
                    shape="bottle",
                    colours=(_BLUSH,),
                    variants=(
                        variant("MA-NB-50", "145.00", stock=8, Size="50 ml"),
                        variant("MA-NB-100", "210.00", stock=3, Size="100 ml"),
                    ),
                ),
                ProductSpec(
                    handle="ambre-dore",
                    title="Ambre Doré Eau de Parfum",
                    vendor="Maison Lumière",
                    product_type="Fragrance",
                    description="<p>Amber, tonka bean and smoked vanilla. Warm and lasting.</p>",
                    shape="bottle",
                    colours=(_AMBER,),
                    variants=(variant("MA-AD-50", "165.00", stock=6, was="195.00"),),
                ),
                ProductSpec(
                    handle="jardin-secret-candle",
                    title="Jardin Secret Scented Candle",
                    vendor="Maison Lumière",
                    product_type="Candle",
                    description=(
                        "<p>Fig leaf and cut grass in a hand-blown emerald glass; "
                        "60 hours of burning.</p>"
                    ),
                    shape="candle",
                    colours=(_EMERALD,),
                    variants=(variant("MA-CDL-JS", "78.00", stock=11),),
                ),
                ProductSpec(
                    handle="travel-spray",
                    title="Travel Spray, 10 ml",
                    vendor="Maison Lumière",
                    product_type="Fragrance",
                    description="<p>Any of our eaux de parfum in a refillable brass atomiser.</p>",
                    shape="carafe",
                    colours=(_CHAMPAGNE,),
                    variants=(
                        variant("MA-TRV-NB", "38.00", stock=14, Scent="Nuit Blanche"),
                        variant("MA-TRV-AD", "38.00", stock=9, Scent="Ambre Doré"),
                    ),
                ),
                ProductSpec(
                    handle="discovery-set",
                    title="Discovery Set, 5 × 2 ml",
                    vendor="Maison Lumière",
                    product_type="Fragrance",
                    description=(
                        "<p>Five of our fragrances to try at home. Being refilled: back "
                        "next week.</p>"
                    ),
                    shape="box",
                    colours=(_CHAMPAGNE,),
                    variants=(variant("MA-DSC-SET", "45.00", stock=0),),
                ),
            ),
        ),
        CategorySpec(
            slug="jewellery",
            title="Jewellery",
            intro="<p>Recycled 18k gold and freshwater pearls, finished in our atelier.</p>",
            products=(
                ProductSpec(
                    handle="sillage-gold-hoops",
                    title="Sillage Gold Hoops",
                    vendor="Maison Lumière",
                    product_type="Earrings",
                    description="<p>Light, 25 mm hoops in recycled 18k gold.</p>",
                    shape="hoops",
                    colours=(_GOLD,),
                    variants=(variant("MA-HOOP-SIL", "220.00", stock=9),),
                ),
                ProductSpec(
                    handle="etoile-signet-ring",
                    title="Étoile Signet Ring",
                    vendor="Maison Lumière",
                    product_type="Ring",
                    description=(
                        "<p>A solid gold signet with a single star. Engraving on request.</p>"
                    ),
                    shape="ring",
                    colours=(_GOLD,),
                    variants=size_variants(
                        "MA-RNG-ETL", "340.00", {"50": 3, "52": 5, "54": 2, "56": 0}
                    ),
                ),
                ProductSpec(
                    handle="perle-pendant",
                    title="Perle Pendant Necklace",
                    vendor="Maison Lumière",
                    product_type="Necklace",
                    description=("<p>A single freshwater pearl on a fine 42 cm gold chain.</p>"),
                    shape="necklace",
                    colours=(_GOLD,),
                    variants=(variant("MA-NCK-PRL", "290.00", stock=2),),
                ),
                ProductSpec(
                    handle="fil-dor-bracelet",
                    title="Fil d'Or Bracelet",
                    vendor="Maison Lumière",
                    product_type="Bracelet",
                    description="<p>A slender gold cuff, hand-hammered to catch the light.</p>",
                    shape="bracelet",
                    colours=(_GOLD,),
                    variants=(variant("MA-BRC-FIL", "260.00", stock=7, was="310.00"),),
                ),
            ),
        ),
        CategorySpec(
            slug="accessories",
            title="Accessories",
            intro="<p>Leather, silk and the finishing touches.</p>",
            products=(
                ProductSpec(
                    handle="le-petit-sac",
                    title="Le Petit Sac",
                    vendor="Maison Lumière",
                    product_type="Handbag",
                    description=(
                        "<p>A structured top-handle bag in smooth calfskin with a gilded clasp.</p>"
                    ),
                    shape="bag",
                    colours=(_NOIR, _COGNAC),
                    variants=colour_variants("MA-SAC", "890.00", {"Noir": 4, "Cognac": 1}),
                ),
                ProductSpec(
                    handle="riviera-silk-scarf",
                    title="Riviera Silk Scarf",
                    vendor="Maison Lumière",
                    product_type="Scarf",
                    description="<p>A 90 cm silk twill carré with hand-rolled edges.</p>",
                    shape="folded",
                    colours=(_BORDEAUX,),
                    variants=(variant("MA-SCF-RIV", "185.00", stock=10, was="220.00"),),
                ),
                ProductSpec(
                    handle="cat-eye-sunglasses",
                    title="Lumière Cat-Eye Sunglasses",
                    vendor="Maison Lumière",
                    product_type="Sunglasses",
                    description="<p>Hand-polished acetate frames with gradient lenses.</p>",
                    shape="sunglasses",
                    colours=(_NOIR,),
                    variants=(variant("MA-SUN-CAT", "310.00", stock=5),),
                ),
                ProductSpec(
                    handle="leather-card-holder",
                    title="Leather Card Holder",
                    vendor="Maison Lumière",
                    product_type="Small leather goods",
                    description="<p>Four card slots and a central pocket, in grained calfskin.</p>",
                    shape="wallet",
                    colours=(_NOIR, _BORDEAUX),
                    variants=colour_variants("MA-CRD", "120.00", {"Noir": 12, "Bordeaux": 3}),
                ),
                ProductSpec(
                    handle="montre-classique",
                    title="Montre Classique",
                    vendor="Maison Lumière",
                    product_type="Watch",
                    description=(
                        "<p>A 36 mm gold-plated case, a Swiss movement and a cognac "
                        "leather strap.</p>"
                    ),
                    shape="watch",
                    colours=(_COGNAC,),
                    variants=(variant("MA-WCH-CLS", "1250.00", stock=1),),
                ),
                ProductSpec(
                    handle="cashmere-lined-gloves",
                    title="Cashmere-Lined Leather Gloves",
                    vendor="Maison Lumière",
                    product_type="Gloves",
                    description="<p>Lambskin gloves lined with pure cashmere.</p>",
                    shape="folded",
                    colours=(_COGNAC,),
                    variants=size_variants("MA-GLV", "160.00", {"7": 4, "7.5": 6, "8": 2}),
                ),
            ),
        ),
    ),
)

STORES = (FJORD, AURORA, HERITAGE, MAISON)

"""The Aurora demo store (aurora): its catalog, palette and home page."""

from themes.presets import Preset

from .specs import (
    CategorySpec,
    HomeSpec,
    Palette,
    ProductSpec,
    StoreSpec,
    colour_variants,
    size_variants,
    variant,
)

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
    country="US",
    selling_countries=("CA",),
    locale="en-US",
    prices_include_tax=False,
    tax_rate="8.875",
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
                    tags=("bestseller", "wireless"),
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
                    tags=("wireless", "new"),
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
                    tags=("wireless",),
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
                    tags=("wireless", "charging"),
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
                    tags=("charging", "travel"),
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
                    tags=("charging",),
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
                    tags=("travel", "new"),
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
                    tags=("bestseller", "unisex"),
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
                    tags=("unisex",),
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
                    tags=("unisex",),
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
                    tags=("new", "outdoor"),
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
                    tags=("gift ideas",),
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
                    tags=("travel", "outdoor"),
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
                    tags=("travel",),
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
                    tags=("gift ideas",),
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

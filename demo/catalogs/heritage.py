"""The Heritage demo store (heritage): its catalog, palette and home page."""

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
    country="GB",
    selling_countries=("IE",),
    locale="en-GB",
    tax_rate="20",
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
                    tags=("gardening", "gift ideas"),
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
                    tags=("history", "staff pick"),
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
                    tags=("history", "tea lovers"),
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
                    tags=("illustrated", "staff pick"),
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
                    tags=("poetry", "gift ideas"),
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
                    tags=("writing", "gift ideas"),
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
                    tags=("writing", "bestseller"),
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
                    tags=("writing",),
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
                    tags=("writing", "gift ideas"),
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
                    tags=("writing",),
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
                    tags=("tea lovers", "bestseller"),
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
                    tags=("tea lovers",),
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
                    tags=("tea lovers", "new"),
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
                    tags=("tea lovers", "gift ideas"),
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
                    tags=("tea lovers",),
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

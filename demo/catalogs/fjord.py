"""The Fjord demo store (fjord): its catalog, palette and home page."""

from themes.presets import Preset

from .specs import (
    CategorySpec,
    HomeSpec,
    Palette,
    ProductSpec,
    StoreSpec,
    colour_variants,
    variant,
)

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
    country="NO",
    selling_countries=("SE", "DK"),
    locale="nb-NO",
    tax_rate="25",
    pickup_address="Fjord Living showroom\nTollbugata 8, 0152 Oslo",
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
                    tags=("gift ideas", "handmade", "bestseller"),
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
                    tags=("handmade", "sale"),
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
                    tags=("handmade", "gift ideas"),
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
                    tags=("handmade", "dining"),
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
                    tags=("dining",),
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
                    tags=("coffee", "gift ideas"),
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
                    tags=("winter", "bestseller"),
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
                    tags=("dining",),
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
                    tags=("winter",),
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
                    tags=("gift ideas",),
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
                    tags=("winter", "lighting"),
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
                    tags=("winter", "gift ideas"),
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
                    tags=("lighting",),
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
                    tags=("lighting",),
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
                    tags=("handmade", "gift ideas"),
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
                    tags=("coffee", "gift ideas"),
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

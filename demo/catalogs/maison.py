"""The Maison demo store (maison): its catalog, palette and home page."""

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
    country="FR",
    selling_countries=("BE", "LU", "DE"),
    locale="fr-FR",
    tax_rate="20",
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
                    tags=("signature", "bestseller"),
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
                    tags=("signature",),
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
                    tags=("home", "gift ideas"),
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
                    tags=("travel", "gift ideas"),
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
                    tags=("gift ideas",),
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
                    tags=("gold", "bestseller"),
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
                    tags=("gold",),
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
                    tags=("pearls", "gift ideas"),
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
                    tags=("gold",),
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
                    tags=("leather", "new"),
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
                    tags=("silk", "summer"),
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
                    tags=("summer",),
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
                    tags=("leather", "gift ideas"),
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
                    tags=("signature", "leather"),
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
                    tags=("leather", "winter"),
                    description="<p>Lambskin gloves lined with pure cashmere.</p>",
                    shape="folded",
                    colours=(_COGNAC,),
                    variants=size_variants("MA-GLV", "160.00", {"7": 4, "7.5": 6, "8": 2}),
                ),
            ),
        ),
    ),
)

"""Pictures for the demo stores, drawn with Pillow: no downloads, and the same on every run.

A picture is a soft gradient in the store's palette with one or more stylised objects
standing on it, each with a blurred shadow. An object is a list of drawing operations in
a 0-100 square (``SHAPES``), drawn at twice its final size and scaled down, which smooths
its edges. Layers are painted in ``LAYERS`` order: the object itself (shaded like a
cylinder), its darker parts, paper, metal or trim, highlights, then ink.
"""

import io
import math
import zlib
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

LAYERS = ("body", "shade", "paper", "detail", "light", "ink")
PAPER = "#f6f1e7"
INK = "#141414"


@dataclass(frozen=True)
class ImageSizes:
    """Pixel sizes of the pictures; the defaults fit the themes' largest renditions."""

    product: int = 1000
    hero: tuple[int, int] = (1920, 900)
    feature: tuple[int, int] = (1200, 900)


FULL_SIZES = ImageSizes()
SMALL_SIZES = ImageSizes(product=240, hero=(480, 225), feature=(300, 225))


def _lathe(*, top, bottom, neck, belly, peak, foot):
    """A symmetric outline (a vase, a carafe) turned around x=50, as polygon points."""
    power = math.log(0.5) / math.log(peak)
    right = []
    for step in range(41):
        t = step / 40
        radius = neck + (belly - neck) * math.sin(math.pi * t**power) ** 0.8 + foot * t**4
        right.append((50 + radius, top + (bottom - top) * t))
    return tuple(right + [(100 - x, y) for x, y in reversed(right)])


# Each operation is (layer, kind, *arguments); the layer "cut" erases from the body.
SHAPES = {
    "mug": [
        ("body", "ring", 60, 46, 86, 80, 7),
        ("body", "rect", 20, 34, 68, 96, 6),
        ("body", "ellipse", 20, 29, 68, 39),
        ("shade", "ellipse", 23, 31, 65, 37),
        ("light", "rect", 25, 42, 29, 88, 2),
    ],
    "cup": [
        ("body", "ellipse", 4, 86, 96, 99),
        ("body", "ring", 70, 56, 90, 78, 5),
        ("body", "chord", 18, 26, 82, 92, 0, 180),
        ("body", "ellipse", 18, 53, 82, 65),
        ("shade", "ellipse", 21, 55, 79, 63),
        ("detail", "ring", 18, 53, 82, 65, 1.2),
    ],
    "vase": [
        ("body", "poly", _lathe(top=10, bottom=96, neck=6, belly=22, peak=0.62, foot=8)),
        ("shade", "ellipse", 44, 8, 56, 13),
        ("light", "line", ((38, 48), (35, 64), (37, 80)), 2.5),
    ],
    "carafe": [
        ("body", "poly", _lathe(top=18, bottom=96, neck=6, belly=26, peak=0.78, foot=14)),
        ("detail", "rect", 42, 8, 58, 20, 2),
        ("light", "line", ((34, 62), (32, 74), (34, 86)), 2.5),
    ],
    "bowl": [
        ("body", "chord", 6, 20, 94, 96, 0, 180),
        ("body", "ellipse", 6, 50, 94, 66),
        ("body", "rect", 38, 90, 62, 97, 2),
        ("shade", "ellipse", 10, 52, 90, 64),
    ],
    "plate": [
        ("body", "ellipse", 4, 70, 96, 98),
        ("body", "ellipse", 4, 60, 96, 90),
        ("shade", "ellipse", 18, 66, 82, 84),
        ("light", "ring", 4, 60, 96, 90, 0.8),
    ],
    "folded": [
        ("body", "rect", 10, 66, 90, 96, 7),
        ("body", "rect", 14, 42, 86, 68, 7),
        ("shade", "rect", 12, 64, 88, 67, 1),
        ("shade", "line", ((14, 82), (90, 82)), 1),
        ("detail", "rect", 14, 50, 86, 52, 0),
        ("detail", "rect", 10, 88, 90, 89.5, 0),
    ],
    "lamp": [
        ("body", "poly", ((30, 14), (70, 14), (84, 48), (16, 48))),
        ("light", "ellipse", 18, 44, 82, 52),
        ("detail", "rect", 48.5, 50, 51.5, 88, 1),
        ("detail", "ellipse", 32, 85, 68, 97),
    ],
    "candle": [
        ("body", "rect", 26, 38, 74, 96, 5),
        ("light", "ellipse", 27, 32, 73, 44),
        ("light", "rect", 30, 46, 35, 90, 2),
        ("detail", "ellipse", 46, 14, 54, 31),
        ("ink", "line", ((50, 38), (50, 30)), 1.2),
    ],
    "board": [
        ("body", "rect", 22, 24, 78, 96, 10),
        ("body", "rect", 41, 8, 59, 32, 7),
        ("cut", "ellipse", 46, 12, 54, 20),
        ("shade", "line", ((34, 40), (33, 64), (35, 88)), 0.8),
        ("shade", "line", ((52, 38), (53, 62), (51, 88)), 0.8),
        ("shade", "line", ((66, 42), (65, 66), (67, 86)), 0.8),
    ],
    "teapot": [
        ("body", "poly", ((24, 64), (6, 42), (10, 40), (30, 58))),
        ("body", "ring", 66, 50, 92, 84, 6),
        ("body", "ellipse", 18, 40, 82, 96),
        ("shade", "ellipse", 34, 38, 66, 48),
        ("detail", "ellipse", 46, 30, 54, 40),
        ("light", "ellipse", 26, 54, 34, 70),
    ],
    "bottle": [
        ("body", "rect", 22, 38, 78, 96, 7),
        ("shade", "rect", 28, 46, 72, 90, 5),
        ("detail", "rect", 42, 30, 58, 40, 1),
        ("detail", "rect", 36, 14, 64, 32, 3),
        ("light", "rect", 26, 42, 31, 92, 2),
    ],
    "headphones": [
        ("body", "arc", 16, 12, 84, 78, 180, 360, 7),
        ("body", "rect", 10, 44, 30, 84, 9),
        ("body", "rect", 70, 44, 90, 84, 9),
        ("shade", "rect", 27, 48, 33, 80, 3),
        ("shade", "rect", 67, 48, 73, 80, 3),
        ("detail", "ellipse", 15, 60, 20, 65),
    ],
    "puck": [
        ("body", "ellipse", 12, 64, 88, 92),
        ("body", "rect", 12, 61, 88, 78, 0),
        ("body", "ellipse", 12, 50, 88, 72),
        ("light", "ellipse", 12, 50, 88, 72),
        ("detail", "ring", 34, 56, 66, 66, 1.2),
    ],
    "speaker": [
        ("body", "rect", 28, 20, 72, 90, 0),
        ("body", "ellipse", 28, 82, 72, 98),
        ("light", "ellipse", 28, 12, 72, 28),
        ("detail", "ring", 37, 15, 63, 25, 1.2),
        *[("shade", "line", ((30, y), (70, y)), 1.2) for y in range(38, 80, 7)],
    ],
    "device": [
        ("body", "rect", 30, 12, 70, 96, 8),
        ("shade", "rect", 34, 18, 66, 90, 5),
        ("detail", "rect", 43, 80, 57, 83, 1.5),
        ("ink", "ellipse", 37, 21, 44, 28),
    ],
    "cable": [
        ("body", "ring", 18, 30, 78, 80, 4),
        ("body", "ring", 26, 38, 72, 86, 4),
        ("body", "line", ((72, 64), (86, 72)), 4),
        ("body", "line", ((27, 64), (14, 84)), 4),
        ("detail", "rect", 84, 67, 95, 76, 1.5),
        ("detail", "rect", 7, 82, 18, 92, 1.5),
    ],
    "tee": [
        (
            "body",
            "poly",
            (
                *((30, 16), (42, 20), (58, 20), (70, 16), (92, 32), (82, 48), (72, 42)),
                *((72, 96), (28, 96), (28, 42), (18, 48), (8, 32)),
            ),
        ),
        ("shade", "chord", 40, 12, 60, 28, 0, 180),
        ("light", "ring", 40, 42, 60, 62, 2.5),
    ],
    "hoodie": [
        (
            "body",
            "poly",
            (
                *((30, 20), (70, 20), (88, 32), (94, 82), (82, 84), (74, 48), (74, 96)),
                *((26, 96), (26, 48), (18, 84), (6, 82), (12, 32)),
            ),
        ),
        ("shade", "ellipse", 36, 8, 64, 36),
        ("shade", "rect", 34, 70, 66, 86, 3),
        ("light", "line", ((46, 28), (45, 46)), 1.2),
        ("light", "line", ((54, 28), (55, 46)), 1.2),
    ],
    "cap": [
        ("body", "chord", 18, 28, 82, 92, 180, 360),
        ("body", "ellipse", 44, 54, 98, 68),
        ("shade", "rect", 18, 55, 82, 61, 2),
        ("shade", "line", ((50, 29), (50, 56)), 1),
        ("detail", "ellipse", 47, 25, 53, 31),
    ],
    "bag": [
        ("body", "arc", 30, 12, 70, 56, 180, 360, 5),
        ("body", "poly", ((20, 38), (80, 38), (88, 96), (12, 96))),
        ("shade", "poly", ((20, 38), (80, 38), (76, 60), (24, 60))),
        ("detail", "rect", 45, 56, 55, 66, 2),
    ],
    "backpack": [
        ("body", "arc", 40, 6, 60, 28, 180, 360, 3),
        ("body", "rect", 22, 16, 78, 96, 16),
        ("shade", "rect", 30, 56, 70, 90, 8),
        ("detail", "line", ((33, 62), (67, 62)), 1.2),
        ("light", "line", ((34, 30), (66, 30)), 1),
    ],
    "book": [
        ("body", "rect", 24, 12, 73, 96, 2),
        ("shade", "rect", 24, 12, 31, 96, 2),
        ("paper", "rect", 72, 15, 78, 93, 1),
        ("detail", "rect", 40, 28, 64, 31, 0),
        ("detail", "rect", 44, 35, 60, 37, 0),
        ("detail", "ring", 46, 56, 58, 68, 1),
    ],
    "notebook": [
        ("paper", "rect", 74, 17, 79, 93, 1),
        ("body", "rect", 24, 14, 76, 96, 5),
        ("shade", "rect", 66, 14, 70, 96, 0),
        ("shade", "ring", 38, 44, 52, 58, 1),
    ],
    "envelope": [
        ("body", "rect", 12, 44, 88, 96, 2),
        ("shade", "line", ((12, 44), (50, 72), (88, 44)), 1.2),
        ("detail", "ellipse", 45, 66, 55, 76),
    ],
    "pen": [
        ("body", "line", ((20, 86), (74, 26)), 7),
        ("body", "ellipse", 16.5, 82.5, 23.5, 89.5),
        ("detail", "poly", ((76.6, 28.3), (71.4, 23.7), (83.4, 15.6))),
        ("detail", "line", ((60, 41.6), (62, 39.3)), 7.6),
        ("detail", "line", ((34, 74), (54, 52)), 1.5),
    ],
    "seal": [
        ("body", "ellipse", 10, 66, 58, 96),
        ("shade", "ring", 18, 71, 50, 91, 2),
        ("detail", "rect", 63, 58, 77, 96, 1),
        ("detail", "ellipse", 60, 22, 80, 62),
    ],
    "tin": [
        ("body", "rect", 26, 30, 74, 96, 3),
        ("detail", "rect", 24, 22, 76, 34, 3),
        ("paper", "rect", 31, 50, 69, 78, 2),
        ("shade", "rect", 35, 58, 65, 60, 0),
        ("shade", "rect", 39, 64, 61, 66, 0),
    ],
    "box": [
        ("body", "rect", 18, 42, 82, 96, 2),
        ("shade", "rect", 14, 34, 86, 48, 2),
        ("detail", "rect", 46, 34, 54, 96, 0),
        ("detail", "ring", 35, 22, 50, 36, 2.5),
        ("detail", "ring", 50, 22, 65, 36, 2.5),
    ],
    "ring": [
        ("body", "ring", 24, 42, 76, 94, 6),
        ("body", "ellipse", 36, 32, 64, 50),
        ("shade", "ring", 39, 35, 61, 47, 1),
        ("light", "arc", 24, 42, 76, 94, 200, 250, 2),
    ],
    "hoops": [
        ("body", "ring", 12, 30, 46, 90, 3.5),
        ("body", "ring", 54, 30, 88, 90, 3.5),
        ("light", "arc", 12, 30, 46, 90, 190, 240, 1.5),
        ("light", "arc", 54, 30, 88, 90, 190, 240, 1.5),
    ],
    "bracelet": [
        ("body", "ring", 14, 44, 86, 92, 6),
        ("shade", "arc", 14, 44, 86, 92, 200, 340, 2),
        ("light", "arc", 14, 44, 86, 92, 30, 150, 1.5),
    ],
    "necklace": [
        ("body", "arc", 22, 6, 78, 72, 0, 180, 1.6),
        ("body", "arc", 22, 6, 78, 72, 180, 360, 1),
        ("detail", "line", ((50, 66), (50, 71)), 1.2),
        ("paper", "ellipse", 43, 70, 57, 84),
        ("light", "ellipse", 46, 73, 50, 77),
    ],
    "sunglasses": [
        ("body", "rect", 8, 42, 46, 70, 12),
        ("body", "rect", 54, 42, 92, 70, 12),
        ("body", "arc", 44, 44, 56, 56, 180, 360, 2.5),
        ("body", "line", ((8, 48), (2, 44)), 2.5),
        ("body", "line", ((92, 48), (98, 44)), 2.5),
        ("ink", "rect", 11, 45, 43, 67, 10),
        ("ink", "rect", 57, 45, 89, 67, 10),
        ("light", "line", ((16, 50), (24, 48)), 1.5),
    ],
    "watch": [
        ("body", "rect", 38, 4, 62, 96, 4),
        ("shade", "ellipse", 48.5, 84, 51.5, 87),
        ("paper", "ellipse", 28, 30, 72, 74),
        ("detail", "ring", 26, 28, 74, 76, 3.5),
        ("detail", "rect", 73, 49, 78, 55, 1),
        ("ink", "line", ((50, 52), (50, 37)), 1.6),
        ("ink", "line", ((50, 52), (61, 57)), 1.6),
    ],
    "wallet": [
        ("body", "rect", 14, 32, 86, 88, 5),
        ("paper", "rect", 22, 22, 78, 34, 2),
        ("shade", "rect", 14, 46, 86, 49, 0),
        ("shade", "rect", 14, 60, 86, 63, 0),
        ("detail", "rect", 44, 74, 56, 77, 0),
    ],
}


def _scaled(scale, coords):
    return [c * scale for c in coords]


def _op_rect(draw, scale, fill, x0, y0, x1, y1, radius=0):
    draw.rounded_rectangle(_scaled(scale, (x0, y0, x1, y1)), radius=radius * scale, fill=fill)


def _op_ellipse(draw, scale, fill, *box):
    draw.ellipse(_scaled(scale, box), fill=fill)


def _op_ring(draw, scale, fill, x0, y0, x1, y1, width):
    box = _scaled(scale, (x0, y0, x1, y1))
    draw.ellipse(box, outline=fill, width=round(width * scale))


def _op_poly(draw, scale, fill, points):
    draw.polygon([(x * scale, y * scale) for x, y in points], fill=fill)


def _op_line(draw, scale, fill, points, width):
    points = [(x * scale, y * scale) for x, y in points]
    draw.line(points, fill=fill, width=round(width * scale), joint="curve")


def _op_arc(draw, scale, fill, x0, y0, x1, y1, start, end, width):
    box = _scaled(scale, (x0, y0, x1, y1))
    draw.arc(box, start, end, fill=fill, width=round(width * scale))


def _op_chord(draw, scale, fill, x0, y0, x1, y1, start, end):
    draw.chord(_scaled(scale, (x0, y0, x1, y1)), start, end, fill=fill)


OPERATIONS = {
    "rect": _op_rect,
    "ellipse": _op_ellipse,
    "ring": _op_ring,
    "poly": _op_poly,
    "line": _op_line,
    "arc": _op_arc,
    "chord": _op_chord,
}


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, amount: float) -> tuple[int, int, int]:
    a, b = _rgb(a) if isinstance(a, str) else a, _rgb(b) if isinstance(b, str) else b
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


def _is_dark(colour) -> bool:
    r, g, b = _rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 90


def _fade(mask: Image.Image, opacity: float) -> Image.Image:
    return mask.point(lambda value: round(value * opacity))


def _cylinder_profile() -> Image.Image:
    """A 256x1 brightness strip: a highlight a third of the way across, dark at the edges."""
    values = []
    for step in range(256):
        t = step / 255
        if t < 0.3:
            level = 0.75 + 0.25 * math.cos(math.pi / 2 * (0.3 - t) / 0.3)
        else:
            level = 0.5 + 0.5 * math.cos(math.pi * (t - 0.3) / 0.7)
        values.append(round(255 * level))
    strip = Image.new("L", (256, 1))
    strip.putdata(values)
    return strip


CYLINDER = _cylinder_profile()


def _draw_object(shape: str, size: int) -> dict[str, Image.Image]:
    """The layer masks of one object drawn in a ``size`` px square, cropped to the object."""
    scale = size * 2 / 100
    masks, draws = {}, {}
    for layer, kind, *arguments in SHAPES[shape]:
        target = "body" if layer == "cut" else layer
        if target not in masks:
            masks[target] = Image.new("L", (size * 2, size * 2))
            draws[target] = ImageDraw.Draw(masks[target])
        OPERATIONS[kind](draws[target], scale, 0 if layer == "cut" else 255, *arguments)
    masks = {layer: mask.reduce(2) for layer, mask in masks.items()}
    union = masks["body"]
    for mask in masks.values():
        union = ImageChops.lighter(union, mask)
    bbox = union.getbbox()
    masks = {layer: mask.crop(bbox) for layer, mask in masks.items()}
    masks["all"] = union.crop(bbox)
    return masks


@dataclass(frozen=True)
class Subject:
    """One object in a picture: what it is and its colour."""

    shape: str
    colour: str


@dataclass(frozen=True)
class Scene:
    """A picture's palette: background gradient (top, bottom) and the trim colour."""

    top: str
    bottom: str
    detail: str
    seed: int = 0

    @classmethod
    def for_palette(cls, palette, *, key: str) -> "Scene":
        """The scene for ``key`` (a product handle): the same key always looks the same."""
        seed = zlib.crc32(key.encode())
        top, bottom = palette.backgrounds[seed % len(palette.backgrounds)]
        return cls(top=top, bottom=bottom, detail=palette.detail, seed=seed)


def _background(scene: Scene, size: tuple[int, int], *, floor: int) -> Image.Image:
    """The gradient, a glow behind the objects, an optional backdrop and a darker floor."""
    width, height = size
    canvas = Image.composite(
        Image.new("RGB", size, _rgb(scene.bottom)),
        Image.new("RGB", size, _rgb(scene.top)),
        Image.linear_gradient("L").resize(size),
    )
    dark = _is_dark(scene.top)
    small_width, small_height, base = width // 8, height // 8, floor // 8
    left = small_width * (0.15 + (scene.seed % 21 - 10) / 100)
    glow = _soft_mask(
        (left, base - small_height * 0.75, left + small_width * 0.7, base + small_height * 0.1),
        small_size=(small_width, small_height),
        blur=min(small_width, small_height) / 6,
        size=size,
    )
    glow_colour = _mix(scene.bottom, scene.detail, 0.4) if dark else _mix(scene.top, "#ffffff", 0.7)
    canvas.paste(Image.new("RGB", size, glow_colour), (0, 0), _fade(glow, 0.5 if dark else 0.8))
    _backdrop(canvas, scene, floor=floor, dark=dark)
    table = Image.linear_gradient("L").resize((width, height - floor))
    canvas.paste(
        Image.new("RGB", table.size, _mix(scene.bottom, "#000000", 0.18 if dark else 0.06)),
        (0, floor),
        _fade(table, 0.9),
    )
    return canvas


def _soft_mask(box, *, small_size, blur: float, size) -> Image.Image:
    """A rounded shape drawn on a small mask, blurred and scaled up: cheap soft edges."""
    mask = Image.new("L", small_size)
    radius = min(box[2] - box[0], box[3] - box[1]) / 2
    ImageDraw.Draw(mask).rounded_rectangle(box, radius, fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(max(0.5, blur)))
    return mask.resize(size, Image.Resampling.BILINEAR)


def _backdrop(canvas: Image.Image, scene: Scene, *, floor: int, dark: bool) -> None:
    """A large disc or arch behind the objects, chosen by the scene's seed (or none)."""
    kind = scene.seed // 7 % 3
    if kind == 0:
        return
    small_width, small_height = canvas.width // 4, canvas.height // 4
    centre, radius, base = small_width / 2, min(small_width, small_height) * 0.34, floor // 4
    if kind == 1:  # a disc
        box = (centre - radius, base - radius * 2.3, centre + radius, base - radius * 0.3)
    else:  # an arch, running down past the floor
        box = (centre - radius, base - radius * 2.8, centre + radius, small_height + radius)
    mask = _soft_mask(box, small_size=(small_width, small_height), blur=1, size=canvas.size)
    tone = _mix(scene.top, scene.detail, 0.12) if dark else _mix(scene.bottom, "#ffffff", 0.45)
    canvas.paste(Image.new("RGB", canvas.size, tone), (0, 0), _fade(mask, 0.7))


def _shadow(canvas, masks, *, x: int, y: int, colour) -> None:
    """A soft drop shadow of the object and a darker contact shadow where it stands."""
    width, height = masks["all"].size
    pad = max(width, height) // 4
    small = Image.new("L", ((width + 2 * pad) // 8 + 1, (height + 2 * pad) // 8 + 1))
    small.paste(
        masks["all"].resize((max(1, width // 8), max(1, height // 8))), (pad // 8, pad // 8)
    )
    draw = ImageDraw.Draw(small)
    base = (pad + height) / 8
    draw.ellipse((pad / 8, base - height / 80 - 1, (pad + width) / 8, base + height / 60 + 1), 255)
    small = small.filter(ImageFilter.GaussianBlur(max(1.0, min(width, height) / 160)))
    mask = _fade(small.resize((width + 2 * pad, height + 2 * pad), Image.Resampling.BILINEAR), 0.32)
    offset = (x - pad + width // 30, y - pad + height // 40)
    canvas.paste(Image.new("RGB", mask.size, colour), offset, mask)


def _paint(canvas, scene: Scene, subject: Subject, masks, *, x: int, y: int) -> None:
    """Paint one drawn object with its shadow, its top-left corner at (x, y)."""
    width, height = masks["all"].size
    _shadow(canvas, masks, x=x, y=y, colour=_mix(scene.bottom, "#000000", 0.55))
    fills = {
        "body": _shaded(subject.colour, (width, height)),
        "shade": Image.new("RGB", (width, height), _mix(subject.colour, "#000000", 0.3)),
        "paper": Image.new("RGB", (width, height), _rgb(PAPER)),
        "detail": _shaded(scene.detail, (width, height)),
        "light": Image.new("RGB", (width, height), (255, 255, 255)),
        "ink": Image.new("RGB", (width, height), _rgb(INK)),
    }
    opacity = {"light": 0.45, "ink": 0.85}
    for layer in LAYERS:
        if layer in masks:
            mask = masks[layer]
            if layer in opacity:
                mask = _fade(mask, opacity[layer])
            canvas.paste(fills[layer], (x, y), mask)


def _shaded(colour: str, size: tuple[int, int]) -> Image.Image:
    light, dark = _mix(colour, "#ffffff", 0.3), _mix(colour, "#000000", 0.32)
    return Image.composite(
        Image.new("RGB", size, light),
        Image.new("RGB", size, dark),
        CYLINDER.resize(size, Image.Resampling.BILINEAR),
    )


def product_picture(scene: Scene, subject: Subject, *, size: int) -> Image.Image:
    """A square studio shot of one object."""
    floor = size * 86 // 100
    canvas = _background(scene, (size, size), floor=floor)
    masks = _draw_object(subject.shape, size * 62 // 100)
    width, height = masks["all"].size
    _paint(canvas, scene, subject, masks, x=(size - width) // 2, y=floor - height)
    return canvas


def group_picture(scene: Scene, clusters, *, size: tuple[int, int]) -> Image.Image:
    """Groups of objects standing side by side on one floor.

    ``clusters`` holds (centre as a fraction of the width, [(subject, object size as a
    fraction of the height), ...]) for each group.
    """
    width, height = size
    floor = height * 84 // 100
    canvas = _background(scene, size, floor=floor)
    gap = width // 60
    for centre, members in clusters:
        drawn = [
            (subject, _draw_object(subject.shape, round(height * fraction)))
            for subject, fraction in members
        ]
        total = sum(masks["all"].width for _, masks in drawn) + gap * (len(drawn) - 1)
        x = round(width * centre - total / 2)
        for subject, masks in drawn:
            _paint(canvas, scene, subject, masks, x=x, y=floor - masks["all"].height)
            x += masks["all"].width + gap
    return canvas


def hero_picture(scene: Scene, subjects, *, size: tuple[int, int]) -> Image.Image:
    """A wide banner: two groups at the sides, the middle left free for the heading."""
    sizes = (0.5, 0.36, 0.4, 0.52)
    members = list(zip(subjects, sizes, strict=False))
    return group_picture(scene, [(0.2, members[:2]), (0.8, members[2:])], size=size)


def feature_picture(scene: Scene, subjects, *, size: tuple[int, int]) -> Image.Image:
    """One group in the middle, for an image-and-text block."""
    sizes = (0.56, 0.42, 0.5)
    return group_picture(scene, [(0.5, list(zip(subjects, sizes, strict=False)))], size=size)


def jpeg_bytes(picture: Image.Image, *, quality: int = 88) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, progressive=True)
    return buffer.getvalue()

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

from .shapes import SHAPES

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

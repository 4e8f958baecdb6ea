"""Drawing recipes for the demo pictures: each object as operations in a 0-100 square.

Each operation is (layer, kind, *arguments); layers are painted in ``images.LAYERS`` order.
"""

import math


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

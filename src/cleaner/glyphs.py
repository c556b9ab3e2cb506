"""Look-alike characters found by drawing them: the shape table for OCR confusions no list names.

The shared confusion tables were made for handwriting and typing errors (贯/惯, 衍/行): characters
that share a part. OCR of print confuses characters whose whole glyphs nearly coincide (千/干, 未/末,
己/已), and a table written by hand lists only the pairs someone noticed. Here every common character
is drawn in a print typeface, measured as print OCR measures a glyph (the directions its stroke edges
face, zone by zone, blurred the way a scan blurs) and compared with every other; each character's
nearest glyphs become its look-alikes. `cleaner build-shapes` writes the table that S102
reads (rules/confusion_shape_rendered.tsv).

>>> vectors = {"千": [1.0, 0.0, 0.1], "干": [0.9, 0.1, 0.1], "水": [0.0, 1.0, 0.0]}
>>> look_alikes(vectors, neighbours=1, min_similarity=0.8)
{'千': '干', '干': '千'}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CleanerError

# Debian's fonts-noto-cjk: a Song (Ming) typeface, the kind newspapers are set in
DEFAULT_FONT = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
# In a collection of faces, the one drawn for simplified Chinese; a font without it uses its first face.
SIMPLIFIED_FACE = "SC"
# Chosen on the training side (`eval spelling`): 5 neighbours found unseen OCR look-alikes best without
# raising applied changes on clean articles (4 lost pycorrector's pairs). Stroke directions of cropped
# glyphs are less alike than pixels at one origin, so 0.6 keeps the pairs a similarity of 0.7 kept then.
NEIGHBOURS = 5
MIN_SIMILARITY = 0.6
# Under this, two drawn glyphs share next to nothing (切/分 0.12, 污/水 -0.06; 勇/力 0.34, 己/已 0.87): a pair of
# SIGHAN-13's writing errors this unlike is no print OCR confusion (S102's unlike_glyph_shift, rules/spelling.toml)
UNLIKE_SIMILARITY = 0.15
# a private-use code point no font draws: what the font draws for a character it lacks
NO_SUCH_CHARACTER = "\U0010fffd"


@dataclass(frozen=True)
class Drawing:
    """How glyphs are drawn and measured: type size, resampled grid, zones and stroke directions.

    >>> Drawing().grid // Drawing().zones  # pixels a side of each zone
    4
    """

    type_size: int = 64
    grid: int = 32
    zones: int = 8
    directions: int = 8


def glyph_vectors(chars: Iterable[str], font: Path, drawing: Drawing = Drawing()) -> dict[str, list[float]]:
    """Each character drawn in `font`, measured as an OCR classifier measures it, scaled to unit length.

    The measure is the stroke-direction feature of print OCR: the edges of the drawn glyph, sorted by
    the direction they face (8 by default), each direction's strength summed over 8 x 8 zones under a
    Gaussian window that blurs as a scan does. Pixels compared one by one call 白 and 自, or 八 and
    入, unlike because a stroke moved a pixel or two; edge directions in zones see the same strokes.
    As an OCR engine does, each glyph is first cropped to its ink and centred in a square, its aspect
    ratio kept: 自 is taller than 白 and 曰 wider than 日, and the engine sees them at one size. On the
    training side, in Noto Serif CJK, this found more unseen look-alikes than glyphs left where the
    font puts them (of errors from the OCR table, 0.347 fixed instead of 0.325; SIGHAN-13's 0.092, 0.084).

    >>> vectors = glyph_vectors("千干白自", installed_cjk_font())
    >>> [round(sum(a * b for a, b in zip(vectors[x], vectors[y])), 1) > 0.8 for x, y in ("千干", "白自")]
    [True, True]
    """
    import numpy as np
    from PIL import Image, ImageDraw

    typeface = load_typeface(font, drawing.type_size)
    canvas = drawing.type_size + drawing.type_size // 4

    def draw(char: str) -> Any:
        image = Image.new("L", (canvas, canvas), 0)
        ImageDraw.Draw(image).text((drawing.type_size // 8, -drawing.type_size // 16), char, font=typeface, fill=255)
        return image

    window = _zone_window(drawing.grid, drawing.zones)
    # a character the font lacks is drawn as its missing-glyph box, which would look like every other such one
    missing = draw(NO_SUCH_CHARACTER).tobytes()
    vectors: dict[str, list[float]] = {}
    for char in dict.fromkeys(chars):
        image = draw(char)
        if image.tobytes() == missing or image.getbbox() is None:  # a blank glyph looks like nothing
            continue
        pixels = (
            np.asarray(_ink_square(image).resize((drawing.grid, drawing.grid), Image.BILINEAR), dtype=np.float32) / 255
        )
        features = _direction_features(pixels, window, drawing.directions)
        norm = float(np.linalg.norm(features))
        if norm > 0:
            vectors[char] = (features / norm).tolist()
    return vectors


def _ink_square(image: Any) -> Any:
    """The glyph cropped to its ink and centred in a square, its aspect ratio kept.

    >>> from PIL import Image
    >>> bar = Image.new("L", (10, 10), 0); bar.paste(255, (2, 1, 4, 9))
    >>> _ink_square(bar).size, _ink_square(bar).getbbox()
    ((8, 8), (3, 0, 5, 8))
    """
    from PIL import Image

    ink = image.crop(image.getbbox())
    side = max(ink.size)
    square = Image.new("L", (side, side), 0)
    square.paste(ink, ((side - ink.width) // 2, (side - ink.height) // 2))
    return square


def _zone_window(grid: int, zones: int) -> Any:
    """Rows of Gaussian weights, one per zone, each centred on its zone and half a zone wide (sigma).

    >>> [round(float(w), 2) for w in _zone_window(4, 2)[0]]
    [0.41, 0.41, 0.15, 0.02]
    """
    import numpy as np

    centres = (np.arange(zones) + 0.5) * grid / zones - 0.5
    pixels = np.arange(grid)
    weights = np.exp(-((pixels[None, :] - centres[:, None]) ** 2) / (2 * (grid / zones / 2) ** 2))
    return weights / weights.sum(axis=1, keepdims=True)


def _direction_features(pixels: Any, window: Any, directions: int) -> Any:
    """Edge strength by facing direction and zone, square-rooted (as OCR does) and centred on zero.

    A vertical bar has edges facing left and right only: its up- and down-facing planes stay lowest.

    >>> import numpy as np
    >>> bar = np.zeros((8, 8)); bar[:, 3:5] = 1.0
    >>> planes = _direction_features(bar, _zone_window(8, 2), 4).reshape(4, 4)
    >>> bool(planes[0].min() > planes[1].max() and planes[2].min() > planes[3].max())
    True
    """
    import numpy as np

    down, right = np.gradient(pixels)
    strength = np.hypot(right, down)
    # each edge's strength is shared between the two directions its angle lies between
    position = np.mod(np.arctan2(down, right), 2 * np.pi) / (2 * np.pi / directions)
    lower = np.floor(position).astype(int) % directions
    share = position - np.floor(position)
    planes = np.stack(
        [strength * ((lower == d) * (1 - share) + (lower == (d - 1) % directions) * share) for d in range(directions)]
    )
    features = np.sqrt(np.einsum("zi,dij,wj->dzw", window, planes, window).ravel())
    return features - features.mean()


def look_alikes(
    vectors: Mapping[str, Sequence[float]], neighbours: int = NEIGHBOURS, min_similarity: float = MIN_SIMILARITY
) -> dict[str, str]:
    """For each character, its `neighbours` most similar glyphs of at least `min_similarity` (cosine).

    >>> look_alikes({"日": [1.0, 0.0], "目": [0.8, 0.6], "口": [0.0, 1.0]}, neighbours=2, min_similarity=0.55)
    {'日': '目', '目': '日口', '口': '目'}
    """
    import numpy as np

    chars = list(vectors)
    if not chars:
        return {}
    matrix = np.asarray([vectors[char] for char in chars], dtype=np.float32)
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, -1.0)
    table: dict[str, str] = {}
    for row, char in enumerate(chars):
        nearest = np.argsort(-similarity[row], kind="stable")[:neighbours]
        others = "".join(chars[j] for j in nearest if similarity[row, j] >= min_similarity)
        if others:
            table[char] = others
    return table


def unlike_pairs(
    vectors: Mapping[str, Sequence[float]], shapes: Mapping[str, Iterable[str]], max_similarity: float
) -> dict[str, str]:
    """For each character of a look-alike table, those of its look-alikes whose drawn glyphs are unlike its own
    (cosine similarity under `max_similarity`, both drawn): pairs a writer confuses and print never does (切/分).

    >>> unlike_pairs({"切": [1.0, 0.0], "分": [0.1, 1.0], "砌": [0.9, 0.4]}, {"切": "分砌"}, 0.15)
    {'切': '分'}
    """
    table: dict[str, str] = {}
    for char, others in shapes.items():
        if char not in vectors:
            continue
        drawn = sorted(other for other in others if other in vectors)
        unlike = "".join(
            other
            for other in drawn
            if sum(a * b for a, b in zip(vectors[char], vectors[other], strict=True)) < max_similarity
        )
        if unlike:
            table[char] = unlike
    return table


def installed_cjk_font() -> Path:
    """A CJK font this machine has: the Song typeface, else the one `make chromium` installs.

    >>> installed_cjk_font().is_file()
    True
    """
    for font in (DEFAULT_FONT, Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")):
        if font.is_file():
            return font
    raise CleanerError("no CJK font found: run `make shapes` (fonts-noto-cjk) or `make chromium` (fonts-wqy-microhei)")


def load_typeface(font: Path, size: int) -> Any:
    """The simplified-Chinese face of a font file (a .ttc holds several), at `size` pixels."""
    from PIL import ImageFont

    if not font.is_file():
        raise CleanerError(f"{font}: no such font file; install fonts-noto-cjk (`make shapes`) or give --font")
    faces = []
    for index in range(32):
        try:
            faces.append(ImageFont.truetype(str(font), size, index=index))
        except OSError:
            break
    if not faces:
        raise CleanerError(f"{font}: not a font Pillow can read; give a .ttf, .otf or .ttc file")
    return next((face for face in faces if SIMPLIFIED_FACE in face.getname()[0].split()), faces[0])

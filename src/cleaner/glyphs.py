"""Look-alike characters found by drawing them: the shape table for OCR confusions no list names.

The shared confusion tables were made for handwriting and typing errors (贯/惯, 衍/行): characters
that share a part. OCR of print confuses characters whose whole glyphs nearly coincide (千/干, 未/末,
己/已), and a table written by hand lists only the pairs someone noticed. Here every common character
is drawn in a print typeface, blurred the way a scan blurs, and compared with every other; each
character's nearest glyphs become its look-alikes. `cleaner build-shapes` writes the table that S102
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
# Chosen on the training side: 5 neighbours at 0.7 found unseen OCR look-alikes best (`eval spelling`)
# without raising applied changes on clean articles; a tighter 3 at 0.8 lost a sixth of them.
NEIGHBOURS = 5
MIN_SIMILARITY = 0.7
# a private-use code point no font draws: what the font draws for a character it lacks
NO_SUCH_CHARACTER = "\U0010fffd"


@dataclass(frozen=True)
class Drawing:
    """How glyphs are drawn: the pixel size of the type, the blur of a scan, the compared grid."""

    type_size: int = 64
    blur: float = 1.5
    grid: int = 24


def glyph_vectors(chars: Iterable[str], font: Path, drawing: Drawing = Drawing()) -> dict[str, list[float]]:
    """Each character drawn in `font`, blurred, shrunk to a grid, centred and scaled to unit length.

    Characters are drawn at one origin, not centred on their ink: where a glyph sits in its square
    tells 己 from 巳 as much as its strokes do.

    >>> vectors = glyph_vectors("千干", installed_cjk_font())
    >>> round(sum(a * b for a, b in zip(vectors["千"], vectors["干"])), 1) > 0.8
    True
    """
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    typeface = _typeface(font, drawing.type_size)
    canvas = drawing.type_size + drawing.type_size // 4

    def draw(char: str) -> Any:
        image = Image.new("L", (canvas, canvas), 0)
        ImageDraw.Draw(image).text((drawing.type_size // 8, -drawing.type_size // 16), char, font=typeface, fill=255)
        return image

    # a character the font lacks is drawn as its missing-glyph box, which would look like every other such one
    missing = draw(NO_SUCH_CHARACTER).tobytes()
    vectors: dict[str, list[float]] = {}
    for char in dict.fromkeys(chars):
        image = draw(char)
        if image.tobytes() == missing:
            continue
        shrunk = image.filter(ImageFilter.GaussianBlur(drawing.blur)).resize((drawing.grid, drawing.grid), Image.BOX)
        pixels = np.asarray(shrunk, dtype=np.float32).ravel()
        pixels -= pixels.mean()
        norm = float(np.linalg.norm(pixels))
        if norm > 0:  # a blank glyph looks like nothing
            vectors[char] = (pixels / norm).tolist()
    return vectors


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


def table_lines(table: Mapping[str, str], header: Sequence[str]) -> list[str]:
    """The table in the SIGHAN layout S102 reads (a character, a tab, its look-alikes), under `# ` comments.

    >>> table_lines({"千": "干"}, ["drawn"])
    ['# drawn', '千\\t干']
    """
    return [f"# {line}" for line in header] + [f"{char}\t{others}" for char, others in table.items()]


def installed_cjk_font() -> Path:
    """A CJK font this machine has: the Song typeface, else the one `make chromium` installs.

    >>> installed_cjk_font().is_file()
    True
    """
    for font in (DEFAULT_FONT, Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")):
        if font.is_file():
            return font
    raise CleanerError("no CJK font found: run `make shapes` (fonts-noto-cjk) or `make chromium` (fonts-wqy-microhei)")


def _typeface(font: Path, size: int) -> Any:
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

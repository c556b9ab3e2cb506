"""Scanned columns read by a real OCR engine: articles set as newspaper columns, degraded, OCRed by tesseract.

Every other evaluation injects defects with the project's own generators. Here the defects are a real
engine's: each article is set in a Song typeface (or, asked, a Hei face or a bold Song) as a narrow column
(a few type sizes and widths, one paragraph a block, blocks parted by a blank line, a closing mark never
starting a line), scanned
badly on purpose (downscaled, blurred, speckled, JPEG-compressed, by a seeded level) and read by
Debian's `tesseract` (`tesseract-ocr`, `tesseract-ocr-chi-sim`) through a subprocess. The truth is
the article laid out the same way, so the OCR text's wraps and blank lines stand where the truth's do.

Nothing here is imported by `cleaner clean`; Pillow draws the page and tesseract is looked for only
when a page is read.

>>> laid_out(("一二三四五，六七",), 5)
'一二三四五，\\n六七'
>>> print(laid_out(("标题", "一二三四五六"), 4))
标题
<BLANKLINE>
一二三四
五六
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CleanerError
from ..glyphs import DEFAULT_FONT, load_typeface
from .columns import NO_LINE_START, wrapped_column

TYPE_SIZES = (26, 28, 32)  # pixels per character before the scan's downscaling
COLUMN_WIDTHS = (14, 18, 24)  # characters per line, as the columns of a newspaper page
LINE_GAP = 0.45  # leading, as a share of the type size
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"
NOTO = Path("/usr/share/fonts/opentype/noto")
# A newspaper sets its body in a Song face, and captions, briefs and headlines in a Hei face or in bold: each misleads
# the engine its own way (fonts-noto-cjk, installed by `make ocr`).
TYPEFACES: dict[str, Path] = {
    "serif": DEFAULT_FONT,
    "sans": NOTO / "NotoSansCJK-Regular.ttc",
    "serif-bold": NOTO / "NotoSerifCJK-Bold.ttc",
}


class OcrEngineMissing(CleanerError):
    """Tesseract, or its simplified-Chinese model, is not installed on this machine."""


@dataclass(frozen=True)
class Degradation:
    """How badly a page is scanned: the downscale factor, Gaussian blur, speckle noise and JPEG quality.

    >>> DEGRADATIONS["medium"].scale
    0.5
    """

    scale: float
    blur: float
    noise: float  # standard deviation of the grey noise added to each pixel, 0-255
    jpeg_quality: int  # 0: no JPEG round trip


DEGRADATIONS: dict[str, Degradation] = {
    "light": Degradation(scale=0.6, blur=0.4, noise=0.0, jpeg_quality=0),
    "medium": Degradation(scale=0.5, blur=0.6, noise=10.0, jpeg_quality=75),
    "heavy": Degradation(scale=0.46, blur=0.7, noise=14.0, jpeg_quality=60),
}


@dataclass(frozen=True)
class OcrPair:
    """One scanned article: what tesseract read and the truth laid out as it was printed.

    >>> OcrPair("a", "一\\n二", "一\\n三", 28, 14).article_id
    'a'
    """

    article_id: str
    ocr: str
    truth: str
    type_size: int
    width: int
    typeface: str = "serif"  # a key of TYPEFACES; pairs saved before there was a choice were read from the Song face


def laid_out(paragraphs: Sequence[str], width: int) -> str:
    """The text as the column prints it: each paragraph wrapped at `width`, a closing mark kept at the end of the line
    before, paragraphs parted by a blank line."""
    return "\n\n".join(wrapped_column(paragraph, width, NO_LINE_START) for paragraph in paragraphs)


def render_column(truth: str, type_size: int, degradation: Degradation, seed: int, typeface: str = "serif") -> bytes:
    """The laid-out text drawn black on white in a face of TYPEFACES, then scanned badly: a PNG file's bytes.

    >>> render_column("一二", 28, DEGRADATIONS["light"], 1, "sans")[:4]
    b'\\x89PNG'
    """
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    face = load_typeface(TYPEFACES[typeface], type_size)
    lines = truth.split("\n")
    pitch = int(type_size * (1 + LINE_GAP))
    margin = type_size
    width = max(len(line) for line in lines) * type_size + 2 * margin
    page = Image.new("L", (width, len(lines) * pitch + 2 * margin), 255)
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * pitch), line, font=face, fill=0)
    scanned = page.resize((int(page.width * degradation.scale), int(page.height * degradation.scale)), Image.LANCZOS)
    if degradation.blur:
        scanned = scanned.filter(ImageFilter.GaussianBlur(degradation.blur))
    if degradation.noise:
        pixels = np.asarray(scanned, dtype=np.float32)
        speckle = np.random.default_rng(seed).normal(0.0, degradation.noise, pixels.shape)
        scanned = Image.fromarray(np.clip(pixels + speckle, 0, 255).astype(np.uint8))
    if degradation.jpeg_quality:
        compressed = io.BytesIO()
        scanned.save(compressed, "JPEG", quality=degradation.jpeg_quality)
        scanned = Image.open(io.BytesIO(compressed.getvalue()))
    encoded = io.BytesIO()
    scanned.save(encoded, "PNG")
    return encoded.getvalue()


def tesseract_command() -> list[str]:
    """The command that reads a PNG on stdin as simplified Chinese (one column of text) and prints the text.

    >>> tesseract_command()[-4:] if shutil.which("tesseract") else ["-l", "chi_sim", "--psm", "4"]
    ['-l', 'chi_sim', '--psm', '4']
    """
    program = shutil.which("tesseract")
    if program is None:
        raise OcrEngineMissing(f"tesseract is not installed: {INSTALL_HINT} (Debian), or `make ocr`")
    languages = subprocess.run([program, "--list-langs"], capture_output=True, text=True, check=False).stdout
    if "chi_sim" not in languages.split():
        raise OcrEngineMissing(f"tesseract has no simplified-Chinese model (chi_sim): {INSTALL_HINT}")
    # psm 4: a single column of text of variable sizes, which keeps the blank lines between blocks
    return [program, "stdin", "stdout", "-l", "chi_sim", "--psm", "4"]


def read_image(png: bytes, command: Sequence[str]) -> str:
    """What tesseract reads in an image, on one thread (the machine's cores are shared)."""
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    finished = subprocess.run(list(command), input=png, capture_output=True, env=environment, check=False)
    if finished.returncode != 0:
        raise CleanerError(f"tesseract failed: {finished.stderr.decode(errors='replace').strip()[:200]}")
    return finished.stdout.decode("utf-8", errors="replace")


def scan_article(
    article_id: str,
    paragraphs: Sequence[str],
    degradation: Degradation,
    seed: int,
    command: Sequence[str],
    typeface: str = "serif",
) -> OcrPair:
    """One article set as a column in a face of TYPEFACES (size and width drawn from the seed and the id, so each
    face sets an article alike), scanned and read.

    >>> stand_in = ["sh", "-c", "cat >/dev/null; echo 中华人民共和国"]  # an engine that reads every page alike
    >>> pair = scan_article("x", ("中华人民共和国",), DEGRADATIONS["light"], 1, stand_in)
    >>> pair.truth, pair.ocr
    ('中华人民共和国', '中华人民共和国\\n')
    """
    choice = random.Random(f"{seed}:{article_id}")
    type_size, width = choice.choice(TYPE_SIZES), choice.choice(COLUMN_WIDTHS)
    truth = laid_out(paragraphs, width)
    png = render_column(truth, type_size, degradation, choice.randrange(2**32), typeface)
    return OcrPair(article_id, read_image(png, command), truth, type_size, width, typeface)

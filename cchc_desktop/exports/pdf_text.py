"""The print font and text set in it: which faces print the appendix (Times New Roman when the
PC has it, else the bundled Tinos), and lines broken to a width measured in that font.

Only ``reportlab.pdfbase`` is used here: measuring and wrapping need no layout engine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from cchc_desktop.assets import font_path

# -- fonts ------------------------------------------------------------------------------------

FAMILY = "CCHCSerif"
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
_TIMES_FILES = {
    "Regular": ("times.ttf", "times new roman.ttf", "times_new_roman.ttf", "timesnewroman.ttf"),
    "Bold": (
        "timesbd.ttf",
        "times new roman bold.ttf",
        "times_new_roman_bold.ttf",
        "timesnewromanbold.ttf",
    ),
    "Italic": (
        "timesi.ttf",
        "times new roman italic.ttf",
        "times_new_roman_italic.ttf",
        "timesnewromanitalic.ttf",
    ),
    "BoldItalic": (
        "timesbi.ttf",
        "times new roman bold italic.ttf",
        "times_new_roman_bold_italic.ttf",
        "timesnewromanbolditalic.ttf",
    ),
}
# Letters a font must have to print Vietnamese (older Times New Roman builds lacked some).
_VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ…–“”"


class Fonts:
    """The registered names of the four faces, and where they came from."""

    __slots__ = ("bold", "bold_italic", "italic", "regular", "source")

    def __init__(self, regular: str, bold: str, italic: str, bold_italic: str, source: str) -> None:
        self.regular = regular
        self.bold = bold
        self.italic = italic
        self.bold_italic = bold_italic
        self.source = source  # "Times New Roman" or "Tinos"


def font_dirs() -> list[Path]:
    """Where Times New Roman usually lives on Windows, Linux and macOS."""
    dirs: list[Path] = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path.home() / "Library" / "Fonts",
        ]
    else:
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path.home() / ".local" / "share" / "fonts",
            Path.home() / ".fonts",
        ]
    return dirs


def _find_times(dirs: Sequence[Path]) -> dict[str, Path] | None:
    """The four Times New Roman files, looked up case-insensitively, or None."""
    wanted = {name: style for style, names in _TIMES_FILES.items() for name in names}
    found: dict[str, Path] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for root, subdirs, files in os.walk(base):
            if root.count(os.sep) - str(base).count(os.sep) >= 3:
                subdirs[:] = []  # font folders are shallow; do not crawl a whole disk
            for name in files:
                style = wanted.get(name.lower())
                if style and style not in found:
                    found[style] = Path(root) / name
        if len(found) == len(_STYLES):
            return found
    return None


def _covers_vietnamese(font: TTFont) -> bool:
    cmap = font.face.charToGlyph
    return all(ord(ch) in cmap for ch in _VIETNAMESE)


@cache
def fonts() -> Fonts:
    """Register the print family once per process: Times New Roman when the PC has it with
    every Vietnamese letter, else the bundled Tinos (same metrics, so the layout matches)."""
    candidates: list[tuple[str, dict[str, Path]]] = []
    times = _find_times(font_dirs())
    if times is not None:
        candidates.append(("Times New Roman", times))
    candidates.append(("Tinos", {s: font_path(f"Tinos-{s}.ttf") for s in _STYLES}))
    for source, files in candidates:
        prefix = f"{FAMILY}-{'TNR' if source == 'Times New Roman' else 'Tinos'}"
        names = {style: f"{prefix}-{style}" for style in _STYLES}
        try:
            loaded = [TTFont(names[style], str(files[style])) for style in _STYLES]
        except (TTFError, OSError):
            continue
        if not all(_covers_vietnamese(f) for f in loaded):
            continue
        # No font family is registered: only platypus markup (<b>, <i>) looks one up, and
        # doing so imports reportlab.lib.fonts for nothing.
        for font in loaded:
            pdfmetrics.registerFont(font)
        return Fonts(names["Regular"], names["Bold"], names["Italic"], names["BoldItalic"], source)
    raise RuntimeError("Không tải được phông chữ Tinos đi kèm chương trình.")


# -- wrapping ---------------------------------------------------------------------------------


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points. Line breaks typed by the
    clerk are kept; a word wider than the column (a long web address) is cut where needed."""
    # The font's own measure, looked up once: pdfmetrics.stringWidth would look the font up
    # again for every word of every cell.
    measure = pdfmetrics.getFont(font).stringWidth
    space = measure(" ", size)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line: str | None = None
        line_width = 0.0
        for word in paragraph.split(" "):
            word_width = measure(word, size)
            if line is None:
                if word_width <= width:
                    line, line_width = word, word_width
                    continue
            elif line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            else:
                out.append(line)
            if word_width <= width:
                line, line_width = word, word_width
            else:
                pieces = _cut_word(word, font, size, width)
                out.extend(pieces[:-1])
                line = pieces[-1]
                line_width = measure(line, size)
        out.append(line if line is not None else "")
    return out


# Words a two-line heading would rather start its second line with, as the forms do:
# "THỐNG KÊ SỐ LIỆU / VỀ KẾT QUẢ THỰC HIỆN …", "QUÝ III NĂM 2022 / CỦA SỞ …".
_GOOD_LINE_STARTS = frozenset({"về", "của", "tại", "trong", "theo", "đối", "(kèm", "thuộc"})


def balanced_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Like :func:`wrap_text`, but as centred headings are set: lines of even length, and
    two lines broken before "về", "của", … where that keeps them even enough ("SỞ THÔNG TIN
    VÀ / TRUYỀN THÔNG", not "SỞ THÔNG TIN VÀ TRUYỀN / THÔNG")."""
    lines = wrap_text(text, font, size, width)
    if len(lines) < 2 or "\n" in text:
        return lines
    if len(lines) == 2:
        words = text.split(" ")
        plain: list[tuple[float, list[str]]] = []
        good: list[tuple[float, list[str]]] = []
        for i in range(1, len(words)):
            first, second = " ".join(words[:i]), " ".join(words[i:])
            w1 = pdfmetrics.stringWidth(first, font, size)
            w2 = pdfmetrics.stringWidth(second, font, size)
            if w1 > width or w2 > width:
                continue
            plain.append((abs(w1 - w2), [first, second]))
            if (words[i].casefold() in _GOOD_LINE_STARTS or words[i - 1] in ("-", "–")) and min(
                w1, w2
            ) >= 0.25 * max(w1, w2):
                good.append((abs(w1 - w2), [first, second]))
        if good or plain:
            return min(good or plain, key=lambda c: c[0])[1]
    low, high = width / len(lines), width
    for _ in range(12):
        middle = (low + high) / 2
        if len(wrap_text(text, font, size, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return wrap_text(text, font, size, high)


def _cut_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and pdfmetrics.stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    pieces.append(current)
    return pieces

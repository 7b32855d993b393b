"""How wide printed text is: Times New Roman's advance widths (``desktop_app/resources/fonts``,
read from the metric-compatible Liberation Serif by ``tools/make_font_metrics.py``), word-wrapped
at a column width like Word wraps it. Used for rule lines as long as the text above, balanced
title lines and the appendix's row heights."""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache

from ..resources import RESOURCES_DIR
from .ooxml import TextStyle

METRICS_FILE = RESOURCES_DIR / "fonts" / "times-new-roman-widths.json"


@lru_cache(maxsize=1)
def _metrics() -> dict:
    return json.loads(METRICS_FILE.read_text(encoding="utf-8"))


def _char_width(ch: str, table: dict, default: int) -> int:
    width = table.get(ch)
    if width is not None:
        return width
    if unicodedata.combining(ch):
        return 0
    base = unicodedata.normalize("NFD", ch)[:1]
    return table.get(base, default)


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Printed width of one line of *text* in Times New Roman (advance widths)."""
    m = _metrics()
    key = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
           (True, True): "bold_italic"}[(bool(bold), bool(italic))]
    table = m[key]
    default = table.get("n", 1024)
    units = sum(_char_width(ch, table, default) for ch in text)
    return units * size_pt / m["units_per_em"]


def _wrap(text: str, style: TextStyle, available_pt: float) -> list[float]:
    """Widths of the lines *text* wraps into (greedy at spaces, as word processors do;
    a word longer than the line is cut)."""
    widths: list[float] = []
    for paragraph in text.split("\n"):
        space = text_width_pt(" ", style.size_pt, style.bold, style.italic)
        line = 0.0
        for word in paragraph.split(" "):
            w = text_width_pt(word, style.size_pt, style.bold, style.italic)
            if line and line + space + w > available_pt:
                widths.append(line)
                line = 0.0
            elif line:
                line += space
            while w > available_pt:  # a word wider than the line is broken anywhere
                widths.append(available_pt)
                w -= available_pt
            line += w
        widths.append(line)
    return widths


def wrapped_width_pt(text: str, style: TextStyle, available_pt: float) -> float:
    """Width of the widest line of *text* set in *style* within *available_pt*."""
    return min(available_pt, max(_wrap(style.shown(text), style, available_pt), default=0.0))


def balance_lines(text: str, style: TextStyle, available_pt: float) -> str:
    """*text* unchanged when it fits on one line; else with a line break where the lines
    come out most even ("ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH" rather than a last line of one
    word), as names in a document header are set. More than two lines: unchanged."""
    shown = style.shown(text)
    if "\n" in text or len(_wrap(shown, style, available_pt)) <= 1:
        return text
    words = text.split(" ")
    best = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        widths = [text_width_pt(style.shown(part), style.size_pt, style.bold, style.italic) for part in (first, second)]
        if max(widths) <= available_pt and (best is None or max(widths) < best[0]):
            best = (max(widths), f"{first}\n{second}")
    return best[1] if best else text


def estimate_lines(text: str, style: TextStyle, available_pt: float) -> int:
    return len(_wrap(style.shown(text), style, max(available_pt, 1.0)))

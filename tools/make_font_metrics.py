"""Write desktop_app/resources/fonts/times-new-roman-widths.json: advance widths of Times New Roman.

The Word export draws the line under "ĐẢNG CỘNG SẢN VIỆT NAM" (and under the state motto)
exactly as long as the text, which needs the text's printed width. Liberation Serif is
metric-compatible with Times New Roman (same advance widths, by design), so its widths are
read here once, from the font files, with a tiny TrueType reader (no fontTools needed):

    python tools/make_font_metrics.py [/usr/share/fonts/truetype/liberation2]

Only the characters a Vietnamese document uses are kept (ASCII, Latin-1, Latin Extended-A/B,
Vietnamese letters, common punctuation).
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "desktop_app" / "resources" / "fonts" / "times-new-roman-widths.json"
FILES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
         "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"}
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x1EA0, 0x1EF9), (0x2010, 0x2026), (0x2212, 0x2212)]


def _tables(data: bytes) -> dict[str, tuple[int, int]]:
    count = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(count):
        tag, _check, offset, length = struct.unpack(">4sLLL", data[12 + 16 * i: 28 + 16 * i])
        out[tag.decode("latin-1")] = (offset, length)
    return out


def _cmap4(data: bytes, offset: int) -> dict[int, int]:
    n = struct.unpack(">H", data[offset + 2: offset + 4])[0]
    for i in range(n):
        platform, encoding, sub = struct.unpack(">HHL", data[offset + 4 + 8 * i: offset + 12 + 8 * i])
        start = offset + sub
        if platform == 3 and encoding == 1 and struct.unpack(">H", data[start:start + 2])[0] == 4:
            break
    else:
        raise SystemExit("no Unicode BMP cmap (format 4)")
    segs = struct.unpack(">H", data[start + 6: start + 8])[0] // 2
    ends = struct.unpack(f">{segs}H", data[start + 14: start + 14 + 2 * segs])
    base = start + 16 + 2 * segs
    starts = struct.unpack(f">{segs}H", data[base: base + 2 * segs])
    deltas = struct.unpack(f">{segs}h", data[base + 2 * segs: base + 4 * segs])
    range_base = base + 4 * segs
    offsets = struct.unpack(f">{segs}H", data[range_base: range_base + 2 * segs])
    glyphs = {}
    for s in range(segs):
        for code in range(starts[s], ends[s] + 1):
            if code == 0xFFFF:
                continue
            if offsets[s] == 0:
                glyph = (code + deltas[s]) & 0xFFFF
            else:
                at = range_base + 2 * s + offsets[s] + 2 * (code - starts[s])
                glyph = struct.unpack(">H", data[at: at + 2])[0]
                if glyph:
                    glyph = (glyph + deltas[s]) & 0xFFFF
            if glyph:
                glyphs[code] = glyph
    return glyphs


def widths(path: Path) -> tuple[int, dict[str, int]]:
    data = path.read_bytes()
    t = _tables(data)
    units = struct.unpack(">H", data[t["head"][0] + 18: t["head"][0] + 20])[0]
    metrics = struct.unpack(">H", data[t["hhea"][0] + 34: t["hhea"][0] + 36])[0]
    hmtx = t["hmtx"][0]
    advance = [struct.unpack(">H", data[hmtx + 4 * i: hmtx + 4 * i + 2])[0] for i in range(metrics)]
    cmap = _cmap4(data, t["cmap"][0])
    out = {}
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            glyph = cmap.get(code)
            if glyph is not None:
                out[chr(code)] = advance[min(glyph, metrics - 1)]
    return units, out


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/liberation2")
    result: dict = {"font": "Times New Roman", "source": "Liberation Serif (metric-compatible)"}
    for style, name in FILES.items():
        units, table = widths(folder / name)
        result["units_per_em"] = units
        result[style] = table
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(len(result[s]) for s in FILES)} widths")
    return 0


if __name__ == "__main__":
    sys.exit(main())

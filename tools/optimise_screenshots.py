"""Make the committed README screenshots small: each PNG reduced to a 256-colour palette
(median cut, no dithering, so flat UI colours and text stay crisp) and saved with the
best zlib compression. A file is only replaced when the result is smaller.

    .venv/bin/nqdesk screenshots docs/screenshots
    .venv/bin/pip install pillow   # a tool of the repository only, not of the program
    .venv/bin/python tools/optimise_screenshots.py docs/screenshots
"""

from __future__ import annotations

import io
import sys
from pathlib import Path


def optimise(path: Path) -> tuple[int, int]:
    """(size before, size after) in bytes."""
    from PIL import Image

    before = path.stat().st_size
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    # Flat fills (status colours of the legend swatches and tiles, selections, backgrounds) are
    # kept exactly: a median cut alone merges a small swatch's red into a brown. They come
    # first in the palette; a median cut of the picture fills the rest (anti-aliased text).
    counts = sorted(rgb.getcolors(maxcolors=rgb.width * rgb.height) or [], reverse=True)
    exact = [colour for _n, colour in counts[:32]]  # backgrounds, borders, text
    exact += [colour for n, colour in counts  # coloured fills of at least a small swatch
              if n >= 100 and max(colour) - min(colour) > 40 and colour not in exact][:96]
    cut = rgb.quantize(colors=256 - len(exact), method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    entries = exact + [tuple(cut.getpalette()[i:i + 3]) for i in range(0, 3 * (256 - len(exact)), 3)]
    table = Image.new("P", (1, 1))
    table.putpalette([value for colour in entries for value in colour])
    palette = rgb.quantize(palette=table, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    if buffer.tell() < before:
        path.write_bytes(buffer.getvalue())
    return before, path.stat().st_size


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "docs/screenshots")
    total_before = total_after = 0
    for path in sorted(folder.rglob("*.png")):
        before, after = optimise(path)
        total_before, total_after = total_before + before, total_after + after
        print(f"{path.relative_to(folder)}: {before / 1024:.0f} → {after / 1024:.0f} KiB")
    print(f"total: {total_before / 1024:.0f} → {total_after / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Rows pasted from Excel or Word: tab-separated cells, one row a line, a cell holding
line breaks quoted as Excel puts it on the clipboard ("a""b" for a quote). They go through
the same understanding as a file (:mod:`.tables`), with or without their header row.

No Qt.
"""

from __future__ import annotations

import csv
import io

from ..core.text import multi_line, nfc
from ..i18n import _
from .tables import RawRow, RawTable

# The columns of a programme's task table, in the order the program shows and exports
# them: what pasted rows without a header row are taken to hold.
DEFAULT_COLUMNS = {"number": 0, "content": 1, "lead": 2, "coordinators": 3, "product": 4, "deadline": 5, "note": 6}


def read_pasted(text: str) -> RawTable:
    text = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    rows = []
    for n, cells in enumerate(reader, start=1):
        cells = [multi_line(c) for c in cells]
        if any(c.strip() for c in cells):
            rows.append(RawRow(cells=cells, source=_("dòng dán {n}").format(n=n)))
    width = max((len(r.cells) for r in rows), default=0)
    for row in rows:
        while len(row.cells) < width:
            row.span.append(len(row.cells))
            row.cells.append("")
            row.bold.append(False)
    return RawTable(rows=rows, name=_("phần dán"))

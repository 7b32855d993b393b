"""A full disk for the storage tests (on the small tmpfs of the ``tmpfs`` fixture)."""

from __future__ import annotations

import errno
import os
from pathlib import Path


def fill(disk: Path) -> None:
    """Fill *disk* to the last byte, as another program would (the file is ``filler``)."""
    fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)

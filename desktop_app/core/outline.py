"""Typing the heading levels of a programme's sections: "1." (level 1), "a)" (level 2) and
"-" (level 3) at the start of a line, as the Word export recognises them
(:func:`desktop_app.export.program_wording.section_lines`). Pure text functions used by the
text editor's buttons and Tab / Shift+Tab."""

from __future__ import annotations

import re

#: The letters official documents number with ("a) b) c) d) đ) e) g) …": no f, j, w, z).
LETTERS = "abcdđeghiklmnopqrstuvxy"  # vocabulary
LEVELS = (1, 2, 3)

_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<number>[0-9]{1,3})\.(?![0-9])|(?P<letter>[a-zđ])\)|(?P<dash>[-–+]))"  # vocabulary
                     r"[ \t]*")


def line_level(line: str) -> int | None:
    """1 for "1. …", 2 for "a) …", 3 for "- …", None for a line without a marker."""
    found = _MARKER.match(line)
    if not found:
        return None
    if found.group("number"):
        return 1
    if found.group("letter"):
        return 2
    return 3


def strip_marker(line: str) -> str:
    """The line without its marker (and the spaces after it)."""
    found = _MARKER.match(line)
    return line[found.end():] if found else line.lstrip(" \t")


def next_marker(lines_before: list[str], level: int) -> str:
    """The marker a new line of *level* takes after *lines_before* (the section's lines above
    it): "3." after "2. …"; "c)" after "b) …" under the same numbered line, "a)" after a new
    one; "-" for level 3."""
    if level == 3:
        return "-"
    if level == 1:
        for line in reversed(lines_before):
            found = _MARKER.match(line)
            if found and found.group("number"):
                return f"{int(found.group('number')) + 1}."
        return "1."
    for line in reversed(lines_before):
        found = _MARKER.match(line)
        if not found:
            continue
        if found.group("number"):
            break  # a new numbered part: its letters start again
        letter = found.group("letter")
        if letter:
            i = LETTERS.find(letter)
            return f"{LETTERS[i + 1] if 0 <= i < len(LETTERS) - 1 else letter})"
    return "a)"


def set_level(lines_before: list[str], line: str, level: int) -> str:
    """*line* with the marker of *level* (numbered after *lines_before*) in place of its own."""
    return f"{next_marker(lines_before, level)} {strip_marker(line)}"


def shift_level(lines_before: list[str], line: str, step: int) -> str:
    """Tab (*step* +1: "1." → "a)" → "-") or Shift+Tab (-1: "-" → "a)" → "1."); a line without
    a marker becomes "-" on Tab and stays as it is on Shift+Tab."""
    level = line_level(line)
    if level is None:
        return set_level(lines_before, line, 3) if step > 0 else line
    new = min(3, max(1, level + step))
    return line if new == level else set_level(lines_before, line, new)

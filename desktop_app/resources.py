"""Where the shipped resources (demo data, profiles, translations) are."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
DEMO_FILE = RESOURCES_DIR / "demo" / "langson_tw8.json"

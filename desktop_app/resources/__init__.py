"""The files shipped inside the package: demo data, format profiles, font metrics, translations.

They are package data (``desktop_app/resources/…``), found through :mod:`importlib.resources`,
so a source checkout, an installed wheel and the Windows portable build find them the same way.
The package is always installed as plain files (never zipped), so ``files()`` is a real folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

RESOURCES_DIR = Path(str(files(__name__)))
DEMO_FILE = RESOURCES_DIR / "demo" / "langson_tw8.json"
PROFILES_DIR = RESOURCES_DIR / "profiles"
FONTS_DIR = RESOURCES_DIR / "fonts"
LOCALE_DIR = RESOURCES_DIR / "locale"

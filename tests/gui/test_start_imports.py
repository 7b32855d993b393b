"""Start-up imports (issue 12): the data side is imported before Qt, so PySide6's import hook
does not read the source of SQLAlchemy and our models (0.1 s and ~17 MB kept in linecache);
what it read of the window's own modules is dropped once the window is built."""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = r"""
import json, linecache, sys
import desktop_app.gui.app
def read_lines():  # files whose lines were read (lazy entries hold none; "<…>": code SQLAlchemy generated)
    return [name for name, entry in linecache.cache.items() if len(entry) > 1 and not name.startswith("<")]
read = sum(len(linecache.cache[name][2]) for name in read_lines())
from desktop_app.gui.app import application, build_window
from desktop_app.store.db import open_database
app = application()
window = build_window(open_database(sys.argv[1], create=True))
print(json.dumps({"read": read, "after": len(read_lines())}))
window.close()
"""


def test_the_data_side_is_not_read_by_pysides_import_hook(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", CODE, str(tmp_path / "new.sqlite3")], env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    # the hook reads only the modules named by imports after Qt's: ~45,000 lines, not 246,000
    assert result["read"] < 100_000, result
    assert result["after"] == 0  # and the rest is dropped once the window is built

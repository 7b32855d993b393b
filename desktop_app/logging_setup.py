"""The program's log: a rotating file in the data folder (``logs/nqdesk.log``).

Under ``pythonw`` on Windows there is no console, so an error that is only printed is lost;
everything unexpected is written here instead (the GUI's crash dialog names the file). No Qt:
the command line uses it too.

The file is opened on the first record, not at start-up. When the folder cannot be written
(a read-only profile, a full disk) the records go to stderr instead, if there is one: logging
must never be the reason the program stops.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

LOGGER_NAME = "desktop_app"  # the package: every module's logging.getLogger(__name__) is included
LOG_FILE_NAME = "nqdesk.log"
MAX_BYTES = 1_000_000  # per file; with BACKUP_COUNT older files at most 6 MB in all
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

logger = logging.getLogger(LOGGER_NAME)

_handler: logging.Handler | None = None
_path: Path | None = None


def default_log_path() -> Path:
    from .store.db import data_dir

    return data_dir() / "logs" / LOG_FILE_NAME


def setup_logging(path: Path | None = None) -> Path | None:
    """Send the program's records (logger ``desktop_app`` and its children) to the rotating log
    file; returns its path, or None when only stderr could be used. Calling it again for
    the same file keeps the current set-up."""
    global _handler, _path
    target = path or default_log_path()
    if _handler is not None and target == _path:
        return _path
    shutdown_logging()
    handler: logging.Handler
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "a", encoding="utf-8"):  # writable? (delay=True would only fail later)
            pass
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
        _path = target
    except OSError:
        # sys.stderr is None under pythonw: then the records are dropped, never an error.
        handler = logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler()
        _path = None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    return _path


def shutdown_logging() -> None:
    """Close the log file (at exit, and between tests)."""
    global _handler, _path
    if _handler is not None:
        logger.removeHandler(_handler)
        logger.setLevel(logging.NOTSET)
        _handler.close()
    _handler, _path = None, None


def log_path() -> Path | None:
    """The log file in use (None before :func:`setup_logging`, or when it could not be opened)."""
    return _path


def environment_text() -> str:
    """Version, Python and system: the first lines of an error report."""
    from . import __version__

    return (f"NQ Desk {__version__}\n"
            f"Python {platform.python_version()} ({sys.executable})\n"
            f"{platform.platform()}")


def log_exception(message: str, exc_info) -> Path | None:
    """Write *message* and the traceback to the log (set up if it is not yet); returns the
    log file's path."""
    if _handler is None:
        setup_logging()
    logger.error(message, exc_info=exc_info)
    return _path

"""The PySide6 front end: the only package that imports Qt.

The data side the window needs at once is imported here, before Qt. Once PySide6 is
imported, its import hook (shibokensupport's feature switching) reads the source of every
module imported after it to see whether it uses PySide6, and ``linecache`` keeps those
lines: for SQLAlchemy and our models that was about 200,000 lines, 0.1 s of start-up and
some 17 MB of memory for nothing."""

from ..interchange import fields as _fields  # noqa: F401
from ..reports import progress as _progress, records as _records, tasks as _tasks  # noqa: F401
from ..store import db as _db, lock as _lock, models as _models  # noqa: F401

"""Opening the database: where it lives, connection settings, upgrades, backups.

SQLite (the default, a file in the user's data folder) is opened with foreign keys on,
WAL journaling and full sync, and with SQLAlchemy managing real ``BEGIN`` statements
(pysqlite's own transaction handling is switched off) so that migrations and imports are
truly all-or-nothing. PostgreSQL works through the same code for a shared office database.
"""

from __future__ import annotations

import functools
import getpass
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import NqdeskError
from ..i18n import N_, _
from .files import describe_os_error, describe_sqlite_error, write_atomically

# Alembic is imported only when a database must be created or upgraded: opening one that is
# already up to date (every command, every start) reads alembic_version with plain SQL, and
# importing Alembic would cost more than the rest of ``nqdesk stats`` together.

APP_DIR_NAME = "NQDesk"
DEFAULT_FILE_NAME = "nqdesk.sqlite3"
ENV_VAR = "NQDESK_DB"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreError(NqdeskError):
    """The database cannot be opened or used; the message says why and what to do."""


class DatabaseTooNewError(StoreError):
    pass


class MigrationError(StoreError):
    pass


class StorageWriteError(StoreError):
    """A change could not be saved (read-only file, full disk, file locked); nothing was written."""


class BackupError(StoreError):
    """A backup could not be written; no half-written backup is left behind."""


class ReadOnlyError(StoreError):
    """The database login may read but not change the data (a read-only role)."""


class BusyError(StoreError):
    """The server gave up on a change that waited for another user's (deadlock, timeout)."""


# PostgreSQL error codes (SQLSTATE) that deserve a message of their own.
_SQLSTATE_NO_PRIVILEGE = "42501"
_SQLSTATE_RETRY = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available


def _sqlstate(exc: BaseException) -> str | None:
    return getattr(getattr(exc, "orig", None), "sqlstate", None)


class DatabaseNotFound(StoreError):
    """The database named does not exist and the caller did not ask to create one."""

    def __init__(self, message: str, where: str):
        super().__init__(message)
        self.where = where


def default_user_name() -> str:
    """Who is recorded in the journal for a local file: ``NQDESK_USER`` or the login name.
    (On a server database it is the database login instead: see :func:`_open`.)"""
    name = os.environ.get("NQDESK_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name (some services and containers)
        return _("không rõ")


def data_dir() -> Path:
    """The user's data folder (e.g. %LOCALAPPDATA%\\NQDesk on Windows, ~/.local/share/NQDesk)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / DEFAULT_FILE_NAME


def resolve_url(db: str | os.PathLike | None = None) -> str:
    """``--db`` beats ``NQDESK_DB`` beats the default file; each may be a path or a URL."""
    chosen = db if db not in (None, "") else os.environ.get(ENV_VAR) or None
    if chosen is None:
        return _sqlite_url(default_database_path())
    chosen = str(chosen)
    if "://" in chosen:
        try:
            make_url(chosen)
        except ArgumentError:
            raise StoreError(
                _("Địa chỉ cơ sở dữ liệu «{url}» không hợp lệ. Hãy dùng đường dẫn tệp hoặc "
                  "địa chỉ dạng postgresql+psycopg://người_dùng@máy:cổng/tên_csdl.").format(url=chosen)
            ) from None
        return chosen
    return _sqlite_url(Path(chosen).expanduser())


def _sqlite_url(path: Path) -> str:
    return "sqlite:///" + str(path.absolute())


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no branch
        # Let SQLAlchemy issue BEGIN itself: pysqlite's implicit transactions would
        # commit DDL early and make migrations non-atomic.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed operation survives a crash or a power cut, not only a killed process.
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock at once, so two writers queue instead of
        # deadlocking when both try to upgrade a read lock.
        if conn.get_execution_options().get("nqdesk_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@dataclass
class Database:
    """An open, up-to-date database. Use :meth:`read` for queries and :meth:`write` for
    changes (only ``desktop_app.ops`` should call :meth:`write`)."""

    url: str
    engine: Engine
    backup_made: Path | None = None
    user_name: str = field(default_factory=lambda: default_user_name())
    _reader: sessionmaker = field(init=False, repr=False)
    _writer: sessionmaker = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(nqdesk_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    def display_name(self) -> str:
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries only: it never writes (a flush or commit raises), so every
        change goes through :meth:`write` and the operations' journal."""
        with self._reader() as session:
            event.listen(session, "before_flush", _refuse_write)
            event.listen(session, "before_commit", _refuse_write)
            event.listen(session, "do_orm_execute", _refuse_dml)
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any exception. A login
        without the right to change data gets :class:`ReadOnlyError`; a storage failure of
        a SQLite file (read-only file, full disk, locked file) a :class:`StorageWriteError`."""
        try:
            with self._writer() as session, session.begin():
                yield session
        except DBAPIError as exc:
            state = _sqlstate(exc)
            if state == _SQLSTATE_NO_PRIVILEGE:
                raise ReadOnlyError(
                    _("Tài khoản «{user}» chỉ có quyền xem, không sửa được dữ liệu. "
                      "Nếu cần sửa, hãy đề nghị người quản trị cơ sở dữ liệu cấp quyền nhập liệu.").format(
                        user=self.user_name)
                ) from None
            if state in _SQLSTATE_RETRY:
                raise BusyError(
                    _("Người khác đang sửa cùng dữ liệu nên thao tác này chưa thực hiện được; "
                      "chưa có gì bị thay đổi. Hãy thử lại.")
                ) from None
            cause = _storage_cause(exc, self.path) if self.is_sqlite and isinstance(exc, OperationalError) else None
            if cause is None:
                raise  # a server has its own errors
            raise StorageWriteError(
                _("Không lưu được thay đổi vào cơ sở dữ liệu «{database}»: {cause}. "
                  "Thay đổi này chưa được lưu; dữ liệu đã có vẫn nguyên vẹn.").format(
                    database=self.display_name(), cause=cause)
            ) from exc

    def backup(self, destination: str | os.PathLike | None = None) -> Path:
        """Copy a consistent snapshot of the SQLite file (safe while it is in use)."""
        if self.path is None:
            raise StoreError(
                _("Sao lưu tệp chỉ dùng cho cơ sở dữ liệu SQLite. Với PostgreSQL hãy dùng pg_dump, "
                  "hoặc «nqdesk export-json» để xuất toàn bộ dữ liệu.")
            )
        dest = Path(destination) if destination else default_backup_path(self.path)
        if dest.is_dir():
            dest = default_backup_path(self.path, dest)
        sqlite_backup(self.path, dest)
        return dest

    def close(self) -> None:
        self.engine.dispose()


def _refuse_write(session, *_args) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("Database.read() is for queries: changes go through an operation (desktop_app.ops)")


def _refuse_dml(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise RuntimeError("Database.read() is for queries: changes go through an operation (desktop_app.ops)")


def default_backup_path(db_path: Path, folder: Path | None = None, label: str = "") -> Path:
    folder = folder or db_path.parent / "backups"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"-{label}" if label else ""
    return folder / f"{db_path.stem}-{stamp}{suffix}.sqlite3"


_STORAGE_PHRASES = ("readonly", "read-only", "disk is full", "no space", "locked", "busy", "disk i/o",
                    "unable to open")


def _storage_cause(exc: OperationalError, path: Path | None = None) -> str | None:
    """The cause in words when *exc* is a storage failure (not a programming error)."""
    detail = str(getattr(exc, "orig", exc))
    if any(phrase in detail.lower() for phrase in _STORAGE_PHRASES):
        return describe_sqlite_error(detail, path.parent if path else None)
    return None


def storage_error_message(db: Database, exc: OperationalError) -> str:
    """Words for a database error seen outside :meth:`Database.write`."""
    cause = _storage_cause(exc, db.path) or describe_sqlite_error(str(getattr(exc, "orig", exc)))
    return _("Không đọc ghi được cơ sở dữ liệu «{database}»: {cause}. Dữ liệu đã có vẫn nguyên vẹn.").format(
        database=db.display_name(), cause=cause)


def sqlite_backup(source: Path, dest: Path) -> None:
    """Online backup through SQLite itself (consistent even with a -wal file beside it),
    written atomically: a failed backup leaves no file behind and raises :class:`BackupError`."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(_("Không tạo được thư mục sao lưu «{path}»: {cause}.").format(
            path=dest.parent, cause=describe_os_error(exc))) from None

    def copy(part: Path) -> None:
        src = sqlite3.connect(str(source))
        try:
            out = sqlite3.connect(str(part))
            try:
                src.backup(out)
            finally:
                out.close()
        finally:
            src.close()

    write_atomically(dest, copy, what=N_("bản sao lưu"), error=BackupError)


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*(?::[^=]*)?=\s*(?:["']([^"']*)["']|None)""", re.M)


@functools.cache
def head_revision() -> str:
    """The newest migration, read from the files in migrations/versions (a linear chain: each
    names the one before it) without importing Alembic. A test checks it against Alembic's own
    answer."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else parents).add(value)
    heads = revisions - parents
    if len(heads) != 1:  # pragma: no cover - a broken migrations folder is a developer's mistake
        raise MigrationError(_("Các bản nâng cấp cơ sở dữ liệu không nối thành một chuỗi (đầu chuỗi: {heads}).")
                             .format(heads=sorted(heads)))
    return heads.pop()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def server_login(engine: Engine) -> str:
    """The login the server authenticated (``session_user``: a ``SET ROLE`` cannot change it)."""
    with engine.connect() as conn:
        return str(conn.scalar(text("SELECT session_user")))


def _current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(revision, has_other_tables)."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        rev = None
        if "alembic_version" in tables:
            # What Alembic's MigrationContext.get_current_revision() reads, without importing it.
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            if len(rows) > 1:
                raise StoreError(_("Cơ sở dữ liệu ghi nhiều phiên bản lược đồ cùng lúc ({revisions}); "
                                   "có thể tệp đã bị sửa bằng tay.").format(revisions=", ".join(rows)))
            rev = rows[0] if rows else None
    return rev, bool(tables - {"alembic_version"})


def upgrade(engine: Engine, target: str = "head") -> None:
    """Run migrations to *target* in one transaction (all or nothing)."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Batch migrations recreate tables; with foreign keys on, dropping a parent
            # table would cascade. Switch them off (only possible outside a transaction)
            # and verify integrity before committing instead.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if sqlite:
                    bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if bad:
                        raise MigrationError(_("Nâng cấp làm hỏng liên kết dữ liệu: {rows}").format(rows=bad[:5]))
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


POSTGRES_DRIVER_MISSING = N_(
    "Chưa cài trình kết nối PostgreSQL (gói psycopg), nên không mở được cơ sở dữ liệu dùng chung "
    "«{where}». Hãy cài NQ Desk kèm phần PostgreSQL: pip install \"nqdesk[postgres]\" "
    "(bản cho Windows đã có sẵn). Tệp SQLite trên máy không cần phần này."
)


def _postgres_url(url: str) -> str:
    """``postgresql://…`` means psycopg 3 here (SQLAlchemy's default would be psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed.render_as_string(hide_password=False)
    return url


def create_db_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 10})
        _configure_sqlite(engine)
        return engine
    url = _postgres_url(url)
    if make_url(url).drivername == "postgresql+psycopg":
        try:
            import psycopg  # noqa: F401  (optional: the "postgres" extra)
        except ImportError:
            where = make_url(url).render_as_string(hide_password=True)
            raise StoreError(_(POSTGRES_DRIVER_MISSING).format(where=where)) from None
    return create_engine(url, pool_pre_ping=True)


def open_database(db: str | os.PathLike | None = None, *, create: bool = False,
                  backup_before_upgrade: bool = True) -> Database:
    """Open and upgrade the database named by *db* / ``NQDESK_DB`` / the default path.
    Refuses a database made by a newer program. A SQLite file that does not exist is created
    (with its folders) only when *create* is true: a mistyped path must not leave an empty
    database behind. An existing empty file, or an empty server database, is set up as new."""
    url = resolve_url(db)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            p = Path(path)
            if p.is_dir():
                raise StoreError(_("«{path}» là một thư mục, không phải tệp cơ sở dữ liệu.").format(path=p))
            if not create and not p.exists():
                raise DatabaseNotFound(_("Không có tệp cơ sở dữ liệu «{path}».").format(path=p), str(p))
            inspect_sqlite_file(p)  # before anything that could change the file
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(_("Không tạo được thư mục dữ liệu «{path}»: {cause}.").format(
                    path=p.parent, cause=describe_os_error(exc))) from None
    engine = create_db_engine(url)
    try:
        return _open(engine, url, backup_before_upgrade)
    except BaseException:
        engine.dispose()
        raise


def _open(engine: Engine, url: str, backup_before_upgrade: bool) -> Database:
    try:
        rev, has_tables = _current_revision(engine)
    except (OperationalError, DatabaseError) as exc:
        raise StoreError(_explain_open_error(url, exc)) from None
    database = Database(url, engine)
    if not database.is_sqlite:
        # On a shared server the journal names the database login, which the server has
        # authenticated; NQDESK_USER (self-declared) only names the user of a local file.
        database.user_name = server_login(engine)
    head = head_revision()
    if rev == head:
        return database
    _refuse_foreign_or_newer(database.display_name(), rev, has_tables)
    if rev is not None and backup_before_upgrade and database.path is not None:
        dest = default_backup_path(database.path, label=f"truoc-nang-cap-{rev}")
        try:
            sqlite_backup(database.path, dest)
        except BackupError as exc:
            raise MigrationError(
                _("Không tạo được bản sao lưu trước khi nâng cấp ({reason}); chưa nâng cấp gì. "
                  "Hãy kiểm tra chỗ trống trên ổ đĩa và quyền ghi thư mục.").format(reason=exc)
            ) from None
        database.backup_made = dest
    try:
        upgrade(engine)
    except Exception as exc:
        message = _("Nâng cấp cơ sở dữ liệu thất bại ({reason}). Tệp gốc giữ nguyên như trước.").format(
            reason=f"{exc.__class__.__name__}: {exc}")
        if database.backup_made:
            message += " " + _("Bản sao lưu: {path}.").format(path=database.backup_made)
        raise MigrationError(message) from exc
    return database


def _refuse_foreign_or_newer(name: str, rev: str | None, has_tables: bool) -> None:
    if rev is None and has_tables:
        raise StoreError(
            _("«{name}» đã có dữ liệu nhưng không phải cơ sở dữ liệu của NQ Desk. "
              "Hãy chọn tệp khác hoặc một tệp mới; tệp này không bị thay đổi.").format(name=name)
        )
    if rev is not None and rev not in known_revisions():
        raise DatabaseTooNewError(
            _("Cơ sở dữ liệu «{name}» do một phiên bản NQ Desk mới hơn tạo ra "
              "(phiên bản lược đồ {revision}). Hãy cập nhật NQ Desk lên phiên bản mới nhất để mở nó; "
              "dữ liệu không bị thay đổi.").format(name=name, revision=rev)
        )


SQLITE_MAGIC = b"SQLite format 3\x00"


def inspect_sqlite_file(path: Path) -> None:
    """Look at an existing SQLite file without changing a byte of it (no WAL switch, no
    -wal/-shm files created), and refuse a file that is not SQLite, belongs to another
    program, or was made by a newer NQ Desk. A missing or empty file passes (it is new)."""
    try:
        if path.stat().st_size == 0:
            return
        with open(path, "rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(_("Không đọc được tệp «{path}»: {cause}.").format(
            path=path, cause=describe_os_error(exc))) from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StoreError(_not_sqlite().format(path=path))
    # Byte 18 is 2 in WAL mode. A WAL file closed cleanly (no -wal beside it) holds everything
    # in the main file and is read as immutable, which creates no -wal/-shm; one in use is
    # read through its existing -wal. Either way the connection is read-only.
    in_use = Path(str(path) + "-wal").exists()
    query = "mode=ro&immutable=1" if header[18] == 2 and not in_use else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{query}", uri=True, timeout=10)
        try:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rev = None
            if "alembic_version" in names:
                rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
                rev = rows[0][0] if rows else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(_explain_open_error(_sqlite_url(path), exc)) from None
    has_tables = any(n != "alembic_version" and not n.startswith("sqlite_") for n in names)
    if rev == head_revision():
        return
    _refuse_foreign_or_newer(str(path), rev, has_tables)


def _explain_open_error(url: str, exc: Exception) -> str:
    detail = str(getattr(exc, "orig", exc))
    if url.startswith("sqlite"):
        if "not a database" in detail or "file is encrypted" in detail:
            return _not_sqlite().format(path=make_url(url).database)
        if "locked" in detail:
            return _("Cơ sở dữ liệu đang bị một chương trình khác khóa. Hãy thử lại sau.")
        folder = Path(make_url(url).database or ".").parent
        return _("Không mở được tệp cơ sở dữ liệu «{path}»: {cause}.").format(
            path=make_url(url).database, cause=describe_sqlite_error(detail, folder))
    return _("Không kết nối được máy chủ cơ sở dữ liệu ({detail}). Hãy kiểm tra địa chỉ, "
             "tên người dùng, mật khẩu và máy chủ có đang chạy không.").format(detail=detail.strip())


def _not_sqlite() -> str:  # one message, two places
    return _("Tệp «{path}» không phải cơ sở dữ liệu SQLite (hoặc đã hỏng); tệp không bị thay đổi.")

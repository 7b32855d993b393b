"""The Preferences dialog: language, reviewing a past date, the due-soon window, the place
name of documents, the data folder and automatic backups.

What belongs to one person and one computer (language, the reviewed date, backups) goes to
the GUI settings file; what every user of the database must share (due-soon window, place
name) goes to the database through ``ops.settings``, journaled and undoable (Ctrl+Z).
Nothing changes until OK; a value that cannot be used is explained next to its field and
the dialog stays open.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..core.dates import DateError, format_date, parse_date
from ..errors import NqdeskError
from ..ops.base import ValidationError
from ..ops.settings import set_setting
from ..reports.settings import get_setting
from ..store.db import data_dir
from . import backup, i18n
from .context import AppContext
from .i18n import _, ngettext
from .unsaved import AsksBeforeClosing

KEY_LANGUAGE = "ui/language"
KEY_AS_OF = "ui/as_of_override"
ERROR_STYLE = "color: #c62828;"


def saved_language(settings: QSettings) -> str:
    language = str(settings.value(KEY_LANGUAGE, "vi") or "vi")
    return language if language in i18n.LANGUAGES else "vi"


def saved_as_of_override(settings: QSettings) -> date | None:
    """The reviewed date saved by this dialog, or None (today); a damaged value is ignored."""
    raw = str(settings.value(KEY_AS_OF, "") or "")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def open_folder(folder: Path) -> bool:
    """Show *folder* in the file manager (Explorer on Windows)."""
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


class PreferencesDialog(AsksBeforeClosing, QDialog):
    def __init__(self, ctx: AppContext, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        # OK chose another language: the caller applies it (gui/live_language.py)
        self.language_changed = False
        self.chosen_language = i18n.language()
        self.setWindowTitle(_("Tùy chọn"))
        self.setObjectName("preferences")
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_display())
        layout.addWidget(self._build_tracking())
        layout.addWidget(self._build_data())
        self.message = _error_label(self, "error-general")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()
        self.mark_clean()

    def showEvent(self, event) -> None:  # noqa: N802
        # The wrapped notes need more height than the minimum Qt computes for a window (it does
        # not ask a window's layout for its height at the actual width): make room, or they overlap.
        super().showEvent(event)
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # --- building -----------------------------------------------------------------------------
    def _build_display(self) -> QGroupBox:
        box = QGroupBox(_("Hiển thị"), self)
        form = QFormLayout(box)
        self.language = QComboBox(box)
        self.language.setObjectName("language")
        for code, name in i18n.LANGUAGES.items():  # each language in its own words, never translated
            self.language.addItem(name, code)
        form.addRow(_("Ngôn ngữ giao diện"), self.language)
        form.addRow("", _note(_("Ngôn ngữ mới được áp dụng ngay khi bấm «Đồng ý»."), box))

        self.as_of_enabled = QCheckBox(_("Xem tình hình tại một ngày trong quá khứ"), box)
        self.as_of_enabled.setObjectName("as-of-enabled")
        self.as_of_date = QLineEdit(box)
        self.as_of_date.setObjectName("as-of-date")
        self.as_of_date.setPlaceholderText(_("ngày/tháng/năm"))
        self.as_of_date.setMaximumWidth(160)
        self.as_of_enabled.toggled.connect(self.as_of_date.setEnabled)
        self.as_of_enabled.toggled.connect(lambda on: self.as_of_date.setFocus() if on else None)
        self.as_of_error = _error_label(box, "error-as-of")
        form.addRow(self.as_of_enabled)
        row = QHBoxLayout()
        row.addWidget(self.as_of_date)
        row.addWidget(self.as_of_error, 1)
        form.addRow(_("Ngày xem"), row)
        form.addRow("", _note(_("Trạng thái nhiệm vụ (quá hạn, sắp đến hạn…) được tính theo ngày này "
                                "thay cho hôm nay, cho đến khi bỏ chọn."), box))
        return box

    def _build_tracking(self) -> QGroupBox:
        box = QGroupBox(_("Theo dõi và văn bản (dùng chung cho mọi người dùng cơ sở dữ liệu)"), self)
        form = QFormLayout(box)
        self.due_soon = QSpinBox(box)
        self.due_soon.setObjectName("due-soon-days")
        self.due_soon.setRange(0, 365)
        self.due_soon.valueChanged.connect(self._update_suffixes)
        form.addRow(_("Báo «sắp đến hạn» trước"), self.due_soon)
        self.report_period = QComboBox(box)
        self.report_period.setObjectName("continuous-report-period")
        self.report_period.addItem(_("Theo quý"), "quarter")
        self.report_period.addItem(_("Theo 6 tháng"), "half_year")
        form.addRow(_("Nhiệm vụ thường xuyên báo cáo"), self.report_period)
        self.place = QLineEdit(box)
        self.place.setObjectName("place")
        self.place.setPlaceholderText(_("ví dụ: Lạng Sơn"))
        self.place_error = _error_label(box, "error-place")
        holder = QVBoxLayout()
        holder.addWidget(self.place)
        holder.addWidget(self.place_error)
        form.addRow(_("Địa danh ghi trên văn bản"), holder)
        return box

    def _build_data(self) -> QGroupBox:
        box = QGroupBox(_("Dữ liệu và sao lưu"), self)
        form = QFormLayout(box)
        folder = QLabel(str(data_dir()), box)
        folder.setObjectName("data-folder")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_data_folder = QPushButton(_("Mở thư mục"), box)
        self.open_data_folder.setObjectName("open-data-folder")
        self.open_data_folder.clicked.connect(lambda: open_folder(data_dir()))
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(self.open_data_folder)
        form.addRow(_("Thư mục dữ liệu"), row)

        database = QLabel(self.ctx.db.display_name(), box)
        database.setObjectName("database-file")
        database.setWordWrap(True)
        database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(database, 1)
        db_path = self.ctx.db.path
        self.open_db_folder = None
        if db_path is not None and db_path.parent.resolve() != data_dir().resolve():
            self.open_db_folder = QPushButton(_("Mở thư mục"), box)
            self.open_db_folder.setObjectName("open-database-folder")
            self.open_db_folder.clicked.connect(lambda: open_folder(db_path.parent))
            row.addWidget(self.open_db_folder)
        form.addRow(_("Cơ sở dữ liệu đang mở"), row)

        self.auto_backup = QCheckBox(_("Tự động sao lưu khi mở chương trình"), box)
        self.auto_backup.setObjectName("auto-backup")
        self.keep = QSpinBox(box)
        self.keep.setObjectName("backup-keep")
        self.keep.setRange(1, backup.MAX_KEEP)
        self.keep.setPrefix(_("giữ lại "))
        self.keep.valueChanged.connect(self._update_suffixes)
        self.auto_backup.toggled.connect(self.keep.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.auto_backup)
        row.addWidget(self.keep)
        row.addStretch(1)
        form.addRow(_("Sao lưu"), row)
        if db_path is not None:
            where = _("Mỗi ngày một bản, trong thư mục {folder}; bản cũ nhất được xóa khi vượt quá số bản giữ lại."
                      ).format(folder=backup.backup_folder(db_path))
        else:
            where = _("Cơ sở dữ liệu trên máy chủ: hãy sao lưu bằng công cụ của máy chủ (pg_dump).")
            self.auto_backup.setEnabled(False)
            self.keep.setEnabled(False)
        form.addRow("", _note(where, box))
        return box

    # --- values -------------------------------------------------------------------------------
    def _load(self) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language(self.settings))))
        override = self.ctx.as_of_override
        self.as_of_enabled.setChecked(override is not None)
        self.as_of_date.setText(format_date(override or self.ctx.as_of))
        self.as_of_date.setEnabled(override is not None)
        self.due_soon.setValue(int(self.ctx.due_soon_days))
        self.place.setText(str(get_setting(self.ctx.db, "place")))
        period = get_setting(self.ctx.db, "continuous_report_period")
        self.report_period.setCurrentIndex(max(0, self.report_period.findData(period)))
        self.auto_backup.setChecked(backup.auto_enabled(self.settings))
        self.keep.setValue(backup.keep_count(self.settings))
        self._update_suffixes()
        self.keep.setEnabled(self.auto_backup.isChecked() and self.auto_backup.isEnabled())

    def _update_suffixes(self, *_args) -> None:
        # Vietnamese has one form; English says "1 day" but "14 days".
        self.due_soon.setSuffix(ngettext(" ngày", " ngày", self.due_soon.value()))
        self.keep.setSuffix(ngettext(" bản", " bản", self.keep.value()))

    def _show(self, label: QLabel, message: str | None, field: QWidget | None = None) -> None:
        label.setText(message or "")
        label.setVisible(bool(message))
        if field is not None:
            field.setStyleSheet("border: 1px solid #c62828;" if message else "")

    def _read_as_of(self) -> tuple[bool, date | None]:
        """(valid, date or None); shows the reason next to the field when invalid."""
        if not self.as_of_enabled.isChecked():
            self._show(self.as_of_error, None, self.as_of_date)
            return True, None
        try:
            day = parse_date(self.as_of_date.text())
        except DateError as exc:
            self._show(self.as_of_error, str(exc), self.as_of_date)
            return False, None
        if day > date.today():
            self._show(self.as_of_error, _("Ngày xem phải là hôm nay hoặc một ngày đã qua."), self.as_of_date)
            return False, None
        self._show(self.as_of_error, None, self.as_of_date)
        return True, day

    def _read_place(self) -> tuple[bool, str]:
        place = " ".join(self.place.text().split())
        if not place:
            self._show(self.place_error, _("Hãy nhập địa danh, ví dụ: Lạng Sơn."), self.place)
            return False, place
        self._show(self.place_error, None, self.place)
        return True, place

    def accept(self) -> None:  # OK: validate everything, then apply; stay open on a problem
        as_of_ok, as_of = self._read_as_of()
        place_ok, place = self._read_place()
        self._show(self.message, None)
        if not (as_of_ok and place_ok):
            (self.as_of_date if not as_of_ok else self.place).setFocus()
            return
        if not self._apply_database(place):
            return
        self._apply_settings(as_of)
        super().accept()

    def _apply_database(self, place: str) -> bool:
        """Shared settings, each change one undoable operation (only what changed)."""
        wanted = (("due_soon_days", self.due_soon.value(), None), ("place", place, self.place_error),
                  ("continuous_report_period", self.report_period.currentData(), None))
        for key, value, error_label in wanted:
            if get_setting(self.ctx.db, key) == value:
                continue
            try:
                self.ctx.run(set_setting, key, value)
            except ValidationError as exc:
                self._show(error_label or self.message, str(exc))
                return False
            except NqdeskError as exc:
                self._show(self.message, str(exc))
                return False
        return True

    def _apply_settings(self, as_of: date | None) -> None:
        language = self.language.currentData()
        self.chosen_language = language
        self.language_changed = language != i18n.language()
        self.settings.setValue(KEY_LANGUAGE, language)
        self.settings.setValue(KEY_AS_OF, as_of.isoformat() if as_of else "")
        if self.auto_backup.isEnabled():
            self.settings.setValue(backup.KEY_AUTO, self.auto_backup.isChecked())
            self.settings.setValue(backup.KEY_KEEP, self.keep.value())
        self.settings.sync()
        if as_of != self.ctx.as_of_override:
            self.ctx.set_as_of_override(as_of)

"""Chương trình hành động / kế hoạch: the header (kind, title, documents implemented,
issuing body, number and date, status, draft round), the five section texts, the
signing block and the recipients.

Three tabs keep it readable in the ~420 px details dock. Fields save on their own as in
every editor; in addition a refused value that is still on screen (for example the status
"Đã ban hành" refused for want of a number) is tried again with the next field the user
saves, so once the number is typed the status goes through too — what the form shows is
what gets saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFormLayout, QLineEdit, QListView, QPushButton, QScrollArea, QTabWidget, QVBoxLayout,
    QWidget,
)

from ...core.dates import format_date
from ...errors import NqdeskError
from ...ops import programs as program_ops
from ...ops.base import Changes, ConflictError
from ...ops.fields import ProgramFields
from ...reports.records import body_choices, document_choices, program_record
from ...reports.settings import get_setting
from ..i18n import _
from ..widgets import ID_ROLE as PICK_ID_ROLE
from ..widgets import CheckListPicker, CommitPlainTextEdit
from ..views.base import confirm
from .base import EntityEditor

SIGNING_MODE_LABELS = {"T/M": "T/M (thay mặt)", "K/T": "K/T (ký thay)", "": "(không ghi)"}
# Suggestions only: the user may type anything (provinces word these differently).
AUTHORITY_SUGGESTIONS = ["T/M BAN THƯỜNG VỤ", "T/M TỈNH ỦY", "T/M BAN CHẤP HÀNH", "T/M ĐẢNG ỦY"]
SIGNER_TITLE_SUGGESTIONS = ["BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC"]
SECTION_LABELS = (
    ("opening_text", "Đoạn mở đầu"),
    ("purpose_text", "I. Mục đích, yêu cầu"),
    ("objectives_text", "II. Mục tiêu"),
    ("tasks_text", "III. Nhiệm vụ, giải pháp"),
    ("organisation_text", "IV. Tổ chức thực hiện"),
)
DOCUMENT_TEXT_LIMIT = 70
NON_BREAKING_HYPHEN = "\u2011"


def program_heading(kind: str, number: int | None, issuer_code: str | None, draft_round: int | None,
                    symbols: list[str]) -> str:
    """"Chương trình hành động số 15-CTr/TU — 42-NQ/TW", "Kế hoạch, dự thảo lần 2 — 44-NQ/TW"."""
    head = _(program_ops.PROGRAM_KIND_LABELS.get(kind, kind))
    if number is not None:
        head += " " + _("số {symbol}").format(
            symbol=f"{number:02d}-{kind}/{issuer_code}" if issuer_code else f"{number:02d}")
    elif draft_round:
        head += ", " + _("dự thảo lần {n}").format(n=draft_round)
    else:
        head += ", " + _("dự thảo")
    head += f" — {', '.join(symbols)}" if symbols else ""
    return head.replace("-", NON_BREAKING_HYPHEN)  # never wrap "42-NQ/TW" after "42-"


class OneParagraphEdit(CommitPlainTextEdit):
    """A long one-paragraph value (a programme's title) shown wrapped over a few lines:
    Enter saves instead of breaking the line, and pasted line breaks become spaces."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if self._dirty:
                self._dirty = False
                self.editingFinished.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        if source.hasText():
            self.insertPlainText(" ".join(source.text().split()))
        else:
            super().insertFromMimeData(source)

    def text(self) -> str:
        return " ".join(self.toPlainText().split())


class ProgramEditor(EntityEditor):
    title_text = ""

    def __init__(self, ctx, parent=None):
        self.committing = False  # True while this editor's own change is being saved
        self._tab_of: dict[str, int] = {}
        self._document_choices: list[tuple[int, str]] = []
        self._document_tips: dict[int, str] = {}
        super().__init__(ctx, parent)

    # --- building -------------------------------------------------------------------------
    @contextmanager
    def _tab(self, title: str, wrap: QFormLayout.RowWrapPolicy) -> Iterator[QFormLayout]:
        """Fields added inside the block go on a new tab (the base class adds rows to
        ``self.form``, so it is pointed at the tab's form meanwhile)."""
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)  # rows keep their natural height; the space left goes below
        form.setRowWrapPolicy(wrap)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(page)
        index = self.tabs.addTab(scroll, title)
        before = set(self.fields)
        outer, self.form = self.form, form
        try:
            yield form
        finally:
            self.form = outer
            for name in self.fields:
                if name not in before:
                    self._tab_of[name] = index

    def _add_choice(self, name: str, label: str, items: list[tuple[str, str]]) -> QComboBox:
        w = QComboBox(self)
        for code, text in items:
            w.addItem(text, code)

        def put(value) -> None:
            w.setCurrentIndex(max(0, w.findData(value if value is not None else items[0][0])))

        self._add(name, label, w, w.currentData, put, w.activated)
        return w

    def build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("program-tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tabs)
        wrap_long = QFormLayout.RowWrapPolicy.WrapLongRows
        wrap_all = QFormLayout.RowWrapPolicy.WrapAllRows

        with self._tab(_("Thông tin chung"), wrap_long):
            self.kind = self._add_choice("kind", _("Loại văn bản"), [
                (code, _(text)) for code, text in program_ops.PROGRAM_KIND_LABELS.items()])
            self.title = OneParagraphEdit(self)
            self.title.setFixedHeight(self.title.fontMetrics().lineSpacing() * 7 + 14)  # a long title: 7 lines
            self.title.setPlaceholderText(_("thực hiện Nghị quyết số …-NQ/TW, ngày … của … về …"))
            self._add("title", _("Tên (trích yếu)"), self.title, self.title.text,
                      lambda v: self.title.setPlainText(v or ""), self.title.editingFinished)
            self.documents = CheckListPicker(self, _("Lọc văn bản (ví dụ: 42-nq)…"))
            # long subjects wrap inside the list instead of scrolling sideways
            self.documents.list.setWordWrap(True)
            self.documents.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.documents.list.setResizeMode(QListView.ResizeMode.Adjust)
            self._add("document_ids", _("Thực hiện văn bản"), self.documents, self.documents.checked_ids,
                      self._put_documents, self.documents.checkedChanged)
            self.issuing_body = self.add_combo("issuing_body_id", _("Cơ quan ban hành"), none_text=_("(chưa chọn)"))
            self.status = self._add_choice("status", _("Trạng thái"), [
                (code, _(text)) for code, text in program_ops.PROGRAM_STATUS_LABELS.items()])
            self.draft_round = self.add_line("draft_round", _("Dự thảo lần"), _("1, 2… (để trống nếu không ghi)"))
            self.number = self.add_line("number", _("Số văn bản"), _("ví dụ: 15 (khi ban hành)"))
            self.issue_date = self.add_line("issue_date", _("Ngày ban hành"), _("ngày/tháng/năm"))
            self.place = self.add_line("place", _("Địa danh"), _("ví dụ: Lạng Sơn"))
            self.classification = self.add_line("classification", _("Độ mật"), _("để trống, hoặc: Mật, Tối mật…"))

        with self._tab(_("Nội dung"), wrap_all):
            self.text_button = QPushButton(_("Soạn trong cửa sổ lớn…"), self)
            self.text_button.setObjectName("open-program-text")
            self.text_button.setToolTip(_("Soạn các mục I–IV trong cửa sổ lớn, xem trước cách đánh số khi in"))
            self.text_button.clicked.connect(lambda: self.open_text_window())
            self.form.addRow(self.text_button)
            self.sections: dict[str, CommitPlainTextEdit] = {}
            for name, label in SECTION_LABELS:
                self.sections[name] = self.add_text(name, _(label), lines=6)
            self.generate_button = QPushButton(_("Tạo mục IV từ phân công nhiệm vụ"), self)
            self.generate_button.setObjectName("generate-organisation")
            self.generate_button.setToolTip(_("Mỗi cơ quan chủ trì một đoạn: chủ trì nhiệm vụ gì, phối hợp với ai. "
                                              "Sau đó có thể sửa tùy ý."))
            self.generate_button.clicked.connect(self.generate_organisation)
            self.form.addRow("", self.generate_button)

        with self._tab(_("Ký và nơi nhận"), wrap_long):
            self.signing_authority = self.add_line("signing_authority", _("Thẩm quyền ký"), _("T/M BAN THƯỜNG VỤ"))
            self._suggest(self.signing_authority, AUTHORITY_SUGGESTIONS)
            self.signing_mode = self._add_choice("signing_mode", _("Hình thức ký"), [
                (code, _(text)) for code, text in SIGNING_MODE_LABELS.items()])
            self.signer_title = self.add_line("signer_title", _("Chức vụ người ký"), _("BÍ THƯ, PHÓ BÍ THƯ…"))
            self._suggest(self.signer_title, SIGNER_TITLE_SUGGESTIONS)
            self.signer_name = self.add_line("signer_name", _("Người ký"), _("Họ và tên"))
            self.recipients = self.add_text("recipients", _("Nơi nhận\n(mỗi dòng\nmột nơi)"), lines=9)
            self.recipients.setPlaceholderText(_("Ban Bí thư Trung ương Đảng (b/c),\n…\nLưu Văn phòng Tỉnh ủy."))

    def open_text_window(self, section: str | None = None):
        """The full-height editor of sections I–IV (modal); what it saves is shown here after."""
        if self.item_id is None:
            return None
        from .program_text import ProgramTextWindow

        window = ProgramTextWindow(self.ctx, self.item_id, self.window(), section=section)
        self.text_window = window
        window.saved.connect(lambda _changes: self._show_texts())
        window.exec()
        return window

    def _show_texts(self) -> None:
        """Show the sections as stored after the text window saved them."""
        if self.item_id is None:
            return
        values = self.read_saved(self.item_id, tuple(self.sections))
        self._loading = True
        try:
            for name in self.sections:
                self.fields[name].put(values.get(name))
                self.fields[name].show_error(None)
        finally:
            self._loading = False

    def open_field(self, name: str) -> None:
        """Show the field *name* (a section opens the text window at it)."""
        if name in self.sections:
            self.open_text_window(name)
            return
        self.tabs.setCurrentIndex(self._tab_of.get(name, 0))
        self.fields[name].widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def generate_organisation(self) -> None:
        """Fill section IV from the task assignments (saved at once, undoable, editable)."""
        if self.item_id is None:
            return
        from ...export.program_docx import generate_organisation_text

        current = self.sections["organisation_text"].toPlainText().strip()
        if current and not confirm(self, _("Thay nội dung mục IV hiện có bằng đoạn tạo từ phân công nhiệm vụ?")):
            return
        text = generate_organisation_text(self.ctx.db, self.item_id)
        self.sections["organisation_text"].setPlainText(text)
        self._field_committed("organisation_text")

    def _suggest(self, line: QLineEdit, words: list[str]) -> None:
        completer = QCompleter(words, line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        line.setCompleter(completer)

    # --- choices -----------------------------------------------------------------------------
    def refresh_choices(self, values: dict) -> None:
        # Read once and kept until a body or a document changes (ctx.choices); a list is
        # rebuilt only when what it offers changed: a save refreshes the editor.
        keep = values.get("issuing_body_id")
        bodies = self.ctx.choices(("program-bodies", self.ctx.as_of, keep), ("bodies",),
                                  lambda: body_choices(self.ctx.db, valid_on=self.ctx.as_of, keep=[keep]))
        # Committees (which issue programmes) first, then the other bodies (each in Vietnamese order).
        bodies.sort(key=lambda b: b.kind != "party_committee")
        choices = [(b.id, b.name) for b in bodies]
        if choices != self._body_choices:
            self.issuing_body.set_items(choices)
            self._body_choices = choices
        documents = self.ctx.choices(("program-documents",), ("documents",), self._read_document_choices)
        self._document_choices = [(i, text) for i, text, _tip in documents]
        self._document_tips = {i: tip for i, _text, tip in documents}

    _body_choices: list | None = None
    _documents_shown: tuple | None = None

    def _read_document_choices(self) -> list[tuple[int, str, str]]:
        """(id, text, tooltip) of every document, newest first."""
        out = []
        for d in document_choices(self.ctx.db):
            text = d.symbol + (f" ({format_date(d.issue_date)})" if d.issue_date else "")
            if d.subject:
                text += f" – {d.subject}"
            if len(text) > DOCUMENT_TEXT_LIMIT:
                text = text[:DOCUMENT_TEXT_LIMIT - 1].rstrip() + "…"
            out.append((d.id, text, " ".join(filter(None, [d.symbol, d.subject]))))
        return out

    def _put_documents(self, ids) -> None:
        checked = list(ids or [])
        shown = (self._document_choices, checked)
        if shown == self._documents_shown and self.documents.checked_ids() == checked:
            return  # the same list, the same ticks: keep it (and where it is scrolled)
        self.documents.set_items(self._document_choices, checked)
        self._documents_shown = shown
        for row in range(self.documents.list.count()):
            item = self.documents.list.item(row)
            item.setToolTip(self._document_tips.get(item.data(PICK_ID_ROLE), ""))

    # --- loading --------------------------------------------------------------------------
    def load_values(self, item_id: int) -> dict:
        p = program_record(self.ctx.db, item_id)
        if p is None:
            return {}
        values = {
            "kind": p.kind, "title": p.title, "document_ids": list(p.document_ids),
            "issuing_body_id": p.issuing_body_id, "status": p.status,
            "draft_round": "" if p.draft_round is None else str(p.draft_round),
            "number": "" if p.number is None else str(p.number),
            "issue_date": format_date(p.issue_date), "place": p.place,
            "classification": p.classification or "",
            "signing_authority": p.signing_authority, "signing_mode": p.signing_mode,
            "signer_title": p.signer_title, "signer_name": p.signer_name, "recipients": p.recipients,
            "_heading": program_heading(p.kind, p.number, p.issuer_code, p.draft_round, list(p.document_symbols)),
        }
        for name, _label in SECTION_LABELS:
            values[name] = getattr(p, name)
        return values

    def new_values(self) -> dict:
        return {"kind": "CTr", "status": "drafting", "signing_mode": "T/M", "document_ids": [],
                "place": get_setting(self.ctx.db, "place")}

    def heading_for(self, values: dict) -> str:
        return values.get("_heading") or ""

    def load(self, item_id: int | None) -> None:
        super().load(item_id)
        if item_id is None:
            self.heading.setText(_("Thêm chương trình, kế hoạch mới"))
            self.tabs.setCurrentIndex(0)

    def focus_first(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.title.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- saving -----------------------------------------------------------------------------
    def create(self, values: dict) -> Changes:
        values = {k: v for k, v in values.items() if not k.startswith("_")}
        title = values.pop("title")
        values["document_ids"] = values.get("document_ids") or []
        return program_ops.create_program(self.ctx.db, title, ProgramFields(**values))

    def update(self, item_id: int, name: str, value, expected: dict | None = None) -> Changes:
        return program_ops.update_program(self.ctx.db, item_id, ProgramFields(**{name: value}), expected=expected)

    def save_new(self) -> bool:
        self.committing = True
        try:
            ok = super().save_new()
        finally:
            self.committing = False
        if not ok:
            self._show_first_error()
        return ok

    def _pending(self, except_name: str) -> dict:
        """Refused values still on screen (with their message), by field name."""
        return {n: f.get() for n, f in self.fields.items()
                if n != except_name and not f.error.isHidden() and f.error.text()}

    def _field_committed(self, name: str) -> None:
        if self._loading or self.item_id is None:
            return
        f = self.fields[name]
        item_id, value = self.item_id, f.get()
        pending = self._pending(name)
        self.committing = True
        try:
            changes, saved = None, [name]
            if pending:
                try:
                    expected = self.expected(name, *pending)
                    changes = self.run_save(lambda _db: program_ops.update_program(
                        self.ctx.db, item_id, ProgramFields(**{name: value, **pending}), expected=expected))
                    saved = [name, *pending]
                except NqdeskError:
                    changes = None  # the refused values still are; save this field alone
            if changes is None:
                expected = self.expected(name)
                changes = self.run_save(lambda _db: self.update(item_id, name, value, expected))
        except ConflictError as exc:
            self.committing = False
            self.resolve_conflict(name, exc)
            return
        except NqdeskError as exc:  # a ValidationError reads as all its reasons, one per line
            f.show_error(str(exc))  # keep the typed text
            return
        finally:
            self.committing = False
        self._show_saved(item_id, saved)
        self.show_message("\n".join(changes.warnings) or None)
        self.saved.emit(changes)

    def _show_saved(self, item_id: int, names: list[str]) -> None:
        """Show the saved fields as stored (canonical number, date…), and the new heading,
        from the one read of the saved programme."""
        values = self.read_saved(item_id, tuple(names))
        if self._refresh_wanted:  # the other fields too, keeping refused and focused ones
            self.refresh(just_saved=tuple(names), values=values)
        self._loading = True
        try:
            for name in names:
                f = self.fields[name]
                f.show_error(None)
                if name in ("number", "issue_date", "draft_round", "classification", "title", "place"):
                    f.put(values.get(name))
            self.heading.setText(self.heading_for(values))
        finally:
            self._loading = False

    def _show_first_error(self) -> None:
        for name, f in self.fields.items():
            if not f.error.isHidden() and f.error.text():
                self.tabs.setCurrentIndex(self._tab_of.get(name, 0))
                return

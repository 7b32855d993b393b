"""Văn bản: symbol (read as you type, with the canonical form or the reason it cannot be
read shown under it), issue date, issuing authority, subject (trích yếu), classification."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit

from ...core.citations import Citation, looks_like_citation, parse_citation
from ...core.dates import DateError, format_date, parse_date
from ...core.symbols import PARTY, SymbolError, parse_symbol
from ...ops import documents as document_ops
from ...ops.fields import DocumentFields
from ...reports.duplicates import SameSymbol, documents_with_symbol
from ...reports.records import document_record, issuing_authorities
from ..i18n import _
from .base import EntityEditor

CLASSIFICATIONS = ("", "Mật", "Tối mật", "Tuyệt mật")
# QLineEdit silently cuts text beyond 32,767 characters; a pasted page must stay whole so
# that the length message can be shown and the user can cut it down without retyping.
LINE_MAX_LENGTH = 1_000_000
# Messages quote what was typed; a whole pasted page must not become a page-long label.
MESSAGE_MAX_CHARS = 400


def elide(text: str, limit: int = MESSAGE_MAX_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def add_long_line(editor: EntityEditor, name: str, label: str, placeholder: str) -> QLineEdit:
    """A one-line field that keeps a whole pasted page and shows the start of long text."""
    w = editor.add_line(name, label, placeholder)
    w.setMaxLength(LINE_MAX_LENGTH)
    put = editor.fields[name].put

    def put_from_start(value) -> None:
        put(value)
        w.setCursorPosition(0)  # the beginning of a long name says more than its end

    editor.fields[name].put = put_from_start
    editor.show_saved_after(name, w.editingFinished)
    return w


def symbol_preview(text: str) -> tuple[str, bool | None]:
    """What a typed symbol reads as: (text, ok); ok is None while nothing is typed."""
    if not text.strip():
        return _("Ví dụ: 42-NQ/TW (văn bản Đảng), 68/NQ-CP (văn bản nhà nước)"), None
    try:
        symbol = parse_symbol(text)
    except SymbolError as exc:
        return elide(str(exc)), False
    # as printed under the issuing body ("Số 15-CTr/TU", "Số: 65/KH-UBND"), in the UI's language
    parts = [(_("Số {symbol}") if symbol.style == PARTY else _("Số: {symbol}")).format(symbol=symbol)]
    if symbol.kind_name:
        parts.append(_(symbol.kind_name))
    parts.append(_("văn bản Đảng") if symbol.style == PARTY else _("văn bản nhà nước"))
    return " · ".join(parts), True


def document_title(symbol_text: str) -> str:
    """"Nghị quyết số 42-NQ/TW" (the short citation form), or "Văn bản số …"."""
    try:
        symbol = parse_symbol(symbol_text)
    except SymbolError:
        return _("Văn bản {symbol}").format(symbol=elide(symbol_text, 80)).strip()
    if symbol.kind_name:
        return _("{kind} số {symbol}").format(kind=_(symbol.kind_name), symbol=symbol)
    return _("Văn bản số {symbol}").format(symbol=symbol)


class SavedFormMixin:
    """After a field is saved, show what was stored (canonical symbol, dd/mm/yyyy date,
    cleaned text) in that field only. Reloading the whole form would replace text the user
    typed in another field that was refused and is still waiting to be corrected. The
    values shown are those the save read (``EntityEditor.read_saved``): no second read."""

    def show_saved_after(self: EntityEditor, name: str, *signals) -> None:
        """Call after the field is added: connected after EntityEditor's own slot, this
        runs once the save is done."""
        for signal in signals:
            signal.connect(lambda *_a, n=name: self._show_saved(n))

    def _show_saved(self: EntityEditor, name: str) -> None:
        if self._loading or self.item_id is None:
            return
        f = self.fields[name]
        if f.error.text():  # refused: keep the typed text, shorten a page-long message
            if len(f.error.text()) > MESSAGE_MAX_CHARS:
                f.error.setText(elide(f.error.text()))
            return
        values = self._fresh
        if values is None:  # left unchanged: nothing was saved
            return
        self._loading = True
        try:
            if f.get() != values.get(name):
                f.put(values.get(name))
            self.heading.setText(self.heading_for(values))
        finally:
            self._loading = False


# A paste adds many characters at once; typing adds one. Only a paste is read as a citation.
_PASTE_MIN_CHARS = 8


def duplicate_note(found: list[SameSymbol]) -> str:
    """Rich text under the symbol: the recorded documents with this symbol, each with a link."""
    if not found:
        return ""
    lines = []
    for doc in found[:3]:
        when = _(" ngày {date}").format(date=format_date(doc.issue_date)) if doc.issue_date else ""
        who = f" ({elide(doc.issuing_authority, 80)})" if doc.issuing_authority else ""
        text = _("Đã có văn bản {symbol}{when}{who}").format(symbol=doc.symbol, when=when, who=who)
        if doc.same_date:
            text += _(", trùng cả ngày ban hành")
        link = _("mở văn bản này")
        lines.append(f'{_html(text)}: <a href="document:{doc.id}">{_html(link)}</a>')
    return "<br>".join(lines)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def citation_note(citation: Citation) -> str:
    """What a pasted citation filled in, and what the user still has to check."""
    parts = [_("Đã điền từ trích dẫn vừa dán; hãy kiểm tra rồi bấm Lưu.")]
    parts.extend(citation.problems)
    return "\n".join(parts)


class DocumentEditor(SavedFormMixin, EntityEditor):
    title_text = ""
    open_requested = Signal(int)  # the id of an existing document the user asked to open

    def build(self) -> None:
        self.symbol = self._line("symbol", _("Số, ký hiệu"), _("ví dụ: 42-NQ/TW, 68/NQ-CP"))
        self.symbol_preview = QLabel(self)
        self.symbol_preview.setObjectName("symbol-preview")
        self.symbol_preview.setWordWrap(True)
        self.form.addRow("", self.symbol_preview)
        self.symbol.textChanged.connect(self._update_preview)
        self.symbol.editingFinished.connect(self._sync_preview)  # after the save, which may set an error
        self.duplicates = QLabel(self)
        self.duplicates.setObjectName("symbol-duplicates")
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet("color: #b26a00;")
        self.duplicates.linkActivated.connect(self._open_link)
        self.form.addRow("", self.duplicates)
        self.citation = QLabel(self)
        self.citation.setObjectName("citation-note")
        self.citation.setWordWrap(True)
        self.citation.setStyleSheet("color: #555555;")
        self.form.addRow("", self.citation)
        self._symbol_before = ""
        self.symbol.textEdited.connect(self._symbol_edited)
        self.symbol.textChanged.connect(self._check_duplicates)
        self.issue_date = self._line("issue_date", _("Ngày ban hành"), _("ngày/tháng/năm, ví dụ 24/11/2023"))
        self.issue_date.textChanged.connect(self._check_duplicates)
        self.issuing_authority = self._line("issuing_authority", _("Cơ quan ban hành"),
                                            _("ví dụ: Ban Chấp hành Trung ương Đảng khóa XIII"))
        self._authority_completer = QCompleter([], self)
        self.issuing_authority.setCompleter(self._authority_completer)
        self.classification = QComboBox(self)
        self.classification.setEditable(True)
        self.classification.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.classification.addItems(CLASSIFICATIONS)  # data, not interface text: not translated
        self.classification.lineEdit().setPlaceholderText(_("(không mật)"))
        self._add("classification", _("Độ mật"), self.classification, self.classification.currentText,
                  lambda v: self.classification.setCurrentText(v or ""), self.classification.activated)
        typed = self.classification.lineEdit().editingFinished
        typed.connect(lambda: self._field_committed("classification"))
        self.show_saved_after("classification", self.classification.activated, typed)
        # Last, so the multi-line subject takes the height that is left.
        self.subject = self.add_text("subject", _("Trích yếu"), lines=5)
        self.subject.setPlaceholderText(_("về …"))
        self.show_saved_after("subject", self.subject.editingFinished)
        self.save_button.clicked.connect(self._sync_preview)
        self._update_preview("")
        self._check_duplicates()
        self._show_citation(None)

    def _symbol_edited(self, text: str) -> None:
        """A full citation pasted into the symbol of a new document fills the other fields."""
        before, self._symbol_before = self._symbol_before, text
        if self.item_id is not None or len(text) - len(before) < _PASTE_MIN_CHARS or not looks_like_citation(text):
            return
        citation = parse_citation(text)
        if citation.symbol is None:
            self._show_citation(citation)
            return
        self.symbol.setText(str(citation.symbol))
        self._symbol_before = self.symbol.text()
        if citation.issue_date is not None and not self.issue_date.text().strip():
            self.issue_date.setText(format_date(citation.issue_date))
        if citation.issuing_authority and not self.issuing_authority.text().strip():
            self.issuing_authority.setText(citation.issuing_authority)
            self.issuing_authority.setCursorPosition(0)
        if citation.subject and not self.subject.toPlainText().strip():
            self.subject.setPlainText(citation.subject)
        self._show_citation(citation)

    def _show_citation(self, citation: Citation | None) -> None:
        self.citation.setText("" if citation is None else citation_note(citation))
        self.form.setRowVisible(self.citation, citation is not None)

    def _check_duplicates(self, *_args) -> None:
        text = self.symbol.text()
        found: list[SameSymbol] = []
        if text.strip():
            try:
                issued = parse_date(self.issue_date.text()) if self.issue_date.text().strip() else None
            except DateError:
                issued = None
            found = documents_with_symbol(self.ctx.db, text, issued, exclude_id=self.item_id)
        self.duplicates.setText(duplicate_note(found))
        self.form.setRowVisible(self.duplicates, bool(found))

    def _open_link(self, link: str) -> None:
        kind, _sep, number = link.partition(":")
        if kind == "document" and number.isdigit():
            self.open_requested.emit(int(number))

    def _line(self, name: str, label: str, placeholder: str) -> QLineEdit:
        return add_long_line(self, name, label, placeholder)

    def _update_preview(self, text: str) -> None:
        message, ok = symbol_preview(text)
        self.symbol_preview.setText(message)
        colour = {True: "#1b5e20", False: "#c62828", None: "#666666"}[ok]
        self.symbol_preview.setStyleSheet(f"color: {colour};")
        if not self._loading:
            # The reason the last save was refused no longer applies to the text being
            # typed; the preview now says whether it can be read (saving re-checks it).
            self.fields["symbol"].show_error(None)
        self._sync_preview()

    def _sync_preview(self) -> None:
        """Show a refusal once: hide the preview when it says what the field's error says."""
        error = self.fields["symbol"].error.text()
        self.form.setRowVisible(self.symbol_preview, not error or error != self.symbol_preview.text())

    def load(self, item_id: int | None) -> None:
        super().load(item_id)
        self._symbol_before = self.symbol.text()
        self._show_citation(None)
        self._check_duplicates()
        self._sync_preview()

    def refresh_choices(self, values: dict) -> None:
        # read once and kept until a document changes (ctx.choices)
        authorities = self.ctx.choices(("issuing-authorities",), ("documents",),
                                       lambda: issuing_authorities(self.ctx.db))
        model = self._authority_completer.model()
        if model.stringList() != authorities:
            model.setStringList(authorities)

    def load_values(self, item_id: int) -> dict:
        doc = document_record(self.ctx.db, item_id)
        if doc is None:
            return {}
        return {
            "symbol": doc.symbol, "issue_date": format_date(doc.issue_date),
            "issuing_authority": doc.issuing_authority, "subject": doc.subject,
            "classification": doc.classification or "",
        }

    def heading_for(self, values: dict) -> str:
        return document_title(values.get("symbol") or "")

    def create(self, values: dict):
        fields = {k: v for k, v in values.items() if k != "symbol"}
        return document_ops.create_document(self.ctx.db, values["symbol"], DocumentFields(**fields))

    def update(self, item_id: int, name: str, value, expected: dict | None = None):
        return document_ops.update_document(self.ctx.db, item_id, DocumentFields(**{name: value}), expected=expected)

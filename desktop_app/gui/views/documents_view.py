"""Văn bản, nghị quyết: the resolutions and other guiding documents that programmes
implement, with their canonical symbols."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...core.symbols import PARTY, STATE
from ...ops import documents as document_ops
from ...ops.base import Changes
from ...reports.lists import list_documents
from ...store.models import Document
from ..editors.document_editor import DocumentEditor
from ..i18n import _
from ..models import DocumentTableModel
from .base import TableView
from .catalog import DOCUMENTS


class DocumentsView(TableView):
    entity = "documents"
    title = ""

    def __init__(self, ctx, parent=None):
        self.title = _(DOCUMENTS.title)
        super().__init__(ctx, DocumentTableModel(), parent)
        header = self.table.horizontalHeader()
        for key, width in (("symbol", 120), ("issue_date", 110), ("subject", 440), ("issuing_authority", 260),
                           ("classification", 80)):
            header.resizeSection(self.model.column_index(key), width)

    # --- filter ----------------------------------------------------------------------------
    def filter_widgets(self) -> list[QWidget]:
        self.style_filter = QComboBox(self)
        self.style_filter.setObjectName("style-filter")
        self.style_filter.addItem(_("Tất cả"), None)
        self.style_filter.addItem(_("Văn bản Đảng"), PARTY)
        self.style_filter.addItem(_("Văn bản nhà nước"), STATE)
        self.style_filter.currentIndexChanged.connect(self._apply_filter)
        return [self.style_filter]

    def _apply_filter(self, *_args) -> None:
        style = self.style_filter.currentData()
        current = self.current_id()
        self.model.set_predicate(None if style is None else (lambda d: d.style == style))
        self.select_id(current)
        self._update_count()

    # --- TableView --------------------------------------------------------------------------
    def load_rows(self) -> list[Document]:
        return list_documents(self.ctx.db)

    def touched_by(self, changes: Changes) -> bool:
        return changes.touches("documents")

    def delete_row(self, item_id: int) -> Changes:
        return document_ops.delete_document(self.ctx.db, item_id)

    def describe_row(self, item_id: int) -> str:
        doc = self.model.get(item_id)
        return _("văn bản {symbol}").format(symbol=doc.symbol) if doc else ""

    def make_editor(self) -> DocumentEditor:
        editor = DocumentEditor(self.ctx)
        editor.open_requested.connect(self.select_id)  # "mở văn bản này" under a duplicate symbol
        return editor

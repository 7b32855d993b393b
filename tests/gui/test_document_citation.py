"""The document form: a symbol already recorded is flagged as it is typed, with a link that
opens the recorded document; a full citation pasted into the symbol fills the form (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.gui.editors.document_editor import DocumentEditor
from desktop_app.gui.views.documents_view import DocumentsView
from desktop_app.store.models import Document


@pytest.fixture
def docs_view(ctx, qtbot):
    view = DocumentsView(ctx)
    qtbot.addWidget(view)
    ctx.changed.connect(view.on_changes)
    view.reload()
    return view


@pytest.fixture
def editor(ctx, qtbot, docs_view):
    editor = docs_view.make_editor()
    assert isinstance(editor, DocumentEditor)
    qtbot.addWidget(editor)
    editor.load(None)
    return editor


def _shown(editor, label) -> bool:
    return label.isVisibleTo(editor)


def paste(qtbot, line_edit, text: str) -> None:
    """What Ctrl+V does: the whole text arrives at once as one edit."""
    QApplication.clipboard().setText(text)
    line_edit.setFocus()
    qtbot.keyClick(line_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _id_of(ctx, symbol: str) -> int:
    with ctx.db.read() as s:
        return s.query(Document.id).filter(Document.symbol == symbol).scalar()


def test_a_recorded_symbol_is_flagged_as_it_is_typed(ctx, qtbot, editor):
    assert not _shown(editor, editor.duplicates)
    qtbot.keyClicks(editor.symbol, "42-nq/tw")
    assert _shown(editor, editor.duplicates)
    note = editor.duplicates.text()
    assert "Đã có văn bản 42-NQ/TW ngày 24/11/2023" in note
    assert f'href="document:{_id_of(ctx, "42-NQ/TW")}"' in note
    assert "trùng cả ngày" not in note  # no date typed yet
    qtbot.keyClicks(editor.issue_date, "24/11/2023")
    assert "trùng cả ngày ban hành" in editor.duplicates.text()
    editor.symbol.setText("99-NQ/TW")
    assert not _shown(editor, editor.duplicates)


def test_the_link_opens_the_recorded_document(ctx, qtbot, docs_view, editor):
    qtbot.keyClicks(editor.symbol, "43-NQ/TW")
    wanted = _id_of(ctx, "43-NQ/TW")
    with qtbot.waitSignal(editor.open_requested) as opened:
        editor.duplicates.linkActivated.emit(f"document:{wanted}")
    assert opened.args == [wanted]
    assert docs_view.current_id() == wanted


def test_an_open_document_is_not_its_own_duplicate(ctx, editor):
    editor.load(_id_of(ctx, "44-NQ/TW"))
    assert editor.symbol.text() == "44-NQ/TW"
    assert not _shown(editor, editor.duplicates)


def test_pasting_a_full_citation_fills_the_form_for_confirmation(ctx, qtbot, editor):
    paste(qtbot, editor.symbol, "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
                                "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
    assert editor.symbol.text() == "57-NQ/TW"
    assert editor.issue_date.text() == "22/12/2024"
    assert editor.issuing_authority.text() == "Bộ Chính trị"
    assert editor.subject.toPlainText().startswith("về đột phá phát triển khoa học")
    assert _shown(editor, editor.citation) and "hãy kiểm tra rồi bấm Lưu" in editor.citation.text()
    assert editor.item_id is None  # nothing saved until the user confirms
    with qtbot.waitSignal(editor.created) as created:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with ctx.db.read() as s:
        doc = s.get(Document, created.args[0])
        assert (doc.symbol, doc.issue_date, doc.issuing_authority) == ("57-NQ/TW", date(2024, 12, 22), "Bộ Chính trị")


def test_a_pasted_citation_says_what_it_left_out_and_keeps_typed_fields(qtbot, editor):
    editor.issuing_authority.setText("Tỉnh ủy")
    paste(qtbot, editor.symbol, "Nghị quyết số 57-NQ/TW ngày 22/12 của Bộ Chính trị")
    assert editor.symbol.text() == "57-NQ/TW"
    assert editor.issue_date.text() == ""
    assert editor.issuing_authority.text() == "Tỉnh ủy"  # what the user typed is never replaced
    assert "thiếu năm" in editor.citation.text()


def test_typing_a_citation_key_by_key_is_not_rewritten(qtbot, editor):
    qtbot.keyClicks(editor.symbol, "57-NQ/TW ngay 22/12/2024")
    assert editor.symbol.text() == "57-NQ/TW ngay 22/12/2024"
    assert not _shown(editor, editor.citation)


def test_a_paste_into_a_recorded_document_is_left_as_typed(ctx, qtbot, editor):
    editor.load(_id_of(ctx, "45-NQ/TW"))
    editor.symbol.selectAll()
    paste(qtbot, editor.symbol, "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá")
    assert editor.issuing_authority.text() == "Ban Chấp hành Trung ương Đảng khóa XIII"
    assert not _shown(editor, editor.citation)

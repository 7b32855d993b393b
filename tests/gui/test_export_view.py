"""Tệp → Xuất danh sách đang xem…: exactly the rows of the current filter and search, in
the current sort order, with the visible columns in their on-screen order."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt

from desktop_app.core.status import TaskStatus


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    w = MainWindow(ctx, settings)
    qtbot.addWidget(w)
    return w


def _arranged_tasks_view(window):
    """Tasks not done, of one lead body, searched, sorted by due date (newest first), the
    programme column hidden and the status column moved to the front."""
    tasks = window.tasks_view()
    window.nav.setCurrentRow(window.views.index(tasks))
    tasks.status_filter.setCurrentIndex(tasks.status_filter.findData("open"))
    tasks.body_filter.set_current_id(10)  # Ban cán sự đảng UBND tỉnh
    tasks.body_filter.idChanged.emit(10)
    tasks.search.setText("xay dung")
    model = tasks.model
    tasks.table.sortByColumn(model.column_index("due_date"), Qt.SortOrder.DescendingOrder)
    tasks.table.setColumnHidden(model.column_index("program"), True)
    tasks.table.setColumnHidden(model.column_index("assigned_date"), False)
    header = tasks.table.horizontalHeader()
    header.moveSection(header.visualIndex(model.column_index("status")), 0)
    return tasks


def _expected(tasks):
    rows = [tasks.model.get(i) for i in tasks.model.ids()]
    assert 1 < len(rows) < tasks.model.all_count()
    assert all(r.lead_body_id == 10 and r.status not in (TaskStatus.DONE_LATE, TaskStatus.DONE_ON_TIME)
               for r in rows)
    return rows


def test_collect_rows_follows_the_view(window):
    from desktop_app.gui.table_export import collect_rows, visible_columns

    tasks = _arranged_tasks_view(window)
    rows = _expected(tasks)
    keys = [tasks.model.columns[c].key for c in visible_columns(tasks.table)]
    assert keys[0] == "status" and "program" not in keys and "assigned_date" in keys
    assert "position" not in keys  # hidden by default
    headers, values = collect_rows(tasks.table)
    assert headers[0] == "Trạng thái" and "Chương trình" not in headers
    assert [v[keys.index("content")] for v in values] == [r.content for r in rows]
    dues = [v[keys.index("due_date")] for v in values]
    assert dues == [r.due_date for r in rows]
    known = [d for d in dues if d is not None]
    assert known == sorted(known, reverse=True)
    from desktop_app.core.numbers import Percent

    percents = [v[keys.index("percent")] for v in values]  # a percentage in Excel, «40%» in Word
    assert percents == [None if r.last_percent is None else r.last_percent for r in rows]
    assert any(p is not None for p in percents) and all(p is None or isinstance(p, Percent) for p in percents)


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_export_filtered_sorted_view(window, tmp_path, monkeypatch, suffix):
    from desktop_app.gui import table_export

    tasks = _arranged_tasks_view(window)
    rows = _expected(tasks)
    target = tmp_path / f"nhiem-vu{suffix}"
    asked = []
    monkeypatch.setattr(table_export, "ask_target", lambda parent, suggested: asked.append(suggested) or target)
    assert window.act_export_view.isEnabled()
    window.act_export_view.trigger()
    assert asked and asked[0].name == "Danh-sach-nhiem-vu.xlsx"
    assert target.exists()
    header = tasks.table.horizontalHeader()
    columns = sorted((c for c in range(tasks.model.columnCount()) if not header.isSectionHidden(c)),
                     key=header.visualIndex)
    titles = [tasks.model.columns[c].title for c in columns]
    keys = [tasks.model.columns[c].key for c in columns]
    if suffix == ".xlsx":
        sheet = load_workbook(target).active
        assert [c.value for c in sheet[3]] == titles
        got = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
        assert len(got) == len(rows)
        assert [g[keys.index("content")] for g in got] == [r.content for r in rows]
        assert [g[keys.index("status")] for g in got] == ["Quá hạn chưa hoàn thành" if r.status == "overdue"
                                                           else tasks.model.columns[columns[0]].display(r)
                                                           for r in rows]
        due = [g[keys.index("due_date")] for g in got]
        assert due == [datetime.combine(r.due_date, datetime.min.time()) if r.due_date else None for r in rows]
        assigned = [sheet.cell(row=n, column=keys.index("assigned_date") + 1) for n in range(4, 4 + len(rows))]
        assert [c.value.date() if c.value else None for c in assigned] == [r.assigned_date for r in rows]
        assert all(c.number_format == "dd/mm/yyyy" for c in assigned if c.value)
        assert sheet["A1"].value == "Danh sách nhiệm vụ" and sheet.title == "Danh sách nhiệm vụ"
        subtitle = sheet["A2"].value
        assert "01/07/2024" in subtitle and "Chưa hoàn thành" in subtitle and "xay dung" in subtitle
    else:
        doc = DocxDocument(str(target))
        table = doc.tables[0]
        cells = [[c.text for c in row.cells] for row in table.rows]
        assert cells[0] == titles
        assert len(cells) == len(rows) + 1
        assert [c[keys.index("content")] for c in cells[1:]] == [r.content for r in rows]
        assert [c[keys.index("due_date")] for c in cells[1:]] == [
            r.due_date.strftime("%d/%m/%Y") if r.due_date else "" for r in rows]
        texts = [p.text for p in doc.paragraphs]
        assert "DANH SÁCH NHIỆM VỤ" in texts
        assert any("Tính đến ngày 01/07/2024" in t and "Ban cán sự đảng" in t for t in texts)
    assert window.settings.value("export/table_suffix") == suffix
    assert str(len(rows)) in window.statusBar().currentMessage()


def test_export_other_views_and_cancel(window, tmp_path, monkeypatch):
    from desktop_app.gui import table_export

    documents = next(v for v in window.views if v.entity == "documents")
    window.nav.setCurrentRow(window.views.index(documents))
    monkeypatch.setattr(table_export, "ask_target", lambda parent, suggested: None)
    assert window.export_view() is None  # cancelled: nothing written
    target = tmp_path / "van-ban.xlsx"
    monkeypatch.setattr(table_export, "ask_target", lambda parent, suggested: target)
    assert window.export_view() == target
    sheet = load_workbook(target).active
    assert sheet.max_row - 3 == documents.model.rowCount()
    issue = [c.value for c in sheet[3]].index("Ngày ban hành") + 1
    assert isinstance(sheet.cell(row=4, column=issue).value, (datetime, date))


def test_long_word_export_asks_first(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui import table_export

    tasks = window.tasks_view()
    window.nav.setCurrentRow(window.views.index(tasks))
    target = tmp_path / "dai.docx"
    monkeypatch.setattr(table_export, "ask_target", lambda parent, suggested: target)
    monkeypatch.setattr(table_export, "LONG_WORD_TABLE", 10)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    assert window.export_view() is None and not target.exists()
    assert "42 dòng" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.export_view() == target and len(DocxDocument(str(target)).tables[0].rows) == 43

"""After switching to English (without a restart), no Vietnamese remains in the chrome a person
sees in the main window: window title, menus and their actions, toolbar, navigation, view
headers, labels and buttons of every view, its details panel and its blank "Thêm mới" form, the
reminder panel, dock titles, status bar.

What may stay Vietnamese is DATA: the names, titles and texts stored in the database (bodies,
documents, programmes, tasks, study sessions…), removed from each text before it is checked, and
the small explicit list below. Placeholders ("e.g. Ban Tuyên giáo") and the items of pickers
(body and programme names, "Mật"/"Tối mật" as printed on documents) are examples or data, and
are not walked.

Messages built in core/, ops/ and reports/ (quarter names, deadline hints, a draft programme's
short name…) are in the catalog too (tests/test_catalog_coverage.py), so they are checked here
like the rest.
"""

from __future__ import annotations

import html
import re

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QDockWidget, QGroupBox, QLabel, QMenu, QTableView, QTabBar, QTreeView, QWidget,
)
from sqlalchemy import String, Text, select

from desktop_app.gui import app as gui_app
from desktop_app.gui import i18n, unsaved
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.views.dashboard_view import DashboardView
from desktop_app.store.models import MODELS

# Letters only Vietnamese uses (in this program's texts): a text with one of them is Vietnamese.
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)
ALLOWED = ("Tiếng Việt",)  # the language's own name in the language menu of Preferences


def test_the_detector_finds_vietnamese_and_not_english():
    assert VIETNAMESE.search("Thêm mới") and VIETNAMESE.search("ĐANG") and VIETNAMESE.search("đ")
    assert not VIETNAMESE.search("New task — programme 15-CTr/TU (42-NQ/TW), 3,408 attendees")


def data_values(db) -> list[str]:
    """Every text stored in the database, longest first (so a name inside another goes last)."""
    values: set[str] = set()
    with db.read() as s:
        for model in MODELS.values():
            columns = [c for c in model.__table__.columns
                       if isinstance(c.type, (String, Text)) and c.name != "search_fold"]
            for column in columns:
                for value in s.scalars(select(column)).all():
                    if value and VIETNAMESE.search(value):
                        values.update(v.strip() for v in [value, *value.splitlines()] if v.strip())
    return sorted(values, key=len, reverse=True)


def plain(text: str) -> str:
    """A label's text as read: rich text without its tags and entities."""
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text)


def vietnamese_left(text: str, data: list[str]) -> str | None:
    """*text* less the data and the allowed words, if Vietnamese remains; else None."""
    text = plain(text or "")
    if not VIETNAMESE.search(text):
        return None
    for value in data:
        if value in text:
            text = text.replace(value, "·")
    for word in ALLOWED:
        text = text.replace(word, "·")
    return text if VIETNAMESE.search(text) else None


def chrome_texts(window: MainWindow) -> list[tuple[str, str, str]]:
    """(kind, where, text) of everything the walk checks in the window as it is shown now."""
    out: list[tuple[str, str, str]] = [("window title", "", window.windowTitle())]
    for menu in window.findChildren(QMenu):
        out.append(("menu", menu.objectName(), menu.title()))
    for action in window.findChildren(type(window.act_new)):
        out.append(("action", action.objectName(), action.text()))
        out.append(("action tooltip", action.objectName(), action.toolTip()))
    for i in range(window.nav.count()):
        out.append(("navigation", str(i), window.nav.item(i).text()))
    for dock in window.findChildren(QDockWidget):
        out.append(("dock title", dock.objectName(), dock.windowTitle()))
    out.append(("status bar", "", window.statusBar().currentMessage()))

    return out + widget_texts(window)


def widget_texts(root: QWidget) -> list[tuple[str, str, str]]:
    """(kind, where, text) of the labels, buttons, group boxes, tabs and table headers shown
    in *root* (a window or a dialog)."""
    out: list[tuple[str, str, str]] = []

    def shown(widget: QWidget) -> bool:
        return widget.isVisibleTo(root)

    for label in root.findChildren(QLabel):
        if shown(label):
            out.append(("label", label.objectName(), label.text()))
            out.append(("label tooltip", label.objectName(), label.toolTip()))
    for button in root.findChildren(QAbstractButton):
        if shown(button):
            out.append(("button", button.objectName(), button.text()))
            out.append(("button tooltip", button.objectName(), button.toolTip()))
    for box in root.findChildren(QGroupBox):
        if shown(box):
            out.append(("group", box.objectName(), box.title()))
    for bar in root.findChildren(QTabBar):
        if shown(bar):
            out += [("tab", bar.objectName(), bar.tabText(i)) for i in range(bar.count())]
    for view in [*root.findChildren(QTableView), *root.findChildren(QTreeView)]:
        if not shown(view) or view.model() is None:
            continue
        header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
        for section in range(header.count()):
            value = view.model().headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            out.append(("header", f"{type(view.parent()).__name__}[{section}]", str(value or "")))
    return out


@pytest.fixture
def english_window(qtbot, qapp, ctx, tmp_path):
    window = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    window.show()
    qtbot.waitExposed(window)
    new = window.switch_language("en")  # as from Preferences: without a restart
    assert new is not None and i18n.language() == "en"
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))
    yield new
    for holder in unsaved.pending_in(new):
        holder.discard_pending()
    new.close()
    new.stop_background()
    new.deleteLater()
    gui_app._OPEN.clear()
    i18n.set_language("vi")
    i18n.remove_qt_translators(qapp)  # as the other tests expect: Qt's own strings untranslated
    qtbot.waitUntil(lambda: not shiboken6.isValid(new))


def test_no_vietnamese_left_in_the_english_chrome(qtbot, qapp, english_window):
    window = english_window
    data = data_values(window.ctx.db)
    found: dict[tuple[str, str], str] = {}
    walked = 0
    window.reminders.show_now()  # the reminder panel too
    for row in range(len(window.views)):
        window.nav.setCurrentRow(row)
        view = window.current_view
        for step in ("item", "new"):
            if step == "item":  # with an item selected, so its details panel is walked too
                if not isinstance(view, DashboardView) and hasattr(view, "model") and hasattr(view, "table") \
                        and view.model.rowCount():
                    view.table.selectRow(0)
                    assert view.current_id() is not None
            elif window.current_editor is not None:  # the blank form of Thêm mới (Ctrl+N)
                window.act_new.trigger()
            else:
                continue  # (a view that adds through a dialog of its own)
            qapp.processEvents()
            for kind, where, text in chrome_texts(window):
                walked += 1
                left = vietnamese_left(text, data)
                if left is not None:
                    found.setdefault((kind, text), f"{type(view).__name__} {step} {where}: {left.strip()[:120]}")
    assert walked > 1000  # the walk saw the window (menus, every view, their details and new forms)
    assert not found, "Vietnamese in the English chrome:\n" + "\n".join(
        f"  {kind}: {text[:100]!r}  ({where})" for (kind, text), where in sorted(found.items()))


def test_no_vietnamese_left_in_the_english_dialogs(qtbot, qapp, english_window):
    """Every dialog (tests/gui/dialog_samples.py: preferences, report, export, history, crash,
    conflict, member count, table import, study sessions and bridge points) in English."""
    from dialog_samples import GIVEN_TEXTS, every_dialog

    window = english_window
    data = sorted({*data_values(window.ctx.db), *GIVEN_TEXTS}, key=len, reverse=True)
    found: dict[tuple[str, str], str] = {}
    dialogs = every_dialog(window)
    assert len(dialogs) >= 10
    for name, dialog in dialogs:
        dialog.show()
        qapp.processEvents()
        texts = [("dialog title", "", dialog.windowTitle()), *widget_texts(dialog)]
        assert len(texts) > 3, name
        for kind, where, text in texts:
            left = vietnamese_left(text, data)
            if left is not None:
                found.setdefault((kind, text), f"{name} {where}: {left.strip()[:120]}")
        dialog.close()
        dialog.deleteLater()
    assert not found, "Vietnamese in the English dialogs:\n" + "\n".join(
        f"  {kind}: {text[:100]!r}  ({where})" for (kind, text), where in sorted(found.items()))


def test_the_walk_would_see_vietnamese_chrome(qtbot, english_window):
    """The check itself: a Vietnamese label left in the window is found, data is not."""
    window = english_window
    data = data_values(window.ctx.db)
    body = next(v for v in data if v.startswith("Đảng ủy"))
    probe = QLabel("Chưa dịch", window.statusBar())
    window.statusBar().addWidget(probe)
    texts = [t for _k, _w, t in chrome_texts(window)]
    assert "Chưa dịch" in texts
    assert vietnamese_left("Chưa dịch", data) is not None
    assert vietnamese_left(f"Resolution 42-NQ/TW — {body}, as of 01/07/2024", data) is None
    assert vietnamese_left("Tasks — chương trình 15-CTr/TU", data) is not None

"""Dropping files onto the main window: a .json file goes to the JSON import, a returned
report-collection form (found by its hidden marker) to the returned-forms dialog, another
.docx/.xlsx to the table import. What will happen is said first, then the same preview
dialogs as the menus open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from .i18n import _
from .views.base import show_error

SUFFIXES = (".json", ".docx", ".xlsx")


def drop_kind(path: Path) -> str | None:
    """"json", "forms" (a returned collection form), "table" (Word/Excel import) or None."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".xlsx":
        from ..importers.collection_forms import read_form

        return "forms" if read_form(path).form_id else "table"
    if suffix == ".docx":
        return "table"
    return None


def droppable_paths(mime) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls()
            if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in SUFFIXES]


def plan_drop(paths: list[Path]) -> tuple[list[tuple[str, Path]], list[Path]]:
    """(what to do with each file, the files whose returned forms go together) — forms last."""
    actions, forms = [], []
    for path in paths:
        kind = drop_kind(path)
        if kind == "forms":
            forms.append(path)
        elif kind is not None:
            actions.append((kind, path))
    return actions, forms


def describe(actions: list[tuple[str, Path]], forms: list[Path]) -> str:
    lines = []
    for kind, path in actions:
        if kind == "json":
            lines.append(_("• «{name}»: nhập dữ liệu JSON").format(name=path.name))
        else:
            lines.append(_("• «{name}»: nhập từ Word/Excel (xem trước trước khi ghi)").format(name=path.name))
    if forms:
        lines.append(_("• {n} phiếu báo cáo đã điền: xem trước rồi ghi báo cáo tiến độ ({names})").format(
            n=len(forms), names=", ".join(p.name for p in forms)))
    return "\n".join(lines)


def handle_drop(window, paths: list[Path]) -> bool:
    """Say what will happen; on "Yes" run each import through its usual flow."""
    actions, forms = plan_drop(paths)
    if not actions and not forms:
        show_error(window, _("Chỉ nhận tệp JSON, Word (.docx) hoặc Excel (.xlsx)."))
        return False
    answer = QMessageBox.question(window, _("Nhập tệp kéo vào"),
                                  _("Sẽ thực hiện:") + "\n" + describe(actions, forms) + "\n\n" + _("Tiếp tục?"))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    for _kind, path in actions:
        window.import_path(str(path))
    if forms:
        from .collection_dialog import import_returned_forms_interactive

        import_returned_forms_interactive(window, [str(p) for p in forms])
    return True

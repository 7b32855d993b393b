"""The translation catalogs: up to date with the sources, complete, compiled, and working
(gettext for our strings, a QTranslator for Qt's built-in ones)."""

from __future__ import annotations

import ast
import io
import importlib.util
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QMessageBox

from desktop_app.gui import i18n

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "update_translations.py"
FIX = ("Run `python tools/update_translations.py` from the repository root (in the project's venv), "
       "translate what it lists in desktop_app/resources/locale/en/LC_MESSAGES/nqdesk.po, run it again, "
       "and commit the desktop_app/resources/locale files.")


def _load_tool():
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _load_tool()


@pytest.fixture(scope="module")
def template(tool):
    return tool.extract()


@pytest.fixture(scope="module")
def en_po(tool):
    return tool.read_catalog(tool.po_path("en"), "en")


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value  # read_mo gives plurals as lists


def _ids(catalog) -> set:
    return {(m.context, _hashable(m.id)) for m in catalog if m.id}


def _show(ids) -> str:
    return "\n".join(f"    {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid in sorted(
        ids, key=lambda pair: (str(pair[0]), str(pair[1]))))


def _variants(value) -> list[str]:
    return list(value) if isinstance(value, (tuple, list)) else [value]


def test_locale_dir_is_where_the_program_looks(tool):
    assert tool.LOCALE_DIR == i18n.LOCALE_DIR
    assert tool.DOMAIN == i18n.DOMAIN
    assert set(tool.LANGUAGES) | {"vi"} == set(i18n.LANGUAGES)


def test_pot_is_up_to_date(tool, template):
    with open(tool.POT_FILE, "rb") as f:
        checked_in = read_po(f)
    missing = _ids(template) - _ids(checked_in)
    gone = _ids(checked_in) - _ids(template)
    assert not missing and not gone, (
        "desktop_app/resources/locale/nqdesk.pot is out of date.\n"
        + (f"  Strings in the sources but not in the .pot:\n{_show(missing)}\n" if missing else "")
        + (f"  Strings in the .pot no longer in the sources:\n{_show(gone)}\n" if gone else "")
        + FIX
    )


def test_english_catalog_follows_the_pot(tool, template, en_po):
    missing = _ids(template) - _ids(en_po)
    gone = _ids(en_po) - _ids(template)
    assert not missing and not gone, (
        "desktop_app/resources/locale/en/LC_MESSAGES/nqdesk.po is not updated from the sources.\n"
        + (f"  Missing:\n{_show(missing)}\n" if missing else "")
        + (f"  Obsolete:\n{_show(gone)}\n" if gone else "")
        + FIX
    )


def test_every_string_has_an_english_translation(en_po):
    untranslated = {(m.context, m.id) for m in en_po if m.id and not all(_variants(m.string))}
    fuzzy = {(m.context, m.id) for m in en_po if m.id and m.fuzzy}
    assert not untranslated and not fuzzy, (
        "English translations missing or to be checked in desktop_app/resources/locale/en/LC_MESSAGES/nqdesk.po.\n"
        + (f"  Empty msgstr:\n{_show(untranslated)}\n" if untranslated else "")
        + (f"  Marked fuzzy (a guess: correct it, then delete the '#, fuzzy' line):\n{_show(fuzzy)}\n"
           if fuzzy else "")
        + FIX
    )
    assert not en_po.fuzzy, "The header of en/nqdesk.po is marked fuzzy: delete that '#, fuzzy' line."


def test_compiled_catalog_matches_po(tool, en_po):
    mo = tool.mo_path("en")
    assert mo.exists(), f"{mo} is missing. {FIX}"
    with open(mo, "rb") as f:
        shipped = read_mo(f)
    expected = read_mo(io.BytesIO(tool.compile_mo(en_po)))

    def contents(catalog):
        return {(m.context, _hashable(m.id)): _hashable(m.string) for m in catalog if m.id}

    assert contents(shipped) == contents(expected), f"nqdesk.mo does not match nqdesk.po. {FIX}"
    assert shipped.plural_forms == expected.plural_forms
    assert contents(shipped), "the English catalog is empty"


def _fields(text: str, where) -> set[str]:
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        pytest.fail(f"{where}: bad braces in {text!r} ({exc}); write a literal brace as {{{{ or }}}}.")


def test_translations_keep_placeholders_accelerators_and_spaces(en_po):
    problems = []
    for m in en_po:
        if not m.id:
            continue
        sources = _variants(m.id)
        translations = [t for t in _variants(m.string) if t]
        if not translations:
            continue
        wanted = set().union(*(_fields(s, m.id) for s in sources))
        got = [_fields(t, m.id) for t in translations]
        if set().union(*got) != wanted or any(not g <= wanted for g in got):
            problems.append(f"{m.id!r}: placeholders {sorted(wanted)} in the source, "
                            f"{[sorted(g) for g in got]} in the translation")
        source = sources[0]
        for t in translations:
            if ("&" in source.replace("&&", "")) != ("&" in t.replace("&&", "")):
                problems.append(f"{m.id!r}: keyboard accelerator (&) in one of source/translation only: {t!r}")
            if source[:1].isspace() != t[:1].isspace() or source[-1:].isspace() != t[-1:].isspace():
                problems.append(f"{m.id!r}: leading/trailing space differs in {t!r}")
    assert not problems, "Problems in desktop_app/resources/locale/en/LC_MESSAGES/nqdesk.po:\n  " + "\n  ".join(problems)


@pytest.fixture
def restore_language():
    yield
    i18n.set_language("vi")


def test_set_language_switches_gettext(restore_language):
    i18n.set_language("en")
    assert i18n.language() == "en"
    assert i18n._("Tùy chọn") == "Preferences"
    assert i18n._("Sắp đến hạn") == "Due soon"  # a run-time label from core.status
    assert i18n._("chuỗi không có trong danh mục") == "chuỗi không có trong danh mục"
    assert [i18n.ngettext(" bản", " bản", n) for n in (1, 3)] == [" copy", " copies"]
    i18n.set_language("vi")
    assert i18n._("Tùy chọn") == "Tùy chọn"
    assert i18n.ngettext(" bản", " bản", 3) == " bản"
    i18n.set_language("xx")  # unknown: back to Vietnamese
    assert i18n.language() == "vi"


def test_gui_translates_only_extractable_strings(tool):
    """``_()`` must get a literal (or a label from a table listed in DYNAMIC_LABELS):
    ``_(f"…")``, ``_("a" + b)`` or ``_("…".format())`` cannot be found by extraction."""
    tables = {name for _module, name in tool.DYNAMIC_LABELS}
    problems = []
    for path in sorted((ROOT / "desktop_app" / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext", "N_") and node.args):
                continue
            where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
            for arg in node.args[: 2 if node.func.id == "ngettext" else 1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    continue
                if isinstance(arg, (ast.JoinedStr, ast.BinOp)) or (
                        isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)
                        and arg.func.attr == "format"):
                    problems.append(f"{where}: {ast.unparse(arg)} — pass a literal to _() and format "
                                    "its result: _(\"… {name} …\").format(name=…)")
                    continue
                table = None
                if isinstance(arg, ast.Subscript):
                    table = arg.value
                elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "get":
                    table = arg.func.value
                name = getattr(table, "id", getattr(table, "attr", None))
                if name and name.endswith("LABELS") and name not in tables:
                    problems.append(f"{where}: {ast.unparse(arg)} — add {name} to DYNAMIC_LABELS in "
                                    "tools/update_translations.py so its labels are extracted")
    assert not problems, "\n".join(problems)


# --- Qt's own strings ---------------------------------------------------------------------------

QM = i18n.LOCALE_DIR / "vi" / "qtbase_vi.qm"
TS = i18n.LOCALE_DIR / "vi" / "qtbase_vi.ts"


def _ts_messages() -> list[tuple[str, str, str]]:
    root = ET.parse(TS).getroot()
    return [(ctx.findtext("name"), msg.findtext("source"), msg.findtext("translation"))
            for ctx in root.iter("context") for msg in ctx.iter("message")]


@pytest.fixture
def qt_vi(qapp):
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} does not load. {FIX}"
    return translator


def test_qt_translator_translates_standard_buttons(qt_vi):
    assert qt_vi.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert qt_vi.translate("QPlatformTheme", "&Yes") == "&Có"
    assert qt_vi.translate("QPlatformTheme", "&No") == "&Không"
    assert qt_vi.translate("QLineEdit", "&Paste") == "&Dán"
    assert qt_vi.translate("QFileDialog", "Look in:") == "Tìm trong:"


def test_the_file_dialog_speaks_vietnamese(qapp, qt_vi):
    """Qt 6's own file dialog (Windows without a native one, Linux): its labels carry
    accelerators ("&Look in:"), which the translation must name as such."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert qapp.installTranslator(qt_vi)
    try:
        dialog = QFileDialog(None, "NQ Desk", str(TS.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        try:
            labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
            assert labels == {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:"}, labels
        finally:
            dialog.deleteLater()
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "Thư mục"  # the Loại column
    finally:
        qapp.removeTranslator(qt_vi)


def test_qm_has_every_ts_message(qt_vi):
    wrong = [(c, s, t, qt_vi.translate(c, s)) for c, s, t in _ts_messages() if qt_vi.translate(c, s) != t]
    assert not wrong, f"qtbase_vi.qm differs from qtbase_vi.ts: {wrong[:5]}. {FIX}"


def test_qm_is_compiled_from_the_ts(tool):
    try:
        fresh = tool.compile_qt()
    except SystemExit as exc:  # lrelease missing or refusing the .ts
        if "not found" in str(exc):
            pytest.skip(str(exc))
        raise
    assert QM.read_bytes() == fresh, f"qtbase_vi.qm is older than qtbase_vi.ts. {FIX}"


def test_ts_sources_are_real_qt_strings(qapp):
    """Every context/source pair we translate exists in Qt's own catalogs (a typo, or a
    string Qt renamed, would silently never be used)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    catalogs = sorted(folder.glob("qtbase_*.qm"))
    if not catalogs:
        pytest.skip(f"Qt's translations are not installed in {folder}")
    translators = []
    for path in catalogs:
        translator = QTranslator()
        if translator.load(str(path)):
            translators.append(translator)
    unknown = [(c, s) for c, s, _t in _ts_messages() if not any(t.translate(c, s) for t in translators)]
    assert not unknown, f"Not strings of this Qt version ({len(catalogs)} catalogs checked): {unknown}"


def test_message_box_buttons_in_vietnamese(qapp, qt_vi):
    assert qapp.installTranslator(qt_vi)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "NQ Desk", "Xóa?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel)
        try:
            assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
            assert box.button(QMessageBox.StandardButton.No).text() == "&Không"
            assert box.button(QMessageBox.StandardButton.Cancel).text() == "Hủy"
        finally:
            box.deleteLater()
    finally:
        qapp.removeTranslator(qt_vi)
    box = QMessageBox(QMessageBox.Icon.Question, "NQ Desk", "?", QMessageBox.StandardButton.Yes)
    try:
        assert box.button(QMessageBox.StandardButton.Yes).text() == "&Yes"  # uninstalled again
    finally:
        box.deleteLater()


def test_install_qt_translator_only_for_vietnamese(qapp, restore_language):
    i18n.set_language("en")
    assert i18n.install_qt_translator(qapp) is None
    i18n.set_language("vi")
    translator = i18n.install_qt_translator(qapp)
    try:
        assert translator is not None
        assert qapp.translate("QPlatformTheme", "Cancel") == "Hủy"
    finally:
        qapp.removeTranslator(translator)
        translator.deleteLater()

"""Format profiles (mẫu thể thức): every format value of a Word document, kept as data.

A profile is a JSON file. The shipped ones live in ``desktop_app/resources/profiles`` (``hd36``: Party
documents, the default; ``nd30``: state documents); a user's own live in the data folder
(``data_dir()/profiles``) and win over a shipped profile of the same name. A user makes one
with :func:`copy_profile`, edits it in any text editor and selects it by name.

The *shape* of a profile is checked here (:data:`SCHEMA`); the *values* are the files'. A
profile may name a ``base`` profile: keys it leaves out are taken from the base, so a copy
made by an older version keeps working when a newer version adds a key. Unknown keys are
refused (a misspelt key would otherwise be silently ignored).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.text import count_control
from ..errors import NqdeskError
from ..i18n import N_, _
from ..resources import RESOURCES_DIR
from ..store.db import data_dir
from ..store.files import describe_os_error, write_text_atomically

__all__ = [
    "DEFAULT_PROFILE",
    "SHIPPED_DIR",
    "Profile",
    "ProfileError",
    "list_profiles",
    "load_profile",
    "copy_profile",
    "user_profiles_dir",
    "profile_path",
]

DEFAULT_PROFILE = "hd36"
SHIPPED_DIR = RESOURCES_DIR / "profiles"
SCHEMA_VERSION = 1
_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_\-]{0,59}$")


class ProfileError(NqdeskError):
    """A profile cannot be found, read or used; the message says which and why."""


# --- the shape ------------------------------------------------------------------------

class _Leaf:
    def check(self, value, path: str, problems: list[str]):  # pragma: no cover - interface
        raise NotImplementedError


class Num(_Leaf):
    def __init__(self, low: float, high: float):
        self.low, self.high = low, high

    def check(self, value, path, problems):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not self.low <= value <= self.high:
            problems.append(_("«{key}» phải là một số từ {low} đến {high} (đang là {value}).").format(
                key=path, low=_num(self.low), high=_num(self.high), value=_shown(value)))


class Text(_Leaf):
    def __init__(self, required: bool = True, limit: int = 500):
        self.required, self.limit = required, limit

    def check(self, value, path, problems):
        if not isinstance(value, str):
            problems.append(_("«{key}» phải là một chuỗi chữ trong dấu nháy kép (đang là {value}).").format(
                key=path, value=_shown(value)))
        elif count_control(value):
            problems.append(_("«{key}» chứa ký tự điều khiển không in được; hãy gõ lại giá trị này.").format(key=path))
        elif self.required and not value.strip():
            problems.append(_("«{key}» không được để trống.").format(key=path))
        elif len(value) > self.limit:
            problems.append(_("«{key}» dài quá {limit} ký tự.").format(key=path, limit=self.limit))


class Flag(_Leaf):
    def check(self, value, path, problems):
        if not isinstance(value, bool):
            problems.append(_("«{key}» phải là true (có) hoặc false (không) (đang là {value}).").format(
                key=path, value=_shown(value)))


class Choice(_Leaf):
    def __init__(self, *choices: str):
        self.choices = choices

    def check(self, value, path, problems):
        if not any(type(value) is type(c) and value == c for c in self.choices):
            options = ", ".join(f"«{c}»" for c in self.choices)
            problems.append(_("«{key}» phải là một trong {options} (đang là {value}).").format(
                key=path, options=options, value=_shown(value)))


class Nums(_Leaf):
    def __init__(self, count: int, low: float, high: float):
        self.count, self.item = count, Num(low, high)

    def check(self, value, path, problems):
        if not isinstance(value, list) or len(value) != self.count:
            problems.append(_("«{key}» phải là danh sách {count} số, ví dụ [72, 93] (đang là {value}).").format(
                key=path, count=self.count, value=_shown(value)))
            return
        for i, item in enumerate(value):
            self.item.check(item, f"{path}[{i}]", problems)


class Records(_Leaf):
    """A list of objects of one shape."""

    def __init__(self, shape: dict, minimum: int = 1, maximum: int = 10):
        self.shape, self.minimum, self.maximum = shape, minimum, maximum

    def check(self, value, path, problems):
        if not isinstance(value, list) or not self.minimum <= len(value) <= self.maximum:
            problems.append(_("«{key}» phải là danh sách từ {low} đến {high} mục.").format(
                key=path, low=self.minimum, high=self.maximum))
            return
        for i, item in enumerate(value):
            _check_object(item, self.shape, f"{path}[{i}]", problems, complete=True)


class Mark(_Leaf):
    """A decoration: printed text ("*", "-----"), a drawn rule, or nothing.

    ``{"kind": "text", "text": "*", "size_pt": 14}``; ``{"kind": "rule", "ratio": 1.0,
    "weight_pt": 0.75}`` (as long as the text above it times *ratio*) or ``{"kind": "rule",
    "length_mm": 35, "weight_pt": 0.75}``; ``{"kind": "none"}``.
    """

    SHAPES = {
        "text": {"kind": Choice("text"), "text": Text(limit=50), "size_pt": Num(4, 40)},
        "rule": {"kind": Choice("rule"), "weight_pt": Num(0.25, 6)},
        "none": {"kind": Choice("none")},
    }

    def check(self, value, path, problems):
        if not isinstance(value, dict) or value.get("kind") not in self.SHAPES:
            problems.append(_("«{key}» phải là một đối tượng có «kind» là «text», «rule» hoặc «none».").format(
                key=path))
            return
        shape = dict(self.SHAPES[value["kind"]])
        if value["kind"] == "rule":
            if ("ratio" in value) == ("length_mm" in value):
                problems.append(_("«{key}»: đường kẻ cần đúng một trong hai khóa «ratio» (tỉ lệ so với dòng chữ) "
                                  "hoặc «length_mm» (độ dài, mm).").format(key=path))
                return
            if "ratio" in value:
                shape["ratio"] = Num(0.05, 1.5)
            else:
                shape["length_mm"] = Num(1, 200)
        _check_object(value, shape, path, problems, complete=True)


class _Titles(_Leaf):
    def check(self, value, path, problems):
        if not isinstance(value, list) or len(value) != 4 or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(_("«{key}» phải là danh sách 4 tên mục (I đến IV), ví dụ "
                              "[\"MỤC ĐÍCH, YÊU CẦU\", \"MỤC TIÊU\", \"NHIỆM VỤ, GIẢI PHÁP\", \"TỔ CHỨC THỰC HIỆN\"].")
                            .format(key=path))


STYLE = {"size_pt": Num(4, 40), "bold": Flag(), "italic": Flag(), "underline": Flag(), "upper": Flag()}
COLUMN = {
    "field": Choice("number", "content", "lead", "coordinators", "product", "deadline", "note"),
    "title": Text(limit=100),
    "width_pct": Num(1, 100),
    "align": Choice("left", "center", "right", "justify"),
}

SCHEMA: dict = {
    "schema": Choice(SCHEMA_VERSION),
    "name": Text(limit=200),
    "description": Text(required=False, limit=4000),
    "symbol_style": Choice("party", "state"),
    "page": {
        "width_mm": Num(90, 600), "height_mm": Num(90, 600),
        "margin_top_mm": Num(0, 100), "margin_bottom_mm": Num(0, 100),
        "margin_left_mm": Num(0, 100), "margin_right_mm": Num(0, 100),
        "header_distance_mm": Num(0, 100), "footer_distance_mm": Num(0, 100),
    },
    "font": {"name": Text(limit=100), "language": Text(limit=20)},
    "body": {
        "size_pt": Num(4, 40), "line_spacing": Num(0.5, 4), "space_before_pt": Num(0, 100),
        "space_after_pt": Num(0, 100), "first_line_indent_cm": Num(0, 10),
        "align": Choice("left", "center", "right", "justify"),
    },
    "headings": {
        "numbering": Choice("I-", "I."),
        "titles": _Titles(),
        "style": STYLE, "number_line": STYLE, "letter_line": STYLE,
    },
    "ending": {"enabled": Flag(), "text": Text(limit=20)},
    "draft": {"text": Text(limit=100), "round": Text(limit=100), "style": STYLE, "round_style": STYLE,
              "boxed": Flag()},
    "classification": {"style": STYLE, "boxed": Flag()},
    "header": {
        "column_widths_mm": Nums(2, 10, 400),
        "superior_body": STYLE, "issuing_body": STYLE,
        "issuing_mark": Mark(),
        "number": {"prefix": Text(required=False, limit=20), "blank": Text(required=False, limit=40), "style": STYLE},
        "national": Records({"text": Text(limit=200), "style": STYLE}, 1, 4),
        "national_rule": Mark(),
        "place_date": STYLE,
    },
    "title": {
        "space_before_pt": Num(0, 200), "type_style": STYLE, "subject_style": STYLE, "subject_capitalise": Flag(),
        "separator": Mark(),
        "space_after_pt": Num(0, 200),
    },
    "signature": {
        "on_behalf": Text(limit=20), "deputy": Text(limit=20), "by_order": Text(limit=20),
        "column_widths_mm": Nums(2, 10, 400),
        "authority_style": STYLE, "title_style": STYLE, "name_style": STYLE, "blank_lines": Num(0, 20),
    },
    "recipients": {
        "label": Text(limit=100), "label_style": STYLE, "item_style": STYLE,
        "item_prefix": Text(required=False, limit=10), "item_end": Text(required=False, limit=5),
        "last_end": Text(required=False, limit=5), "archive_line": Text(required=False, limit=300),
    },
    "page_number": {
        "position": Choice("top_center", "top_right", "bottom_center", "bottom_right", "none"),
        "first_page": Flag(), "style": STYLE,
    },
    "appendix": {
        "margins_mm": {"top": Num(0, 100), "bottom": Num(0, 100), "left": Num(0, 100), "right": Num(0, 100)},
        "label": Text(required=False, limit=100), "title": Text(limit=500), "attachment": Text(required=False, limit=500),
        "label_style": STYLE, "title_style": STYLE, "attachment_style": STYLE, "header_style": STYLE,
        "group_style": STYLE, "cell_style": STYLE, "border_pt": Num(0, 6),
        "columns": Records(COLUMN, 2, 8),
    },
}

# Keys a profile file may hold besides the format values.
_META = {"base"}


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"\"{value}\""
    return text if len(text) <= 60 else text[:57] + "…"


def _check_object(value, shape: dict, path: str, problems: list[str], complete: bool) -> None:
    if not isinstance(value, dict):
        if path:
            problems.append(_("«{key}» phải là một đối tượng {{…}}.").format(key=path))
        else:
            problems.append(_("Tệp phải là một đối tượng {…}."))
        return
    for key in value:
        if key not in shape and not (not path and key in _META):
            problems.append(_("Khóa «{key}» không có trong mẫu thể thức (gõ nhầm?). Các khóa hợp lệ ở đây: {keys}.")
                            .format(key=_join(path, key), keys=", ".join(shape)))
    for key, spec in shape.items():
        sub = _join(path, key)
        if key not in value:
            if complete:
                problems.append(_("Thiếu khóa «{key}».").format(key=sub))
            continue
        if isinstance(spec, dict):
            _check_object(value[key], spec, sub, problems, complete)
        else:
            spec.check(value[key], sub, problems)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _fill(data: dict, base: dict, shape: dict) -> dict:
    """*data* with the keys it lacks taken from *base* (recursively for objects)."""
    out = dict(data)
    for key, spec in shape.items():
        if key not in base:
            continue
        if key not in out:
            out[key] = json.loads(json.dumps(base[key]))
        elif isinstance(spec, dict) and isinstance(out[key], dict) and isinstance(base[key], dict):
            out[key] = _fill(out[key], base[key], spec)
    return out


# --- the value ------------------------------------------------------------------------

class _Node:
    """Read-only attribute access to a checked profile object: ``profile.page.margin_top_mm``."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, key: str):
        try:
            return _wrap(self._data[key])
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str):
        return _wrap(self._data[key])

    def __setattr__(self, key, value):
        raise AttributeError("profiles are read-only; copy_profile() makes an editable copy")

    def get(self, key: str, default=None):
        return _wrap(self._data.get(key, default))

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def to_dict(self) -> dict:
        return json.loads(json.dumps(self._data))


def _wrap(value):
    if isinstance(value, dict):
        return _Node(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


@dataclass(frozen=True)
class Profile:
    """A checked format profile. ``key`` is what the user selects (the file name without
    ``.json``); ``label`` is its Vietnamese name."""

    key: str
    data: dict = field(repr=False)
    path: Path | None = None
    user: bool = False

    def __getattr__(self, name: str):
        data = object.__getattribute__(self, "data")
        if name in data:
            return _wrap(data[name])
        raise AttributeError(name)

    @property
    def label(self) -> str:
        return self.data["name"]

    @property
    def description(self) -> str:
        return self.data.get("description", "")

    def to_dict(self) -> dict:
        return json.loads(json.dumps(self.data))

    @classmethod
    def from_dict(cls, data: dict, key: str = "tu-tao", base: str | None = None) -> Profile:
        """A profile from a dict (checked; keys it lacks come from *base* when given)."""
        if base is not None:
            data = _fill(data, load_profile(base).data, SCHEMA)
        _validate(data, key, None)
        return cls(key, data)


# --- finding, loading, copying --------------------------------------------------------

def user_profiles_dir() -> Path:
    return data_dir() / "profiles"


def _user_files() -> dict[str, Path]:
    folder = user_profiles_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.json")) if _NAME.match(p.stem)}


def _shipped_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(SHIPPED_DIR.glob("*.json"))}


def list_profiles() -> list[str]:
    """Profile names: the shipped ones (default first), then the user's own."""
    shipped = sorted(_shipped_files(), key=lambda n: (n != DEFAULT_PROFILE, n))
    own = sorted(n for n in _user_files() if n not in shipped)
    return shipped + own


def profile_path(name: str) -> Path:
    """The file a profile name stands for (the user's copy wins over a shipped one)."""
    user = _user_files()
    if name in user:
        return user[name]
    shipped = _shipped_files()
    if name in shipped:
        return shipped[name]
    raise ProfileError(_("Không có mẫu thể thức «{name}». Các mẫu hiện có: {names}.").format(
        name=name, names=", ".join(list_profiles())))


def _read(path: Path, label: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ProfileError(_("Không đọc được tệp mẫu thể thức «{name}» ({path}): {reason}.").format(
            name=label, path=path, reason=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise ProfileError(_("Tệp mẫu thể thức «{name}» ({path}) không phải văn bản UTF-8. "
                             "Hãy lưu lại tệp với mã UTF-8.").format(name=label, path=path)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(_("Tệp mẫu thể thức «{name}» ({path}) sai cú pháp JSON ở dòng {line}, cột {column}: "
                             "{reason}. Hãy kiểm tra dấu phẩy, dấu nháy và ngoặc.").format(
            name=label, path=path, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    if not isinstance(data, dict):
        raise ProfileError(_("Tệp mẫu thể thức «{name}» ({path}) phải chứa một đối tượng JSON {{…}}.").format(
            name=label, path=path))
    return data


def _validate(data: dict, label: str, path: Path | None) -> None:
    problems: list[str] = []
    _check_object(data, SCHEMA, "", problems, complete=True)
    if not problems:
        _check_consistency(data, problems)
    if problems:
        listed = "\n".join(f"- {p}" for p in problems)
        if path:
            head = _("Mẫu thể thức «{name}» ({path}) không dùng được:").format(name=label, path=path)
        else:
            head = _("Mẫu thể thức «{name}» không dùng được:").format(name=label)
        raise ProfileError(head + "\n" + listed)


def _check_consistency(data: dict, problems: list[str]) -> None:
    page = data["page"]
    text_width = page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]
    text_height = page["height_mm"] - page["margin_top_mm"] - page["margin_bottom_mm"]
    if text_width < 50 or text_height < 50:
        problems.append(_("Lề trang quá lớn so với khổ giấy: phần chữ còn lại hẹp hơn 50 mm."))
    # Column widths wider than the text are scaled down when the document is built, so that
    # changing a margin does not also require editing every width.
    margins = data["appendix"]["margins_mm"]
    if page["height_mm"] - margins["left"] - margins["right"] < 50:
        problems.append(_("Lề trang phụ lục (khổ ngang) quá lớn."))
    fields = [c["field"] for c in data["appendix"]["columns"]]
    if len(set(fields)) != len(fields):
        problems.append(_("«appendix.columns»: mỗi cột chỉ được dùng một lần."))
    if "number" not in fields or "content" not in fields:
        problems.append(_("«appendix.columns» phải có cột «number» (STT) và cột «content» (nội dung nhiệm vụ)."))
    if "{n}" not in data["draft"]["round"]:
        problems.append(_("«draft.round» phải có chỗ cho số lần dự thảo «{n}», ví dụ \"Lần {n}\"."))


def load_profile(name: str | os.PathLike = DEFAULT_PROFILE, _depth: int = 0) -> Profile:
    """Load and check a profile by name (``hd36``, ``nd30``, a user's copy) or from a
    ``.json`` file path. Raises :class:`ProfileError` with every problem found."""
    if _depth > 5:
        raise ProfileError(_("Các mẫu thể thức dựa vào nhau vòng tròn (khóa «base»)."))
    text_name = os.fspath(name)
    if text_name.lower().endswith(".json") or os.sep in text_name or "/" in text_name:
        path = Path(text_name)
        key, user = path.stem, True
    else:
        path = profile_path(text_name)
        key, user = text_name, path.parent != SHIPPED_DIR
    data = _read(path, key)
    base = data.get("base")
    if base is not None:
        if not isinstance(base, str) or not base.strip():
            raise ProfileError(_("Mẫu thể thức «{name}» ({path}): «base» phải là tên một mẫu khác, ví dụ \"hd36\".")
                               .format(name=key, path=path))
        if base != key:
            base_data = load_profile(base, _depth + 1).data
        elif user and key in _shipped_files():
            # A user's override of a shipped profile builds on the shipped one.
            base_data = load_profile(_shipped_files()[key], _depth + 1).data
        else:
            raise ProfileError(_("Mẫu thể thức «{name}» ({path}) dựa vào chính nó (khóa «base»).").format(
                name=key, path=path))
        data = _fill(data, base_data, SCHEMA)
    _validate(data, key, path)
    data = {k: v for k, v in data.items() if k not in _META}
    return Profile(key, data, path, user)


def copy_profile(src: str, new_name: str) -> Path:
    """Copy profile *src* into the user's profile folder as *new_name* (to edit it there);
    returns the new file's path."""
    if not isinstance(new_name, str) or not _NAME.match(new_name):
        raise ProfileError(_("Tên mẫu «{name}» không hợp lệ: chỉ dùng chữ không dấu, chữ số, «-» và «_», "
                             "bắt đầu bằng chữ hoặc số, tối đa 60 ký tự (ví dụ hd36-langson).").format(name=new_name))
    source = load_profile(src)
    folder = user_profiles_dir()
    target = folder / f"{new_name}.json"
    if target.exists():
        raise ProfileError(_("Đã có mẫu thể thức «{name}» ({path}). Hãy chọn tên khác hoặc sửa trực tiếp tệp đó.")
                           .format(name=new_name, path=target))
    data = {"base": source.key if not source.user else DEFAULT_PROFILE, **source.to_dict()}
    if source.user and source.path is not None:
        original = _read(source.path, source.key)
        if isinstance(original.get("base"), str):
            data["base"] = original["base"]
    if new_name != source.key:
        data["name"] = _("{name} — bản sao «{copy}»").format(name=source.label, copy=new_name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProfileError(_("Không tạo được thư mục mẫu thể thức «{path}»: {cause}.").format(
            path=folder, cause=describe_os_error(exc))) from None
    write_text_atomically(target, json.dumps(data, ensure_ascii=False, indent=2) + "\n", what=N_("mẫu thể thức"),
                          error=ProfileError)
    return target

"""Finding the programme a person names: the one rule every command uses for ``--program``
and ``export program``, so "15" means the same programme everywhere."""

from __future__ import annotations

from sqlalchemy import select

from ..core.text import fold, single_line
from ..errors import NqdeskError
from ..i18n import _
from ..store.db import Database
from ..store.models import Body, Program

__all__ = ["ProgramNotFound", "find_program", "find_programs"]


class ProgramNotFound(NqdeskError):
    """No programme (or more than one) answers to what the user typed."""


def find_program(db: Database, key: str) -> int:
    """The id of the programme *key* names: an id ("3", "#3"), a number ("15") or a
    symbol ("15-CTr/TU"). Raises :class:`ProgramNotFound` when none or several match,
    listing the candidates."""
    text = single_line(str(key))
    if not text:
        raise ProgramNotFound(_("Chưa cho biết chương trình nào: hãy ghi mã số (xem «nqdesk list programs») "
                                "hoặc số văn bản, ví dụ 15 hoặc 15-CTr/TU."))
    with db.read() as s:
        rows = s.execute(select(Program.id, Program.number, Program.kind, Body.code, Program.title)
                         .outerjoin(Body, Body.id == Program.issuing_body_id).order_by(Program.id)).all()
    if text.startswith("#") and text[1:].isdigit():
        wanted = int(text[1:])
        if any(r.id == wanted for r in rows):
            return wanted
        raise ProgramNotFound(_("Không có chương trình mã số {id}. Xem danh sách: nqdesk list programs.").format(
            id=wanted))
    if text.isdigit():
        value = int(text)
        by_id = [r for r in rows if r.id == value]
        by_number = [r for r in rows if r.number == value]
        if by_id and by_number and by_id[0].id not in {r.id for r in by_number}:
            raise ProgramNotFound(
                _("«{text}» vừa là mã số của chương trình {by_id} vừa là số văn bản của chương trình "
                  "{by_number}. Hãy ghi «#{value}» để chọn theo mã số, hoặc {other_way} "
                  "để chọn theo số văn bản.").format(text=text, by_id=_candidates(by_id),
                                                     by_number=_candidates(by_number), value=value,
                                                     other_way=_other_way(by_number[0])))
        found = by_number or by_id
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            raise ProgramNotFound(_("Có {count} chương trình cùng số {value}: {candidates}. Hãy ghi "
                                    "{other_way}.").format(count=len(found), value=value,
                                                           candidates=_candidates(found),
                                                           other_way=_other_way(found[0])))
        raise ProgramNotFound(_("Không có chương trình nào có mã số hoặc số văn bản {value}. "
                                "Xem danh sách: nqdesk list programs.").format(value=value))
    from ..core.symbols import SymbolError, parse_symbol  # only here: ``nqdesk stats`` need not compile it

    try:
        symbol = parse_symbol(text)
    except SymbolError as exc:
        raise ProgramNotFound(_("Không hiểu «{text}»: hãy ghi mã số (ví dụ 3) hoặc số, ký hiệu văn bản "
                                "(ví dụ 15 hoặc 15-CTr/TU). {reason}").format(text=text, reason=exc)) from None
    found = [r for r in rows if r.number == symbol.number and fold(r.kind) == fold(symbol.type_code or "")
             and fold(r.code or "") == fold(symbol.issuer_code)]
    if len(found) == 1:
        return found[0].id
    if len(found) > 1:
        raise ProgramNotFound(_("Có {count} chương trình cùng ký hiệu {symbol}, có lẽ của các nhiệm kỳ khác nhau: "
                                "{candidates}. Hãy chọn theo mã số, ví dụ #{id}.").format(
            count=len(found), symbol=symbol, candidates=_candidates(found), id=found[0].id))
    raise ProgramNotFound(_("Không có chương trình nào số {symbol}. Xem danh sách: nqdesk list programs.").format(
        symbol=symbol))


def find_programs(db: Database, keys: list[str] | None) -> list[int] | None:
    """The ids of every programme in *keys* (each as :func:`find_program` reads it), in order and
    without repeats; None when no key is given (meaning: every programme)."""
    if not keys:
        return None
    return list(dict.fromkeys(find_program(db, key) for key in keys))


def _candidates(rows) -> str:
    def one(r) -> str:
        symbol = _symbol(r)
        title = r.title if len(r.title) <= 60 else r.title[:59] + "…"
        return f"#{r.id} ({symbol + ', ' if symbol else ''}«{title}»)"

    return "; ".join(one(r) for r in rows)


def _symbol(row) -> str | None:
    """The symbol that chooses *row* (None without a number or an issuing body to match on)."""
    if row.number is None or not row.code:
        return None
    return f"{row.number:02d}-{row.kind}/{row.code}"


def _other_way(row) -> str:
    symbol = _symbol(row)
    if symbol:
        return _("ký hiệu đầy đủ, ví dụ {symbol}, hoặc mã số dạng #{id}").format(symbol=symbol, id=row.id)
    return _("mã số dạng #{id}").format(id=row.id)

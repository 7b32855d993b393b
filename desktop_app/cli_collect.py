"""``nqdesk collect forms`` and ``nqdesk collect import``: the report-collection round
from the command line (the same reports/export/ops code as the GUI's dialogs).

Exit codes: 0 when everything asked for was done; 1 when a form was refused (the other
forms were still recorded, unless ``--strict``) or the input was wrong; 2 for usage.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import _, format_int, ngettext


def collect_forms(args) -> int:
    from .cli import _find_body, _open, _out
    from .errors import NqdeskError
    from .export.collection_xlsx import write_collection_forms
    from .reports.collection import collection_round
    from .reports.programs import find_programs

    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise NqdeskError(_("«{path}» là một tệp, không phải thư mục: hãy ghi một thư mục sau -o.").format(path=folder))
    with _open(args) as db:
        program_ids = find_programs(db, args.program) or []
        body_ids = [_find_body(db, key) for key in args.body or []]
        round_ = collection_round(db, args.as_of, program_ids, body_ids or None)
        if not round_.forms:
            raise NqdeskError(_("Không có nhiệm vụ nào chưa hoàn thành của các chương trình và cơ quan đã chọn; "
                                "chưa tạo phiếu nào."))
        folder.mkdir(parents=True, exist_ok=True)
        paths = write_collection_forms(round_, folder)
    tasks = sum(len(f.tasks) for f in round_.forms)
    _out(ngettext("Đã tạo {count} phiếu ({tasks}) trong «{path}»:", "Đã tạo {count} phiếu ({tasks}) trong «{path}»:",
                  len(paths)).format(count=format_int(len(paths)), tasks=_tasks(tasks), path=folder))
    for form, path in zip(round_.forms, paths):
        _out(f"- {path.name}: {form.body_name}, {_tasks(len(form.tasks))}")
    if round_.completed_skipped:
        _out(ngettext("Không đưa vào phiếu {count} nhiệm vụ đã hoàn thành.",
                      "Không đưa vào phiếu {count} nhiệm vụ đã hoàn thành.", round_.completed_skipped).format(
            count=format_int(round_.completed_skipped)))
    if round_.unassigned:
        _out(ngettext("Không đưa vào phiếu {count} nhiệm vụ chưa có cơ quan chủ trì.",
                      "Không đưa vào phiếu {count} nhiệm vụ chưa có cơ quan chủ trì.", round_.unassigned).format(
            count=format_int(round_.unassigned)))
    return 0


def _tasks(n: int) -> str:
    return ngettext("{count} nhiệm vụ", "{count} nhiệm vụ", n).format(count=format_int(n))


def collect_import(args) -> int:
    from .cli import _err, _open, _out, _print_json
    from .interchange.validate import short
    from .ops.collection import import_forms

    with _open(args, writes=not args.dry_run) as db:
        result = import_forms(db, args.files, dry_run=args.dry_run, strict=args.strict)
    if args.json:
        _print_json(result.as_json())
        return 1 if result.refused_files else 0
    for f in result.files:
        if f.accepted and not f.entries:
            _out(_("{form} ({body}): không có dòng nào được điền, không có gì để ghi.").format(
                form=f.name, body=f.body_name))
        elif f.accepted:
            state = ngettext("{count} mục", "{count} mục", len(f.entries)).format(count=format_int(len(f.entries)))
            if f.unfilled:
                state += ", " + ngettext("{count} dòng để trống", "{count} dòng để trống", f.unfilled).format(
                    count=format_int(f.unfilled))
            _out(_("{form} ({body}): hợp lệ, {state}").format(form=f.name, body=f.body_name, state=state))
            for e in f.entries:
                what = _("hoàn thành") if e.completed else (f"{e.percent}%" if e.percent is not None else _("ghi chú"))
                if e.evidence:
                    line = _("dòng {row}: {what}, ngày {date}, văn bản {evidence}").format(
                        row=e.row, what=what, date=f"{e.reported_on:%d/%m/%Y}", evidence=e.evidence)
                else:
                    line = _("dòng {row}: {what}, ngày {date}").format(
                        row=e.row, what=what, date=f"{e.reported_on:%d/%m/%Y}")
                _out(f"  {line}: {short(e.content, 70)}")
            for w in f.warnings:
                _err("  " + _("Lưu ý: {note}").format(note=w))
        else:
            form = f"{f.name} ({f.body_name})" if f.body_name else f.name
            _err(_("{form}: KHÔNG NHẬN, chưa ghi dòng nào:").format(form=form))
            for p in f.all_problems():
                _err(f"  - {p}")
    _out(result.summary())
    if result.dry_run:
        _out(_("Kiểm tra xong, chưa ghi gì (--dry-run)."))
    elif result.backup:
        _out(_("Bản sao lưu trước khi nhập: {path}").format(path=result.backup))
    return 1 if result.refused_files else 0



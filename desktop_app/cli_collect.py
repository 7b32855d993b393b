"""``nqdesk collect forms`` and ``nqdesk collect import``: the report-collection round
from the command line (the same reports/export/ops code as the GUI's dialogs).

Exit codes: 0 when everything asked for was done; 1 when a form was refused (the other
forms were still recorded, unless ``--strict``) or the input was wrong; 2 for usage.
"""

from __future__ import annotations

from pathlib import Path


def collect_forms(args) -> int:
    from .cli import _find_body, _open, _out
    from .errors import NqdeskError
    from .export.collection_xlsx import write_collection_forms
    from .reports.collection import collection_round
    from .reports.programs import find_programs

    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise NqdeskError(f"«{folder}» là một tệp, không phải thư mục: hãy ghi một thư mục sau -o.")
    with _open(args) as db:
        program_ids = find_programs(db, args.program) or []
        body_ids = [_find_body(db, key) for key in args.body or []]
        round_ = collection_round(db, args.as_of, program_ids, body_ids or None)
        if not round_.forms:
            raise NqdeskError("Không có nhiệm vụ nào chưa hoàn thành của các chương trình và cơ quan đã chọn; "
                              "chưa tạo phiếu nào.")
        folder.mkdir(parents=True, exist_ok=True)
        paths = write_collection_forms(round_, folder)
    tasks = sum(len(f.tasks) for f in round_.forms)
    _out(f"Đã tạo {len(paths)} phiếu ({tasks} nhiệm vụ) trong «{folder}»:")
    for form, path in zip(round_.forms, paths):
        _out(f"- {path.name}: {form.body_name}, {len(form.tasks)} nhiệm vụ")
    if round_.completed_skipped:
        _out(f"Không đưa vào phiếu {round_.completed_skipped} nhiệm vụ đã hoàn thành.")
    if round_.unassigned:
        _out(f"Không đưa vào phiếu {round_.unassigned} nhiệm vụ chưa có cơ quan chủ trì.")
    return 0


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
            _out(f"{f.name} ({f.body_name}): không có dòng nào được điền, không có gì để ghi.")
        elif f.accepted:
            state = f"{len(f.entries)} mục" + (f", {f.unfilled} dòng để trống" if f.unfilled else "")
            _out(f"{f.name} ({f.body_name}): hợp lệ, {state}")
            for e in f.entries:
                what = "hoàn thành" if e.completed else (f"{e.percent}%" if e.percent is not None else "ghi chú")
                _out(f"  dòng {e.row}: {what}, ngày {e.reported_on:%d/%m/%Y}"
                     + (f", văn bản {e.evidence}" if e.evidence else "") + f": {short(e.content, 70)}")
            for w in f.warnings:
                _err(f"  Lưu ý: {w}")
        else:
            _err(f"{f.name}" + (f" ({f.body_name})" if f.body_name else "") + ": KHÔNG NHẬN, chưa ghi dòng nào:")
            for p in f.all_problems():
                _err(f"  - {p}")
    _out(result.summary())
    if result.dry_run:
        _out("Kiểm tra xong, chưa ghi gì (--dry-run).")
    elif result.backup:
        _out(f"Bản sao lưu trước khi nhập: {result.backup}")
    return 1 if result.refused_files else 0



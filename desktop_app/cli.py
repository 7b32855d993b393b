"""The ``nqdesk`` command line. It calls the same ops/reports/export code as the GUI.

User mistakes end with a Vietnamese message on stderr and a non-zero exit code, never a
traceback: 1 for refused input or a failed check, 2 for wrong command-line usage, 141 when
the reader of the output went away (``nqdesk stats | head -1``).

Start-up time matters (``nqdesk stats`` is run from scripts): this module imports only the
standard library at the top, and each command imports what it needs.
``tests/test_cli.py`` checks that the reading commands import no Alembic, ops, importers,
Qt, python-docx or openpyxl.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from datetime import date

from . import __version__
from .errors import NqdeskError

# argparse's own messages (usage, errors, the help of -h), in the language of every other
# message. argparse looks its texts up through the module-level ``_``/``ngettext`` at the moment
# it needs them, so they are swapped only while the command line is read (see _vietnamese_argparse).
_ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "expected one argument": "cần ghi một giá trị sau tùy chọn này",
    "expected at most one argument": "chỉ được ghi nhiều nhất một giá trị",
    "expected at least one argument": "cần ghi ít nhất một giá trị",
    "expected %s argument": "cần ghi %s giá trị",
    "expected %s arguments": "cần ghi %s giá trị",
    "not allowed with argument %s": "không dùng cùng với %s được",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
}


@contextmanager
def _vietnamese_argparse():
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return _ARGPARSE_VI.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse, with its error ending like every other usage error of nqdesk (exit code 2)."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        _err(f"Lỗi: {message}")
        _err(f"Xem hướng dẫn: {self.prog} --help")
        self.exit(2)


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải số nguyên") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"cần một số lớn hơn 0, không phải {value}")
    return value


_COLUMN_FIELDS = ("number", "content", "lead", "coordinators", "product", "deadline", "note", "percent",
                  "completed_on", "result", "group")


def _column_choice(text: str) -> tuple[str, int | None]:
    """"lead=C" or "lead=3" → ("lead", 2); "note=-" → ("note", None)."""
    field, _sep, where = text.partition("=")
    field, where = field.strip(), where.strip().upper()
    if field not in _COLUMN_FIELDS or not where:
        raise argparse.ArgumentTypeError(
            f"«{text}» không đúng dạng TRƯỜNG=CỘT, ví dụ lead=C; TRƯỜNG là một trong: {', '.join(_COLUMN_FIELDS)}.")
    if where == "-":
        return field, None
    if where.isdigit() and 0 < int(where) <= 200:
        return field, int(where) - 1
    if where.isascii() and where.isalpha() and len(where) <= 2:
        n = 0
        for ch in where:
            n = n * 26 + ord(ch) - ord("A") + 1
        return field, n - 1
    raise argparse.ArgumentTypeError(f"Cột «{where}» không hợp lệ: ghi chữ cột (C) hoặc số thứ tự cột (3).")


def _as_date(text: str) -> date:
    from .core.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="ĐƯỜNG_DẪN",
                        help="tệp SQLite hoặc địa chỉ cơ sở dữ liệu (mặc định: NQDESK_DB hoặc thư mục dữ liệu)")
    p = _Parser(
        prog="nqdesk", parents=[common],
        description="NQ Desk: theo dõi thực hiện nghị quyết, chương trình hành động và nhiệm vụ.",
    )
    p.add_argument("--version", action="version", version=f"NQ Desk {__version__}", help="in số phiên bản rồi thoát")
    sub = p.add_subparsers(dest="command", metavar="LỆNH")

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_text, description=help_text)

    d = cmd("demo", "nạp dữ liệu mẫu (Lạng Sơn, Hội nghị Trung ương 8 khóa XIII)")
    d.add_argument("--force", action="store_true", help="nạp cả khi cơ sở dữ liệu đã có chương trình")
    _add_wait(d)
    import_help = ("nhập dữ liệu từ tệp nqdesk/2 hoặc nqdesk/1 (.json), chương trình đã ban hành (.docx) hoặc "
                   "bảng theo dõi Excel (.xlsx); tất cả hoặc không gì cả")
    i = sub.add_parser("import-json", aliases=["import"], parents=[common], help=import_help, description=import_help,
                       epilog="Mã thoát: 0 nhập được (hoặc --dry-run không thấy lỗi); 1 tệp có lỗi hoặc cần xác nhận "
                              "cơ quan, chưa ghi gì; 2 gõ sai lệnh.")
    i.add_argument("file", metavar="TỆP", help="tệp .json, .docx hoặc .xlsx cần nhập")
    i.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và in bảng xem trước, không ghi gì")
    i.add_argument("--json", action="store_true", help="in bảng xem trước (tệp .docx, .xlsx) dạng JSON")
    i.add_argument("--column", action="append", type=_column_choice, default=[], metavar="TRƯỜNG=CỘT",
                   help="sửa cột nhận ra (tệp .docx, .xlsx): TRƯỜNG là number, content, lead, coordinators, product, "
                        "deadline, note, percent, completed_on, result hoặc group; CỘT là chữ (C) hoặc số thứ tự (3), "
                        "'-' để bỏ; ví dụ --column lead=C (lặp lại được)")
    _add_wait(i)
    e = cmd("export-json", "xuất toàn bộ dữ liệu ra tệp nqdesk/2 ('-' để in ra màn hình)")
    e.add_argument("file", metavar="TỆP", help="tệp JSON sẽ ghi ra, hoặc '-' để in ra màn hình")
    ls = cmd("list", "liệt kê nhiệm vụ, chương trình, văn bản hoặc cơ quan")
    ls.add_argument("what", choices=("tasks", "programs", "documents", "bodies"),
                    help="tasks: nhiệm vụ, programs: chương trình, documents: văn bản, bodies: cơ quan")
    ls.add_argument("--search", metavar="CHỮ", help="tìm không phân biệt dấu, hoa thường (\"dang uy\" thấy \"Đảng ủy\")")
    ls.add_argument("--as-of", type=_as_date, default=None, metavar="NGÀY", help="ngày xét trạng thái (mặc định hôm nay)")
    ls.add_argument("--program", action="append", metavar="ID|SỐ",
                    help="chỉ liệt kê nhiệm vụ (hoặc chương trình) của chương trình này: mã số hoặc số văn bản, "
                         "ví dụ 15 hoặc 15-CTr/TU (lặp lại được)")
    ls.add_argument("--json", action="store_true", help="in dạng JSON")
    st = cmd("stats", "số liệu tình hình thực hiện nhiệm vụ: được giao, đến hạn, hoàn thành đúng hạn/quá hạn, "
                      "quá hạn chưa hoàn thành, đang thực hiện, chưa đến hạn; chung và theo cơ quan chủ trì")
    st.add_argument("--as-of", type=_as_date, default=None, metavar="NGÀY", help="ngày xét trạng thái (mặc định hôm nay)")
    st.add_argument("--program", action="append", metavar="ID|SỐ",
                    help="chỉ tính chương trình này: mã số hoặc số văn bản, ví dụ 15 hoặc 15-CTr/TU (lặp lại được)")
    st.add_argument("--json", action="store_true", help="in dạng JSON")
    rm = cmd("remind", "nhắc việc: nhiệm vụ quá hạn và sắp đến hạn, theo cơ quan chủ trì")
    rm.add_argument("--as-of", type=_as_date, default=None, metavar="NGÀY", help="ngày xét (mặc định hôm nay)")
    rm.add_argument("--program", action="append", metavar="ID|SỐ",
                    help="chỉ xét chương trình này: mã số hoặc số văn bản (lặp lại được)")
    rm.add_argument("--json", action="store_true", help="in dạng JSON")
    ss = cmd("study-stats", "số liệu học tập, quán triệt một nghị quyết: điểm cầu, người dự, đảng viên đã học")
    ss.add_argument("--resolution", required=True, metavar="KÝ_HIỆU", help="ví dụ 42-NQ/TW (hoặc mã số văn bản)")
    ss.add_argument("--as-of", type=_as_date, default=None, metavar="NGÀY", help="tính đến ngày (mặc định hôm nay)")
    ss.add_argument("--scope", metavar="CƠ_QUAN",
                    help="tổ chức đảng cấp trên (mã ký hiệu, ví dụ ĐUK, hoặc mã số); mặc định theo hội nghị")
    ss.add_argument("--json", action="store_true", help="in dạng JSON")
    sr = cmd("study-report", "xuất báo cáo kết quả nghiên cứu, học tập, quán triệt một nghị quyết ra Word")
    sr.add_argument("--resolution", required=True, metavar="KÝ_HIỆU", help="ví dụ 45-NQ/TW (hoặc mã số văn bản)")
    sr.add_argument("--as-of", type=_as_date, default=None, metavar="NGÀY", help="số liệu tính đến ngày (mặc định hôm nay)")
    sr.add_argument("--scope", metavar="CƠ_QUAN",
                    help="tổ chức đảng báo cáo (mã ký hiệu, ví dụ ĐUK, hoặc mã số); mặc định theo hội nghị")
    sr.add_argument("-o", "--output", required=True, metavar="TỆP.docx", help="tệp Word sẽ ghi ra")
    sr.add_argument("--profile", default="hd36", help="mẫu thể thức: hd36 (văn bản Đảng, mặc định), nd30 hoặc mẫu tự tạo")
    sr.add_argument("--pdf", action="store_true", help="tạo thêm tệp PDF (cần LibreOffice)")
    ps = cmd("parse-symbol", "xem chương trình hiểu số, ký hiệu văn bản thế nào")
    ps.add_argument("text", metavar="KÝ_HIỆU", help="ví dụ \"Nghị quyết số 45-NQ/TW\"")
    pd = cmd("parse-deadline", "xem chương trình hiểu thời hạn thế nào")
    pd.add_argument("text", metavar="THỜI_HẠN", help="ví dụ \"quý 1 năm 2024\" hoặc \"thường xuyên\"")
    ct = cmd("convert-text", "chuyển văn bản gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI) sang Unicode")
    ct.add_argument("--from", dest="encoding", required=True, choices=("tcvn3", "vni"),
                    help="bảng mã của văn bản: tcvn3 (phông .VnTime, .VnArial…) hoặc vni (phông VNI-Times…)")
    source = ct.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", metavar="TỆP", help="tệp văn bản cần chuyển")
    source.add_argument("--text", metavar="VĂN_BẢN", help="chuyển đoạn văn bản này thay cho một tệp")
    ct.add_argument("--upper", action="store_true",
                    help="văn bản gõ bằng phông chữ hoa TCVN3 (.VnTimeH, .VnArialH…): in ra chữ hoa")
    ct.add_argument("-o", "--output", metavar="TỆP", help="tệp sẽ ghi kết quả (UTF-8); mặc định in ra màn hình")
    b = cmd("backup", "sao lưu cơ sở dữ liệu (mặc định vào thư mục backups bên cạnh)")
    b.add_argument("path", nargs="?", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục sẽ ghi bản sao lưu")
    cmd("check", "kiểm tra toàn vẹn cơ sở dữ liệu")
    ex = cmd("export", "xuất văn bản ra Word (và PDF nếu có LibreOffice)")
    ex.add_argument("what", choices=("program",), help="program: chương trình hành động / kế hoạch")
    ex.add_argument("key", metavar="ID|SỐ", help="mã số trong danh sách (nqdesk list programs) hoặc số văn bản, ví dụ 15")
    ex.add_argument("-o", "--output", required=True, metavar="TỆP.docx", help="tệp Word sẽ ghi ra")
    ex.add_argument("--profile", default="hd36", help="mẫu thể thức: hd36 (văn bản Đảng, mặc định), nd30 (văn bản nhà nước) hoặc mẫu tự tạo")
    ex.add_argument("--pdf", action="store_true", help="tạo thêm tệp PDF (cần LibreOffice)")
    ex.add_argument("--strict", action="store_true",
                    help="không xuất nếu bảng kiểm tra trước khi xuất còn điều cần sửa (mục trống, thiếu người ký, nơi nhận)")
    rp = cmd("report", "báo cáo kết quả thực hiện trong một kỳ: Word (.docx) hoặc bảng theo dõi Excel (.xlsx)")
    rp.add_argument("--from", dest="date_from", type=_as_date, required=True, metavar="NGÀY", help="ngày đầu kỳ")
    rp.add_argument("--to", dest="date_to", type=_as_date, required=True, metavar="NGÀY",
                    help="ngày cuối kỳ (số liệu tính đến ngày này)")
    rp.add_argument("--program", action="append", metavar="ID|SỐ",
                    help="chỉ báo cáo chương trình này (mã số hoặc số văn bản; lặp lại được)")
    rp.add_argument("-o", "--output", required=True, metavar="TỆP.docx|TỆP.xlsx",
                    help="tệp sẽ ghi ra; đuôi .docx cho báo cáo Word, .xlsx cho bảng theo dõi Excel")
    rp.add_argument("--profile", default="hd36", help="mẫu thể thức của tệp Word: hd36 (mặc định), nd30 hoặc mẫu tự tạo")
    rp.add_argument("--pdf", action="store_true", help="tạo thêm tệp PDF từ tệp Word (cần LibreOffice)")
    fu = cmd("followup", "công văn đôn đốc một cơ quan chủ trì về các nhiệm vụ quá hạn, sắp đến hạn (Word)")
    fu.add_argument("--body", required=True, metavar="ID|MÃ", help="mã số hoặc mã ký hiệu của cơ quan, ví dụ 5 hoặc BTGTU")
    fu.add_argument("--as-of", type=_as_date, default=None, metavar="NGÀY", help="ngày xét (mặc định hôm nay)")
    fu.add_argument("--program", action="append", metavar="ID|SỐ", help="chỉ xét chương trình này (lặp lại được)")
    fu.add_argument("-o", "--output", required=True, metavar="TỆP.docx", help="tệp Word sẽ ghi ra")
    fu.add_argument("--profile", default=None,
                    help="mẫu thể thức: mặc định nd30 cho cơ quan nhà nước, hd36 cho cơ quan khác")
    fu.add_argument("--pdf", action="store_true", help="tạo thêm tệp PDF (cần LibreOffice)")
    cmd("profiles", "liệt kê các mẫu thể thức văn bản (hd36, nd30 và mẫu tự tạo)")
    pc = cmd("profile-copy", "sao chép một mẫu thể thức để sửa (tệp JSON trong thư mục dữ liệu)")
    pc.add_argument("source", metavar="MẪU_GỐC", help="ví dụ hd36")
    pc.add_argument("name", metavar="TÊN_MỚI", help="ví dụ tinh-uy-lang-son")
    sc = cmd("screenshots", "chụp ảnh các màn hình chính (tệp PNG) với dữ liệu mẫu, hoặc với cơ sở dữ liệu --db")
    sc.add_argument("folder", metavar="THƯ_MỤC", help="thư mục ghi ảnh")
    _add_collect(cmd("collect", "đợt thu thập báo cáo tiến độ: tạo phiếu Excel gửi các cơ quan chủ trì, "
                                "nhập các phiếu đã điền"), common)
    _add_wait(cmd("undo", "hoàn tác thao tác gần nhất"))
    _add_wait(cmd("redo", "làm lại thao tác vừa hoàn tác"))
    h = cmd("history", "lịch sử thay đổi")
    h.add_argument("--limit", type=_whole_number, default=30, metavar="SỐ", help="số thao tác gần nhất (mặc định 30)")
    return p


def _add_collect(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="collect_command", metavar="VIỆC", required=True, parser_class=_Parser)
    f = sub.add_parser("forms", parents=[common], help="tạo phiếu báo cáo tiến độ (.xlsx), mỗi cơ quan chủ trì một phiếu",
                       description="Tạo phiếu báo cáo tiến độ (.xlsx), mỗi cơ quan chủ trì một phiếu, liệt kê "
                                   "các nhiệm vụ chưa hoàn thành của cơ quan trong các chương trình đã chọn.")
    f.add_argument("--date", dest="as_of", type=_as_date, required=True, metavar="NGÀY",
                   help="ngày của đợt báo cáo (tình trạng nhiệm vụ tính đến ngày này)")
    f.add_argument("--program", nargs="+", action="extend", required=True, metavar="ID|SỐ",
                   help="chương trình: mã số hoặc số văn bản, ví dụ 15 hoặc 15-CTr/TU (nhiều được)")
    f.add_argument("--body", nargs="+", action="extend", metavar="ID|MÃ",
                   help="chỉ tạo phiếu cho cơ quan này: mã số hoặc mã ký hiệu (nhiều được; mặc định mọi cơ quan)")
    f.add_argument("-o", "--output", required=True, metavar="THƯ_MỤC", help="thư mục ghi các phiếu")
    i = sub.add_parser("import", parents=[common], help="nhập các phiếu đã điền vào sổ theo dõi tiến độ",
                       description="Nhập các phiếu báo cáo đã điền: phiếu có lỗi không được ghi dòng nào, "
                                   "các phiếu khác được ghi trong một thao tác.")
    i.add_argument("files", nargs="+", metavar="TỆP", help="các tệp .xlsx cơ quan gửi lại")
    i.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và cho xem sẽ ghi gì, không ghi")
    i.add_argument("--strict", action="store_true", help="có một phiếu lỗi thì không ghi phiếu nào")
    i.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    _add_wait(i)


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", nargs="?", type=float, const=600.0, default=None, metavar="GIÂY",
                        help="nếu NQ Desk đang mở tệp dữ liệu, chờ đến khi nó đóng (tối đa GIÂY, mặc định 600)")


class _MissingDatabase(NqdeskError):
    pass


@contextmanager
def _open(args, *, writes: bool = False, create: bool = False):
    """The database of ``--db`` (or the default), closed when the command is done. A command
    that *writes* first takes the single-instance lock (store/lock.py) the program's window holds.
    Only the commands that fill a database (demo, import-json) *create* one: any other command
    given a mistyped path says so instead of leaving an empty database (and its folders) behind."""
    from contextlib import nullcontext

    from .store.db import DatabaseNotFound, open_database

    if writes:
        from .store.lock import writing

        locked = writing(getattr(args, "db", None), f"nqdesk {args.command}", wait=getattr(args, "wait", None))
    else:
        locked = nullcontext()
    with locked:
        try:
            db = open_database(getattr(args, "db", None), create=create)
        except DatabaseNotFound as exc:
            raise _MissingDatabase(f"{exc} {_how_to_create(args, exc.where)}") from None
        if db.backup_made:
            _err(f"Đã nâng cấp cơ sở dữ liệu; bản sao lưu trước khi nâng cấp: {db.backup_made}")
        try:
            yield db
        finally:
            db.close()


def _how_to_create(args, where: str) -> str:
    import os

    from .store.db import ENV_VAR

    if getattr(args, "db", None) is not None:
        check, target = "Hãy kiểm tra đường dẫn sau --db", f'--db "{where}" '
    elif os.environ.get(ENV_VAR):
        check, target = f"Hãy kiểm tra biến môi trường {ENV_VAR}", ""
    else:
        check, target = "Cơ sở dữ liệu mặc định được tạo khi mở NQ Desk lần đầu (lệnh nqdesk)", ""
    return (f"{check}; muốn tạo cơ sở dữ liệu mới thì dùng nqdesk {target}demo (dữ liệu mẫu) "
            f"hoặc nqdesk {target}import-json TỆP.json.")


def _out(text: str = "") -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _print_json(data) -> None:
    import json

    _out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# --- commands -------------------------------------------------------------------------

def _cmd_gui(args) -> int:
    try:
        from .gui.app import run
    except ImportError as exc:  # Qt missing or broken on this machine
        _err(f"Không khởi động được giao diện đồ họa ({exc}). Các lệnh dòng lệnh vẫn dùng được: nqdesk --help.")
        return 1
    return run(getattr(args, "db", None))


def _cmd_export_word(args) -> int:
    from .export.pdf import convert_to_pdf
    from .export.program_docx import export_program
    from .reports.programs import find_program

    from .export.profiles import load_profile
    from .reports.program_checklist import export_checklist
    from .reports.program_data import load_program_data

    output = args.output if args.output.lower().endswith(".docx") else args.output + ".docx"
    with _open(args) as db:
        program_id = find_program(db, args.key)
        profile = load_profile(args.profile)
        findings = export_checklist(load_program_data(db, program_id), profile.headings.titles)
        for finding in findings:
            _err(f"Cần xem lại: {finding.message}")
        if findings and args.strict:
            _err(f"Không xuất (--strict): còn {len(findings)} điều cần sửa trước khi xuất.")
            return 1
        result = export_program(db, program_id, output, profile=profile)
    for w in result.warnings:
        _err(f"Lưu ý: {w}")
    _out(f"Đã xuất «{result.path}».")
    if args.pdf:
        _out(f"Đã tạo PDF «{convert_to_pdf(result.path)}».")
    return 0


def _find_body(db, key: str) -> int:
    from .reports.lists import find_body

    body_id = find_body(db, key)
    if body_id is None:
        raise NqdeskError(f"Không có cơ quan «{key}». Hãy ghi mã số hoặc mã ký hiệu (xem nqdesk list bodies).")
    return body_id


def _output_kind(output: str, allowed: tuple[str, ...]) -> str | None:
    suffix = output.rsplit(".", 1)[-1].lower() if "." in output.replace("\\", "/").rsplit("/", 1)[-1] else ""
    return suffix if suffix in allowed else None


def _cmd_report(args) -> int:
    from .export.pdf import convert_to_pdf
    from .reports.programs import find_programs

    kind = _output_kind(args.output, ("docx", "xlsx"))
    if kind is None:
        _err(f"Lỗi: không xuất được báo cáo ra «{args.output}»: hãy đặt tên tệp có đuôi .docx (Word) "
             "hoặc .xlsx (Excel).")
        return 2
    if args.date_from > args.date_to:
        from .core.dates import format_date

        _err(f"Lỗi: ngày đầu kỳ (--from {format_date(args.date_from)}) sau ngày cuối kỳ "
             f"(--to {format_date(args.date_to)}): hãy đổi lại hai ngày.")
        return 2
    with _open(args) as db:
        programs = find_programs(db, args.program)
        if kind == "docx":
            from .export.report_docx import export_report

            result = export_report(db, args.date_from, args.date_to, args.output, program_ids=programs,
                                   profile=args.profile)
        else:
            from .export.report_xlsx import export_report_xlsx

            result = export_report_xlsx(db, args.date_from, args.date_to, args.output, program_ids=programs)
    for w in result.warnings:
        _err(f"Lưu ý: {w}")
    _out(f"Đã xuất «{result.path}».")
    if args.pdf:
        if kind == "docx":
            _out(f"Đã tạo PDF «{convert_to_pdf(result.path)}».")
        else:
            _err("Lưu ý: --pdf chỉ dùng cho báo cáo Word (.docx); bảng Excel không được chuyển sang PDF.")
    return 0


def _cmd_followup(args) -> int:
    from .export.followup_docx import export_followup
    from .export.pdf import convert_to_pdf
    from .reports.programs import find_programs

    output = args.output
    if "." not in output.replace("\\", "/").rsplit("/", 1)[-1]:
        output += ".docx"
    if _output_kind(output, ("docx",)) is None:
        _err(f"Lỗi: công văn đôn đốc chỉ xuất ra Word: hãy đặt tên tệp có đuôi .docx (đang là «{args.output}»).")
        return 2
    as_of = args.as_of or date.today()
    with _open(args) as db:
        programs = find_programs(db, args.program)
        result = export_followup(db, _find_body(db, args.body), as_of, output, args.profile, program_ids=programs)
    for w in result.warnings:
        _err(f"Lưu ý: {w}")
    _out(f"Đã xuất «{result.path}».")
    if args.pdf:
        _out(f"Đã tạo PDF «{convert_to_pdf(result.path)}».")
    return 0


def _cmd_profiles(args) -> int:
    from .export.profiles import list_profiles, load_profile

    for name in list_profiles():
        profile = load_profile(name)
        mine = " (tự tạo)" if profile.user else ""
        _out(f"{name}\t{profile.label}{mine}")
    return 0


def _cmd_profile_copy(args) -> int:
    from .export.profiles import copy_profile

    path = copy_profile(args.source, args.name)
    _out(f"Đã tạo mẫu «{args.name}»: {path}")
    _out("Sửa tệp này (lề, cỡ chữ, cách đánh số…), rồi chọn mẫu khi xuất Word hoặc dùng --profile " + args.name)
    return 0


def _cmd_screenshots(args) -> int:
    import os

    if getattr(args, "db", None) is not None:  # without --db: a temporary copy of the demo data
        from .reports.lists import list_programs

        with _open(args) as db:
            tasks = sum(n for _p, _docs, n in list_programs(db))
            where = db.display_name()
        if not tasks:
            _err(f"Lỗi: cơ sở dữ liệu «{where}» chưa có nhiệm vụ nào, nên không có màn hình nào để chụp. "
                 "Bỏ --db để chụp với dữ liệu mẫu, hoặc nạp dữ liệu trước (nqdesk --db … demo hoặc import-json).")
            return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from .gui.app import render_screenshots
    except ImportError as exc:  # Qt missing or broken on this machine
        _err(f"Lỗi: không chụp được màn hình vì giao diện đồ họa không chạy được trên máy này ({exc}).")
        return 1

    for path in render_screenshots(args.folder, getattr(args, "db", None)):
        _out(str(path))
    return 0


def _cmd_demo(args) -> int:
    from .ops.interchange import import_file
    from .reports.lists import list_programs
    from .resources import DEMO_FILE

    with _open(args, writes=True, create=True) as db:
        if list_programs(db) and not args.force:
            _err("Cơ sở dữ liệu đã có chương trình; dữ liệu mẫu không được nạp để tránh lẫn. "
                 "Dùng --force nếu vẫn muốn nạp, hoặc chọn tệp khác bằng --db.")
            return 1
        report = import_file(db, DEMO_FILE)
    _out(report.summary())
    _out(f"Cơ sở dữ liệu: {db.display_name()}")
    return 0


def _cmd_import(args) -> int:
    if args.file.lower().endswith((".docx", ".xlsx")):
        return _cmd_import_table(args)
    from .ops.interchange import import_file

    try:
        with _open(args, writes=not args.dry_run, create=not args.dry_run) as db:
            report = import_file(db, args.file, dry_run=args.dry_run)
    except _MissingDatabase:
        # A dry run writes nothing, not even a new empty database: the file is checked against
        # a temporary empty one, which is what the real import would start from.
        import tempfile
        from pathlib import Path

        from .store.db import open_database

        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(Path(tmp) / "kiem-tra.sqlite3", create=True)
            try:
                report = import_file(db, args.file, dry_run=True)
            finally:
                db.close()
    for w in report.warnings:
        _err(f"Lưu ý: {w}")
    _out(report.summary())
    if report.dry_run:
        _out("Kiểm tra xong, chưa ghi gì (--dry-run).")
    elif report.backup:
        _out(f"Bản sao lưu trước khi nhập: {report.backup}")
    return 0


def _cmd_import_table(args) -> int:
    """A Word programme or an Excel sheet: the preview, then (without --dry-run, and only if
    the preview has no problem left) the import, all or nothing."""
    import json

    from .ops.table_import import apply_plan, preview_file

    def show(plan, result=None) -> None:
        if args.json:
            data = plan.to_json()
            if result is not None:
                data["result"] = {"program_id": result.program_id, "tasks_added": result.tasks_added,
                                  "bodies_added": result.bodies_added, "documents_added": result.documents_added,
                                  "progress_added": result.progress_added,
                                  "backup": str(result.backup) if result.backup else None}
            _out(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            _out(plan.preview_text())

    def read(db):
        plan = preview_file(db, args.file)
        if not args.column:
            return plan
        columns = dict(plan.columns)
        for field, col in args.column:
            columns = {f: c for f, c in columns.items() if f != field and c != col}
            if col is not None:
                columns[field] = col
        return preview_file(db, args.file, columns=columns)

    def refused(plan) -> int:
        problems = plan.all_problems()
        _err(f"Không nhập được: có {len(problems)} lỗi, chưa ghi gì vào cơ sở dữ liệu.")
        for p in problems[:200]:
            _err(f"- {p}")
        return 1

    if args.dry_run:
        try:
            with _open(args) as db:
                plan = read(db)
        except _MissingDatabase:
            import tempfile
            from pathlib import Path

            from .store.db import open_database

            with tempfile.TemporaryDirectory() as tmp:
                db = open_database(Path(tmp) / "kiem-tra.sqlite3", create=True)
                try:
                    plan = read(db)
                finally:
                    db.close()
        show(plan)
        if plan.all_problems():
            return refused(plan)
        _err("Kiểm tra xong, chưa ghi gì (--dry-run).")
        return 0
    with _open(args, writes=True, create=True) as db:
        plan = read(db)
        if plan.all_problems():
            show(plan)
            return refused(plan)
        result = apply_plan(db, plan)
    show(plan, result)
    for w in result.warnings:
        _err(f"Lưu ý: {w}")
    _err(result.summary())
    if result.backup:
        _err(f"Bản sao lưu trước khi nhập: {result.backup}")
    return 0


def _cmd_collect(args) -> int:
    from .cli_collect import collect_forms, collect_import

    return collect_forms(args) if args.collect_command == "forms" else collect_import(args)


def _cmd_export(args) -> int:
    from .interchange.writer import dumps, export_data, export_file

    with _open(args) as db:
        if args.file == "-":
            sys.stdout.write(dumps(export_data(db)))
            return 0
        data = export_file(db, args.file)
    tasks = sum(len(p["tasks"]) for p in data["programs"])
    _out(f"Đã xuất {len(data['bodies'])} cơ quan, {len(data['documents'])} văn bản, "
         f"{len(data['programs'])} chương trình, {tasks} nhiệm vụ vào «{args.file}».")
    return 0


def _cmd_list(args) -> int:
    from .core.dates import format_date
    from .core.status import STATUS_LABELS
    from .reports import lists
    from .reports.programs import find_programs
    from .reports.tasks import list_tasks

    if args.program and args.what not in ("tasks", "programs"):
        _err(f"Lỗi: --program chỉ dùng với «list tasks» hoặc «list programs», không dùng với «list {args.what}».")
        return 2
    with _open(args) as db:
        programs = find_programs(db, args.program)
        if args.what == "tasks":
            as_of = args.as_of or date.today()
            rows = list_tasks(db, as_of, search=args.search, program_ids=programs)
            if args.json:
                _print_json([
                    {"id": r.id, "program_id": r.program_id, "group": r.group_title, "content": r.content,
                     "lead_body": r.lead_body_name, "product": r.product, "deadline": r.deadline_text,
                     "due_date": r.due_date, "status": str(r.status), "percent": r.last_percent}
                    for r in rows
                ])
            else:
                for r in rows:
                    _out(f"#{r.id}\t{format_date(r.due_date) or '—':10}\t{STATUS_LABELS[r.status]:<26}\t"
                         f"{r.lead_body_name or '—'}\t{r.content}")
                _out(f"({len(rows)} nhiệm vụ, trạng thái tính đến {format_date(as_of)})")
        elif args.what == "programs":
            rows = lists.list_programs(db, args.search)
            if programs is not None:
                rows = [row for row in rows if row[0].id in programs]
            if args.json:
                _print_json([{"id": p.id, "kind": p.kind, "title": p.title, "number": p.number, "status": p.status,
                              "issue_date": p.issue_date, "documents": docs, "tasks": n} for p, docs, n in rows])
            else:
                for p, docs, n in rows:
                    _out(f"#{p.id}\t{p.kind}\t{p.number or '—'}\t{p.status}\t{n} nhiệm vụ\t{', '.join(docs)}\t{p.title}")
        elif args.what == "documents":
            rows = lists.list_documents(db, args.search)
            if args.json:
                _print_json([{"id": d.id, "symbol": d.symbol, "issue_date": d.issue_date, "subject": d.subject,
                              "issuing_authority": d.issuing_authority, "classification": d.classification}
                             for d in rows])
            else:
                for d in rows:
                    _out(f"#{d.id}\t{d.symbol}\t{format_date(d.issue_date)}\t{d.subject}")
        else:
            rows = lists.list_bodies(db, args.search)
            if args.json:
                _print_json([{"id": b.id, "code": b.code, "name": b.name, "short_name": b.short_name, "kind": b.kind,
                              "parent_id": b.parent_id, "valid_from": b.valid_from, "valid_to": b.valid_to}
                             for b in rows])
            else:
                for b in rows:
                    validity = ""
                    if b.valid_from or b.valid_to:
                        validity = f"\t(hiệu lực {format_date(b.valid_from) or '…'} – {format_date(b.valid_to) or '…'})"
                    _out(f"#{b.id}\t{b.code or '—'}\t{b.name}{validity}")
    return 0


def _cmd_stats(args) -> int:
    from .core.dates import format_date
    from .core.numbers import format_int, format_ratio
    from .reports.programs import find_programs
    from .reports.progress import EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS, dashboard

    as_of = args.as_of or date.today()
    with _open(args) as db:
        board = dashboard(db, as_of, program_ids=find_programs(db, args.program))
    if args.json:
        _print_json(board.as_dict())
        return 0
    fig = board.overall
    _out(f"Tình hình thực hiện nhiệm vụ tính đến ngày {format_date(as_of)}")
    for key in FIGURE_KEYS + EXTRA_KEYS:
        value = getattr(fig, key)
        share = f"  ({format_ratio(value, fig.assigned)})" if key != "assigned" and fig.assigned else ""
        label = FIGURE_LABELS[key] + (f" ({board.period_label})" if key == "continuous_unreported" else "")
        _out(f"  {label:<52}{format_int(value):>8}{share}")
    _out("")
    _out("Theo cơ quan chủ trì (" + " | ".join(FIGURE_LABELS[k] for k in FIGURE_KEYS + EXTRA_KEYS) + "):")
    for body in board.by_body:
        _out(f"  {body.name}: " + " | ".join(format_int(getattr(body.figures, k)) for k in FIGURE_KEYS + EXTRA_KEYS))
    return 0


def _cmd_remind(args) -> int:
    from .core.dates import format_date
    from .core.numbers import format_int
    from .core.status import days_phrase
    from .reports.programs import find_programs
    from .reports.progress import digest

    as_of = args.as_of or date.today()
    with _open(args) as db:
        groups = digest(db, as_of, program_ids=find_programs(db, args.program))
    if args.json:
        def task(row):
            return {"id": row.id, "content": row.content, "program": row.program_label,
                    "due_date": row.due_date.isoformat() if row.due_date else None, "deadline": row.deadline_text,
                    "days": (as_of - row.due_date).days if row.due_date else None}
        _print_json({"as_of": as_of.isoformat(), "bodies": [
            {"body_id": g.body_id, "name": g.name, "overdue": [task(r) for r in g.overdue],
             "due_soon": [task(r) for r in g.due_soon]} for g in groups]})
        return 0
    if not groups:
        _out(f"Ngày {format_date(as_of)}: không có nhiệm vụ quá hạn hoặc sắp đến hạn.")
        return 0
    overdue = sum(len(g.overdue) for g in groups)
    soon = sum(len(g.due_soon) for g in groups)
    _out(f"Nhắc việc ngày {format_date(as_of)}: {format_int(overdue)} nhiệm vụ quá hạn, "
         f"{format_int(soon)} nhiệm vụ sắp đến hạn, của {format_int(len(groups))} cơ quan chủ trì.")
    for g in groups:
        _out("")
        _out(f"{g.name} — {format_int(len(g.overdue))} quá hạn, {format_int(len(g.due_soon))} sắp đến hạn")
        for row in (*g.overdue, *g.due_soon):
            _out(f"  [{days_phrase(row.due_date, as_of)}, hạn {format_date(row.due_date)}] #{row.id} {row.content}")
    return 0


def _find_scope(db, text: str | None) -> int | None:
    from .reports.lists import find_body

    if text is None:
        return None
    body_id = find_body(db, text)
    if body_id is None:
        raise NqdeskError(f"Không có cơ quan có mã ký hiệu hoặc tên «{text}» (xem nqdesk list bodies).")
    return body_id


def _cmd_study_stats(args) -> int:
    from .core.dates import format_date
    from .core.numbers import format_int
    from .interchange.fields import BRIDGE_POINT_LEVEL_LABELS, STUDY_SESSION_LEVEL_LABELS
    from .reports.study import study_figures

    as_of = args.as_of or date.today()
    resolution = int(args.resolution) if args.resolution.strip().isdigit() else args.resolution
    with _open(args) as db:
        fig = study_figures(db, resolution, as_of, _find_scope(db, args.scope))
    if args.json:
        _print_json(fig.to_json())
        return 0
    n = format_int
    _out(f"Học tập, quán triệt Nghị quyết số {fig.symbol} tính đến ngày {format_date(as_of)}"
         + (f" – {fig.scope_name}" if fig.scope_name else ""))
    for x in fig.sessions:
        _out(f"  {format_date(x.held_on)}  {x.title} ({STUDY_SESSION_LEVEL_LABELS.get(x.level, x.level)}): "
             f"{n(x.bridge_points)} điểm cầu, {n(x.attendees_members + x.attendees_non_members)} người dự, "
             f"{n(x.newly_studied)} đảng viên học tập lần đầu")
    levels = ", ".join(f"{BRIDGE_POINT_LEVEL_LABELS.get(k, k).lower()}: {n(v)}"
                       for k, v in fig.bridge_points_by_level.items())
    _out(f"Số điểm cầu: {n(fig.bridge_points)}" + (f" ({levels})" if levels else ""))
    _out(f"Số người dự: {n(fig.attendees_total)} (đảng viên {n(fig.attendees_members)}, "
         f"quần chúng ưu tú {n(fig.attendees_non_members)})")
    _out(f"Tổ chức cơ sở đảng có người dự: {n(fig.organisations_represented)}/{n(fig.organisations_total)}"
         + (f" ({fig.organisations_percent_text})" if fig.organisations_total else ""))
    if fig.without_member_count:
        _err(f"Cảnh báo: chưa có số đảng viên của {n(len(fig.without_member_count))} tổ chức "
             f"({', '.join(fig.without_member_count)}); số đã học của các tổ chức này chưa được tính.")
    _out(f"Đảng viên đã học tập: {n(fig.members_studied)}/{n(fig.members_total)}"
         + (f" ({fig.members_percent_text})" if fig.members_total else "")
         + (f", trong đó học bù {n(fig.members_studied_makeup)}" if fig.members_studied_makeup else ""))
    if fig.behind:
        _out(f"Tổ chức còn đảng viên chưa học tập ({n(len(fig.behind))}; còn {n(fig.members_remaining)} đảng viên):")
        for line in fig.behind:
            _out(f"  {line.name}: đã học {n(line.studied)}/{n(line.members)}, còn {n(line.remaining)}")
    elif fig.members_total:
        _out("Tất cả đảng viên đã học tập.")
    return 0


_NOT_DOCX = {".doc", ".pdf", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".json", ".htm", ".html"}


def _cmd_study_report(args) -> int:
    from pathlib import Path

    from .export.pdf import convert_to_pdf
    from .export.study_docx import export_study_report

    output = Path(args.output)
    if output.suffix.lower() != ".docx":
        if output.suffix.lower() in _NOT_DOCX:
            _err(f"Lỗi: tệp báo cáo phải có đuôi .docx (Word), không phải «{output.suffix}»: ví dụ -o bao-cao.docx "
                 "(thêm --pdf để có cả bản PDF).")
            return 2
        output = output.with_name(output.name + ".docx")  # "bao-cao-31.12.2023" → "bao-cao-31.12.2023.docx"
    as_of = args.as_of or date.today()
    resolution = int(args.resolution) if args.resolution.strip().isdigit() else args.resolution
    with _open(args) as db:
        result = export_study_report(db, resolution, as_of, output, scope_body_id=_find_scope(db, args.scope),
                                     profile=args.profile)
    for w in result.warnings:
        _err(f"Lưu ý: {w}")
    _out(f"Đã xuất «{result.path}».")
    if args.pdf:
        _out(f"Đã tạo PDF «{convert_to_pdf(result.path)}».")
    return 0


def _cmd_parse_symbol(args) -> int:
    from .core.symbols import parse_symbol

    s = parse_symbol(args.text)
    _print_json({"canonical": str(s), "number": s.number, "type_code": s.type_code, "issuer_code": s.issuer_code,
                 "year": s.year, "style": s.style, "kind_name": s.kind_name, "label": s.with_label()})
    return 0


def _cmd_parse_deadline(args) -> int:
    from .core.deadlines import parse_deadline

    d = parse_deadline(args.text)
    _print_json({"kind": d.kind, "due_date": d.due_date.isoformat() if d.due_date else None, "text": d.text,
                 "description": d.describe()})
    return 0


def _cmd_convert_text(args) -> int:
    """Legacy Vietnamese text → Unicode. A file that cannot be read or written is the user's
    input problem: a message and exit code 2, like a usage error."""
    from pathlib import Path

    from .core.legacy_text import decode_legacy_bytes, to_unicode
    from .store.files import describe_os_error

    if args.upper and args.encoding != "tcvn3":
        _err("Lỗi: --upper chỉ dùng với --from tcvn3 (phông chữ hoa .VnTimeH); bảng mã VNI có sẵn chữ hoa.")
        return 2
    if args.text is not None:
        text = args.text
    else:
        path = Path(args.file)
        if not path.exists():
            _err(f"Lỗi: không có tệp «{path}»; hãy kiểm tra lại tên và thư mục của tệp.")
            return 2
        if path.is_dir():
            _err(f"Lỗi: «{path}» là một thư mục, không phải tệp văn bản.")
            return 2
        try:
            data = path.read_bytes()
        except OSError as exc:
            _err(f"Lỗi: không đọc được tệp «{path}»: {describe_os_error(exc)}.")
            return 2
        if b"\x00" in data:
            _err(f"Lỗi: «{path}» không phải tệp văn bản thuần (có byte 0); hãy lưu văn bản dưới dạng .txt trước.")
            return 2
        text = decode_legacy_bytes(data)
    converted = to_unicode(text, args.encoding, args.upper)
    if args.output is None:
        sys.stdout.write(converted if converted.endswith("\n") or not converted else converted + "\n")
        return 0
    target = Path(args.output)
    try:
        target.write_text(converted, encoding="utf-8", newline="")
    except OSError as exc:
        _err(f"Lỗi: không ghi được tệp «{target}»: {describe_os_error(exc)}.")
        return 2
    _out(f"Đã chuyển {len(converted)} ký tự sang Unicode, ghi vào «{target}».")
    return 0


def _cmd_backup(args) -> int:
    with _open(args) as db:
        dest = db.backup(args.path)
    _out(f"Đã sao lưu vào «{dest}».")
    return 0


def _cmd_check(args) -> int:
    from .reports.check import check_database

    with _open(args) as db:
        problems = check_database(db)
    if problems:
        for p in problems:
            _err(f"- {p}")
        _err(f"Phát hiện {len(problems)} vấn đề.")
        return 1
    _out(f"Cơ sở dữ liệu tốt: {db.display_name()}")
    return 0


def _cmd_undo(args, redo: bool = False) -> int:
    from .ops import undo as undo_ops

    with _open(args, writes=True) as db:
        changes = undo_ops.redo(db) if redo else undo_ops.undo(db)
    _out(f"Đã thực hiện: {changes.name}")
    return 0


def _cmd_history(args) -> int:
    from .reports.journal import history

    with _open(args) as db:
        for entry in history(db, limit=args.limit):
            state = " (đã hoàn tác)" if entry.undone else ""
            _out(f"{entry.at:%d/%m/%Y %H:%M}\t{entry.user_name}\t{entry.name}{state}")
    return 0


COMMANDS = {
    None: _cmd_gui, "demo": _cmd_demo, "import-json": _cmd_import, "import": _cmd_import, "export-json": _cmd_export,
    "list": _cmd_list, "stats": _cmd_stats, "remind": _cmd_remind, "parse-symbol": _cmd_parse_symbol,
    "parse-deadline": _cmd_parse_deadline, "convert-text": _cmd_convert_text, "backup": _cmd_backup, "check": _cmd_check,
    "undo": _cmd_undo, "screenshots": _cmd_screenshots, "export": _cmd_export_word, "profiles": _cmd_profiles,
    "profile-copy": _cmd_profile_copy, "redo": lambda a: _cmd_undo(a, redo=True), "history": _cmd_history,
    "study-stats": _cmd_study_stats, "study-report": _cmd_study_report,
}

COMMANDS.update({"report": _cmd_report, "followup": _cmd_followup, "collect": lambda a: _cmd_collect(a)})


def _use_utf8_console() -> None:
    # Windows consoles may default to a legacy code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (usage errors and --help/--version raise SystemExit)."""
    _use_utf8_console()
    try:
        try:
            with _vietnamese_argparse():
                args = _parser().parse_args(argv)
            return _run(args)
        finally:
            # Written here, inside the try, rather than at interpreter exit, where a closed pipe
            # would only produce "Exception ignored … BrokenPipeError".
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (nqdesk stats | head -1): nothing more to say, and nothing may be
        # written to the closed pipe again at exit. 141 is what a shell reports for SIGPIPE.
        _stdout_to_devnull()
        return 141


def _stdout_to_devnull() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (tests, embedded use)
        pass


def _run(args) -> int:
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:
        raise
    except NqdeskError as exc:
        if _is_import_failure(exc):
            _report_import_failure(exc)
        else:
            _err(f"Lỗi: {exc}")
        return 1
    except ValueError as exc:
        # A parser's own error (SymbolError, DeadlineError, DateError).
        _err(f"Lỗi: {exc}")
        return 1
    except OSError as exc:
        from .store.files import describe_os_error

        where = f" «{exc.filename}»" if getattr(exc, "filename", None) else ""
        _err(f"Lỗi tệp{where}: {describe_os_error(exc)}.")
        return 1
    except KeyboardInterrupt:
        _err("Đã dừng.")
        return 130
    except Exception as exc:  # a bug: the user gets a short message, the log the traceback
        return _report_unexpected(args, exc)


def _is_import_failure(exc: Exception) -> bool:
    # ImportFailed is only looked up when its module was loaded (an import ran): importing it
    # here would cost every command the JSON importer and the ops package.
    module = sys.modules.get("desktop_app.interchange.reader")
    return module is not None and isinstance(exc, module.ImportFailed)


def _report_import_failure(exc) -> None:
    _err(f"Không nhập được: tệp có {len(exc.problems)} lỗi, chưa ghi gì vào cơ sở dữ liệu.")
    for p in exc.problems[:200]:
        value = "" if p.value is None else f" (giá trị: {str(p.value)[:80]!s})"
        _err(f"- {p.message}{value}")
    if len(exc.problems) > 200:
        _err(f"… và {len(exc.problems) - 200} lỗi khác.")


def _report_unexpected(args, exc: Exception) -> int:
    detail = f"{type(exc).__name__}: {exc}"
    log = _log_unexpected(args, exc)
    where = f"; chi tiết đã ghi vào {log}" if log else ""
    _err(f"Lỗi không mong đợi khi chạy lệnh «{args.command or 'nqdesk'}» ({detail}){where}. "
         "Đây là lỗi của chương trình, không phải do bạn. "
         "Hãy báo cho người quản trị kèm lệnh vừa chạy" + (" và tệp nhật ký trên." if log else "."))
    return 1


def _log_unexpected(args, exc: Exception):
    """The log file the traceback went to, or None when there is no log file (then the
    traceback is not written anywhere: on a terminal it would only reach the user)."""
    from .logging_setup import log_exception, setup_logging

    try:
        if setup_logging() is None:
            return None
        return log_exception(f"nqdesk {args.command or ''}: lỗi không mong đợi",
                             (type(exc), exc, exc.__traceback__))
    except Exception:  # the log must never hide the error itself
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

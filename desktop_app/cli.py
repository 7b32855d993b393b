"""The ``nqdesk`` command line. It calls the same ops/reports/export code as the GUI.

Messages are Vietnamese by default, English with ``--lang en`` or NQDESK_LANG=en (see
_choose_language). User mistakes end with a message on stderr and a non-zero exit code, never a
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
from .i18n import LANGUAGES, _, format_int, language, ngettext, set_language

#: The environment variable that chooses the language of the messages (``--lang`` wins).
LANG_ENV = "NQDESK_LANG"

# argparse's own messages (usage, errors, the help of -h) in Vietnamese, used when the messages
# are Vietnamese (in English argparse keeps its own). argparse looks its texts up through the
# module-level ``_``/``ngettext`` at the moment it needs them, so they are swapped only while the
# command line is read (see _vietnamese_argparse). Not catalog messages: this table *is* a translation.
_ARGPARSE_VI = {  # vocabulary
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
    if language() != "vi":
        yield
        return
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
        _err(_("Lỗi: {message}").format(message=message))
        _err(_("Xem hướng dẫn: {command} --help").format(command=self.prog))
        self.exit(2)


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("«{text}» không phải số nguyên").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("cần một số lớn hơn 0, không phải {value}").format(value=value))
    return value


_COLUMN_FIELDS = ("number", "content", "lead", "coordinators", "product", "deadline", "note", "percent",
                  "completed_on", "result", "group")


def _column_choice(text: str) -> tuple[str, int | None]:
    """"lead=C" or "lead=3" → ("lead", 2); "note=-" → ("note", None)."""
    field, _sep, where = text.partition("=")
    field, where = field.strip(), where.strip().upper()
    if field not in _COLUMN_FIELDS or not where:
        raise argparse.ArgumentTypeError(
            _("«{text}» không đúng dạng TRƯỜNG=CỘT, ví dụ lead=C; TRƯỜNG là một trong: {fields}.").format(
                text=text, fields=", ".join(_COLUMN_FIELDS)))
    if where == "-":
        return field, None
    if where.isdigit() and 0 < int(where) <= 200:
        return field, int(where) - 1
    if where.isascii() and where.isalpha() and len(where) <= 2:
        n = 0
        for ch in where:
            n = n * 26 + ord(ch) - ord("A") + 1
        return field, n - 1
    raise argparse.ArgumentTypeError(
        _("Cột «{column}» không hợp lệ: ghi chữ cột (C) hoặc số thứ tự cột (3).").format(column=where))


def _as_date(text: str) -> date:
    from .core.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar=_("ĐƯỜNG_DẪN"),
                        help=_("tệp SQLite hoặc địa chỉ cơ sở dữ liệu (mặc định: NQDESK_DB hoặc thư mục dữ liệu)"))
    common.add_argument("--lang", choices=tuple(LANGUAGES), default=argparse.SUPPRESS,
                        help=_("ngôn ngữ của các thông báo: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh); "
                               "mặc định theo biến môi trường {env}").format(env=LANG_ENV))
    p = _Parser(
        prog="nqdesk", parents=[common],
        description=_("NQ Desk: theo dõi thực hiện nghị quyết, chương trình hành động và nhiệm vụ."),
    )
    p.add_argument("--version", action="version", version=f"NQ Desk {__version__}", help=_("in số phiên bản rồi thoát"))
    sub = p.add_subparsers(dest="command", metavar=_("LỆNH"))

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_text, description=help_text)

    d = cmd("demo", _("nạp dữ liệu mẫu (Lạng Sơn, Hội nghị Trung ương 8 khóa XIII)"))
    d.add_argument("--force", action="store_true", help=_("nạp cả khi cơ sở dữ liệu đã có chương trình"))
    _add_wait(d)
    import_help = _("nhập dữ liệu từ tệp nqdesk/2 hoặc nqdesk/1 (.json), chương trình đã ban hành (.docx) hoặc "
                    "bảng theo dõi Excel (.xlsx); tất cả hoặc không gì cả")
    i = sub.add_parser("import-json", aliases=["import"], parents=[common], help=import_help, description=import_help,
                       epilog=_("Mã thoát: 0 nhập được (hoặc --dry-run không thấy lỗi); 1 tệp có lỗi hoặc cần xác "
                                "nhận cơ quan, chưa ghi gì; 2 gõ sai lệnh."))
    i.add_argument("file", metavar=_("TỆP"), help=_("tệp .json, .docx hoặc .xlsx cần nhập"))
    i.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra và in bảng xem trước, không ghi gì"))
    i.add_argument("--json", action="store_true", help=_("in bảng xem trước (tệp .docx, .xlsx) dạng JSON"))
    i.add_argument("--column", action="append", type=_column_choice, default=[], metavar=_("TRƯỜNG=CỘT"),
                   help=_("sửa cột nhận ra (tệp .docx, .xlsx): TRƯỜNG là number, content, lead, coordinators, "
                          "product, deadline, note, percent, completed_on, result hoặc group; CỘT là chữ (C) hoặc số "
                          "thứ tự (3), '-' để bỏ; ví dụ --column lead=C (lặp lại được)"))
    _add_wait(i)
    e = cmd("export-json", _("xuất toàn bộ dữ liệu ra tệp nqdesk/2 ('-' để in ra màn hình)"))
    e.add_argument("file", metavar=_("TỆP"), help=_("tệp JSON sẽ ghi ra, hoặc '-' để in ra màn hình"))
    ls = cmd("list", _("liệt kê nhiệm vụ, chương trình, văn bản hoặc cơ quan"))
    ls.add_argument("what", choices=("tasks", "programs", "documents", "bodies"), metavar=_("LOẠI"),
                    help=_("tasks: nhiệm vụ, programs: chương trình, documents: văn bản, bodies: cơ quan"))
    ls.add_argument("--search", metavar=_("CHỮ"), help=_("tìm không phân biệt dấu, hoa thường (\"dang uy\" thấy \"Đảng ủy\")"))
    ls.add_argument("--as-of", type=_as_date, default=None, metavar=_("NGÀY"), help=_("ngày xét trạng thái (mặc định hôm nay)"))
    ls.add_argument("--program", action="append", metavar=_("ID|SỐ"),
                    help=_("chỉ liệt kê nhiệm vụ (hoặc chương trình) của chương trình này: mã số hoặc số văn bản, "
                           "ví dụ 15 hoặc 15-CTr/TU (lặp lại được)"))
    ls.add_argument("--json", action="store_true", help=_("in dạng JSON"))
    st = cmd("stats", _("số liệu tình hình thực hiện nhiệm vụ: được giao, đến hạn, hoàn thành đúng hạn/quá hạn, "
                        "quá hạn chưa hoàn thành, đang thực hiện, chưa đến hạn; chung và theo cơ quan chủ trì"))
    st.add_argument("--as-of", type=_as_date, default=None, metavar=_("NGÀY"), help=_("ngày xét trạng thái (mặc định hôm nay)"))
    st.add_argument("--program", action="append", metavar=_("ID|SỐ"),
                    help=_("chỉ tính chương trình này: mã số hoặc số văn bản, ví dụ 15 hoặc 15-CTr/TU (lặp lại được)"))
    st.add_argument("--json", action="store_true", help=_("in dạng JSON"))
    rm = cmd("remind", _("nhắc việc: nhiệm vụ quá hạn và sắp đến hạn, theo cơ quan chủ trì"))
    rm.add_argument("--as-of", type=_as_date, default=None, metavar=_("NGÀY"), help=_("ngày xét (mặc định hôm nay)"))
    rm.add_argument("--program", action="append", metavar=_("ID|SỐ"),
                    help=_("chỉ xét chương trình này: mã số hoặc số văn bản (lặp lại được)"))
    rm.add_argument("--json", action="store_true", help=_("in dạng JSON"))
    ss = cmd("study-stats", _("số liệu học tập, quán triệt một nghị quyết: điểm cầu, người dự, đảng viên đã học"))
    ss.add_argument("--resolution", required=True, metavar=_("KÝ_HIỆU"), help=_("ví dụ 42-NQ/TW (hoặc mã số văn bản)"))
    ss.add_argument("--as-of", type=_as_date, default=None, metavar=_("NGÀY"), help=_("tính đến ngày (mặc định hôm nay)"))
    ss.add_argument("--scope", metavar=_("CƠ_QUAN"),
                    help=_("tổ chức đảng cấp trên (mã ký hiệu, ví dụ ĐUK, hoặc mã số); mặc định theo hội nghị"))
    ss.add_argument("--json", action="store_true", help=_("in dạng JSON"))
    sr = cmd("study-report", _("xuất báo cáo kết quả nghiên cứu, học tập, quán triệt một nghị quyết ra Word"))
    sr.add_argument("--resolution", required=True, metavar=_("KÝ_HIỆU"), help=_("ví dụ 45-NQ/TW (hoặc mã số văn bản)"))
    sr.add_argument("--as-of", type=_as_date, default=None, metavar=_("NGÀY"), help=_("số liệu tính đến ngày (mặc định hôm nay)"))
    sr.add_argument("--scope", metavar=_("CƠ_QUAN"),
                    help=_("tổ chức đảng báo cáo (mã ký hiệu, ví dụ ĐUK, hoặc mã số); mặc định theo hội nghị"))
    sr.add_argument("-o", "--output", required=True, metavar=_("TỆP.docx"), help=_("tệp Word sẽ ghi ra"))
    sr.add_argument("--profile", default="hd36", help=_("mẫu thể thức: hd36 (văn bản Đảng, mặc định), nd30 hoặc mẫu tự tạo"))
    sr.add_argument("--pdf", action="store_true", help=_("tạo thêm tệp PDF (cần LibreOffice)"))
    ps = cmd("parse-symbol", _("xem chương trình hiểu số, ký hiệu văn bản thế nào"))
    ps.add_argument("text", metavar=_("KÝ_HIỆU"), help=_("ví dụ \"Nghị quyết số 45-NQ/TW\""))
    pd = cmd("parse-deadline", _("xem chương trình hiểu thời hạn thế nào"))
    pd.add_argument("text", metavar=_("THỜI_HẠN"), help=_("ví dụ \"quý 1 năm 2024\" hoặc \"thường xuyên\""))
    ct = cmd("convert-text", _("chuyển văn bản gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI) sang Unicode"))
    ct.add_argument("--from", dest="encoding", required=True, choices=("tcvn3", "vni"),
                    help=_("bảng mã của văn bản: tcvn3 (phông .VnTime, .VnArial…) hoặc vni (phông VNI-Times…)"))
    source = ct.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", metavar=_("TỆP"), help=_("tệp văn bản cần chuyển"))
    source.add_argument("--text", metavar=_("VĂN_BẢN"), help=_("chuyển đoạn văn bản này thay cho một tệp"))
    ct.add_argument("--upper", action="store_true",
                    help=_("văn bản gõ bằng phông chữ hoa TCVN3 (.VnTimeH, .VnArialH…): in ra chữ hoa"))
    ct.add_argument("-o", "--output", metavar=_("TỆP"), help=_("tệp sẽ ghi kết quả (UTF-8); mặc định in ra màn hình"))
    b = cmd("backup", _("sao lưu cơ sở dữ liệu (mặc định vào thư mục backups bên cạnh)"))
    b.add_argument("path", nargs="?", metavar=_("ĐƯỜNG_DẪN"), help=_("tệp hoặc thư mục sẽ ghi bản sao lưu"))
    ck = cmd("check", _("kiểm tra toàn vẹn cơ sở dữ liệu"))
    ck.add_argument("--repair", action="store_true",
                    help=_("tính lại từ nhật ký tiến độ các bảng tóm tắt tiến độ không khớp, rồi kiểm tra"))
    ex = cmd("export", _("xuất văn bản ra Word (và PDF nếu có LibreOffice)"))
    ex.add_argument("what", choices=("program",), metavar=_("LOẠI"), help=_("program: chương trình hành động / kế hoạch"))
    ex.add_argument("key", metavar=_("ID|SỐ"), help=_("mã số trong danh sách (nqdesk list programs) hoặc số văn bản, ví dụ 15"))
    ex.add_argument("-o", "--output", required=True, metavar=_("TỆP.docx"), help=_("tệp Word sẽ ghi ra"))
    ex.add_argument("--profile", default="hd36", help=_("mẫu thể thức: hd36 (văn bản Đảng, mặc định), nd30 (văn bản nhà nước) hoặc mẫu tự tạo"))
    ex.add_argument("--pdf", action="store_true", help=_("tạo thêm tệp PDF (cần LibreOffice)"))
    ex.add_argument("--strict", action="store_true",
                    help=_("không xuất nếu bảng kiểm tra trước khi xuất còn điều cần sửa (mục trống, thiếu người ký, nơi nhận)"))
    rp = cmd("report", _("báo cáo kết quả thực hiện trong một kỳ: Word (.docx) hoặc bảng theo dõi Excel (.xlsx)"))
    rp.add_argument("--from", dest="date_from", type=_as_date, required=True, metavar=_("NGÀY"), help=_("ngày đầu kỳ"))
    rp.add_argument("--to", dest="date_to", type=_as_date, required=True, metavar=_("NGÀY"),
                    help=_("ngày cuối kỳ (số liệu tính đến ngày này)"))
    rp.add_argument("--program", action="append", metavar=_("ID|SỐ"),
                    help=_("chỉ báo cáo chương trình này (mã số hoặc số văn bản; lặp lại được)"))
    rp.add_argument("-o", "--output", required=True, metavar=_("TỆP.docx|TỆP.xlsx"),
                    help=_("tệp sẽ ghi ra; đuôi .docx cho báo cáo Word, .xlsx cho bảng theo dõi Excel"))
    rp.add_argument("--profile", default="hd36", help=_("mẫu thể thức của tệp Word: hd36 (mặc định), nd30 hoặc mẫu tự tạo"))
    rp.add_argument("--pdf", action="store_true", help=_("tạo thêm tệp PDF từ tệp Word (cần LibreOffice)"))
    fu = cmd("followup", _("công văn đôn đốc một cơ quan chủ trì về các nhiệm vụ quá hạn, sắp đến hạn (Word)"))
    fu.add_argument("--body", required=True, metavar=_("ID|MÃ"), help=_("mã số hoặc mã ký hiệu của cơ quan, ví dụ 5 hoặc BTGTU"))
    fu.add_argument("--as-of", type=_as_date, default=None, metavar=_("NGÀY"), help=_("ngày xét (mặc định hôm nay)"))
    fu.add_argument("--program", action="append", metavar=_("ID|SỐ"), help=_("chỉ xét chương trình này (lặp lại được)"))
    fu.add_argument("-o", "--output", required=True, metavar=_("TỆP.docx"), help=_("tệp Word sẽ ghi ra"))
    fu.add_argument("--profile", default=None,
                    help=_("mẫu thể thức: mặc định nd30 cho cơ quan nhà nước, hd36 cho cơ quan khác"))
    fu.add_argument("--pdf", action="store_true", help=_("tạo thêm tệp PDF (cần LibreOffice)"))
    cmd("profiles", _("liệt kê các mẫu thể thức văn bản (hd36, nd30 và mẫu tự tạo)"))
    pc = cmd("profile-copy", _("sao chép một mẫu thể thức để sửa (tệp JSON trong thư mục dữ liệu)"))
    pc.add_argument("source", metavar=_("MẪU_GỐC"), help=_("ví dụ hd36"))
    pc.add_argument("name", metavar=_("TÊN_MỚI"), help=_("ví dụ tinh-uy-lang-son"))
    sc = cmd("screenshots", _("chụp ảnh các màn hình chính (tệp PNG) với dữ liệu mẫu, hoặc với cơ sở dữ liệu --db"))
    sc.add_argument("folder", metavar=_("THƯ_MỤC"), help=_("thư mục ghi ảnh"))
    _add_collect(cmd("collect", _("đợt thu thập báo cáo tiến độ: tạo phiếu Excel gửi các cơ quan chủ trì, "
                                  "nhập các phiếu đã điền")), common)
    _add_wait(cmd("undo", _("hoàn tác thao tác gần nhất")))
    _add_wait(cmd("redo", _("làm lại thao tác vừa hoàn tác")))
    h = cmd("history", _("lịch sử thay đổi"))
    h.add_argument("--limit", type=_whole_number, default=30, metavar=_("SỐ"), help=_("số thao tác gần nhất (mặc định 30)"))
    return p


def _add_collect(parser: argparse.ArgumentParser, common: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="collect_command", metavar=_("VIỆC"), required=True, parser_class=_Parser)
    f = sub.add_parser("forms", parents=[common], help=_("tạo phiếu báo cáo tiến độ (.xlsx), mỗi cơ quan chủ trì một phiếu"),
                       description=_("Tạo phiếu báo cáo tiến độ (.xlsx), mỗi cơ quan chủ trì một phiếu, liệt kê "
                                     "các nhiệm vụ chưa hoàn thành của cơ quan trong các chương trình đã chọn."))
    f.add_argument("--date", dest="as_of", type=_as_date, required=True, metavar=_("NGÀY"),
                   help=_("ngày của đợt báo cáo (tình trạng nhiệm vụ tính đến ngày này)"))
    f.add_argument("--program", nargs="+", action="extend", required=True, metavar=_("ID|SỐ"),
                   help=_("chương trình: mã số hoặc số văn bản, ví dụ 15 hoặc 15-CTr/TU (nhiều được)"))
    f.add_argument("--body", nargs="+", action="extend", metavar=_("ID|MÃ"),
                   help=_("chỉ tạo phiếu cho cơ quan này: mã số hoặc mã ký hiệu (nhiều được; mặc định mọi cơ quan)"))
    f.add_argument("-o", "--output", required=True, metavar=_("THƯ_MỤC"), help=_("thư mục ghi các phiếu"))
    i = sub.add_parser("import", parents=[common], help=_("nhập các phiếu đã điền vào sổ theo dõi tiến độ"),
                       description=_("Nhập các phiếu báo cáo đã điền: phiếu có lỗi không được ghi dòng nào, "
                                     "các phiếu khác được ghi trong một thao tác."))
    i.add_argument("files", nargs="+", metavar=_("TỆP"), help=_("các tệp .xlsx cơ quan gửi lại"))
    i.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra và cho xem sẽ ghi gì, không ghi"))
    i.add_argument("--strict", action="store_true", help=_("có một phiếu lỗi thì không ghi phiếu nào"))
    i.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    _add_wait(i)


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", nargs="?", type=float, const=600.0, default=None, metavar=_("GIÂY"),
                        help=_("nếu NQ Desk đang mở tệp dữ liệu, chờ đến khi nó đóng (tối đa GIÂY, mặc định 600)"))


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
            _err(_("Đã nâng cấp cơ sở dữ liệu; bản sao lưu trước khi nâng cấp: {path}").format(path=db.backup_made))
        try:
            yield db
        finally:
            db.close()


def _how_to_create(args, where: str) -> str:
    import os

    from .store.db import ENV_VAR

    if getattr(args, "db", None) is not None:
        check, target = _("Hãy kiểm tra đường dẫn sau --db"), f'--db "{where}" '
    elif os.environ.get(ENV_VAR):
        check, target = _("Hãy kiểm tra biến môi trường {variable}").format(variable=ENV_VAR), ""
    else:
        check, target = _("Cơ sở dữ liệu mặc định được tạo khi mở NQ Desk lần đầu (lệnh nqdesk)"), ""
    return _("{check}; muốn tạo cơ sở dữ liệu mới thì dùng nqdesk {target}demo (dữ liệu mẫu) "
             "hoặc nqdesk {target}import-json TỆP.json.").format(check=check, target=target)


def _out(text: str = "") -> None:
    print(text)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _note(text: str) -> None:
    _err(_("Lưu ý: {note}").format(note=text))


def _print_json(data) -> None:
    import json

    _out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# --- commands -------------------------------------------------------------------------

def _cmd_gui(args) -> int:
    try:
        from .gui.app import run
    except ImportError as exc:  # Qt missing or broken on this machine
        _err(_("Không khởi động được giao diện đồ họa ({reason}). Các lệnh dòng lệnh vẫn dùng được: "
               "nqdesk --help.").format(reason=exc))
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
            _err(_("Cần xem lại: {finding}").format(finding=finding.message))
        if findings and args.strict:
            _err(ngettext("Không xuất (--strict): còn {count} điều cần sửa trước khi xuất.",
                          "Không xuất (--strict): còn {count} điều cần sửa trước khi xuất.",
                          len(findings)).format(count=format_int(len(findings))))
            return 1
        result = export_program(db, program_id, output, profile=profile)
    for w in result.warnings:
        _note(w)
    _out(_("Đã xuất «{path}».").format(path=result.path))
    if args.pdf:
        _out(_("Đã tạo PDF «{path}».").format(path=convert_to_pdf(result.path)))
    return 0


def _find_body(db, key: str) -> int:
    from .reports.lists import find_body

    body_id = find_body(db, key)
    if body_id is None:
        raise NqdeskError(_("Không có cơ quan «{key}». Hãy ghi mã số hoặc mã ký hiệu (xem nqdesk list bodies).").format(
            key=key))
    return body_id


def _output_kind(output: str, allowed: tuple[str, ...]) -> str | None:
    suffix = output.rsplit(".", 1)[-1].lower() if "." in output.replace("\\", "/").rsplit("/", 1)[-1] else ""
    return suffix if suffix in allowed else None


def _cmd_report(args) -> int:
    from .export.pdf import convert_to_pdf
    from .reports.programs import find_programs

    kind = _output_kind(args.output, ("docx", "xlsx"))
    if kind is None:
        _err(_("Lỗi: không xuất được báo cáo ra «{path}»: hãy đặt tên tệp có đuôi .docx (Word) "
               "hoặc .xlsx (Excel).").format(path=args.output))
        return 2
    if args.date_from > args.date_to:
        from .core.dates import format_date

        _err(_("Lỗi: ngày đầu kỳ (--from {start}) sau ngày cuối kỳ (--to {end}): hãy đổi lại hai ngày.").format(
            start=format_date(args.date_from), end=format_date(args.date_to)))
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
        _note(w)
    _out(_("Đã xuất «{path}».").format(path=result.path))
    if args.pdf:
        if kind == "docx":
            _out(_("Đã tạo PDF «{path}».").format(path=convert_to_pdf(result.path)))
        else:
            _note(_("--pdf chỉ dùng cho báo cáo Word (.docx); bảng Excel không được chuyển sang PDF."))
    return 0


def _cmd_followup(args) -> int:
    from .export.followup_docx import export_followup
    from .export.pdf import convert_to_pdf
    from .reports.programs import find_programs

    output = args.output
    if "." not in output.replace("\\", "/").rsplit("/", 1)[-1]:
        output += ".docx"
    if _output_kind(output, ("docx",)) is None:
        _err(_("Lỗi: công văn đôn đốc chỉ xuất ra Word: hãy đặt tên tệp có đuôi .docx (đang là «{path}»).").format(
            path=args.output))
        return 2
    as_of = args.as_of or date.today()
    with _open(args) as db:
        programs = find_programs(db, args.program)
        result = export_followup(db, _find_body(db, args.body), as_of, output, args.profile, program_ids=programs)
    for w in result.warnings:
        _note(w)
    _out(_("Đã xuất «{path}».").format(path=result.path))
    if args.pdf:
        _out(_("Đã tạo PDF «{path}».").format(path=convert_to_pdf(result.path)))
    return 0


def _cmd_profiles(args) -> int:
    from .export.profiles import list_profiles, load_profile

    for name in list_profiles():
        profile = load_profile(name)
        label = _("{profile} (tự tạo)").format(profile=profile.label) if profile.user else profile.label
        _out(f"{name}\t{label}")
    return 0


def _cmd_profile_copy(args) -> int:
    from .export.profiles import copy_profile

    path = copy_profile(args.source, args.name)
    _out(_("Đã tạo mẫu «{name}»: {path}").format(name=args.name, path=path))
    _out(_("Sửa tệp này (lề, cỡ chữ, cách đánh số…), rồi chọn mẫu khi xuất Word hoặc dùng --profile {name}").format(
        name=args.name))
    return 0


def _cmd_screenshots(args) -> int:
    import os

    if getattr(args, "db", None) is not None:  # without --db: a temporary copy of the demo data
        from .reports.lists import list_programs

        with _open(args) as db:
            tasks = sum(n for _p, _docs, n in list_programs(db))
            where = db.display_name()
        if not tasks:
            _err(_("Lỗi: cơ sở dữ liệu «{database}» chưa có nhiệm vụ nào, nên không có màn hình nào để chụp. "
                   "Bỏ --db để chụp với dữ liệu mẫu, hoặc nạp dữ liệu trước (nqdesk --db … demo hoặc "
                   "import-json).").format(database=where))
            return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from .gui.app import render_screenshots
    except ImportError as exc:  # Qt missing or broken on this machine
        _err(_("Lỗi: không chụp được màn hình vì giao diện đồ họa không chạy được trên máy này ({reason}).").format(
            reason=exc))
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
            _err(_("Cơ sở dữ liệu đã có chương trình; dữ liệu mẫu không được nạp để tránh lẫn. "
                   "Dùng --force nếu vẫn muốn nạp, hoặc chọn tệp khác bằng --db."))
            return 1
        report = import_file(db, DEMO_FILE)
    _out(report.summary())
    _out(_("Cơ sở dữ liệu: {database}").format(database=db.display_name()))
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
        _note(w)
    _out(report.summary())
    if report.dry_run:
        _out(_("Kiểm tra xong, chưa ghi gì (--dry-run)."))
    elif report.backup:
        _out(_("Bản sao lưu trước khi nhập: {path}").format(path=report.backup))
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
        _err(ngettext("Không nhập được: có {count} lỗi, chưa ghi gì vào cơ sở dữ liệu.",
                      "Không nhập được: có {count} lỗi, chưa ghi gì vào cơ sở dữ liệu.",
                      len(problems)).format(count=format_int(len(problems))))
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
        _err(_("Kiểm tra xong, chưa ghi gì (--dry-run)."))
        return 0
    with _open(args, writes=True, create=True) as db:
        plan = read(db)
        if plan.all_problems():
            show(plan)
            return refused(plan)
        result = apply_plan(db, plan)
    show(plan, result)
    for w in result.warnings:
        _note(w)
    _err(result.summary())
    if result.backup:
        _err(_("Bản sao lưu trước khi nhập: {path}").format(path=result.backup))
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
    _out(_("Đã xuất {bodies} cơ quan, {documents} văn bản, {programs} chương trình, {tasks} nhiệm vụ vào "
           "«{path}».").format(bodies=format_int(len(data["bodies"])), documents=format_int(len(data["documents"])),
                               programs=format_int(len(data["programs"])), tasks=format_int(tasks), path=args.file))
    return 0


def _cmd_list(args) -> int:
    from .core.dates import format_date
    from .core.status import STATUS_LABELS
    from .interchange.fields import PROGRAM_STATUS_LABELS
    from .reports import lists
    from .reports.programs import find_programs
    from .reports.tasks import list_tasks

    if args.program and args.what not in ("tasks", "programs"):
        _err(_("Lỗi: --program chỉ dùng với «list tasks» hoặc «list programs», không dùng với «list {what}».").format(
            what=args.what))
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
                    _out(f"#{r.id}\t{format_date(r.due_date) or '—':10}\t{_(STATUS_LABELS[r.status]):<26}\t"
                         f"{r.lead_body_name or '—'}\t{r.content}")
                _out(ngettext("({count} nhiệm vụ, trạng thái tính đến {date})",
                              "({count} nhiệm vụ, trạng thái tính đến {date})", len(rows)).format(
                    count=format_int(len(rows)), date=format_date(as_of)))
        elif args.what == "programs":
            rows = lists.list_programs(db, args.search)
            if programs is not None:
                rows = [row for row in rows if row[0].id in programs]
            if args.json:
                _print_json([{"id": p.id, "kind": p.kind, "title": p.title, "number": p.number, "status": p.status,
                              "issue_date": p.issue_date, "documents": docs, "tasks": n} for p, docs, n in rows])
            else:
                for p, docs, n in rows:
                    tasks = ngettext("{count} nhiệm vụ", "{count} nhiệm vụ", n).format(count=format_int(n))
                    status = _(PROGRAM_STATUS_LABELS.get(p.status, p.status))
                    _out(f"#{p.id}\t{p.kind}\t{p.number or '—'}\t{status}\t{tasks}\t{', '.join(docs)}\t{p.title}")
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
                        validity = "\t" + _("(hiệu lực {start} – {end})").format(
                            start=format_date(b.valid_from) or "…", end=format_date(b.valid_to) or "…")
                    _out(f"#{b.id}\t{b.code or '—'}\t{b.name}{validity}")
    return 0


def _cmd_stats(args) -> int:
    from .core.dates import format_date
    from .core.numbers import format_ratio
    from .reports.programs import find_programs
    from .reports.progress import EXTRA_KEYS, FIGURE_KEYS, FIGURE_LABELS, NO_LEAD_BODY, dashboard

    as_of = args.as_of or date.today()
    with _open(args) as db:
        board = dashboard(db, as_of, program_ids=find_programs(db, args.program))
    if args.json:
        _print_json(board.as_dict())
        return 0
    fig = board.overall
    _out(_("Tình hình thực hiện nhiệm vụ tính đến ngày {date}").format(date=format_date(as_of)))
    for key in FIGURE_KEYS + EXTRA_KEYS:
        value = getattr(fig, key)
        share = f"  ({format_ratio(value, fig.assigned, locale=language())})" if key != "assigned" and fig.assigned else ""
        if key == "continuous_unreported":
            label = _("Thường xuyên chưa báo cáo {period}").format(period=board.period_name)
        else:
            label = _(FIGURE_LABELS[key])
        _out(f"  {label:<52}{format_int(value):>8}{share}")
    _out("")
    _out(_("Theo cơ quan chủ trì ({columns}):").format(
        columns=" | ".join(_(FIGURE_LABELS[k]) for k in FIGURE_KEYS + EXTRA_KEYS)))
    for body in board.by_body:
        name = body.name if body.body_id is not None else _(NO_LEAD_BODY)
        _out(f"  {name}: " + " | ".join(format_int(getattr(body.figures, k)) for k in FIGURE_KEYS + EXTRA_KEYS))
    return 0


def _cmd_remind(args) -> int:
    from .core.dates import format_date
    from .core.status import days_text
    from .reports.programs import find_programs
    from .reports.progress import NO_LEAD_BODY, digest

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
        _out(_("Ngày {date}: không có nhiệm vụ quá hạn hoặc sắp đến hạn.").format(date=format_date(as_of)))
        return 0
    overdue = sum(len(g.overdue) for g in groups)
    soon = sum(len(g.due_soon) for g in groups)
    _out(_("Nhắc việc ngày {date}: {overdue} quá hạn, {soon} sắp đến hạn, {bodies}.").format(
        date=format_date(as_of),
        overdue=ngettext("{count} nhiệm vụ", "{count} nhiệm vụ", overdue).format(count=format_int(overdue)),
        soon=ngettext("{count} nhiệm vụ", "{count} nhiệm vụ", soon).format(count=format_int(soon)),
        bodies=ngettext("của {count} cơ quan chủ trì", "của {count} cơ quan chủ trì", len(groups)).format(
            count=format_int(len(groups)))))
    for g in groups:
        _out("")
        name = g.name if g.body_id is not None else _(NO_LEAD_BODY)
        _out(_("{body} — {overdue} quá hạn, {soon} sắp đến hạn").format(
            body=name, overdue=format_int(len(g.overdue)), soon=format_int(len(g.due_soon))))
        for row in (*g.overdue, *g.due_soon):
            _out("  [" + _("{days}, hạn {date}").format(days=days_text(row.due_date, as_of),
                                                        date=format_date(row.due_date))
                 + f"] #{row.id} {row.content}")
    return 0


def _find_scope(db, text: str | None) -> int | None:
    from .reports.lists import find_body

    if text is None:
        return None
    body_id = find_body(db, text)
    if body_id is None:
        raise NqdeskError(_("Không có cơ quan có mã ký hiệu hoặc tên «{key}» (xem nqdesk list bodies).").format(
            key=text))
    return body_id


def _cmd_study_stats(args) -> int:
    from .core.dates import format_date
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

    def label(table: dict[str, str], key: str) -> str:
        return _(table[key]) if key in table else key

    _out(_("Học tập, quán triệt Nghị quyết số {symbol} tính đến ngày {date}").format(
        symbol=fig.symbol, date=format_date(as_of)) + (f" – {fig.scope_name}" if fig.scope_name else ""))
    for x in fig.sessions:
        _out(f"  {format_date(x.held_on)}  {x.title} ({label(STUDY_SESSION_LEVEL_LABELS, x.level)}): " + _(
            "{points} điểm cầu, {attendees} người dự, {studied} đảng viên học tập lần đầu").format(
            points=n(x.bridge_points), attendees=n(x.attendees_members + x.attendees_non_members),
            studied=n(x.newly_studied)))
    levels = ", ".join(f"{label(BRIDGE_POINT_LEVEL_LABELS, k).lower()}: {n(v)}"
                       for k, v in fig.bridge_points_by_level.items())
    _out(_("Số điểm cầu: {count}").format(count=n(fig.bridge_points)) + (f" ({levels})" if levels else ""))
    _out(_("Số người dự: {total} (đảng viên {members}, quần chúng ưu tú {non_members})").format(
        total=n(fig.attendees_total), members=n(fig.attendees_members), non_members=n(fig.attendees_non_members)))
    _out(_("Tổ chức cơ sở đảng có người dự: {represented}/{total}").format(
        represented=n(fig.organisations_represented), total=n(fig.organisations_total))
         + (f" ({fig.organisations_percent_text})" if fig.organisations_total else ""))
    if fig.without_member_count:
        _err(ngettext("Cảnh báo: chưa có số đảng viên của {count} tổ chức ({names}); số đã học của các tổ chức "
                      "này chưa được tính.",
                      "Cảnh báo: chưa có số đảng viên của {count} tổ chức ({names}); số đã học của các tổ chức "
                      "này chưa được tính.", len(fig.without_member_count)).format(
            count=n(len(fig.without_member_count)), names=", ".join(fig.without_member_count)))
    _out(_("Đảng viên đã học tập: {studied}/{total}").format(studied=n(fig.members_studied), total=n(fig.members_total))
         + (f" ({fig.members_percent_text})" if fig.members_total else "")
         + (_(", trong đó học bù {count}").format(count=n(fig.members_studied_makeup))
            if fig.members_studied_makeup else ""))
    if fig.behind:
        _out(_("Tổ chức còn đảng viên chưa học tập ({count}; còn {remaining} đảng viên):").format(
            count=n(len(fig.behind)), remaining=n(fig.members_remaining)))
        for line in fig.behind:
            _out(f"  {line.name}: " + _("đã học {studied}/{members}, còn {remaining}").format(
                studied=n(line.studied), members=n(line.members), remaining=n(line.remaining)))
    elif fig.members_total:
        _out(_("Tất cả đảng viên đã học tập."))
    return 0


_NOT_DOCX = {".doc", ".pdf", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".json", ".htm", ".html"}


def _cmd_study_report(args) -> int:
    from pathlib import Path

    from .export.pdf import convert_to_pdf
    from .export.study_docx import export_study_report

    output = Path(args.output)
    if output.suffix.lower() != ".docx":
        if output.suffix.lower() in _NOT_DOCX:
            _err(_("Lỗi: tệp báo cáo phải có đuôi .docx (Word), không phải «{suffix}»: ví dụ -o bao-cao.docx "
                   "(thêm --pdf để có cả bản PDF).").format(suffix=output.suffix))
            return 2
        output = output.with_name(output.name + ".docx")  # "bao-cao-31.12.2023" → "bao-cao-31.12.2023.docx"
    as_of = args.as_of or date.today()
    resolution = int(args.resolution) if args.resolution.strip().isdigit() else args.resolution
    with _open(args) as db:
        result = export_study_report(db, resolution, as_of, output, scope_body_id=_find_scope(db, args.scope),
                                     profile=args.profile)
    for w in result.warnings:
        _note(w)
    _out(_("Đã xuất «{path}».").format(path=result.path))
    if args.pdf:
        _out(_("Đã tạo PDF «{path}».").format(path=convert_to_pdf(result.path)))
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
        _err(_("Lỗi: --upper chỉ dùng với --from tcvn3 (phông chữ hoa .VnTimeH); bảng mã VNI có sẵn chữ hoa."))
        return 2
    if args.text is not None:
        text = args.text
    else:
        path = Path(args.file)
        if not path.exists():
            _err(_("Lỗi: không có tệp «{path}»; hãy kiểm tra lại tên và thư mục của tệp.").format(path=path))
            return 2
        if path.is_dir():
            _err(_("Lỗi: «{path}» là một thư mục, không phải tệp văn bản.").format(path=path))
            return 2
        try:
            data = path.read_bytes()
        except OSError as exc:
            _err(_("Lỗi: không đọc được tệp «{path}»: {reason}.").format(path=path, reason=describe_os_error(exc)))
            return 2
        if b"\x00" in data:
            _err(_("Lỗi: «{path}» không phải tệp văn bản thuần (có byte 0); hãy lưu văn bản dưới dạng .txt "
                   "trước.").format(path=path))
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
        _err(_("Lỗi: không ghi được tệp «{path}»: {reason}.").format(path=target, reason=describe_os_error(exc)))
        return 2
    _out(ngettext("Đã chuyển {count} ký tự sang Unicode, ghi vào «{path}».",
                  "Đã chuyển {count} ký tự sang Unicode, ghi vào «{path}».", len(converted)).format(
        count=format_int(len(converted)), path=target))
    return 0


def _cmd_backup(args) -> int:
    with _open(args) as db:
        dest = db.backup(args.path)
    _out(_("Đã sao lưu vào «{path}».").format(path=dest))
    return 0


def _cmd_check(args) -> int:
    from .reports.check import check_database

    with _open(args, writes=args.repair) as db:
        if args.repair:
            from .ops.log_summary import repair_log_summaries

            repaired = repair_log_summaries(db)
            _out(_("Đã tính lại bảng tóm tắt tiến độ của {count} nhiệm vụ.").format(count=format_int(repaired)))
        problems = check_database(db)
    if problems:
        for p in problems:
            _err(f"- {p}")
        _err(ngettext("Phát hiện {count} vấn đề.", "Phát hiện {count} vấn đề.", len(problems)).format(
            count=format_int(len(problems))))
        return 1
    _out(_("Cơ sở dữ liệu tốt: {database}").format(database=db.display_name()))
    return 0


def _cmd_undo(args, redo: bool = False) -> int:
    from .ops import undo as undo_ops

    with _open(args, writes=True) as db:
        changes = undo_ops.redo(db) if redo else undo_ops.undo(db)
    _out(_("Đã thực hiện: {operation}").format(operation=changes.name))
    return 0


def _cmd_history(args) -> int:
    from .ops.names import display_name
    from .reports.journal import history

    with _open(args) as db:
        for entry in history(db, limit=args.limit):
            name = display_name(entry.name)
            if entry.undone:
                name = _("{operation} (đã hoàn tác)").format(operation=name)
            _out(f"{entry.at:%d/%m/%Y %H:%M}\t{entry.user_name}\t{name}")
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
    """Run one command; returns the exit code (usage errors and --help/--version raise SystemExit).
    The language of the messages is chosen for the command and restored afterwards, so code
    running in the same process (tests, embedded use) is not affected."""
    _use_utf8_console()
    previous = language()
    _choose_language(sys.argv[1:] if argv is None else argv)
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
    finally:
        set_language(previous)


def _language_code(text: str | None) -> str | None:
    """"en", "EN", "en_US.UTF-8" → "en"; None for an empty or unknown language."""
    code = (text or "").strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else None


def _choose_language(argv: list[str]) -> None:
    """The language of every message: ``--lang`` (anywhere before ``--``), else the environment
    variable NQDESK_LANG, else Vietnamese. Chosen before the parser is built, because its help
    texts are translated as they are written; argparse checks the value of ``--lang`` itself."""
    import os

    chosen = _language_code(os.environ.get(LANG_ENV))
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            chosen = _language_code(argv[i + 1]) or chosen
        elif arg.startswith("--lang="):
            chosen = _language_code(arg.partition("=")[2]) or chosen
    set_language(chosen or "vi")


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
            _err(_("Lỗi: {message}").format(message=exc))
        return 1
    except ValueError as exc:
        # A parser's own error (SymbolError, DeadlineError, DateError).
        _err(_("Lỗi: {message}").format(message=exc))
        return 1
    except OSError as exc:
        from .store.files import describe_os_error

        if getattr(exc, "filename", None):
            _err(_("Lỗi tệp «{path}»: {reason}.").format(path=exc.filename, reason=describe_os_error(exc)))
        else:
            _err(_("Lỗi tệp: {reason}.").format(reason=describe_os_error(exc)))
        return 1
    except KeyboardInterrupt:
        _err(_("Đã dừng."))
        return 130
    except Exception as exc:  # a bug: the user gets a short message, the log the traceback
        return _report_unexpected(args, exc)


def _is_import_failure(exc: Exception) -> bool:
    # ImportFailed is only looked up when its module was loaded (an import ran): importing it
    # here would cost every command the JSON importer and the ops package.
    module = sys.modules.get("desktop_app.interchange.reader")
    return module is not None and isinstance(exc, module.ImportFailed)


def _report_import_failure(exc) -> None:
    count = len(exc.problems)
    _err(ngettext("Không nhập được: tệp có {count} lỗi, chưa ghi gì vào cơ sở dữ liệu.",
                  "Không nhập được: tệp có {count} lỗi, chưa ghi gì vào cơ sở dữ liệu.", count).format(
        count=format_int(count)))
    for p in exc.problems[:200]:
        value = "" if p.value is None else " " + _("(giá trị: {value})").format(value=str(p.value)[:80])
        _err(f"- {p.message}{value}")
    if count > 200:
        _err(ngettext("… và {count} lỗi khác.", "… và {count} lỗi khác.", count - 200).format(
            count=format_int(count - 200)))


def _report_unexpected(args, exc: Exception) -> int:
    detail = f"{type(exc).__name__}: {exc}"
    log = _log_unexpected(args, exc)
    command = args.command or "nqdesk"
    if log:
        _err(_("Lỗi không mong đợi khi chạy lệnh «{command}» ({detail}); chi tiết đã ghi vào {log}. "
               "Đây là lỗi của chương trình, không phải do bạn. Hãy báo cho người quản trị kèm lệnh vừa chạy "
               "và tệp nhật ký trên.").format(command=command, detail=detail, log=log))
    else:
        _err(_("Lỗi không mong đợi khi chạy lệnh «{command}» ({detail}). Đây là lỗi của chương trình, "
               "không phải do bạn. Hãy báo cho người quản trị kèm lệnh vừa chạy.").format(
            command=command, detail=detail))
    return 1


def _log_unexpected(args, exc: Exception):
    """The log file the traceback went to, or None when there is no log file (then the
    traceback is not written anywhere: on a terminal it would only reach the user)."""
    from .logging_setup import log_exception, setup_logging

    try:
        if setup_logging() is None:
            return None
        # A log line: stays Vietnamese like every log line.
        return log_exception(f"nqdesk {args.command or ''}: lỗi không mong đợi",  # vocabulary
                             (type(exc), exc, exc.__traceback__))
    except Exception:  # the log must never hide the error itself
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

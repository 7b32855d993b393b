"""Generate realistic ``nqdesk/1`` data for benchmarks.

    python benchmarks/generate.py N [--out FILE.json] [--db PATH] [--seed S]

Writes N tasks in realistic proportions: about 40 bodies with codes, N/200 + 4
documents, programmes of 10–60 tasks (3–5 groups each), 0–3 coordinating bodies per
task, deadlines of every family the parser accepts, Vietnamese contents composed from
phrase lists (a known fraction mention "Đảng ủy", so a search for "dang uy" has hits)
and 0–4 progress entries per task (about 2.5 on average) with rising percents.

The output depends only on N and the seed. The file is written one programme at a
time, so the generator itself needs little memory even for N = 100,000. With ``--db``
the file is then imported through :func:`desktop_app.ops.interchange.import_data`, the
same path as ``nqdesk import-json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop_app.core.dates import format_date, to_roman
from desktop_app.core.symbols import parse_symbol

FORMAT = "nqdesk/1"
HERE = Path(__file__).resolve().parent
DEFAULT_OUT_DIR = HERE / "out"
DEFAULT_SEED = 20240701

# The share of tasks whose content names an "Đảng ủy" (nothing else in a task's search
# text folds to "dang uy"), so that search benchmarks have a known number of hits.
DANG_UY_FRACTION = 0.05
LAST_PROGRESS_DAY = date(2025, 12, 31)
# Progress dates go up to LAST_PROGRESS_DAY; the importer refuses reports dated after
# "today", so imports are checked as of that day at the latest.
IMPORT_TODAY = max(date.today(), LAST_PROGRESS_DAY)
FIRST_PROGRAM_DAY = date(2021, 3, 1)
LAST_PROGRAM_DAY = date(2025, 9, 30)

# --- bodies ---------------------------------------------------------------------------
# (code, name, short name, kind, parent code, valid_from, valid_to, weight as lead body)
BODIES: tuple[tuple, ...] = (
    ("TU", "Tỉnh ủy", "Tỉnh ủy", "party_committee", None, None, None, 0),
    ("BTVTU", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ", "party_committee", "TU", None, None, 1),
    ("VPTU", "Văn phòng Tỉnh ủy", "Văn phòng Tỉnh ủy", "advisory_body", "TU", None, None, 6),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy", "Ban Tổ chức", "advisory_body", "TU", None, None, 6),
    ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", "advisory_body", "TU", None, "2025-02-28", 6),
    ("BDVTU", "Ban Dân vận Tỉnh ủy", "Ban Dân vận", "advisory_body", "TU", None, "2025-02-28", 4),
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận", "advisory_body", "TU",
     "2025-03-01", None, 6),
    ("BNCTU", "Ban Nội chính Tỉnh ủy", "Ban Nội chính", "advisory_body", "TU", None, None, 4),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "Ủy ban Kiểm tra", "advisory_body", "TU", None, None, 4),
    ("TCT", "Trường Chính trị tỉnh", "Trường Chính trị", "other", "TU", None, None, 2),
    ("BCSĐ", "Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ban cán sự đảng UBND tỉnh", "party_delegation", "TU",
     None, None, 10),
    ("ĐĐHĐND", "Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn HĐND tỉnh", "party_delegation", "TU", None, None, 4),
    ("ĐĐMTTQ", "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đảng đoàn MTTQ tỉnh", "party_delegation", "TU",
     None, None, 4),
    ("ĐUK", "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh", "Đảng ủy Khối", "party_organisation", "TU",
     None, None, 3),
    ("ĐUQS", "Đảng ủy Quân sự tỉnh", "Đảng ủy Quân sự", "party_organisation", "TU", None, None, 2),
    ("ĐUCA", "Đảng ủy Công an tỉnh", "Đảng ủy Công an", "party_organisation", "TU", None, None, 2),
    ("ĐUBĐBP", "Đảng ủy Bộ đội Biên phòng tỉnh", "Đảng ủy Biên phòng", "party_organisation", "TU", None, None, 1),
    ("UBND", "Ủy ban nhân dân tỉnh", "UBND tỉnh", "state_agency", None, None, None, 8),
    ("HĐND", "Hội đồng nhân dân tỉnh", "HĐND tỉnh", "state_agency", None, None, None, 1),
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh", "state_agency", "UBND", None, None, 2),
    ("SNV", "Sở Nội vụ", "Sở Nội vụ", "state_agency", "UBND", None, None, 3),
    ("STC", "Sở Tài chính", "Sở Tài chính", "state_agency", "UBND", None, None, 3),
    ("SXD", "Sở Xây dựng", "Sở Xây dựng", "state_agency", "UBND", None, None, 2),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường", "state_agency", "UBND",
     None, None, 2),
    ("SCT", "Sở Công Thương", "Sở Công Thương", "state_agency", "UBND", None, None, 2),
    ("SGDĐT", "Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo", "state_agency", "UBND", None, None, 3),
    ("SYT", "Sở Y tế", "Sở Y tế", "state_agency", "UBND", None, None, 3),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "state_agency", "UBND",
     None, None, 2),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "state_agency", "UBND", None, None, 2),
    ("STP", "Sở Tư pháp", "Sở Tư pháp", "state_agency", "UBND", None, None, 1),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", "Sở Dân tộc và Tôn giáo", "state_agency", "UBND", None, None, 2),
    ("TTT", "Thanh tra tỉnh", "Thanh tra tỉnh", "state_agency", "UBND", None, None, 1),
    ("CAT", "Công an tỉnh", "Công an tỉnh", "state_agency", None, None, None, 2),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự", "state_agency", None, None, None, 2),
    ("BCHBĐBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ đội Biên phòng tỉnh", "state_agency", None, None, None, 1),
    ("BHXH", "Bảo hiểm xã hội tỉnh", "BHXH tỉnh", "state_agency", None, None, None, 1),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ tỉnh", "mass_organisation", None,
     None, None, 2),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "Hội Phụ nữ tỉnh", "mass_organisation", "UBMTTQ", None, None, 1),
    ("TĐTN", "Tỉnh đoàn", "Tỉnh đoàn", "mass_organisation", "UBMTTQ", None, None, 1),
    ("HND", "Hội Nông dân tỉnh", "Hội Nông dân tỉnh", "mass_organisation", "UBMTTQ", None, None, 1),
    ("LĐLĐ", "Liên đoàn Lao động tỉnh", "Liên đoàn Lao động tỉnh", "mass_organisation", "UBMTTQ", None, None, 1),
    ("HCCB", "Hội Cựu chiến binh tỉnh", "Hội Cựu chiến binh tỉnh", "mass_organisation", "UBMTTQ", None, None, 1),
)
PROGRAM_ISSUERS = (("TU", 5), ("BTVTU", 3), ("UBND", 2), ("ĐUK", 1))

# --- documents ------------------------------------------------------------------------
# (symbol pattern, issuing authorities, weight); {n} is the number, {y} the year.
DOCUMENT_KINDS = (
    ("{n}-NQ/TW", ("Ban Chấp hành Trung ương Đảng khóa XIII", "Bộ Chính trị"), 5),
    ("{n}-CT/TW", ("Ban Bí thư",), 3),
    ("{n}-KL/TW", ("Bộ Chính trị", "Ban Bí thư"), 4),
    ("{n}-QĐ/TW", ("Bộ Chính trị",), 1),
    ("{n}-NQ/TU", ("Ban Chấp hành Đảng bộ tỉnh", "Ban Thường vụ Tỉnh ủy"), 3),
    ("{n}-CT/TU", ("Ban Thường vụ Tỉnh ủy",), 2),
    ("{n}/NQ-CP", ("Chính phủ",), 2),
    ("{n}/{y}/NQ-HĐND", ("Hội đồng nhân dân tỉnh",), 1),
)
DOCUMENT_SUBJECTS = (
    "về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ "
    "Tổ quốc trong giai đoạn mới",
    "về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ngày càng phồn vinh, "
    "hạnh phúc",
    "về Chiến lược bảo vệ Tổ quốc trong tình hình mới",
    "về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức đáp ứng yêu cầu phát triển đất nước nhanh và "
    "bền vững",
    "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên",
    "về tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
    "về phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi",
    "về xây dựng và phát triển văn hóa, con người Việt Nam đáp ứng yêu cầu phát triển bền vững đất nước",
    "về tam nông: nông nghiệp, nông dân, nông thôn đến năm 2030, tầm nhìn đến năm 2045",
    "về xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh",
    "về tăng cường công tác bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái",
    "về phát triển kinh tế cửa khẩu và khu kinh tế cửa khẩu đến năm 2030",
    "về đổi mới căn bản, toàn diện giáo dục và đào tạo",
    "về tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân trong tình hình mới",
    "về công tác cán bộ và bảo vệ chính trị nội bộ",
    "về nâng cao chất lượng, hiệu quả công tác kiểm tra, giám sát và kỷ luật đảng",
    "về phát triển du lịch trở thành ngành kinh tế mũi nhọn",
    "về quản lý, khai thác, sử dụng tài nguyên, bảo vệ môi trường, ứng phó với biến đổi khí hậu",
    "về phát triển hạ tầng giao thông, đô thị và nông thôn mới",
)

# --- programme text -------------------------------------------------------------------
GROUP_TITLES = (
    "Công tác tuyên truyền, quán triệt, nâng cao nhận thức",
    "Hoàn thiện thể chế, cơ chế, chính sách",
    "Nâng cao hiệu lực, hiệu quả quản lý nhà nước",
    "Tăng cường sự lãnh đạo của cấp ủy, tổ chức đảng",
    "Phát triển nguồn nhân lực, nâng cao chất lượng đội ngũ cán bộ",
    "Huy động và sử dụng hiệu quả các nguồn lực",
    "Ứng dụng khoa học, công nghệ và chuyển đổi số",
    "Bảo đảm quốc phòng, an ninh, giữ vững ổn định chính trị",
    "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
    "Chăm lo đời sống vật chất, tinh thần của Nhân dân",
    "Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số, vùng biên giới",
    "Kiểm tra, giám sát, sơ kết, tổng kết việc thực hiện",
    "Hợp tác, hội nhập và đối ngoại",
    "Bảo vệ môi trường, ứng phó với biến đổi khí hậu",
)
ACTIONS = (
    "Tổ chức học tập, quán triệt, tuyên truyền",
    "Xây dựng và triển khai kế hoạch thực hiện",
    "Rà soát, sửa đổi, bổ sung các quy định về",
    "Kiểm tra, giám sát việc thực hiện",
    "Tham mưu ban hành đề án về",
    "Chỉ đạo triển khai đồng bộ các giải pháp về",
    "Nghiên cứu, đề xuất cơ chế, chính sách về",
    "Đẩy mạnh thực hiện",
    "Nâng cao chất lượng, hiệu quả",
    "Hướng dẫn, đôn đốc các cơ quan, đơn vị thực hiện",
    "Sơ kết, đánh giá kết quả thực hiện",
    "Xây dựng cơ sở dữ liệu và ứng dụng công nghệ thông tin trong",
    "Bố trí nguồn lực, kinh phí thực hiện",
    "Tổ chức hội nghị chuyên đề về",
    "Biểu dương, khen thưởng tập thể, cá nhân điển hình trong",
)
OBJECTS = (
    "chính sách đối với người có công với cách mạng",
    "công tác giảm nghèo bền vững",
    "chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
    "chuyển đổi số trong các cơ quan của hệ thống chính trị",
    "công tác cán bộ, quy hoạch, đào tạo, bồi dưỡng cán bộ",
    "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "phát huy vai trò của đội ngũ trí thức",
    "củng cố khối đại đoàn kết toàn dân tộc",
    "xây dựng khu vực phòng thủ vững chắc",
    "phòng, chống tham nhũng, lãng phí, tiêu cực",
    "cải cách hành chính, cải thiện môi trường đầu tư kinh doanh",
    "bảo hiểm xã hội, bảo hiểm y tế toàn dân",
    "phát triển kinh tế cửa khẩu, thương mại biên giới",
    "bảo tồn và phát huy giá trị văn hóa các dân tộc",
    "nâng cao chất lượng giáo dục ở vùng khó khăn",
    "chăm sóc sức khỏe ban đầu cho Nhân dân",
    "xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "công tác dân vận của hệ thống chính trị",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "quản lý đất đai, tài nguyên, khoáng sản",
)
SCOPES = (
    "trên địa bàn tỉnh",
    "tại các huyện, thành phố",
    "trong các cơ quan, đơn vị, doanh nghiệp",
    "ở vùng đồng bào dân tộc thiểu số, vùng biên giới",
    "trong toàn Đảng bộ tỉnh",
    "ở cấp xã",
    "",
)
TAILS = (
    "",
    "",
    "; định kỳ báo cáo kết quả về Ban Thường vụ Tỉnh ủy",
    "; gắn với thực hiện nhiệm vụ chính trị của địa phương",
    ", bảo đảm thiết thực, hiệu quả, tránh hình thức",
    "; lồng ghép với các chương trình, đề án đang triển khai",
)
# Each of these, and nothing else in a task's content, product or group, folds to "dang uy".
DANG_UY_PHRASES = (
    "; Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh chỉ đạo thực hiện trong các tổ chức đảng trực thuộc",
    "; phối hợp với Đảng ủy Quân sự tỉnh, Đảng ủy Công an tỉnh",
    "; các Đảng ủy xã, phường, thị trấn xây dựng kế hoạch cụ thể",
    "; lấy ý kiến Đảng ủy Bộ đội Biên phòng tỉnh",
)
PRODUCTS = (
    "Kế hoạch", "Kế hoạch", "Báo cáo", "Đề án", "Nghị quyết", "Quyết định", "Hướng dẫn", "Chương trình",
    "Báo cáo sơ kết", "Báo cáo tổng kết", "Hội nghị", "Tờ trình", "Quy định", "",
)
PROGRESS_NOTES = (
    "Đã ban hành kế hoạch triển khai; đang tổ chức thực hiện.",
    "Đã tổ chức hội nghị quán triệt tại {k}/11 huyện, thành phố.",
    "Đang xây dựng dự thảo, lấy ý kiến các cơ quan liên quan.",
    "Đã trình Ban Thường vụ Tỉnh ủy cho ý kiến; đang hoàn thiện.",
    "Hoàn thành khảo sát tại {k} xã; tổng hợp kết quả.",
    "Đã bố trí kinh phí; triển khai theo tiến độ.",
    "Đang rà soát văn bản; dự kiến hoàn thành trong quý tới.",
    "Đã kiểm tra {k} cơ quan, đơn vị; ban hành thông báo kết luận.",
)
DONE_NOTES = (
    "Hoàn thành; đã ban hành văn bản.",
    "Hoàn thành nhiệm vụ, đã báo cáo Thường trực Tỉnh ủy.",
    "Đã tổ chức sơ kết; nhiệm vụ hoàn thành.",
)
FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Hoàng", "Nông", "Lương", "Vi", "Lăng", "Hà", "Đinh", "Phạm", "Triệu")
MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng")
GIVEN_NAMES = ("Hà", "Khánh", "Tuấn", "Lan", "Hùng", "Dũng", "Thảo", "Bình", "Hương", "Sơn", "Nga", "Phong")
EVENT_DEADLINES = (
    "Sau khi Trung ương ban hành hướng dẫn",
    "Sau khi Chính phủ ban hành nghị định",
    "Sau khi có kết luận của Bộ Chính trị",
    "Khi có hướng dẫn của Trung ương",
)
# Deadline families, weighted as they appear in real appendices.
DEADLINE_FAMILIES = (
    ("date", 12), ("before_date", 10), ("month", 10), ("quarter", 20), ("half_year", 8), ("year", 12),
    ("period", 5), ("continuous", 13), ("yearly", 5), ("event", 3), ("none", 2),
)
PROGRESS_COUNT_WEIGHTS = (10, 12, 20, 30, 28)  # 0..4 entries: mean ≈ 2.54


@dataclass
class Summary:
    """What was generated (for the benchmark to print next to its figures)."""

    seed: int
    tasks: int = 0
    programs: int = 0
    bodies: int = 0
    documents: int = 0
    coordinators: int = 0
    progress: int = 0
    completed: int = 0
    dang_uy_tasks: int = 0
    deadline_kinds: dict[str, int] = field(default_factory=dict)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _month_after(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


def _kind_name(symbol: str, _cache: dict[str, str] = {}) -> str:  # noqa: B006 - a deliberate cache
    if symbol not in _cache:
        _cache[symbol] = parse_symbol(symbol).kind_name or "văn bản"
    return _cache[symbol]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def bodies_data() -> list[dict]:
    return [
        {"key": code, "code": code, "name": name, "short_name": short, "kind": kind, "parent": parent,
         "valid_from": valid_from, "valid_to": valid_to, "note": ""}
        for code, name, short, kind, parent, valid_from, valid_to, _w in BODIES
    ]


def documents_data(rng: random.Random, count: int) -> list[dict]:
    numbers: dict[str, int] = {}
    docs = []
    for _ in range(count):
        pattern, authorities, _w = rng.choices(DOCUMENT_KINDS, weights=[k[2] for k in DOCUMENT_KINDS])[0]
        issued = _day_between(rng, date(2019, 1, 1), date(2025, 6, 30))
        numbers[pattern] = numbers.get(pattern, rng.randint(1, 20)) + rng.randint(1, 3)
        symbol = str(parse_symbol(pattern.format(n=numbers[pattern], y=issued.year)))
        docs.append({
            "key": symbol, "symbol": symbol, "issue_date": issued.isoformat(),
            "issuing_authority": rng.choice(authorities), "subject": rng.choice(DOCUMENT_SUBJECTS),
            "classification": "Mật" if rng.random() < 0.03 else None,
        })
    return docs


def _deadline(rng: random.Random, family: str, assigned: date) -> str | None:
    """A deadline of *family* that does not fall before *assigned* (the importer refuses that)."""
    if family == "date" or family == "before_date":
        due = assigned + timedelta(days=rng.randint(20, 900))
        text = format_date(due) if rng.random() < 0.8 else f"{due.day}/{due.month}/{due.year}"
        return text if family == "date" else f"Trước ngày {text}"
    if family == "month":
        year, month = _month_after(assigned, rng.randint(1, 30))
        return f"Tháng {month}/{year}" if rng.random() < 0.8 else f"tháng {month:02d}/{year}"
    if family == "quarter":
        year, month = _month_after(assigned, rng.randint(0, 33))
        quarter = (month - 1) // 3 + 1
        return f"Quý {to_roman(quarter)}/{year}"
    if family == "half_year":
        year = assigned.year + rng.randint(0, 2)
        first_half = rng.random() < 0.5 and (year > assigned.year or assigned.month <= 6)
        return f"6 tháng {'đầu' if first_half else 'cuối'} năm {year}"
    if family == "year":
        return f"Năm {assigned.year + rng.randint(0, 4)}"
    if family == "period":
        start = assigned.year + rng.randint(0, 1)
        return f"Giai đoạn {start} - {rng.choice((2025, 2026, 2030, 2030, 2035)) if start < 2025 else 2030}"
    if family == "continuous":
        return "Thường xuyên"
    if family == "yearly":
        return "Hằng năm" if rng.random() < 0.8 else "Hàng năm"
    if family == "event":
        return rng.choice(EVENT_DEADLINES)
    return None


def _progress(rng: random.Random, assigned: date, lead_short: str, lead_code: str, summary: Summary) -> list[dict]:
    count = rng.choices(range(5), weights=PROGRESS_COUNT_WEIGHTS)[0]
    if count == 0 or assigned > LAST_PROGRESS_DAY:
        return []
    days = sorted(_day_between(rng, assigned, LAST_PROGRESS_DAY) for _ in range(count))
    completes = rng.random() < 0.35
    reporter = f"{_person(rng)} ({lead_short})"
    entries: list[dict] = []
    percent = 0
    for i, day in enumerate(days):
        done = completes and i == count - 1
        corrects = None
        if done:
            percent = 100
            note = rng.choice(DONE_NOTES)
        else:
            if i > 0 and rng.random() < 0.03:
                corrects = i - 1  # a correction of the previous report (đính chính)
                percent = max(5, percent - rng.randint(5, 15))
            else:
                percent = min(95, percent + rng.randint(10, 35))
            note = rng.choice(PROGRESS_NOTES).format(k=rng.randint(2, 11))
        entries.append({
            "date": day.isoformat(), "percent": percent, "completed": done, "note": note,
            "reported_by": reporter, "evidence": f"Báo cáo số {rng.randint(1, 399)}-BC/{lead_code}",
            "corrects": corrects, "recorded_by": "chuyenvien.vptu",
            "recorded_at": datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59)).isoformat(),
        })
    summary.progress += len(entries)
    summary.completed += int(completes)
    return entries


def _task_sizes(rng: random.Random, n_tasks: int) -> Iterator[int]:
    """Programme sizes of 10–60 tasks adding up to exactly *n_tasks* (fewer only if n < 10)."""
    remaining = n_tasks
    while remaining > 0:
        if remaining <= 60:
            size = remaining
        else:
            size = rng.randint(10, 60)
            if remaining - size < 10:
                size = remaining - 10
        remaining -= size
        yield size


def iter_programs(rng: random.Random, n_tasks: int, documents: list[dict], summary: Summary) -> Iterator[dict]:
    bodies = BODIES
    lead_weights = [b[7] for b in bodies]
    validity = {b[0]: (date.fromisoformat(b[5]) if b[5] else date.min, date.fromisoformat(b[6]) if b[6] else date.max)
                for b in bodies}
    short = {b[0]: b[2] for b in bodies}
    codes = [b[0] for b in bodies]
    families = DEADLINE_FAMILIES
    numbers: dict[str, int] = {}
    for size in _task_sizes(rng, n_tasks):
        issuer = _weighted(rng, PROGRAM_ISSUERS)
        issued = _day_between(rng, FIRST_PROGRAM_DAY, LAST_PROGRAM_DAY)
        status = _weighted(rng, (("issued", 90), ("submitted", 4), ("consulting", 3), ("drafting", 3)))
        kind = "KH" if issuer == "UBND" or rng.random() < 0.15 else "CTr"
        numbers[issuer] = numbers.get(issuer, 0) + rng.randint(1, 4)
        docs = rng.sample(documents, k=min(len(documents), rng.choice((1, 1, 1, 2))))
        first = docs[0]
        title = (f"thực hiện {_kind_name(first['symbol'])} số {first['symbol']}, ngày {format_date(date.fromisoformat(first['issue_date']))} "
                 f"của {first['issuing_authority']} {first['subject']}")
        n_groups = min(size, rng.randint(3, 5))
        groups = rng.sample(GROUP_TITLES, n_groups)
        # Each group gets at least one task, contiguous, in appendix order.
        cuts = sorted(rng.sample(range(1, size), n_groups - 1)) if n_groups > 1 else []
        bounds = [0, *cuts, size]
        tasks = []
        for g, group in enumerate(groups):
            group_title = f"{to_roman(g + 1)}. {group}"
            for _ in range(bounds[g + 1] - bounds[g]):
                assigned = issued if rng.random() < 0.8 else issued + timedelta(days=rng.randint(1, 120))
                while True:
                    lead = rng.choices(codes, weights=lead_weights)[0]
                    lo, hi = validity[lead]
                    if lo <= assigned <= hi:
                        break
                coordinators: list[str] = []
                for _c in range(rng.choices((0, 1, 2, 3), weights=(25, 35, 25, 15))[0]):
                    other = rng.choice(codes)
                    lo, hi = validity[other]
                    if other != lead and other not in coordinators and lo <= assigned <= hi:
                        coordinators.append(other)
                scope = rng.choice(SCOPES)
                content = f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}{' ' + scope if scope else ''}"
                if rng.random() < DANG_UY_FRACTION:
                    content += rng.choice(DANG_UY_PHRASES)
                    summary.dang_uy_tasks += 1
                content += rng.choice(TAILS) + "."
                family = _weighted(rng, families)
                summary.deadline_kinds[family] = summary.deadline_kinds.get(family, 0) + 1
                tasks.append({
                    "group": group_title, "content": content, "lead_body": lead,
                    "coordinating_bodies": coordinators, "product": rng.choice(PRODUCTS),
                    "deadline": _deadline(rng, family, assigned), "assigned_date": assigned.isoformat(),
                    "note": "" if rng.random() < 0.9 else "Nhiệm vụ trọng tâm.",
                    "progress": _progress(rng, assigned, short[lead], lead, summary),
                })
                summary.coordinators += len(coordinators)
        summary.tasks += len(tasks)
        summary.programs += 1
        yield {
            "kind": kind, "title": title, "issuing_body": issuer, "documents": [d["key"] for d in docs],
            "number": numbers[issuer] if status == "issued" else None,
            "issue_date": issued.isoformat() if status == "issued" else None,
            "place": "Lạng Sơn", "status": status,
            "draft_round": rng.randint(1, 3) if status in ("drafting", "consulting") else None,
            "classification": None,
            "sections": {
                "opening": "",
                "purpose": "Quán triệt sâu sắc quan điểm, mục tiêu, nhiệm vụ, giải pháp của Nghị quyết; "
                           "cụ thể hóa phù hợp với điều kiện thực tế của tỉnh.",
                "objectives": "Đến năm 2030, hoàn thành các chỉ tiêu chủ yếu đề ra trong Nghị quyết.",
                "tasks": "Nhiệm vụ cụ thể tại Phụ lục kèm theo.",
                "organisation": "Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp, định kỳ báo cáo Ban Thường vụ "
                                "Tỉnh ủy.",
            },
            "signing": {"authority": "T/M BAN THƯỜNG VỤ" if issuer != "UBND" else "T/M ỦY BAN NHÂN DÂN",
                        "mode": "T/M", "title": "BÍ THƯ" if issuer != "UBND" else "CHỦ TỊCH",
                        "name": _person(rng)},
            "recipients": ["Ban Bí thư Trung ương Đảng (b/c),", "Các đồng chí Tỉnh ủy viên,",
                           "Các sở, ban, ngành, đoàn thể tỉnh,", "Lưu Văn phòng Tỉnh ủy."],
            "tasks": tasks,
        }


def document_count(n_tasks: int) -> int:
    return n_tasks // 200 + 4


def write_json(n_tasks: int, out: str | Path, seed: int = DEFAULT_SEED) -> Summary:
    """Write the data for *n_tasks* tasks to *out*, one programme at a time."""
    rng = random.Random(seed)
    summary = Summary(seed=seed)
    bodies = bodies_data()
    documents = documents_data(rng, document_count(n_tasks))
    summary.bodies, summary.documents = len(bodies), len(documents)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"format":"nqdesk/1",\n"note":' + dumps(f"Dữ liệu thử hiệu năng: {n_tasks} nhiệm vụ, seed {seed}.")
                + ',\n"settings":{"due_soon_days":14,"place":"Lạng Sơn"},\n"bodies":[\n')
        f.write(",\n".join(dumps(b) for b in bodies))
        f.write('],\n"documents":[\n')
        f.write(",\n".join(dumps(d) for d in documents))
        f.write('],\n"programs":[\n')
        for i, program in enumerate(iter_programs(rng, n_tasks, documents, summary)):
            f.write((",\n" if i else "") + dumps(program))
        f.write("]}\n")
    tmp.replace(out)
    return summary


def generate(n_tasks: int, seed: int = DEFAULT_SEED) -> tuple[dict, Summary]:
    """The same data as :func:`write_json`, in memory (for small N and for tests)."""
    rng = random.Random(seed)
    summary = Summary(seed=seed)
    bodies = bodies_data()
    documents = documents_data(rng, document_count(n_tasks))
    summary.bodies, summary.documents = len(bodies), len(documents)
    data = {
        "format": FORMAT, "note": f"Dữ liệu thử hiệu năng: {n_tasks} nhiệm vụ, seed {seed}.",
        "settings": {"due_soon_days": 14, "place": "Lạng Sơn"}, "bodies": bodies, "documents": documents,
        "programs": list(iter_programs(rng, n_tasks, documents, summary)),
    }
    return data, summary


def import_into(db_path: str, json_path: Path) -> dict:
    """Import the file into *db_path* through the program's own import (timed)."""
    from desktop_app.interchange.reader import load_json
    from desktop_app.ops.interchange import import_data
    from desktop_app.store.db import open_database

    t0 = time.perf_counter()
    data = load_json(json_path)
    t1 = time.perf_counter()
    db = open_database(db_path, create=True)
    try:
        t2 = time.perf_counter()
        report = import_data(db, data, source=json_path.name, today=IMPORT_TODAY)
        t3 = time.perf_counter()
    finally:
        db.close()
    return {"load_json_s": t1 - t0, "import_s": t3 - t2, "summary": report.summary(),
            "backup": str(report.backup) if report.backup else None}


def bench_database(tasks: int, db: Path | None = None) -> Path:
    """The benchmarks' database of *tasks* tasks (``benchmarks/out/bench-N/bench.sqlite3``
    unless *db* names one), generated and imported first when it does not exist."""
    db_path = db or DEFAULT_OUT_DIR / f"bench-{tasks}" / "bench.sqlite3"
    if not db_path.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        json_path = db_path.parent / f"tasks-{tasks}.json"
        print(f"building {db_path} ({tasks:,} tasks)…", flush=True)
        main([str(tasks), "--out", str(json_path), "--db", str(db_path)])
    return db_path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("tasks", type=int, metavar="N", help="number of tasks")
    p.add_argument("--out", type=Path, help="JSON file to write (default benchmarks/out/tasks-N.json)")
    p.add_argument("--db", help="also import the file into this SQLite database (path or URL)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = p.parse_args(argv)
    if args.tasks < 1:
        p.error("N must be at least 1")
    out = args.out or DEFAULT_OUT_DIR / f"tasks-{args.tasks}.json"
    t0 = time.perf_counter()
    summary = write_json(args.tasks, out, args.seed)
    print(f"wrote {out} in {time.perf_counter() - t0:.2f} s: {summary.tasks} tasks, {summary.programs} programmes, "
          f"{summary.bodies} bodies, {summary.documents} documents, {summary.coordinators} coordinating links, "
          f"{summary.progress} progress entries ({summary.completed} tasks completed), "
          f"{summary.dang_uy_tasks} tasks mentioning «Đảng ủy»")
    if args.db:
        result = import_into(args.db, Path(out))
        print(f"imported into {args.db}: load_json {result['load_json_s']:.2f} s, import_data {result['import_s']:.2f} s")
        print(result["summary"])
    return 0


if __name__ == "__main__":
    sys.exit(main())

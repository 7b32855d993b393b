"""Add the seed's study round to the demo data (desktop_app/resources/demo/langson_tw8.json).

Adds the grassroots party organisations of the Đảng ủy Khối các cơ quan tỉnh (ĐUK) with
member counts summing to 4.336, the relayed national conference of 04/12/2023 (1 bloc
point + 63 grassroots points = 64, 3.113 attendees; leaders also at the Tỉnh ủy's
provincial point; 3.252 members studied = 75%; every organisation represented) and a
make-up session in January 2024. Deterministic; running it again replaces what it added.
The numbers and names are illustrative.

    python tools/make_study_demo.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "desktop_app" / "resources" / "demo" / "langson_tw8.json"
SCOPE = "ĐUK"
DOCS = ["42-NQ/TW", "43-NQ/TW", "44-NQ/TW", "45-NQ/TW"]
MEMBERS, STUDIED, ATTENDEES, NON_MEMBERS, PROVINCIAL = 4336, 3252, 3113, 156, 295

HOSTING = [  # 63 grassroots organisations that each hosted a bridge point
    "Đảng bộ Cơ quan Tỉnh ủy", "Đảng bộ Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Đảng bộ Văn phòng UBND tỉnh",
    "Đảng bộ Sở Nội vụ", "Đảng bộ Sở Tài chính", "Đảng bộ Sở Kế hoạch và Đầu tư",
    "Đảng bộ Sở Lao động, Thương binh và Xã hội", "Đảng bộ Sở Nông nghiệp và PTNT", "Đảng bộ Sở Giáo dục và Đào tạo",
    "Đảng bộ Sở Y tế", "Đảng bộ Sở Giao thông vận tải", "Đảng bộ Sở Xây dựng", "Đảng bộ Sở Tài nguyên và Môi trường",
    "Đảng bộ Sở Công Thương", "Đảng bộ Sở Văn hóa, Thể thao và Du lịch", "Đảng bộ Sở Khoa học và Công nghệ",
    "Đảng bộ Sở Thông tin và Truyền thông", "Đảng bộ Sở Tư pháp", "Đảng bộ Sở Ngoại vụ", "Đảng bộ Thanh tra tỉnh",
    "Đảng bộ Ban Dân tộc tỉnh", "Đảng bộ Viện Kiểm sát nhân dân tỉnh", "Đảng bộ Tòa án nhân dân tỉnh",
    "Đảng bộ Cục Thi hành án dân sự tỉnh", "Đảng bộ Cục Thuế tỉnh", "Đảng bộ Cục Hải quan tỉnh",
    "Đảng bộ Kho bạc Nhà nước tỉnh", "Đảng bộ Bảo hiểm xã hội tỉnh", "Đảng bộ Ngân hàng Nhà nước chi nhánh tỉnh",
    "Đảng bộ Ngân hàng Chính sách xã hội chi nhánh tỉnh", "Đảng bộ Cục Thống kê tỉnh",
    "Đảng bộ Bệnh viện Đa khoa tỉnh", "Đảng bộ Bệnh viện Y học cổ truyền tỉnh", "Đảng bộ Bệnh viện Phổi tỉnh",
    "Đảng bộ Trung tâm Kiểm soát bệnh tật tỉnh", "Đảng bộ Trường Cao đẳng Sư phạm Lạng Sơn",
    "Đảng bộ Trường Cao đẳng Y tế Lạng Sơn", "Đảng bộ Trường Cao đẳng nghề Lạng Sơn",
    "Đảng bộ Trường Chính trị Hoàng Văn Thụ", "Đảng bộ Đài Phát thanh và Truyền hình tỉnh", "Đảng bộ Báo Lạng Sơn",
    "Đảng bộ Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "Đảng bộ Chi cục Kiểm lâm tỉnh",
    "Đảng bộ Cơ quan Ủy ban MTTQ và các đoàn thể tỉnh", "Đảng bộ Liên đoàn Lao động tỉnh", "Đảng bộ Tỉnh đoàn",
    "Đảng bộ Hội Nông dân tỉnh", "Đảng bộ Hội Liên hiệp Phụ nữ tỉnh", "Đảng bộ Trường THPT Chuyên Chu Văn An",
    "Đảng bộ Trường THPT Việt Bắc", "Đảng bộ Trường THPT Dân tộc nội trú tỉnh",
    "Đảng bộ Ban Quản lý dự án đầu tư xây dựng tỉnh", "Đảng bộ Cục Quản lý thị trường tỉnh",
    "Đảng bộ Trung tâm Phục vụ hành chính công tỉnh", "Đảng bộ Bệnh viện Phục hồi chức năng tỉnh",
    "Đảng bộ Bệnh viện Nội tiết tỉnh", "Chi bộ Hội Cựu chiến binh tỉnh", "Chi bộ Liên minh Hợp tác xã tỉnh",
    "Chi bộ Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", "Chi bộ Hội Chữ thập đỏ tỉnh",
    "Chi bộ Hội Văn học Nghệ thuật tỉnh", "Chi bộ Quỹ Đầu tư phát triển tỉnh", "Chi bộ Bảo tàng tỉnh",
]
AT_BLOC_POINT = [  # small chi bộ that joined the bloc's own point
    "Chi bộ Thư viện tỉnh", "Chi bộ Hội Luật gia tỉnh", "Chi bộ Hội Người cao tuổi tỉnh",
    "Chi bộ Hội Nhà báo tỉnh", "Chi bộ Trung tâm Xúc tiến đầu tư tỉnh", "Chi bộ Công ty Xổ số kiến thiết tỉnh",
    "Chi bộ Ban Quản lý Khu di tích quốc gia đặc biệt tỉnh",
]


def spread(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Whole numbers proportional to *weights* summing exactly to *total* (each ≤ its cap)."""
    raw = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in raw]
    if caps:
        out = [min(o, c) for o, c in zip(out, caps)]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    while sum(out) < total:
        for i in order:
            if sum(out) < total and (not caps or out[i] < caps[i]):
                out[i] += 1
    return out


def build(data: dict) -> dict:
    rng = random.Random(20231204)
    names = HOSTING + AT_BLOC_POINT
    assert len(HOSTING) == 63 and len(set(names)) == len(names)
    added = set(names)
    data["bodies"] = [b for b in data["bodies"] if b["key"] not in added]
    data["bodies"] += [{"key": n, "code": None, "name": n, "short_name": "", "kind": "party_organisation",
                        "parent": SCOPE, "valid_from": None, "valid_to": None} for n in names]
    size = [rng.uniform(25, 160) if n.startswith("Đảng bộ") else rng.uniform(8, 25) for n in names]
    members = spread(MEMBERS, size)
    studied = spread(STUDIED, [m * rng.uniform(0.6, 0.9) for m in members], caps=[m - 1 for m in members])
    # leaders of the 59 largest organisations also sat at the Tỉnh ủy's point
    largest = sorted(range(len(names)), key=lambda i: -members[i])[:59]
    provincial = [0] * len(names)
    for i, n in zip(largest, spread(PROVINCIAL, [members[i] for i in largest])):
        provincial[i] = n
    at_point = [s - p for s, p in zip(studied, provincial)]
    non_members = spread(NON_MEMBERS, [m if i < 63 else 0.01 for i, m in enumerate(members)])
    assert sum(at_point) + sum(non_members) == ATTENDEES

    data["memberships"] = [{"body": n, "as_of": "2023-11-30", "members": m} for n, m in zip(names, members)]
    points = [{"name": "Điểm cầu Hội trường Tỉnh ủy", "host": "TU", "level": "provincial"},
              {"name": "Điểm cầu Đảng ủy Khối các cơ quan tỉnh", "host": SCOPE, "level": "bloc"}]
    points += [{"name": f"Điểm cầu {n}", "host": n, "level": "grassroots"} for n in HOSTING]
    rows = []
    for i, n in enumerate(names):
        rows.append({"body": n, "bridge_point": 2 + i if i < 63 else 1, "members": at_point[i],
                     "non_members": non_members[i], "newly_studied": at_point[i], "note": ""})
        if provincial[i]:
            rows.append({"body": n, "bridge_point": 0, "members": provincial[i], "non_members": 0,
                         "newly_studied": provincial[i], "note": "Đồng chí lãnh đạo dự tại điểm cầu tỉnh"})
    conference = {
        "title": "Hội nghị toàn quốc nghiên cứu, học tập, quán triệt, triển khai thực hiện Nghị quyết Hội nghị "
                 "lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
        "held_on": "2023-12-04", "level": "national_relayed", "organiser": SCOPE, "scope": SCOPE,
        "note": "Trực tuyến từ điểm cầu Trung ương tới 64 điểm cầu của Đảng bộ Khối.",
        "documents": DOCS, "bridge_points": points, "attendance": rows,
    }
    # the make-up session: the first half of the organisations (Vietnamese order not needed)
    # bring in every member still missing, three more bring half of theirs
    makeup_rows = []
    for i, n in enumerate(names):
        missing = members[i] - studied[i]
        come = missing if i % 2 == 0 and i < 40 else (missing // 2 if i in (41, 43, 45) else 0)
        if come:
            makeup_rows.append({"body": n, "bridge_point": 0, "members": come, "non_members": 0,
                                "newly_studied": come, "note": ""})
    makeup = {
        "title": "Học tập bù Nghị quyết Hội nghị Trung ương 8 khóa XIII cho đảng viên chưa dự hội nghị",
        "held_on": "2024-01-18", "level": "makeup", "organiser": SCOPE, "scope": SCOPE,
        "note": "Tổ chức cho đảng viên vắng mặt tại hội nghị ngày 04/12/2023.", "documents": DOCS,
        "bridge_points": [{"name": "Hội trường Đảng ủy Khối các cơ quan tỉnh", "host": SCOPE, "level": "bloc"}],
        "attendance": makeup_rows,
    }
    data["study_sessions"] = [conference, makeup]
    data["format"] = "nqdesk/2"
    return data


def main() -> None:
    data = json.loads(DEMO.read_text(encoding="utf-8"))
    data = build(data)
    DEMO.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

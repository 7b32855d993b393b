"""A small valid ``nqdesk/2`` file that uses every section and rule of the format: the base
of the hostile corpus and of the mutation fuzz."""

from __future__ import annotations

import copy
from datetime import date

TODAY = date(2026, 1, 1)


def _entry(day, percent, completed=False, corrects=None, note=""):
    return {"date": day, "percent": percent, "completed": completed, "note": note, "reported_by": "BTGTU",
            "evidence": "", "corrects": corrects, "recorded_by": "kiem-thu", "recorded_at": f"{day}T08:00:00"}


_BASE = {
    "format": "nqdesk/2",
    "settings": {"due_soon_days": 10, "place": "Lạng Sơn", "continuous_report_period": "quarter"},
    "bodies": [
        {"key": "TU", "code": "TU", "name": "Tỉnh ủy Lạng Sơn", "short_name": "Tỉnh ủy", "kind": "party_committee",
         "parent": None, "valid_from": None, "valid_to": None, "note": ""},
        {"key": "VPTU", "code": "VPTU", "name": "Văn phòng Tỉnh ủy", "short_name": "", "kind": "advisory_body",
         "parent": "TU", "valid_from": None, "valid_to": None, "note": ""},
        {"key": "BTGTU", "code": "BTGTU", "name": "Ban Tuyên giáo Tỉnh ủy", "short_name": "", "kind": "advisory_body",
         "parent": "TU", "valid_from": "2020-01-01", "valid_to": None, "note": ""},
        {"key": "ĐUK", "code": "ĐUK", "name": "Đảng bộ Khối các cơ quan tỉnh", "short_name": "",
         "kind": "party_organisation", "parent": "TU", "valid_from": None, "valid_to": None, "note": ""},
        {"key": "ĐBSYT", "code": "ĐBSYT", "name": "Đảng bộ Sở Y tế", "short_name": "", "kind": "party_organisation",
         "parent": "ĐUK", "valid_from": None, "valid_to": None, "note": ""},
        {"key": "UBND", "code": "UBND", "name": "Ủy ban nhân dân tỉnh", "short_name": "UBND tỉnh",
         "kind": "state_agency", "parent": None, "valid_from": None, "valid_to": None, "note": ""},
    ],
    "documents": [
        {"key": "42-NQ/TW", "symbol": "42-NQ/TW", "issue_date": "2023-11-24",
         "issuing_authority": "Ban Chấp hành Trung ương", "subject": "về tiếp tục đổi mới chính sách xã hội",
         "classification": None},
        {"key": "43-NQ/TW", "symbol": "43-NQ/TW", "issue_date": "2023-11-24",
         "issuing_authority": "Ban Chấp hành Trung ương", "subject": "về khối đại đoàn kết", "classification": None},
    ],
    "programs": [{
        "kind": "CTr", "title": "Chương trình hành động thực hiện Nghị quyết số 42-NQ/TW", "issuing_body": "TU",
        "documents": ["42-NQ/TW"], "number": 15, "issue_date": "2024-01-10", "place": "Lạng Sơn",
        "status": "issued", "draft_round": None, "classification": None,
        "sections": {"opening": "", "purpose": "Mục đích, yêu cầu", "objectives": "", "tasks": "",
                     "organisation": ""},
        "signing": {"authority": "T/M BAN THƯỜNG VỤ", "mode": "T/M", "title": "BÍ THƯ", "name": "Nguyễn Văn A"},
        "recipients": ["Ban Bí thư (b/c)", "Lưu VPTU"],
        "tasks": [
            {"group": "I. Quán triệt", "content": "Tổ chức quán triệt nghị quyết", "lead_body": "BTGTU",
             "coordinating_bodies": ["VPTU"], "product": "Kế hoạch", "deadline": "Quý I/2024",
             "assigned_date": "2024-01-10", "note": "",
             "progress": [_entry("2024-02-01", 50, note="Đang làm"), _entry("2024-03-20", 100, True),
                          _entry("2024-03-21", 90, corrects=1, note="Nhầm: chưa xong")]},
            {"group": "I. Quán triệt", "content": "Báo cáo kết quả hằng năm", "lead_body": "VPTU",
             "coordinating_bodies": [], "product": "", "deadline": "Hằng năm", "assigned_date": "2024-01-10",
             "note": "", "progress": [_entry("2024-12-01", 100, True)]},
            {"group": "II. Triển khai", "content": "Việc đã quá hạn", "lead_body": "BTGTU",
             "coordinating_bodies": ["ĐUK", "UBND"], "product": "", "deadline": "30/06/2024",
             "assigned_date": "2024-01-10", "note": "", "progress": []},
            {"group": "II. Triển khai", "content": "Việc thường xuyên của Ủy ban", "lead_body": "UBND",
             "coordinating_bodies": [], "product": "", "deadline": "Thường xuyên", "assigned_date": "2024-01-10",
             "note": "", "progress": [_entry("2024-04-01", 30)]},
        ],
    }],
    "memberships": [{"body": "ĐBSYT", "as_of": "2024-01-01", "members": 100}],
    "study_sessions": [{
        "title": "Hội nghị quán triệt Nghị quyết 42", "held_on": "2024-01-05", "level": "provincial",
        "organiser": "TU", "scope": "ĐUK", "note": "", "documents": ["42-NQ/TW"],
        "bridge_points": [{"name": "Hội trường Tỉnh ủy", "host": "TU", "level": "provincial"}],
        "attendance": [{"body": "ĐBSYT", "bridge_point": 0, "members": 80, "non_members": 5, "newly_studied": 80,
                        "note": ""}],
    }],
}


def base() -> dict:
    """A fresh copy of the valid base file."""
    return copy.deepcopy(_BASE)

"""An organisation whose member count was never entered: what it studied cannot be in the
percentages, and the figures, the study view, `nqdesk study-stats` and `nqdesk check` say so."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.ops import study
from desktop_app.reports.check import check_database
from desktop_app.reports.study import study_figures
from desktop_app.store.models import Body, PartyMembership

DAY = date(2023, 12, 31)


def _forget_member_count(db, name_start: str) -> str:
    with db.read() as s:
        body = s.scalars(select(Body).where(Body.name.like(f"{name_start}%"))).first()
        ids = list(s.scalars(select(PartyMembership.id).where(PartyMembership.body_id == body.id)))
        name = body.name
    for membership_id in ids:
        study.delete_member_count(db, membership_id)
    return name


def test_named_in_the_figures_and_by_check(demo_db, capsys):
    before = study_figures(demo_db, "45-NQ/TW", DAY)
    assert before.without_member_count == () and check_database(demo_db) == []
    name = _forget_member_count(demo_db, "Đảng bộ Sở Y tế")
    after = study_figures(demo_db, "45-NQ/TW", DAY)
    assert after.without_member_count == (name,)
    line = next(o for o in after.organisations if o.name == name)
    assert (line.members, line.studied) == (0, 0)
    assert after.members_total < before.members_total
    assert any(name in p and "chưa có số đảng viên" in p for p in check_database(demo_db))

    path = str(demo_db.path)
    assert main(["--db", path, "study-stats", "--resolution", "45-NQ/TW", "--as-of", "31/12/2023"]) == 0
    assert f"chưa có số đảng viên của 1 tổ chức ({name})" in capsys.readouterr().err


def test_shown_in_the_study_view_panel(demo_db):
    from desktop_app.gui import i18n
    from desktop_app.gui.views.study_view import figures_html

    i18n.set_language("vi")
    name = _forget_member_count(demo_db, "Đảng bộ Sở Y tế")
    html = figures_html(study_figures(demo_db, "45-NQ/TW", DAY))
    assert "Chưa có số đảng viên của 1 tổ chức" in html and name in html


def test_the_word_report_warns(demo_db):
    from desktop_app.export.study_docx import build_study_report

    name = _forget_member_count(demo_db, "Đảng bộ Sở Y tế")
    _document, warnings = build_study_report(demo_db, "45-NQ/TW", DAY)
    assert any(name in w and "Chưa có số đảng viên của 1 tổ chức" in w for w in warnings)

"""The quick search of the read side (CLI ``tasks --search``) matches body names, folded."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from desktop_app.core.text import fold
from desktop_app.reports.tasks import list_tasks
from desktop_app.store.models import Body, Task, TaskCoordinator

AS_OF = date(2024, 7, 1)


def _expected(db, phrase: str) -> set[int]:
    """Tasks whose own text, lead body or a coordinating body contains the folded phrase."""
    with db.read() as s:
        names = {b.id: fold(" ".join(filter(None, [b.name, b.short_name, b.code]))) for b in s.scalars(select(Body))}
        found = set()
        for t in s.scalars(select(Task)):
            coordinators = s.scalars(select(TaskCoordinator.body_id).where(TaskCoordinator.task_id == t.id))
            texts = [t.search_fold, names.get(t.lead_body_id, ""), *(names[b] for b in coordinators)]
            if any(phrase in text for text in texts):
                found.add(t.id)
    return found


def test_search_finds_tasks_by_lead_body_name(demo_db):
    with demo_db.read() as s:
        party = [b for b in s.scalars(select(Body)) if fold(b.name).startswith("dang uy")]
        led = {t.id for t in s.scalars(select(Task).where(Task.lead_body_id.in_([b.id for b in party])))}
        own_text = {t.id for t in s.scalars(select(Task)) if "dang uy" in t.search_fold}
    assert led - own_text  # the demo has "Đảng ủy …"-led tasks whose text does not say it
    found = {r.id for r in list_tasks(demo_db, AS_OF, search="Dang Uy")}
    assert led <= found
    assert found == _expected(demo_db, "dang uy")


def test_search_finds_tasks_by_coordinating_body(demo_db):
    with demo_db.read() as s:
        body = s.scalars(select(Body).where(Body.id.in_(select(TaskCoordinator.body_id)))).first()
        name = body.name
    found = {r.id for r in list_tasks(demo_db, AS_OF, search=name.upper())}
    assert found == _expected(demo_db, fold(name)) and found


def test_search_without_text_lists_everything_and_escapes_wildcards(demo_db):
    everything = list_tasks(demo_db, AS_OF)
    assert len(list_tasks(demo_db, AS_OF, search="  ")) == len(everything)
    assert {r.id for r in list_tasks(demo_db, AS_OF, search="%")} == _expected(demo_db, "%")  # a literal %

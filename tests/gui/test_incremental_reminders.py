"""The reminder digest follows changes incrementally (issue 12): after random edits,
reports, deletions, renames and undos through ``ctx.run`` it equals the digest computed
afresh from a full load, and the open panel is redrawn only when what it shows changed."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings

from desktop_app.errors import NqdeskError
from desktop_app.ops import bodies as body_ops
from desktop_app.ops import progress, tasks, undo
from desktop_app.ops.fields import BodyFields, ProgressFields, TaskFields
from desktop_app.reports.progress import reminder_digest
from desktop_app.reports.tasks import list_tasks


def _fresh(ctx):
    rows = list_tasks(ctx.db, ctx.as_of, due_soon_days=ctx.due_soon_days, with_coordinators=True)
    return reminder_digest(rows, ctx.as_of)


def _random_change(rng: random.Random, ctx) -> None:
    rows = ctx.task_rows()
    row = rng.choice(rows)
    kind = rng.randrange(7)
    day = ctx.as_of + timedelta(days=rng.randrange(-60, 60))
    if kind == 0:  # a deadline that moves the task into or out of the digest
        ctx.run(tasks.update_task, row.id, TaskFields(deadline=day.strftime("%d/%m/%Y")))
    elif kind == 1:  # another lead body: the task changes group
        body = rng.choice([r.lead_body_id for r in rows if r.lead_body_id is not None] + [None])
        ctx.run(tasks.update_task, row.id, TaskFields(lead_body_id=body))
    elif kind == 2:  # completed: leaves the digest
        ctx.run(progress.report_progress, row.id, ctx.as_of,
                ProgressFields(percent=100, completed=True), today=ctx.as_of)
    elif kind == 3:
        ctx.run(tasks.update_task, row.id, TaskFields(content=f"Nội dung sửa {rng.random():.4f}"))
    elif kind == 4:
        ctx.run(tasks.delete_task, row.id)
    elif kind == 5:  # a body renamed: every group of it shows the new name
        body = rng.choice([r.lead_body_id for r in rows if r.lead_body_id is not None])
        ctx.run(body_ops.update_body, body, BodyFields(name=f"Cơ quan đổi tên {rng.randrange(10_000)}"))
    else:
        ctx.run(undo.undo)


@pytest.mark.parametrize("seed", range(3))
def test_random_changes_keep_the_digest_equal_to_a_fresh_one(ctx, seed):
    rng = random.Random(seed)
    ctx.task_rows()
    assert ctx.reminder_groups() == _fresh(ctx)
    done = 0
    for _round in range(25):
        try:
            _random_change(rng, ctx)
        except NqdeskError:  # refused (a second completion, nothing to undo…): try another
            continue
        done += 1
        assert ctx.has_task_rows()  # followed incrementally, not reloaded
        assert ctx.reminder_groups() == _fresh(ctx)
    assert done >= 15


def test_the_open_panel_is_redrawn_only_when_the_digest_changes(qtbot, ctx, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow(ctx, QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.reminders.show_now()
    panel = window.reminders.panel
    drawn = []
    real = panel.set_groups
    panel.set_groups = lambda groups, as_of: (drawn.append(len(groups)), real(groups, as_of))
    listed = {r.id for g in panel.groups for r in g.overdue + g.due_soon}
    quiet = next(r for r in ctx.task_rows() if r.id not in listed and r.due_date is None)
    ctx.run(tasks.update_task, quiet.id, TaskFields(content="Không quá hạn, không sắp đến hạn"))
    assert drawn == []  # nothing the panel shows changed: the tree (what is opened) stays
    late = min(listed)
    ctx.run(tasks.update_task, late, TaskFields(deadline="31/12/2030"))
    assert len(drawn) == 1
    assert panel.groups == _fresh(ctx)
    assert late not in {r.id for g in panel.groups for r in g.overdue + g.due_soon}
    assert ctx.as_of == date(2024, 7, 1)

"""A hidden dashboard is not redrawn after each edit (issue 12): its figures are counted
when asked for and its charts drawn when it is shown again, then equal to a fresh count."""

from __future__ import annotations


from desktop_app.core.status import TaskStatus
from desktop_app.gui.views.dashboard_view import DashboardView
from desktop_app.gui.views.tasks_view import TasksView
from desktop_app.ops import bodies as body_ops
from desktop_app.ops import progress
from desktop_app.ops.fields import BodyFields, ProgressFields
from desktop_app.reports.progress import dashboard_from_rows
from desktop_app.reports.tasks import list_tasks


def _fresh(ctx, dash):
    rows = list_tasks(ctx.db, ctx.as_of, due_soon_days=ctx.due_soon_days)
    return dashboard_from_rows(rows, ctx.as_of, period=dash.board.period)


def _show(window, view) -> None:
    window.nav.setCurrentRow(window.views.index(view))


def test_hidden_dashboard_draws_on_show_and_counts_when_asked(window, monkeypatch):
    dash = next(v for v in window.views if isinstance(v, DashboardView))
    tasks = next(v for v in window.views if isinstance(v, TasksView))
    _show(window, dash)
    assert dash.isVisible()
    _show(window, tasks)
    assert not dash.isVisible()
    drawn = []
    real = dash._draw
    monkeypatch.setattr(dash, "_draw", lambda board: drawn.append(board) or real(board))
    ctx = window.ctx
    row = next(r for r in ctx.task_rows() if r.status == TaskStatus.NOT_STARTED)
    shown_before = dash.buttons["in_progress"].text()
    ctx.run(progress.report_progress, row.id, ctx.as_of, ProgressFields(percent=50), today=ctx.as_of)
    assert drawn == []  # hidden: nothing redrawn…
    assert dash.buttons["in_progress"].text() == shown_before
    assert dash.board == _fresh(ctx, dash)  # …yet the figures are current when asked for
    _show(window, dash)
    assert len(drawn) == 1 and drawn[0] == _fresh(ctx, dash)  # drawn once, when shown
    assert dash.buttons["in_progress"].text() != shown_before
    assert dash.buttons["in_progress"].text().startswith(str(dash.board.overall.in_progress))
    _show(window, dash)
    ctx.run(progress.report_progress, row.id, ctx.as_of, ProgressFields(percent=60), today=ctx.as_of)
    assert len(drawn) == 2  # shown: redrawn at once


def test_a_body_renamed_while_hidden_is_shown_with_its_new_name(window):
    dash = next(v for v in window.views if isinstance(v, DashboardView))
    tasks = next(v for v in window.views if isinstance(v, TasksView))
    _show(window, dash)
    body = next(b.body_id for b in dash.board.by_body if b.body_id is not None)
    _show(window, tasks)
    window.ctx.run(body_ops.update_body, body, BodyFields(name="Cơ quan mới đổi tên"))
    _show(window, dash)
    assert "Cơ quan mới đổi tên" in {b.name for b in dash.board.by_body}
    names = [dash.model.index(r, 0).data() for r in range(dash.model.rowCount())]
    assert "Cơ quan mới đổi tên" in names

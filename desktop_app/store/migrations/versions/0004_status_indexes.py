"""Covering indexes for the figures counted by the database (issue 12).

The dashboard (``reports.progress.dashboard``, ``nqdesk stats``, the periodic report)
summarises every task's effective progress log and derives each task's status in SQL
(``reports.status_sql``). Both read a few narrow columns of wide rows (notes, contents):
with these indexes the database reads them from the indexes alone instead of visiting
every row of ``progress_entries`` and ``tasks``.

- progress_entries (task_id, reported_on, completed, percent) replaces the index on
  task_id alone (it starts with task_id, so everything that used that one uses this);
- tasks (deadline_kind, due_date, assigned_date, lead_body_id).

Indexes only; no row changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ENTRY_COLUMNS = ["task_id", "reported_on", "completed", "percent"]
TASK_COLUMNS = ["deadline_kind", "due_date", "assigned_date", "lead_body_id"]


def upgrade() -> None:
    op.create_index(op.f("ix_progress_entries_" + "_".join(ENTRY_COLUMNS)), "progress_entries", ENTRY_COLUMNS)
    op.drop_index(op.f("ix_progress_entries_task_id"), table_name="progress_entries")
    op.create_index(op.f("ix_tasks_" + "_".join(TASK_COLUMNS)), "tasks", TASK_COLUMNS)


def downgrade() -> None:
    op.drop_index(op.f("ix_tasks_" + "_".join(TASK_COLUMNS)), table_name="tasks")
    op.create_index(op.f("ix_progress_entries_task_id"), "progress_entries", ["task_id"])
    op.drop_index(op.f("ix_progress_entries_" + "_".join(ENTRY_COLUMNS)), table_name="progress_entries")

"""The maintained log summary of each task (issue 12): ``task_log_summaries``.

What the status needs from a task's effective progress log (entries no later entry
corrects), over all its dates: latest report, earliest completion (overall and in the
latest report's year), the latest entry with a percent. The figures over all tasks read it
instead of summarising every entry (``reports.log_summary``); the operations rewrite a
task's row in the transaction that changes its log (``ops.log_summary``).

The covering index of the tasks' status columns (0004) now starts with the task id: the
dashboard reads the tasks in id order and so each one's summary, found by id, in order
(on 100,000 tasks the random look-ups cost ~50 ms more).

Created and filled here from the log, in one statement (an old backup restored or a file of
an older version gets its summaries on opening). Its own statement, not the program's: a
migration is frozen, the program's may change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _summaries_from_the_log():
    pe = sa.table("progress_entries", sa.column("id", sa.Integer), sa.column("task_id", sa.Integer),
                  sa.column("reported_on", sa.Date), sa.column("completed", sa.Boolean),
                  sa.column("percent", sa.Integer), sa.column("corrects_id", sa.Integer))
    corrected = sa.select(pe.c.corrects_id).where(pe.c.corrects_id.is_not(None)).scalar_subquery()
    ranked = sa.select(
        pe.c.task_id, pe.c.reported_on, pe.c.completed, pe.c.percent, pe.c.id,
        sa.func.max(pe.c.reported_on).over(partition_by=pe.c.task_id).label("last_on"),
        sa.func.row_number().over(partition_by=pe.c.task_id, order_by=(
            sa.case((pe.c.percent.is_(None), 1), else_=0), pe.c.reported_on.desc(), pe.c.id.desc())).label("rank"),
    ).where(pe.c.id.not_in(corrected)).subquery("ranked")
    r = ranked.c
    same_year = sa.func.extract("year", r.reported_on) == sa.func.extract("year", r.last_on)
    first_percent = sa.and_(r.rank == 1, r.percent.is_not(None))
    return sa.select(
        r.task_id,
        sa.func.max(r.last_on),
        sa.func.min(sa.case((r.completed, r.reported_on))),
        sa.func.min(sa.case((sa.and_(r.completed, same_year), r.reported_on))),
        sa.func.max(sa.case((first_percent, r.reported_on))),
        sa.func.max(sa.case((first_percent, r.id))),
        sa.func.max(sa.case((first_percent, r.percent))),
    ).group_by(r.task_id)


OLD_TASK_COLUMNS = ["deadline_kind", "due_date", "assigned_date", "lead_body_id"]
TASK_COLUMNS = ["id", *OLD_TASK_COLUMNS]


def upgrade() -> None:
    op.drop_index(op.f("ix_tasks_" + "_".join(OLD_TASK_COLUMNS)), table_name="tasks")
    op.create_index(op.f("ix_tasks_" + "_".join(TASK_COLUMNS)), "tasks", TASK_COLUMNS)
    summaries = op.create_table(
        "task_log_summaries",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("last_on", sa.Date(), nullable=False),
        sa.Column("done", sa.Date(), nullable=True),
        sa.Column("done_last_year", sa.Date(), nullable=True),
        sa.Column("percent_on", sa.Date(), nullable=True),
        sa.Column("percent_entry_id", sa.Integer(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["task_id"], ["tasks.id"], name=op.f("fk_task_log_summaries_task_id_tasks"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_task_log_summaries")),
    )
    op.create_index(op.f("ix_task_log_summaries_last_on"), "task_log_summaries", ["last_on"])
    op.execute(summaries.insert().from_select(
        ["task_id", "last_on", "done", "done_last_year", "percent_on", "percent_entry_id", "percent"],
        _summaries_from_the_log()))


def downgrade() -> None:
    op.drop_index(op.f("ix_task_log_summaries_last_on"), table_name="task_log_summaries")
    op.drop_table("task_log_summaries")
    op.drop_index(op.f("ix_tasks_" + "_".join(TASK_COLUMNS)), table_name="tasks")
    op.create_index(op.f("ix_tasks_" + "_".join(OLD_TASK_COLUMNS)), "tasks", OLD_TASK_COLUMNS)

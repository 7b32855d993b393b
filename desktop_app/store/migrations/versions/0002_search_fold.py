"""Folded search columns, so that "dang uy" finds "Đảng ủy" on SQLite and PostgreSQL.

SQLite's lower()/LIKE/NOCASE fold ASCII only and FTS5 does not fold đ, so the folded
text is computed in Python (desktop_app.core.text.fold) and stored next to the data.
Existing rows are filled here.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop_app.core.text import fold

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table -> the text columns that make up its search key (as of this revision)
FOLDED = {
    "bodies": ("name", "short_name", "code"),
    "documents": ("symbol", "subject", "issuing_authority"),
    "programs": ("title",),
    "tasks": ("content", "product", "group_title"),
}


def upgrade() -> None:
    for table in FOLDED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("search_fold", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    for table, columns in FOLDED.items():
        t = sa.table(table, sa.column("id"), sa.column("search_fold"), *(sa.column(c) for c in columns))
        rows = conn.execute(sa.select(t.c.id, *(t.c[c] for c in columns))).all()
        updates = [
            {"row_id": row[0], "fold": fold(" ".join(v for v in row[1:] if v))} for row in rows
        ]
        if updates:
            conn.execute(
                t.update().where(t.c.id == sa.bindparam("row_id")).values(search_fold=sa.bindparam("fold")),
                updates,
            )


def downgrade() -> None:
    for table in FOLDED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("search_fold")

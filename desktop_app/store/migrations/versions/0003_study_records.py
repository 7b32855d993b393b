"""Study and dissemination records (học tập, quán triệt): member counts of party
organisations, study sessions with their documents, bridge points and attendance.

New tables only; existing rows are untouched.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "party_memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_party_memberships_body_id_bodies"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_party_memberships")),
        sa.UniqueConstraint("body_id", "as_of", name=op.f("uq_party_memberships_body_id_as_of")),
        sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table("party_memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_party_memberships_body_id"), ["body_id"], unique=False)

    op.create_table(
        "study_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("level", sa.String(length=30), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=True),
        sa.Column("scope_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["organiser_id"], ["bodies.id"], name=op.f("fk_study_sessions_organiser_id_bodies"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["scope_id"], ["bodies.id"], name=op.f("fk_study_sessions_scope_id_bodies"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_sessions")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("study_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_study_sessions_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_sessions_scope_id"), ["scope_id"], unique=False)

    op.create_table(
        "study_session_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_study_session_documents_document_id_documents"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["session_id"], ["study_sessions.id"],
                                name=op.f("fk_study_session_documents_session_id_study_sessions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_session_documents")),
        sa.UniqueConstraint("session_id", "document_id", name=op.f("uq_study_session_documents_session_id_document_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("study_session_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_study_session_documents_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_session_documents_session_id"), ["session_id"], unique=False)

    op.create_table(
        "bridge_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(length=30), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["host_id"], ["bodies.id"], name=op.f("fk_bridge_points_host_id_bodies"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["session_id"], ["study_sessions.id"],
                                name=op.f("fk_bridge_points_session_id_study_sessions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bridge_points")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("bridge_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bridge_points_host_id"), ["host_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bridge_points_session_id_position"), ["session_id", "position"],
                              unique=False)

    op.create_table(
        "study_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("bridge_point_id", sa.Integer(), nullable=True),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("non_members", sa.Integer(), nullable=False),
        sa.Column("newly_studied", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_study_attendance_body_id_bodies"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["bridge_point_id"], ["bridge_points.id"],
                                name=op.f("fk_study_attendance_bridge_point_id_bridge_points"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["session_id"], ["study_sessions.id"],
                                name=op.f("fk_study_attendance_session_id_study_sessions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_attendance")),
        sa.UniqueConstraint("session_id", "body_id", "bridge_point_id",
                            name=op.f("uq_study_attendance_session_id_body_id_bridge_point_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("study_attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_study_attendance_body_id"), ["body_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_attendance_bridge_point_id"), ["bridge_point_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_study_attendance_session_id"), ["session_id"], unique=False)


def downgrade() -> None:
    for table in ("study_attendance", "bridge_points", "study_session_documents", "study_sessions",
                  "party_memberships"):
        op.drop_table(table)

"""Initial schema: bodies, documents, programmes, tasks, progress log, journal, settings.

Frozen: never edit a released migration; add a new one instead.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('short_name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['bodies.id'], name=op.f('fk_bodies_parent_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('code', name=op.f('uq_bodies_code')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=100), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('type_code', sa.String(length=20), nullable=True),
    sa.Column('issuer_code', sa.String(length=60), nullable=False),
    sa.Column('symbol_year', sa.Integer(), nullable=True),
    sa.Column('style', sa.String(length=10), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=True),
    sa.Column('issuing_authority', sa.String(length=500), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('classification', sa.String(length=30), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('symbol', 'issue_date', name=op.f('uq_documents_symbol_issue_date')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_symbol'), ['symbol'], unique=False)

    op.create_table('journal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('entity', sa.String(length=50), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=200), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('undoable', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['target_id'], ['journal.id'], name=op.f('fk_journal_target_id_journal'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_state'), ['state'], unique=False)

    op.create_table('settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settings')),
    sa.UniqueConstraint('key', name=op.f('uq_settings_key')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    op.create_table('journal_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('journal_id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=50), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['journal_id'], ['journal.id'], name=op.f('fk_journal_changes_journal_id_journal'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_changes')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('journal_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_changes_entity_entity_id'), ['entity', 'entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_journal_changes_journal_id'), ['journal_id'], unique=False)

    op.create_table('programs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('issuing_body_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('issue_date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('draft_round', sa.Integer(), nullable=True),
    sa.Column('classification', sa.String(length=30), nullable=True),
    sa.Column('opening_text', sa.Text(), nullable=False),
    sa.Column('purpose_text', sa.Text(), nullable=False),
    sa.Column('objectives_text', sa.Text(), nullable=False),
    sa.Column('tasks_text', sa.Text(), nullable=False),
    sa.Column('organisation_text', sa.Text(), nullable=False),
    sa.Column('signing_authority', sa.String(length=200), nullable=False),
    sa.Column('signing_mode', sa.String(length=10), nullable=False),
    sa.Column('signer_title', sa.String(length=100), nullable=False),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['issuing_body_id'], ['bodies.id'], name=op.f('fk_programs_issuing_body_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programs')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    op.create_table('program_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_program_documents_document_id_documents'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_program_documents_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_documents')),
    sa.UniqueConstraint('program_id', 'document_id', name=op.f('uq_program_documents_program_id_document_id')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('program_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_documents_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_documents_program_id'), ['program_id'], unique=False)

    op.create_table('tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('group_title', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('lead_body_id', sa.Integer(), nullable=True),
    sa.Column('product', sa.String(length=500), nullable=False),
    sa.Column('deadline_kind', sa.String(length=20), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('deadline_text', sa.String(length=300), nullable=False),
    sa.Column('assigned_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['lead_body_id'], ['bodies.id'], name=op.f('fk_tasks_lead_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_tasks_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_lead_body_id'), ['lead_body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_program_id_position'), ['program_id', 'position'], unique=False)

    op.create_table('progress_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reported_by', sa.String(length=200), nullable=False),
    sa.Column('evidence', sa.String(length=300), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['corrects_id'], ['progress_entries.id'], name=op.f('fk_progress_entries_corrects_id_progress_entries'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_progress_entries_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_entries')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('progress_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_entries_corrects_id'), ['corrects_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_entries_task_id'), ['task_id'], unique=False)

    op.create_table('task_coordinators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_task_coordinators_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_coordinators_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_coordinators')),
    sa.UniqueConstraint('task_id', 'body_id', name=op.f('uq_task_coordinators_task_id_body_id')),
    sqlite_autoincrement=True,  # ids never reused: the journal names rows by id
    )
    with op.batch_alter_table('task_coordinators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_coordinators_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_coordinators_task_id'), ['task_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('task_coordinators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_coordinators_task_id'))
        batch_op.drop_index(batch_op.f('ix_task_coordinators_body_id'))

    op.drop_table('task_coordinators')
    with op.batch_alter_table('progress_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_entries_task_id'))
        batch_op.drop_index(batch_op.f('ix_progress_entries_corrects_id'))

    op.drop_table('progress_entries')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_program_id_position'))
        batch_op.drop_index(batch_op.f('ix_tasks_lead_body_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_due_date'))

    op.drop_table('tasks')
    with op.batch_alter_table('program_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_documents_program_id'))
        batch_op.drop_index(batch_op.f('ix_program_documents_document_id'))

    op.drop_table('program_documents')
    op.drop_table('programs')
    with op.batch_alter_table('journal_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_changes_journal_id'))
        batch_op.drop_index(batch_op.f('ix_journal_changes_entity_entity_id'))

    op.drop_table('journal_changes')
    op.drop_table('settings')
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_state'))

    op.drop_table('journal')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_symbol'))

    op.drop_table('documents')
    op.drop_table('bodies')

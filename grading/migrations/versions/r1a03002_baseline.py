"""Baseline: the grading schema of the release before migrations (commit 1a03002)."""

import sqlalchemy as sa
from alembic import op

import sandbox.db.base

revision = "r1a03002"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "centre_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_user")),
        sa.UniqueConstraint("username", name=op.f("uq_centre_user_username")),
    )
    op.create_table(
        "exam_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("centre_name", sa.String(length=160), nullable=False),
        sa.Column("academie", sa.String(length=80), nullable=False),
        sa.Column("commissions", sa.String(length=400), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_session")),
    )
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["exam_session.id"], name=op.f("fk_candidate_session_id_exam_session")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
        sa.UniqueConstraint("session_id", "number", name=op.f("uq_candidate_session_id_number")),
    )
    op.create_table(
        "practice_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("show_observables", sa.Boolean(), nullable=False),
        sa.Column("stuck_minutes", sa.Integer(), nullable=False),
        sa.Column("prepared_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["centre_user.id"], name=op.f("fk_practice_session_teacher_id_centre_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_session")),
        sa.UniqueConstraint("code", name=op.f("uq_practice_session_code")),
    )
    op.create_table(
        "slot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("examiner_id", sa.Integer(), nullable=False),
        sa.Column("commission", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=80), nullable=False),
        sa.Column("subject_version", sa.String(length=20), nullable=False),
        sa.Column("subject_title", sa.String(length=200), nullable=False),
        sa.Column("subject_letter", sa.String(length=4), nullable=False),
        sa.Column("subject_code", sa.String(length=40), nullable=False),
        sa.Column("subject_site", sa.String(length=20), nullable=False),
        sa.Column("template", sa.String(length=120), nullable=False),
        sa.Column("grid", sandbox.db.base.JSONText(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("prepared_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["examiner_id"], ["centre_user.id"], name=op.f("fk_slot_examiner_id_centre_user")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["exam_session.id"], name=op.f("fk_slot_session_id_exam_session")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot")),
    )
    op.create_table(
        "practice_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("template", sa.String(length=120), nullable=False),
        sa.Column("subject_label", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["practice_session.id"],
            name=op.f("fk_practice_group_session_id_practice_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_group")),
    )
    op.create_table(
        "slot_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("seat_name", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("paused_at", sa.DateTime(), nullable=True),
        sa.Column("paused_seconds", sa.Integer(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name=op.f("fk_slot_seat_candidate_id_candidate")
        ),
        sa.ForeignKeyConstraint(["slot_id"], ["slot.id"], name=op.f("fk_slot_seat_slot_id_slot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slot_seat")),
        sa.UniqueConstraint("slot_id", "candidate_id", name=op.f("uq_slot_seat_slot_id_candidate_id")),
        sa.UniqueConstraint("slot_id", "position", name=op.f("uq_slot_seat_slot_id_position")),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_seat_id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=400), nullable=False),
        sa.Column("seat_db_path", sa.String(length=400), nullable=False),
        sa.Column("timeline_path", sa.String(length=400), nullable=False),
        sa.Column("grid_json", sandbox.db.base.JSONText(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["slot_seat_id"], ["slot_seat.id"], name=op.f("fk_evidence_slot_seat_id_slot_seat")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_table(
        "practice_student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["practice_group.id"], name=op.f("fk_practice_student_group_id_practice_group")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["practice_session.id"],
            name=op.f("fk_practice_student_session_id_practice_session"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_student")),
        sa.UniqueConstraint("session_id", "position", name=op.f("uq_practice_student_session_id_position")),
    )
    op.create_table(
        "timer_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_seat_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["slot_seat_id"], ["slot_seat.id"], name=op.f("fk_timer_event_slot_seat_id_slot_seat")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timer_event")),
    )
    op.create_table(
        "practice_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("seat_name", sa.String(length=40), nullable=False),
        sa.Column("prepared_at", sa.DateTime(), nullable=True),
        sa.Column("reset_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"], ["practice_student.id"], name=op.f("fk_practice_seat_student_id_practice_student")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_seat")),
        sa.UniqueConstraint("seat_name", name=op.f("uq_practice_seat_seat_name")),
        sa.UniqueConstraint("student_id", name=op.f("uq_practice_seat_student_id")),
    )
    op.create_table(
        "grid_sheet",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slot_seat_id", sa.Integer(), nullable=True),
        sa.Column("practice_seat_id", sa.Integer(), nullable=True),
        sa.Column("grid_type", sa.String(length=20), nullable=False),
        sa.Column("appreciation", sa.Text(), nullable=False),
        sa.Column("mark", sandbox.db.base.Cents(), nullable=True),
        sa.Column("signed_by_name", sa.String(length=120), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_seat_id"],
            ["practice_seat.id"],
            name=op.f("fk_grid_sheet_practice_seat_id_practice_seat"),
        ),
        sa.ForeignKeyConstraint(
            ["slot_seat_id"], ["slot_seat.id"], name=op.f("fk_grid_sheet_slot_seat_id_slot_seat")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_sheet")),
        sa.UniqueConstraint("practice_seat_id", name=op.f("uq_grid_sheet_practice_seat_id")),
        sa.UniqueConstraint("slot_seat_id", name=op.f("uq_grid_sheet_slot_seat_id")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=120), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=120), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sheet_id"], ["grid_sheet.id"], name=op.f("fk_audit_entry_sheet_id_grid_sheet")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_table(
        "grid_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=80), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sheet_id"], ["grid_sheet.id"], name=op.f("fk_grid_entry_sheet_id_grid_sheet")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grid_entry")),
        sa.UniqueConstraint("sheet_id", "line_id", name=op.f("uq_grid_entry_sheet_id_line_id")),
    )


def downgrade() -> None:
    op.drop_table("grid_entry")
    op.drop_table("audit_entry")
    op.drop_table("grid_sheet")
    op.drop_table("practice_seat")
    op.drop_table("timer_event")
    op.drop_table("practice_student")
    op.drop_table("evidence")
    op.drop_table("slot_seat")
    op.drop_table("practice_group")
    op.drop_table("slot")
    op.drop_table("practice_session")
    op.drop_table("candidate")
    op.drop_table("exam_session")
    op.drop_table("centre_user")

"""Accommodations (tiers-temps), disabled accounts, practice seats claimed by a student."""

import sqlalchemy as sa
from alembic import op

revision = "r0002"
down_revision = "r1a03002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accommodation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"], ["candidate.id"], name=op.f("fk_accommodation_candidate_id_candidate")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accommodation")),
        sa.UniqueConstraint("candidate_id", name=op.f("uq_accommodation_candidate_id")),
    )
    op.add_column("centre_user", sa.Column("disabled_at", sa.DateTime(), nullable=True))
    op.add_column("practice_seat", sa.Column("claimed_by", sa.String(length=64), nullable=True))
    op.add_column("practice_seat", sa.Column("claimed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("practice_seat", "claimed_at")
    op.drop_column("practice_seat", "claimed_by")
    op.drop_column("centre_user", "disabled_at")
    op.drop_table("accommodation")

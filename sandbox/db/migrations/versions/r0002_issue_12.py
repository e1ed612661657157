"""Main menu, category reductions, cart rule restrictions, dimensions, tag SEO, autosaves, revisions."""

import sqlalchemy as sa
from alembic import op

import sandbox.db.base

revision = "r0002"
down_revision = "r1a03002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "main_menu_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_main_menu_item")),
    )
    op.create_table(
        "group_category_reduction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("reduction_bp", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_group_category_reduction_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_group_category_reduction_group_id_customer_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_category_reduction")),
    )
    op.create_table(
        "cart_rule_restriction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cart_rule_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cart_rule_id"],
            ["cart_rule.id"],
            name=op.f("fk_cart_rule_restriction_cart_rule_id_cart_rule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cart_rule_restriction")),
    )
    op.create_table(
        "autosave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_key", sa.String(length=40), nullable=False),
        sa.Column("user_kind", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("fields", sandbox.db.base.JSONText(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_autosave")),
        sa.UniqueConstraint(
            "object_type",
            "object_key",
            "user_kind",
            "user_id",
            name=op.f("uq_autosave_object_type_object_key_user_kind_user_id"),
        ),
    )
    op.create_table(
        "post_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("author_name", sa.String(length=160), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("excerpt", sa.String(length=2000), nullable=False),
        sa.Column("blocks", sandbox.db.base.JSONText(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["post.id"], name=op.f("fk_post_revision_post_id_post"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_revision")),
    )
    op.create_index(op.f("ix_post_revision_post_id"), "post_revision", ["post_id"], unique=False)
    # The shop's main menu used to list the active top-level categories: seed it the same way
    # (sandbox/seeding/shop_modules.py), so an upgraded shop shows the menu it showed before.
    op.execute(
        "INSERT INTO main_menu_item (id, kind, target_id, label, url, position) "
        "SELECT ROW_NUMBER() OVER (ORDER BY position, id), 'category', id, name, '', "
        "ROW_NUMBER() OVER (ORDER BY position, id) FROM category WHERE parent_id = 1 AND active = 1"
    )
    # New NOT NULL columns get the value the models default to, so existing rows stay valid.
    with op.batch_alter_table("cart_rule") as batch:
        batch.add_column(sa.Column("restriction_quantity", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(
            sa.Column("reduction_apply", sa.String(length=10), nullable=False, server_default="order")
        )
        batch.add_column(sa.Column("reduction_product_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_cart_rule_reduction_product_id_product"),
            "product",
            ["reduction_product_id"],
            ["id"],
            ondelete="SET NULL",
        )
    for table in ("post_category", "tag"):
        op.add_column(table, sa.Column("seo_title", sa.String(length=200), nullable=False, server_default=""))
        op.add_column(
            table, sa.Column("meta_description", sa.String(length=300), nullable=False, server_default="")
        )
        op.add_column(
            table, sa.Column("focus_keyphrase", sa.String(length=120), nullable=False, server_default="")
        )
    for column in ("width_cm", "height_cm", "depth_cm", "additional_shipping_ht"):
        op.add_column(
            "product", sa.Column(column, sandbox.db.base.Cents(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_post_revision_post_id"), table_name="post_revision")
    op.drop_table("post_revision")
    op.drop_table("autosave")
    op.drop_column("tag", "focus_keyphrase")
    op.drop_column("tag", "meta_description")
    op.drop_column("tag", "seo_title")
    op.drop_column("product", "additional_shipping_ht")
    op.drop_column("product", "depth_cm")
    op.drop_column("product", "height_cm")
    op.drop_column("product", "width_cm")
    op.drop_column("post_category", "focus_keyphrase")
    op.drop_column("post_category", "meta_description")
    op.drop_column("post_category", "seo_title")
    with op.batch_alter_table("cart_rule") as batch:
        batch.drop_constraint(op.f("fk_cart_rule_reduction_product_id_product"), type_="foreignkey")
        batch.drop_column("reduction_product_id")
        batch.drop_column("reduction_apply")
        batch.drop_column("restriction_quantity")
    op.drop_table("cart_rule_restriction")
    op.drop_table("group_category_reduction")
    op.drop_table("main_menu_item")

"""Baseline: the seat and template schema of the release before migrations (commit 1a03002)."""

import sqlalchemy as sa
from alembic import op

import sandbox.db.base

revision = "r1a03002"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=160), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("changes", sandbox.db.base.JSONText(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_event")),
    )
    op.create_table(
        "attribute_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("public_name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute_group")),
    )
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("segment", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign")),
    )
    op.create_table(
        "contact_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("page_url", sa.String(length=300), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("replied_at", sa.DateTime(), nullable=True),
        sa.Column("handled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_message")),
    )
    op.create_table(
        "customer_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("reduction_bp", sa.Integer(), nullable=False),
        sa.Column("price_display", sa.String(length=3), nullable=False),
        sa.Column("show_prices", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_group")),
    )
    op.create_table(
        "feature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feature")),
    )
    op.create_table(
        "hook_position",
        sa.Column("hook", sa.String(length=40), nullable=False),
        sa.Column("block", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hook", "block", name=op.f("pk_hook_position")),
    )
    op.create_table(
        "link_block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_block")),
    )
    op.create_table(
        "media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("mime", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("alt", sa.String(length=300), nullable=False),
        sa.Column("caption", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("focal_x", sa.Integer(), nullable=True),
        sa.Column("focal_y", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.Integer(), nullable=True),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media")),
    )
    op.create_table(
        "menu",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_menu")),
    )
    op.create_table(
        "order_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("shipped", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_state")),
        sa.UniqueConstraint("code", name=op.f("uq_order_state_code")),
    )
    op.create_table(
        "popup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("button_label", sa.String(length=80), nullable=False),
        sa.Column("button_url", sa.String(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("pages", sa.String(length=200), nullable=False),
        sa.Column("delay_seconds", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=10), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_popup")),
    )
    op.create_table(
        "post_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=140), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["post_category.id"], name=op.f("fk_post_category_parent_id_post_category")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_category")),
    )
    op.create_table(
        "predefined_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_predefined_message")),
    )
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )
    op.create_table(
        "reassurance_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("icon", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(length=160), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reassurance_item")),
    )
    op.create_table(
        "search_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=80), nullable=False),
        sa.Column("search", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_alias")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "shop_module",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("config", sandbox.db.base.JSONText(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_shop_module")),
    )
    op.create_table(
        "shop_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("slug", sa.String(length=180), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("meta_title", sa.String(length=200), nullable=False),
        sa.Column("meta_description", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_page")),
    )
    op.create_table(
        "site_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("bio", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_user")),
        sa.UniqueConstraint("login", name=op.f("uq_site_user_login")),
    )
    op.create_table(
        "subscriber",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("tags", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriber")),
        sa.UniqueConstraint("email", name=op.f("uq_subscriber_email")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=140), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
    )
    op.create_table(
        "tax",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("rate_bp", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax")),
    )
    op.create_table(
        "traffic_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.Column("page_views", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "source", name=op.f("pk_traffic_day")),
    )
    op.create_table(
        "widget",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("config", sandbox.db.base.JSONText(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_widget")),
    )
    op.create_table(
        "zone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zone")),
    )
    op.create_table(
        "attribute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("color", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["attribute_group.id"], name=op.f("fk_attribute_group_id_attribute_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribute")),
    )
    op.create_table(
        "brand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=140), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("logo_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("meta_title", sa.String(length=200), nullable=False),
        sa.Column("meta_description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["logo_id"], ["media.id"], name=op.f("fk_brand_logo_id_media")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brand")),
    )
    op.create_table(
        "campaign_send",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("opened", sa.Boolean(), nullable=False),
        sa.Column("clicked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaign.id"],
            name=op.f("fk_campaign_send_campaign_id_campaign"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_send")),
    )
    op.create_table(
        "carrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("delay", sa.String(length=120), nullable=False),
        sa.Column("price_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("tax_id", sa.Integer(), nullable=False),
        sa.Column("free_above_ttc", sandbox.db.base.Cents(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("shipping_method", sa.String(length=8), server_default="fixed", nullable=False),
        sa.Column("out_of_range", sa.String(length=8), server_default="highest", nullable=False),
        sa.Column("is_free", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["tax_id"], ["tax.id"], name=op.f("fk_carrier_tax_id_tax")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier")),
    )
    op.create_table(
        "category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("slug", sa.String(length=140), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("image_id", sa.Integer(), nullable=True),
        sa.Column("meta_title", sa.String(length=200), nullable=False),
        sa.Column("meta_description", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["image_id"], ["media.id"], name=op.f("fk_category_image_id_media")),
        sa.ForeignKeyConstraint(["parent_id"], ["category.id"], name=op.f("fk_category_parent_id_category")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category")),
    )
    op.create_table(
        "country",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("iso_code", sa.String(length=2), nullable=False),
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["zone_id"], ["zone.id"], name=op.f("fk_country_zone_id_zone")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_country")),
    )
    op.create_table(
        "customer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gender", sa.String(length=4), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("company", sa.String(length=120), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("newsletter", sa.Boolean(), nullable=False),
        sa.Column("optin", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_guest", sa.Boolean(), nullable=False),
        sa.Column("default_group_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["default_group_id"],
            ["customer_group.id"],
            name=op.f("fk_customer_default_group_id_customer_group"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("email", name=op.f("uq_customer_email")),
    )
    op.create_table(
        "employee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profile.id"], name=op.f("fk_employee_profile_id_profile")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee")),
        sa.UniqueConstraint("email", name=op.f("uq_employee_email")),
    )
    op.create_table(
        "feature_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=160), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["feature.id"], name=op.f("fk_feature_value_feature_id_feature")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feature_value")),
    )
    op.create_table(
        "link_block_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["link_block.id"],
            name=op.f("fk_link_block_item_block_id_link_block"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_block_item")),
    )
    op.create_table(
        "menu_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("menu_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["menu_id"], ["menu.id"], name=op.f("fk_menu_item_menu_id_menu"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["menu_item.id"],
            name=op.f("fk_menu_item_parent_id_menu_item"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_menu_item")),
    )
    op.create_table(
        "menu_location",
        sa.Column("location", sa.String(length=20), nullable=False),
        sa.Column("menu_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["menu_id"], ["menu.id"], name=op.f("fk_menu_location_menu_id_menu"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("location", name=op.f("pk_menu_location")),
    )
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("blocks", sandbox.db.base.JSONText(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("menu_order", sa.Integer(), nullable=False),
        sa.Column("sticky", sa.Boolean(), nullable=False),
        sa.Column("comments_open", sa.Boolean(), nullable=False),
        sa.Column("featured_media_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seo_title", sa.String(length=200), nullable=False),
        sa.Column("meta_description", sa.String(length=300), nullable=False),
        sa.Column("focus_keyphrase", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["site_user.id"], name=op.f("fk_post_author_id_site_user")),
        sa.ForeignKeyConstraint(
            ["featured_media_id"], ["media.id"], name=op.f("fk_post_featured_media_id_media")
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["post.id"], name=op.f("fk_post_parent_id_post")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post")),
    )
    op.create_table(
        "profile_permission",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("tab", sa.String(length=40), nullable=False),
        sa.Column("can_view", sa.Boolean(), nullable=False),
        sa.Column("can_add", sa.Boolean(), nullable=False),
        sa.Column("can_edit", sa.Boolean(), nullable=False),
        sa.Column("can_delete", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_profile_permission_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "tab", name=op.f("pk_profile_permission")),
    )
    op.create_table(
        "social_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=True),
        sa.Column("likes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], name=op.f("fk_social_post_media_id_media")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_post")),
    )
    op.create_table(
        "address",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=60), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=False),
        sa.Column("last_name", sa.String(length=80), nullable=False),
        sa.Column("company", sa.String(length=120), nullable=False),
        sa.Column("address1", sa.String(length=160), nullable=False),
        sa.Column("address2", sa.String(length=160), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("country", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_address_customer_id_customer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_address")),
    )
    op.create_table(
        "carrier_range",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("lower", sandbox.db.base.Cents(), nullable=False),
        sa.Column("upper", sandbox.db.base.Cents(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carrier.id"],
            name=op.f("fk_carrier_range_carrier_id_carrier"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carrier_range")),
    )
    op.create_table(
        "carrier_zone",
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carrier.id"],
            name=op.f("fk_carrier_zone_carrier_id_carrier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_carrier_zone_zone_id_zone"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("carrier_id", "zone_id", name=op.f("pk_carrier_zone")),
    )
    op.create_table(
        "catalog_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("brand_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("country_id", sa.Integer(), nullable=True),
        sa.Column("from_quantity", sa.Integer(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("reduction_type", sa.String(length=8), nullable=False),
        sa.Column("reduction", sandbox.db.base.Cents(), nullable=False),
        sa.Column("reduction_tax_included", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_catalog_rule_brand_id_brand"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_catalog_rule_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["country_id"],
            ["country.id"],
            name=op.f("fk_catalog_rule_country_id_country"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_catalog_rule_group_id_customer_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_rule")),
    )
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("author_email", sa.String(length=160), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["comment.id"], name=op.f("fk_comment_parent_id_comment")),
        sa.ForeignKeyConstraint(
            ["post_id"], ["post.id"], name=op.f("fk_comment_post_id_post"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["site_user.id"], name=op.f("fk_comment_user_id_site_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
    )
    op.create_table(
        "customer_group_member",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_customer_group_member_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_customer_group_member_group_id_customer_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", "group_id", name=op.f("pk_customer_group_member")),
    )
    op.create_table(
        "post_category_link",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["post_category.id"],
            name=op.f("fk_post_category_link_category_id_post_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["post.id"], name=op.f("fk_post_category_link_post_id_post"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("post_id", "category_id", name=op.f("pk_post_category_link")),
    )
    op.create_table(
        "post_tag",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["post.id"], name=op.f("fk_post_tag_post_id_post"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_post_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("post_id", "tag_id", name=op.f("pk_post_tag")),
    )
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("ean13", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("slug", sa.String(length=180), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("price_ht", sandbox.db.base.MicroEuros(), nullable=False),
        sa.Column("tax_id", sa.Integer(), nullable=False),
        sa.Column("wholesale_price_ht", sandbox.db.base.MicroEuros(), nullable=False),
        sa.Column("weight_g", sa.Integer(), nullable=False),
        sa.Column("condition", sa.String(length=16), nullable=False),
        sa.Column("visibility", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("online_only", sa.Boolean(), nullable=False),
        sa.Column("on_sale", sa.Boolean(), nullable=False),
        sa.Column("default_category_id", sa.Integer(), nullable=False),
        sa.Column("brand_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("out_of_stock", sa.String(length=10), nullable=False),
        sa.Column("available_now", sa.String(length=120), nullable=False),
        sa.Column("available_later", sa.String(length=120), nullable=False),
        sa.Column("available_date", sa.Date(), nullable=True),
        sa.Column("is_pack", sa.Boolean(), nullable=False),
        sa.Column("meta_title", sa.String(length=200), nullable=False),
        sa.Column("meta_description", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["brand_id"], ["brand.id"], name=op.f("fk_product_brand_id_brand")),
        sa.ForeignKeyConstraint(
            ["default_category_id"], ["category.id"], name=op.f("fk_product_default_category_id_category")
        ),
        sa.ForeignKeyConstraint(["tax_id"], ["tax.id"], name=op.f("fk_product_tax_id_tax")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
    )
    op.create_table(
        "social_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("from_company", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["social_comment.id"], name=op.f("fk_social_comment_parent_id_social_comment")
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["social_post.id"],
            name=op.f("fk_social_comment_post_id_social_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_comment")),
    )
    op.create_table(
        "carousel_slide",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("caption", sa.String(length=300), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_carousel_slide_category_id_category"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], name=op.f("fk_carousel_slide_media_id_media")),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_carousel_slide_product_id_product"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carousel_slide")),
    )
    op.create_table(
        "carrier_range_price",
        sa.Column("range_id", sa.Integer(), nullable=False),
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.Column("price_ht", sandbox.db.base.Cents(), nullable=False),
        sa.ForeignKeyConstraint(
            ["range_id"],
            ["carrier_range.id"],
            name=op.f("fk_carrier_range_price_range_id_carrier_range"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zone.id"], name=op.f("fk_carrier_range_price_zone_id_zone"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("range_id", "zone_id", name=op.f("pk_carrier_range_price")),
    )
    op.create_table(
        "combination",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("ean13", sa.String(length=13), nullable=False),
        sa.Column("price_impact_ht", sandbox.db.base.MicroEuros(), nullable=False),
        sa.Column("weight_impact_g", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_combination_product_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_combination")),
    )
    op.create_table(
        "customization_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("label", sa.String(length=160), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_customization_field_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customization_field")),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("delivery_address_id", sa.Integer(), nullable=False),
        sa.Column("invoice_address_id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.Column("payment", sa.String(length=40), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("total_products_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("total_products_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("total_discounts_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("shipping_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("shipping_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("total_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("total_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("total_paid_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("customer_message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_employee_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["carrier_id"], ["carrier.id"], name=op.f("fk_orders_carrier_id_carrier")),
        sa.ForeignKeyConstraint(
            ["created_by_employee_id"],
            ["employee.id"],
            name=op.f("fk_orders_created_by_employee_id_employee"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_orders_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["delivery_address_id"], ["address.id"], name=op.f("fk_orders_delivery_address_id_address")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_address_id"], ["address.id"], name=op.f("fk_orders_invoice_address_id_address")
        ),
        sa.ForeignKeyConstraint(
            ["state_id"], ["order_state.id"], name=op.f("fk_orders_state_id_order_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("reference", name=op.f("uq_orders_reference")),
    )
    op.create_index(op.f("ix_orders_created_at"), "orders", ["created_at"], unique=False)
    op.create_index(op.f("ix_orders_customer_id"), "orders", ["customer_id"], unique=False)
    op.create_table(
        "pack_item",
        sa.Column("pack_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["product.id"], name=op.f("fk_pack_item_item_id_product")),
        sa.ForeignKeyConstraint(
            ["pack_id"], ["product.id"], name=op.f("fk_pack_item_pack_id_product"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pack_id", "item_id", name=op.f("pk_pack_item")),
    )
    op.create_table(
        "product_carrier",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carrier.id"],
            name=op.f("fk_product_carrier_carrier_id_carrier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_carrier_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "carrier_id", name=op.f("pk_product_carrier")),
    )
    op.create_table(
        "product_category",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_product_category_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_category_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "category_id", name=op.f("pk_product_category")),
    )
    op.create_table(
        "product_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=120), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("validated", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("reply_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_product_comment_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_comment_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_comment")),
    )
    op.create_table(
        "product_feature",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("value_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["feature.id"], name=op.f("fk_product_feature_feature_id_feature")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_feature_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["value_id"], ["feature_value.id"], name=op.f("fk_product_feature_value_id_feature_value")
        ),
        sa.PrimaryKeyConstraint("product_id", "feature_id", name=op.f("pk_product_feature")),
    )
    op.create_table(
        "product_image",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("cover", sa.Boolean(), nullable=False),
        sa.Column("legend", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["media_id"], ["media.id"], name=op.f("fk_product_image_media_id_media")),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_product_image_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_image")),
    )
    op.create_table(
        "related_product",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("related_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_related_product_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["related_id"],
            ["product.id"],
            name=op.f("fk_related_product_related_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("product_id", "related_id", name=op.f("pk_related_product")),
    )
    op.create_table(
        "cart",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("carrier_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["carrier_id"], ["carrier.id"], name=op.f("fk_cart_carrier_id_carrier")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], name=op.f("fk_cart_customer_id_customer")),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_cart_order_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cart")),
        sa.UniqueConstraint("token", name=op.f("uq_cart_token")),
    )
    op.create_index(op.f("ix_cart_created_at"), "cart", ["created_at"], unique=False)
    op.create_table(
        "cart_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("partial_use", sa.Boolean(), nullable=False),
        sa.Column("highlight", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("minimum_amount", sandbox.db.base.Cents(), nullable=False),
        sa.Column("minimum_tax_included", sa.Boolean(), nullable=False),
        sa.Column("minimum_shipping_included", sa.Boolean(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("quantity_per_user", sa.Integer(), nullable=False),
        sa.Column("free_shipping", sa.Boolean(), nullable=False),
        sa.Column("reduction_type", sa.String(length=8), nullable=False),
        sa.Column("reduction", sandbox.db.base.Cents(), nullable=False),
        sa.Column("reduction_tax_included", sa.Boolean(), nullable=False),
        sa.Column("exclude_specials", sa.Boolean(), nullable=False),
        sa.Column("gift_product_id", sa.Integer(), nullable=True),
        sa.Column("gift_combination_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_cart_rule_customer_id_customer"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["gift_combination_id"],
            ["combination.id"],
            name=op.f("fk_cart_rule_gift_combination_id_combination"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["gift_product_id"],
            ["product.id"],
            name=op.f("fk_cart_rule_gift_product_id_product"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cart_rule")),
    )
    op.create_index(op.f("ix_cart_rule_code"), "cart_rule", ["code"], unique=False)
    op.create_table(
        "combination_attribute",
        sa.Column("combination_id", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["attribute.id"],
            name=op.f("fk_combination_attribute_attribute_id_attribute"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["combination_id"],
            ["combination.id"],
            name=op.f("fk_combination_attribute_combination_id_combination"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("combination_id", "attribute_id", name=op.f("pk_combination_attribute")),
    )
    op.create_table(
        "customer_thread",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("contact", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_thread_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_customer_thread_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_customer_thread_order_id_orders")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_customer_thread_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_thread")),
    )
    op.create_table(
        "order_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("state_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_order_history_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_history_order_id_orders"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["state_id"], ["order_state.id"], name=op.f("fk_order_history_state_id_order_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_history")),
    )
    op.create_table(
        "order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("combination_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=240), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_ht", sandbox.db.base.MicroEuros(), nullable=False),
        sa.Column("unit_price_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("customization", sa.Text(), nullable=False),
        sa.Column("quantity_refunded", sa.Integer(), nullable=False),
        sa.Column("quantity_returned", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["combination_id"],
            ["combination.id"],
            name=op.f("fk_order_line_combination_id_combination"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_line_order_id_orders"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_order_line_product_id_product"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_line")),
    )
    op.create_index(op.f("ix_order_line_order_id"), "order_line", ["order_id"], unique=False)
    op.create_table(
        "return_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_return_request_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_return_request_order_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_request")),
    )
    op.create_table(
        "specific_price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("combination_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("from_quantity", sa.Integer(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("fixed_price_ht", sandbox.db.base.MicroEuros(), nullable=True),
        sa.Column("reduction_type", sa.String(length=8), nullable=False),
        sa.Column("reduction", sandbox.db.base.Cents(), nullable=False),
        sa.Column("reduction_tax_included", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["combination_id"],
            ["combination.id"],
            name=op.f("fk_specific_price_combination_id_combination"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_specific_price_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_specific_price_group_id_customer_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_specific_price_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_specific_price")),
    )
    op.create_table(
        "stock_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("combination_id", sa.Integer(), nullable=True),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["combination_id"],
            ["combination.id"],
            name=op.f("fk_stock_movement_combination_id_combination"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_stock_movement_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_stock_movement_order_id_orders")),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_stock_movement_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_movement")),
    )
    op.create_table(
        "cart_cart_rule",
        sa.Column("cart_id", sa.Integer(), nullable=False),
        sa.Column("cart_rule_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cart_id"], ["cart.id"], name=op.f("fk_cart_cart_rule_cart_id_cart"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cart_rule_id"],
            ["cart_rule.id"],
            name=op.f("fk_cart_cart_rule_cart_rule_id_cart_rule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cart_id", "cart_rule_id", name=op.f("pk_cart_cart_rule")),
    )
    op.create_table(
        "cart_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cart_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("combination_id", sa.Integer(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("customization", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cart_id"], ["cart.id"], name=op.f("fk_cart_line_cart_id_cart"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["combination_id"], ["combination.id"], name=op.f("fk_cart_line_combination_id_combination")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], name=op.f("fk_cart_line_product_id_product")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cart_line")),
    )
    op.create_index(op.f("ix_cart_line_cart_id"), "cart_line", ["cart_id"], unique=False)
    op.create_table(
        "cart_rule_carrier",
        sa.Column("cart_rule_id", sa.Integer(), nullable=False),
        sa.Column("carrier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carrier_id"],
            ["carrier.id"],
            name=op.f("fk_cart_rule_carrier_carrier_id_carrier"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cart_rule_id"],
            ["cart_rule.id"],
            name=op.f("fk_cart_rule_carrier_cart_rule_id_cart_rule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cart_rule_id", "carrier_id", name=op.f("pk_cart_rule_carrier")),
    )
    op.create_table(
        "cart_rule_group",
        sa.Column("cart_rule_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cart_rule_id"],
            ["cart_rule.id"],
            name=op.f("fk_cart_rule_group_cart_rule_id_cart_rule"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["customer_group.id"],
            name=op.f("fk_cart_rule_group_group_id_customer_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cart_rule_id", "group_id", name=op.f("pk_cart_rule_group")),
    )
    op.create_table(
        "cart_rule_product",
        sa.Column("cart_rule_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cart_rule_id"],
            ["cart_rule.id"],
            name=op.f("fk_cart_rule_product_cart_rule_id_cart_rule"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_cart_rule_product_product_id_product"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("cart_rule_id", "product_id", name=op.f("pk_cart_rule_product")),
    )
    op.create_table(
        "cart_rule_use",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cart_rule_id", sa.Integer(), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("amount_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("amount_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("free_shipping", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cart_rule_id"],
            ["cart_rule.id"],
            name=op.f("fk_cart_rule_use_cart_rule_id_cart_rule"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_cart_rule_use_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_cart_rule_use_order_id_orders"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cart_rule_use")),
    )
    op.create_table(
        "credit_slip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=True),
        sa.Column("products_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("products_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("shipping_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("shipping_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("amount_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("amount_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("restocked", sa.Boolean(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_credit_slip_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_credit_slip_order_id_orders")),
        sa.ForeignKeyConstraint(
            ["return_id"], ["return_request.id"], name=op.f("fk_credit_slip_return_id_return_request")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_slip")),
    )
    op.create_table(
        "customer_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_customer_message_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["customer_thread.id"],
            name=op.f("fk_customer_message_thread_id_customer_thread"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_message")),
    )
    op.create_table(
        "return_line",
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"], name=op.f("fk_return_line_order_line_id_order_line")
        ),
        sa.ForeignKeyConstraint(
            ["return_id"],
            ["return_request.id"],
            name=op.f("fk_return_line_return_id_return_request"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("return_id", "order_line_id", name=op.f("pk_return_line")),
    )
    op.create_table(
        "credit_slip_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slip_id", sa.Integer(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_ht", sandbox.db.base.Cents(), nullable=False),
        sa.Column("amount_ttc", sandbox.db.base.Cents(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_line_id"], ["order_line.id"], name=op.f("fk_credit_slip_line_order_line_id_order_line")
        ),
        sa.ForeignKeyConstraint(
            ["slip_id"],
            ["credit_slip.id"],
            name=op.f("fk_credit_slip_line_slip_id_credit_slip"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_slip_line")),
    )


def downgrade() -> None:
    op.drop_table("credit_slip_line")
    op.drop_table("return_line")
    op.drop_table("customer_message")
    op.drop_table("credit_slip")
    op.drop_table("cart_rule_use")
    op.drop_table("cart_rule_product")
    op.drop_table("cart_rule_group")
    op.drop_table("cart_rule_carrier")
    op.drop_index(op.f("ix_cart_line_cart_id"), table_name="cart_line")
    op.drop_table("cart_line")
    op.drop_table("cart_cart_rule")
    op.drop_table("stock_movement")
    op.drop_table("specific_price")
    op.drop_table("return_request")
    op.drop_index(op.f("ix_order_line_order_id"), table_name="order_line")
    op.drop_table("order_line")
    op.drop_table("order_history")
    op.drop_table("customer_thread")
    op.drop_table("combination_attribute")
    op.drop_index(op.f("ix_cart_rule_code"), table_name="cart_rule")
    op.drop_table("cart_rule")
    op.drop_index(op.f("ix_cart_created_at"), table_name="cart")
    op.drop_table("cart")
    op.drop_table("related_product")
    op.drop_table("product_image")
    op.drop_table("product_feature")
    op.drop_table("product_comment")
    op.drop_table("product_category")
    op.drop_table("product_carrier")
    op.drop_table("pack_item")
    op.drop_index(op.f("ix_orders_customer_id"), table_name="orders")
    op.drop_index(op.f("ix_orders_created_at"), table_name="orders")
    op.drop_table("orders")
    op.drop_table("customization_field")
    op.drop_table("combination")
    op.drop_table("carrier_range_price")
    op.drop_table("carousel_slide")
    op.drop_table("social_comment")
    op.drop_table("product")
    op.drop_table("post_tag")
    op.drop_table("post_category_link")
    op.drop_table("customer_group_member")
    op.drop_table("comment")
    op.drop_table("catalog_rule")
    op.drop_table("carrier_zone")
    op.drop_table("carrier_range")
    op.drop_table("address")
    op.drop_table("social_post")
    op.drop_table("profile_permission")
    op.drop_table("post")
    op.drop_table("menu_location")
    op.drop_table("menu_item")
    op.drop_table("link_block_item")
    op.drop_table("feature_value")
    op.drop_table("employee")
    op.drop_table("customer")
    op.drop_table("country")
    op.drop_table("category")
    op.drop_table("carrier")
    op.drop_table("campaign_send")
    op.drop_table("brand")
    op.drop_table("attribute")
    op.drop_table("zone")
    op.drop_table("widget")
    op.drop_table("traffic_day")
    op.drop_table("tax")
    op.drop_table("tag")
    op.drop_table("subscriber")
    op.drop_table("site_user")
    op.drop_table("shop_page")
    op.drop_table("shop_module")
    op.drop_table("setting")
    op.drop_table("search_alias")
    op.drop_table("reassurance_item")
    op.drop_table("profile")
    op.drop_table("predefined_message")
    op.drop_table("post_category")
    op.drop_table("popup")
    op.drop_table("order_state")
    op.drop_table("menu")
    op.drop_table("media")
    op.drop_table("link_block")
    op.drop_table("hook_position")
    op.drop_table("feature")
    op.drop_table("customer_group")
    op.drop_table("contact_message")
    op.drop_table("campaign")
    op.drop_table("attribute_group")
    op.drop_table("activity_event")

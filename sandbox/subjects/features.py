"""Feature ids of the national list (meaning: ``feature_titles.py``) and the seat objects each one touches.

Subject packs name the features of each question, and the console groups a seat's activity by question
with the object mapping.
"""

from __future__ import annotations

from dataclasses import dataclass


def _ids(text: str) -> tuple[str, ...]:
    """Ids written as a block of text, in the reference order."""
    return tuple(text.split())


SITE_FEATURES = _ids("""
    S-APP-1 S-APP-2 S-APP-3 S-APP-4 S-APP-5 S-APP-6 S-CON-1 S-CON-2 S-CON-3 S-CON-4 S-CON-5 S-CON-6
    S-CON-7 S-CON-8 S-CON-9 S-CON-10 S-MED-1 S-MED-2 S-MED-3 S-MEN-1 S-MEN-2 S-MEN-3 S-NAV-1
    S-NAV-2 S-NAV-3 S-NAV-4 S-SEO-1 S-SEO-2 S-SEO-3 S-SEO-4 S-USR-1 S-USR-2 S-USR-3
""")
SHOP_FEATURES = _ids("""
    B-APP-1 B-APP-2 B-APP-3 B-APP-4 B-CAT-1 B-CAT-2 B-CAT-3 B-CAT-4 B-CAT-5 B-CAT-6 B-CAT-7 B-CAT-8
    B-CAT-9 B-CAT-10 B-CAT-11 B-CUS-1 B-SHP-1 B-STK-1 B-SAV-1 B-SAV-2 B-LNK-1 B-ORD-1 B-ORD-2
    B-ORD-3 B-PRO-1 B-PRO-2 B-PRO-3 B-IMG-1 B-IMG-2 B-MOD-1 B-MOD-2 B-MOD-3 B-MOD-4 B-MOD-5 B-MOD-6
    B-MOD-7 B-MOD-8 B-NAV-1 B-NAV-2 B-SEO-1 B-USR-1 B-USR-2 B-USR-3 B-USR-4
""")
EXTRA_FEATURES = _ids("""
    X-STA-1 X-STA-2 X-REL-1 X-REL-2 X-REL-3 X-REL-4
""")
FEATURE_IDS = frozenset(SITE_FEATURES + SHOP_FEATURES + EXTRA_FEATURES)


@dataclass(frozen=True)
class Touch:
    """An activity event touches a feature when its object type matches and, for an update, one of the
    listed fields changed (no fields: any change); ``key_prefix`` narrows settings to their family."""

    type: str
    fields: frozenset[str] = frozenset()
    key_prefix: str = ""

    def matches(self, object_type: str, object_id: str, action: str, changed: set[str]) -> bool:
        """Whether an event (type, id, action, changed fields) is about this feature."""
        if object_type != self.type or not object_id.startswith(self.key_prefix):
            return False
        return action != "update" or not self.fields or bool(self.fields & changed)


def _t(type_: str, *fields: str, key: str = "") -> Touch:
    return Touch(type_, frozenset(fields), key)


PRODUCT_SHEET = (
    "name",
    "summary",
    "description",
    "reference",
    "ean13",
    "price_ht",
    "tax_id",
    "weight_g",
    "condition",
    "visibility",
    "wholesale_price_ht",
)
STOCK = ("quantity", "out_of_stock", "available_now", "available_later", "available_date")

# Features whose objects exist in the seat models; the others touch nothing we can attribute yet.
FEATURE_OBJECTS: dict[str, tuple[Touch, ...]] = {
    "B-CAT-1": (_t("Product", *PRODUCT_SHEET),),
    "B-CAT-2": (_t("CustomizationField"),),
    "B-CAT-3": (_t("Category"),),
    "B-CAT-4": (_t("Product", "default_category_id"),),
    "B-CAT-5": (_t("Combination", "reference", "ean13", "price_impact_ht", "weight_impact_g", "is_default"),),
    "B-CAT-6": (_t("Product", "price_ht", "tax_id"), _t("Combination", "price_impact_ht")),
    "B-CAT-7": (_t("AttributeGroup"), _t("Attribute"), _t("Feature"), _t("FeatureValue")),
    "B-CAT-10": (_t("Product", "active", "online_only", "on_sale"),),
    "B-CAT-11": (_t("Brand"), _t("Product", "brand_id")),
    "B-CUS-1": (_t("Customer"), _t("CustomerGroup"), _t("Address")),
    "B-SHP-1": (
        _t("Carrier"), _t("Zone"), _t("Country"), _t("CarrierZone"), _t("CarrierRange"),
        _t("CarrierRangePrice"),
    ),
    "B-PRO-1": (_t("CatalogRule"),),
    "B-PRO-2": (_t("CartRule"),),
    "B-PRO-3": (_t("SpecificPrice"),),
    "B-STK-1": (_t("Product", *STOCK), _t("Combination", "quantity")),
    "B-SAV-1": (_t("CustomerThread"), _t("CustomerMessage"), _t("ProductComment")),
    "B-ORD-1": (_t("Order"), _t("OrderLine")),
    "B-ORD-2": (_t("ReturnRequest"),),
    "B-ORD-3": (_t("Setting", key="returns."),),
    "B-APP-3": (_t("Setting", key="shop.new_product_days"),),
    "B-MOD-7": (_t("Setting", key="product_comments."),),
    "B-MOD-8": (_t("Setting", key="payment.cheque."),),
    "B-IMG-1": (_t("ProductImage", "legend"), _t("Media", "caption", "description")),
    "B-IMG-2": (_t("ProductImage", "cover"),),
    "B-SEO-1": (
        _t("Product", "meta_title", "meta_description", "slug"),
        _t("Category", "meta_title", "meta_description", "slug"),
        _t("Brand", "meta_title", "meta_description", "slug"),
        _t("ShopPage", "meta_title", "meta_description", "slug"),
    ),
    "B-CAT-8": (_t("PackItem"), _t("Product", "is_pack")),
    "B-CAT-9": (_t("RelatedProduct"),),
    "B-APP-1": (_t("HookPosition"),),
    "B-APP-2": (_t("HookPosition", key="home-featured"), _t("Module", key="featured")),
    "B-APP-4": (_t("LinkBlock"), _t("LinkBlockItem")),
    "B-LNK-1": (_t("ShopPage"), _t("LinkBlockItem"), _t("MainMenuItem")),
    "B-NAV-2": (_t("SearchAlias"),),
    "B-MOD-1": (_t("Module", key="featured"),),
    "B-MOD-2": (_t("Module", key="carousel"), _t("CarouselSlide")),
    "B-MOD-3": (_t("Module", key="main_menu"), _t("MainMenuItem")),
    "B-MOD-4": (_t("Module", key="text_block"),),
    "B-MOD-5": (_t("Module", key="reassurance"), _t("ReassuranceItem")),
    "B-MOD-6": (_t("Module", key="social_sharing"),),
    "X-REL-3": (_t("ProductComment", "reply", "validated"),),
    "B-USR-1": (_t("Employee"),),
    "B-USR-3": (_t("Employee", "profile_id"),),
    "B-USR-4": (_t("Profile"),),
    "S-APP-1": (_t("Setting", key="site."),),
    "S-CON-1": (_t("Post"), _t("PostCategory")),
    "S-CON-8": (_t("Post", "sticky"),),
    "S-CON-9": (_t("Comment"),),
    "S-MED-1": (_t("Media"),),
    "S-MED-3": (_t("Media", "alt", "title", "caption", "description"),),
    "S-NAV-2": (_t("Setting", key="reading."),),
    "S-NAV-3": (_t("Setting", key="discussion."), _t("Post", "comments_open")),
    "S-SEO-3": (_t("Tag"), _t("Post", "excerpt", "meta_description")),
    "S-SEO-4": (_t("Post", "seo_title", "meta_description", "focus_keyphrase"),),
    "S-USR-1": (_t("SiteUser"),),
    "S-USR-2": (_t("SiteUser", "role"),),
    "S-USR-3": (_t("Post", "author_id"),),
    "S-APP-2": (_t("Setting", key="site.header"),),
    "S-APP-3": (_t("MenuLocation"),),
    "S-APP-4": (_t("Setting", key="social."), _t("Setting", key="site.social")),
    "S-APP-5": (_t("Widget"),),
    "S-APP-6": (_t("Setting", key="site.sidebar"),),
    "S-CON-7": (_t("Popup"),),
    "S-CON-10": (_t("Setting", key="privacy."),),
    "S-MEN-1": (_t("Menu"), _t("MenuItem")),
    "S-MEN-2": (_t("MenuLocation"),),
    "S-MEN-3": (_t("MenuItem"),),
    "X-REL-1": (_t("Subscriber"), _t("Campaign")),
    "X-REL-2": (_t("ContactMessage"),),
    "X-REL-4": (_t("SocialPost"), _t("SocialComment")),
}


def features_touched(object_type: str, object_id: str, action: str, changed: set[str]) -> set[str]:
    """Feature ids an activity event is about, from its object type and changed fields.

    Creating or deleting an object is about the features that own the whole object type (a category
    is B-CAT-3, not B-SEO-1) when there are some; else about every feature touching the type.
    """
    matches = [
        (fid, touch)
        for fid, touches in FEATURE_OBJECTS.items()
        for touch in touches
        if touch.matches(object_type, object_id, action, changed)
    ]
    if action != "update":
        whole = {fid for fid, touch in matches if not touch.fields}
        if whole:
            return whole
    return {fid for fid, _touch in matches}

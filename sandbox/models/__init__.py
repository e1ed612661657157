"""Every table of a seat. Importing this package registers them all on Base.metadata."""

# Changes are recorded wherever models are used: register the data-layer listener with them.
from sandbox.activity import recorder as _recorder  # noqa: E402, F401, I001
from sandbox.models.activity import ActivityEvent
from sandbox.models.after_sales import CreditSlip, CreditSlipLine, PredefinedMessage
from sandbox.models.appearance import Menu, MenuItem, MenuLocation, Popup, Widget
from sandbox.models.campaigns import Campaign, CampaignSend, SocialComment, SocialPost
from sandbox.models.catalogue import (
    Attribute,
    AttributeGroup,
    Brand,
    Category,
    Combination,
    CombinationAttribute,
    CustomizationField,
    Feature,
    FeatureValue,
    PackItem,
    Product,
    ProductCategory,
    ProductFeature,
    ProductImage,
    RelatedProduct,
    StockMovement,
    Tax,
)
from sandbox.models.content import Comment, Post, PostCategory, PostCategoryLink, PostTag, Tag
from sandbox.models.customers import Address, Customer, CustomerGroup, CustomerGroupMember
from sandbox.models.employees import Employee, Profile, SiteUser
from sandbox.models.media import Media
from sandbox.models.relations import ContactMessage, Subscriber
from sandbox.models.orders import Carrier, Cart, CartLine, Order, OrderHistory, OrderLine, OrderState
from sandbox.models.modules import CarouselSlide, HookPosition, Module, ReassuranceItem
from sandbox.models.promotions import (
    CartCartRule,
    CartRule,
    CartRuleCarrier,
    CartRuleGroup,
    CartRuleProduct,
    CartRuleUse,
    CatalogRule,
    SpecificPrice,
)
from sandbox.models.service import CustomerMessage, CustomerThread, ProductComment, ReturnLine, ReturnRequest
from sandbox.models.shipping import (
    CarrierRange,
    CarrierRangePrice,
    CarrierZone,
    Country,
    ProductCarrier,
    Zone,
)
from sandbox.models.settings import Setting, get_setting, set_setting
from sandbox.models.team import ProfilePermission
from sandbox.models.traffic import TrafficDay

__all__ = [
    "ContactMessage",
    "Subscriber",
    "CartCartRule",
    "CartRule",
    "CartRuleCarrier",
    "CartRuleGroup",
    "CartRuleProduct",
    "CartRuleUse",
    "CatalogRule",
    "SpecificPrice",
    "CarrierRange",
    "CarrierRangePrice",
    "CarrierZone",
    "Country",
    "ProductCarrier",
    "Zone",
    "CreditSlip",
    "CreditSlipLine",
    "PredefinedMessage",
    "ProfilePermission",
    "Widget",
    "SocialPost",
    "SocialComment",
    "Popup",
    "MenuLocation",
    "MenuItem",
    "Menu",
    "CampaignSend",
    "Campaign",
    "ActivityEvent",
    "Address",
    "Attribute",
    "AttributeGroup",
    "Brand",
    "Carrier",
    "Cart",
    "CartLine",
    "Category",
    "Combination",
    "CombinationAttribute",
    "Comment",
    "Customer",
    "CustomerGroup",
    "CustomerGroupMember",
    "CustomerMessage",
    "CustomerThread",
    "CustomizationField",
    "Employee",
    "Feature",
    "FeatureValue",
    "Media",
    "Order",
    "OrderHistory",
    "OrderLine",
    "OrderState",
    "PackItem",
    "Post",
    "PostCategory",
    "PostCategoryLink",
    "PostTag",
    "Product",
    "ProductCategory",
    "ProductComment",
    "ProductFeature",
    "ProductImage",
    "Profile",
    "RelatedProduct",
    "ReturnLine",
    "ReturnRequest",
    "Setting",
    "SiteUser",
    "StockMovement",
    "Tag",
    "Tax",
    "TrafficDay",
    "get_setting",
    "set_setting",
]

"""The pricing engine at its edges, found by mutation testing (scripts/mutation.sh pricing): an amount typed
HT, rounding half up at the micro-euro, a reduction larger than the price, catalogue rules limited to a brand
or a country, a line of several units, a group's reduction on a parent or secondary category."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import delete, select

from sandbox.models import (
    Brand,
    CatalogRule,
    Category,
    Country,
    CustomerGroup,
    GroupCategoryReduction,
    Product,
    ProductCategory,
    SpecificPrice,
)
from sandbox.services.cart import cart_totals
from sandbox.services.pricing import price_of
from tests.unit.pricing_world import PARTICULIER, PRO, TODAY, VISITOR, cart_with

D = Decimal


def price(db, pid, gid=VISITOR):
    return price_of(db, db.get(Product, pid), None, db.get(CustomerGroup, gid))


def test_an_amount_typed_ht_is_taken_off_the_price_ht_as_typed(db):
    db.add(SpecificPrice(product_id=1, reduction_type="amount", reduction=D("10.00"),
                         reduction_tax_included=False))
    db.flush()
    assert price(db, 1).ht == D("56.583333")  # 66,583333 − 10 HT, not − 10 TTC (8,333333 HT)


def test_reduced_prices_round_half_up_at_the_micro_euro(db):
    db.get(Product, 1).price_ht = D("1.000001")
    db.add(SpecificPrice(product_id=1, reduction_type="percent", reduction=D(50)))
    db.flush()
    assert price(db, 1).ht == D("0.500001")  # 0,5000005: half up, not to the even 0,500000
    db.get(Product, 2).price_ht = D("1.000005")
    db.flush()
    assert price(db, 2, PRO).ht == D("0.900005")  # the group's -10 %: 0,9000045 half up, not 0,900004


def test_a_reduction_larger_than_the_price_makes_it_free_not_one_euro(db):
    db.add(SpecificPrice(product_id=3, reduction_type="amount", reduction=D("100.00")))
    db.flush()
    assert (price(db, 3).ht, price(db, 3).ttc) == (D("0"), D("0.00"))


def test_a_catalogue_rule_of_another_brand_or_country_does_not_apply(db):
    db.add_all([Brand(id=2, name="Autre marque", slug="autre"),
                Country(id=3, name="Suisse", iso_code="CH", zone_id=4)])
    db.flush()
    db.add_all([CatalogRule(name="Autre marque -30 %", brand_id=2, reduction_type="percent", reduction=D(30)),
                CatalogRule(name="Suisse -40 %", country_id=3, reduction_type="percent", reduction=D(40))])
    db.flush()
    assert price(db, 1).ttc == D("79.90") and not price(db, 1).promotion
    db.add(CatalogRule(name="Notre marque -10 %", brand_id=1, country_id=1, reduction_type="percent",
                       reduction=D(10)))
    db.flush()
    assert price(db, 1).ttc == D("71.91")


def test_a_line_of_three_units_totals_three_times_the_unit_price(db):
    totals = cart_totals(db, cart_with(db, [(3, 3)]), db.get(CustomerGroup, PARTICULIER), None, None)
    line = totals.items[0]
    assert (line.total_ht, line.total_ttc) == (D("85.02"), D("89.70"))  # 3 × 28,341232 HT; 3 × 29,90 TTC


def test_a_group_reduction_on_a_parent_or_secondary_category_reaches_the_product(db):
    db.add(Category(id=3, name="Cadeaux", slug="cadeaux", parent_id=None))
    db.flush()
    db.add(GroupCategoryReduction(group_id=PRO, category_id=1, reduction_bp=2000))  # « Accueil », parent
    db.flush()
    assert price(db, 2, PRO).ht == D("19.933334")  # « Linge de bain » is below « Accueil »: -20 %
    db.add(GroupCategoryReduction(group_id=PARTICULIER, category_id=3, reduction_bp=500))
    db.add(ProductCategory(product_id=1, category_id=3))  # also filed in « Cadeaux »
    db.flush()
    assert price(db, 1, PARTICULIER).ht == D("63.254166")
    assert price(db, 2, PARTICULIER).ht == D("24.916667")  # not in « Cadeaux »: no reduction


# What the screens call: price_for (a unit price HT/TTC for a customer), displays_ht, shows_prices and
# shipping_for.


def test_price_for_is_the_price_a_customer_of_the_group_pays(db):
    from sandbox.services.pricing import price_for

    product = db.get(Product, 1)
    db.add(SpecificPrice(product_id=1, customer_id=2, from_quantity=3, reduction_type="percent",
                         reduction=D(50)))
    db.flush()
    assert price_for(product) == (D("66.583333"), D("79.90"))
    assert price_for(product, None, db.get(CustomerGroup, PRO)) == (D("59.925000"), D("71.91"))
    assert price_for(product, None, db.get(CustomerGroup, PRO), customer_id=2, quantity=2)[1] == D("71.91")
    assert price_for(product, None, db.get(CustomerGroup, PRO), customer_id=2, quantity=3) == (
        D("29.962500"), D("35.96"))  # the customer's own price from 3 units, then the group's -10 %


def test_price_for_a_product_outside_any_seat_applies_the_group_reduction_only():
    from sandbox.models import Tax
    from sandbox.services.pricing import price_for

    product = Product(name="Hors poste", price_ht=D("10.000000"), tax=Tax(name="TVA 20 %", rate_bp=2000))
    assert price_for(product) == (D("10.000000"), D("12.00"))
    pro = CustomerGroup(name="Professionnels", reduction_bp=1000)
    assert price_for(product, None, pro) == (D("9.000000"), D("10.80"))


def test_professionals_see_prices_ht_and_a_hidden_prices_group_sees_none(db):
    from sandbox.services.pricing import displays_ht, shows_prices

    assert displays_ht(db.get(CustomerGroup, PRO)) and not displays_ht(db.get(CustomerGroup, PARTICULIER))
    assert not displays_ht(None)
    assert shows_prices(None) and shows_prices(db.get(CustomerGroup, PARTICULIER))
    assert not shows_prices(CustomerGroup(name="Catalogue seul", show_prices=False))


def test_shipping_for_prices_a_carrier_in_the_shop_zone_and_free_above_its_threshold(db):
    from sandbox.models import Carrier
    from sandbox.services.pricing import shipping_for

    colissimo = db.get(Carrier, 1)
    assert shipping_for(db, colissimo, D("30.00")) == (D("5.75"), D("6.90"))
    assert shipping_for(db, colissimo, D("60.00")) == (D("4.92"), D("5.90"))
    assert shipping_for(db, colissimo, D("80.00")) == (D("0.00"), D("0.00"))
    db.add(Carrier(id=3, name="Coursier", price_ht=D("9.00"), tax_id=1, shipping_method="price"))
    db.flush()  # priced by ranges but has none: it cannot deliver, nothing is added to the cart
    assert shipping_for(db, db.get(Carrier, 3), D("30.00")) == (D("0.00"), D("0.00"))


def test_a_specific_price_of_one_combination_lowers_that_combination_only(db):
    from sandbox.models import Combination

    db.add_all([Combination(id=1, product_id=1, reference="DH-160", price_impact_ht=D("0")),
                Combination(id=2, product_id=1, reference="DH-180", price_impact_ht=D("8.333333"))])
    db.flush()
    db.add(SpecificPrice(product_id=1, combination_id=2, reduction_type="percent", reduction=D(50)))
    db.flush()
    product, group = db.get(Product, 1), db.get(CustomerGroup, VISITOR)
    assert price_of(db, product, db.get(Combination, 2), group).ttc == D("44.95")  # (79,90 + 10) / 2
    assert price_of(db, product, db.get(Combination, 1), group).ttc == D("79.90")
    assert price_of(db, product, None, group).ttc == D("79.90")


def test_a_specific_price_applies_only_between_its_dates(db):
    from datetime import date

    db.add_all([SpecificPrice(product_id=1, date_from=date(2027, 5, 21), reduction_type="percent",
                              reduction=D(30)),  # from tomorrow
                SpecificPrice(product_id=1, date_to=date(2027, 5, 19), reduction_type="percent",
                              reduction=D(40))])  # ended yesterday
    db.flush()
    assert price(db, 1).ttc == D("79.90")


def test_a_specific_price_and_a_catalogue_rule_apply_on_their_first_and_last_day(db):
    # Both ends are inclusive, as PrestaShop's « Du » / « Au »: a one-day promotion runs on that day.
    db.add_all([SpecificPrice(product_id=1, date_from=TODAY, date_to=TODAY, reduction_type="percent",
                              reduction=D(30)),
                CatalogRule(name="Bain -15 %", category_id=2, reduction_type="percent", reduction=D(15),
                            date_from=TODAY, date_to=TODAY)])
    db.flush()
    assert price(db, 1).ttc == D("55.93")  # 79,90 € − 30 %
    assert price(db, 2).ttc == D("25.42")  # 29,90 € − 15 %


# Shipping: the countries offered, products restricted to some carriers, free carriers, extra fees.


def test_the_address_form_offers_the_active_countries_the_shops_own_first(db):
    from sandbox.services.shipping import country_names

    db.add_all([Country(id=4, name="Allemagne", iso_code="DE", zone_id=4),
                Country(id=5, name="Andorre", iso_code="AD", zone_id=4, active=False)])
    db.flush()
    assert country_names(db) == ["France", "Allemagne", "Belgique"]


def test_a_product_restricted_to_some_carriers_travels_with_those_only(db):
    from sandbox.models import Carrier, ProductCarrier
    from sandbox.services.shipping import allowed_for_products

    db.add(ProductCarrier(product_id=1, carrier_id=2))
    db.flush()
    colissimo, relay = db.get(Carrier, 1), db.get(Carrier, 2)
    assert not allowed_for_products(db, colissimo, [2, 1]) and allowed_for_products(db, colissimo, [2])
    assert allowed_for_products(db, relay, [1, 2])


def test_a_free_carrier_costs_nothing_and_extra_fees_add_to_a_paying_one(db):
    from sandbox.models import Carrier, Zone
    from sandbox.services.shipping import carrier_price

    colissimo, france = db.get(Carrier, 1), db.get(Zone, 1)
    assert carrier_price(db, colissimo, D("30.00"), france, extra_ht=D("1.25")) == (D("7.00"), D("8.40"))
    assert carrier_price(db, colissimo, D("85.00"), france, extra_ht=D("1.25")) == (D("0.00"), D("0.00"))
    colissimo.is_free = True
    assert carrier_price(db, colissimo, D("30.00"), france, extra_ht=D("1.25")) == (D("0.00"), D("0.00"))


def test_an_unknown_country_has_no_zone_and_overseas_postcodes_need_their_zone(db):
    from sandbox.models import Address, Zone
    from sandbox.services.shipping import zone_of

    def address(country, postcode):
        return Address(customer_id=1, first_name="J", last_name="M", address1="1 rue", postcode=postcode,
                       city="X", country=country)

    assert zone_of(db, address("Atlantide", "1000")) is None
    assert zone_of(db, address("France", "97400")).name == "France métropolitaine"  # no DOM-TOM zone yet
    db.add(Zone(id=5, name="DOM-TOM"))
    db.flush()
    assert zone_of(db, address("France", " 97400")).name == "DOM-TOM"
    assert zone_of(db, address("Belgique", "2000")).name == "Union européenne"  # postcodes: France only


def test_the_most_precise_specific_price_wins_over_a_larger_general_one(db):
    from sandbox.models import Combination

    db.add(Combination(id=1, product_id=1, reference="DH-160", price_impact_ht=D("8.333333")))
    db.add_all([SpecificPrice(product_id=1, reduction_type="percent", reduction=D(30)),
                SpecificPrice(product_id=1, group_id=PRO, reduction_type="percent", reduction=D(10)),
                SpecificPrice(product_id=1, combination_id=1, reduction_type="percent", reduction=D(20))])
    db.flush()
    product, visitor = db.get(Product, 1), db.get(CustomerGroup, VISITOR)
    assert price_of(db, product, None, visitor).ttc == D("55.93")  # the general -30 %
    assert price_of(db, product, db.get(Combination, 1), visitor).ttc == D("71.92")  # its own -20 %
    assert price(db, 1, PRO).ht == D("53.932500")  # the group's -10 %, then the group's own -10 %


def test_the_most_precise_specific_price_wins_even_when_it_was_made_first(db):
    # The precision decides, not the order of creation: the group's price made before a general one.
    db.add_all([SpecificPrice(id=1, product_id=1, group_id=PRO, reduction_type="percent", reduction=D(10)),
                SpecificPrice(id=2, product_id=1, reduction_type="percent", reduction=D(30)),
                SpecificPrice(id=3, product_id=3, from_quantity=3, reduction_type="percent", reduction=D(50)),
                SpecificPrice(id=4, product_id=3, from_quantity=2, reduction_type="percent",
                              reduction=D(20))])
    db.flush()
    assert price(db, 1, PRO).ht == D("53.932500")  # the group's -10 %, then the group's own -10 %
    assert price(db, 1).ttc == D("55.93")  # a visitor: the general -30 %
    three = price_of(db, db.get(Product, 3), None, db.get(CustomerGroup, VISITOR), quantity=3)
    assert three.ttc == D("14.95")  # the highest step reached (3 units: -50 %), not the newest (-20 %)


def test_a_product_filed_in_no_category_gets_no_category_rule_nor_category_reduction(db):
    # Every category unticked in the back office: only the default category stays, on the product itself.
    db.execute(delete(ProductCategory).where(ProductCategory.product_id == 1))
    db.add(CatalogRule(name="Bain -15 %", category_id=2, reduction_type="percent", reduction=D(15)))
    db.add(GroupCategoryReduction(group_id=PRO, category_id=2, reduction_bp=2000))
    db.flush()
    assert price(db, 1).ttc == D("79.90")
    assert price(db, 1, PRO).ht == D("59.925000")  # the group's general -10 %, not the « Bain » -20 %


def test_a_fixed_price_keeps_the_combination_impact_and_a_step_needs_its_quantity(db):
    from sandbox.models import Combination
    from sandbox.services.pricing import price_for

    db.add(Combination(id=1, product_id=1, reference="DH-180", price_impact_ht=D("8.333333")))
    db.add(SpecificPrice(product_id=1, fixed_price_ht=D("50.000000"), reduction=D(0)))
    db.add(SpecificPrice(product_id=3, from_quantity=2, reduction_type="percent", reduction=D(50)))
    db.flush()
    product, combination = db.get(Product, 1), db.get(Combination, 1)
    assert price_of(db, product, combination, None).ht == D("58.333333")  # 50 HT + the impact
    assert price_for(product, combination) == (D("58.333333"), D("70.00"))
    assert price(db, 3).ttc == D("29.90") and price_for(db.get(Product, 3))[1] == D("29.90")  # 1 unit


def test_price_for_a_detached_combination_adds_its_impact():
    from sandbox.models import Combination, Tax
    from sandbox.services.pricing import price_for

    product = Product(name="Hors poste", price_ht=D("10.000000"), tax=Tax(name="TVA 20 %", rate_bp=2000))
    assert price_for(product, Combination(price_impact_ht=D("2.500000"))) == (D("12.500000"), D("15.00"))


def test_catalogue_rules_by_country_follow_the_shops_own_country(db):
    from sandbox.models import Setting

    db.add(CatalogRule(name="Belgique -10 %", country_id=2, reduction_type="percent", reduction=D(10)))
    db.flush()
    assert price(db, 1).ttc == D("79.90")  # the shop is in France
    db.add(Setting(key="shop.country", value="Belgique"))
    db.flush()
    db.info.pop("default_country_id", None)  # a new request: the country is read once per session
    assert price(db, 1).ttc == D("71.91")
    db.get(Setting, "shop.country").value = "Atlantide"  # an unknown country: no rule by country
    db.flush()
    db.info.pop("default_country_id", None)  # a new request: the country is read once per session
    assert price(db, 1).ttc == D("79.90")


def test_an_amount_off_shows_as_euros_and_a_price_not_lowered_is_no_promotion(db):
    db.add(SpecificPrice(product_id=1, reduction_type="amount", reduction=D("5.00")))
    db.add(SpecificPrice(product_id=3, fixed_price_ht=D("28.341232"), reduction=D(0)))  # its own price
    db.flush()
    assert price(db, 1).badge == "-5,00\u00a0€" and price(db, 1).reduction_percent is None
    assert not price(db, 3).promotion and price(db, 3).badge == ""
    assert price(db, 1, PRO).regular_ht == D("66.583333")  # « au lieu de », HT for professionals


def test_the_catalogue_rule_giving_the_lowest_price_wins(db):
    db.add_all([CatalogRule(id=1, name="-10 %", reduction_type="percent", reduction=D(10)),
                CatalogRule(id=2, name="-10 € TTC", reduction_type="amount", reduction=D("10.00"))])
    db.flush()
    assert price(db, 1).ttc == D("69.90")  # 10 € off 79,90 beats 10 % (71,91)
    db.delete(db.get(CatalogRule, 2))
    db.add(CatalogRule(id=3, name="-7 € TTC", reduction_type="amount", reduction=D("7.00")))
    db.flush()
    assert price(db, 1).ttc == D("71.91")  # 10 % beats 7 € TTC (72,90)


def test_a_catalogue_rule_that_takes_nothing_off_is_no_promotion(db):
    db.add(CatalogRule(name="0 %", reduction_type="percent", reduction=D(0)))
    db.flush()
    assert not price(db, 1).promotion and price(db, 1).ttc == D("79.90")


# Shipping at its edges (scripts/mutation.sh shipping): a shop abroad, a value exactly on a range's bound,
# beyond the last range, ranges typed out of order, a carrier that serves every zone or has no tax.


def test_a_shop_abroad_offers_its_country_first_and_prices_shipping_there_before_any_address(db):
    from sandbox.models import Carrier, Country, Setting
    from sandbox.services.shipping import carrier_price, country_names, default_zone, zone_of

    db.add(Setting(key="shop.country", value="Belgique"))
    db.flush()
    assert country_names(db) == ["Belgique", "France"]
    assert default_zone(db).name == zone_of(db, None).name == "Union européenne"
    relay = db.get(Carrier, 2)
    assert carrier_price(db, relay, D("10"), None, weight_g=1200) == (D("7.42"), D("8.90"))  # Europe's price
    db.get(Setting, "shop.country").value = "Atlantide"  # a country the shop does not know
    db.flush()
    assert country_names(db) == ["Belgique", "France"]
    assert default_zone(db) is None and zone_of(db, None) is None
    assert carrier_price(db, relay, D("10"), None, weight_g=1200) is None  # it serves some zones only
    db.add(Carrier(id=3, name="Coursier", price_ht=D("9.00"), tax_id=1))  # no zone ticked: everywhere
    db.flush()
    assert carrier_price(db, db.get(Carrier, 3), D("10"), None) == (D("9.00"), D("10.80"))
    for country in db.scalars(select(Country)):
        country.active = False
    db.flush()
    assert country_names(db) == ["France"]


def test_an_address_without_country_or_postcode_is_in_france_metropolitaine(db):
    from sandbox.models import Address
    from sandbox.services.shipping import zone_of

    def address(country, postcode):
        return Address(customer_id=1, first_name="J", last_name="M", address1="1 rue", postcode=postcode,
                       city="X", country=country)

    assert zone_of(db, address("", "20000")).name == "Corse"
    assert zone_of(db, address(None, "75001")).name == "France métropolitaine"
    assert zone_of(db, address("  fRANCE ", None)).name == "France métropolitaine"
    assert zone_of(db, address("France", " 20090")).name == "Corse"


def test_a_value_on_a_range_bound_takes_the_range_that_starts_there(db):
    from sandbox.models import Carrier, Zone
    from sandbox.services.shipping import carrier_price

    colissimo, relay = db.get(Carrier, 1), db.get(Carrier, 2)
    france, europe = db.get(Zone, 1), db.get(Zone, 4)
    assert carrier_price(db, colissimo, D("0.00"), france) == (D("5.75"), D("6.90"))
    assert carrier_price(db, colissimo, D("49.99"), france) == (D("5.75"), D("6.90"))
    assert carrier_price(db, colissimo, D("50.00"), france) == (D("4.92"), D("5.90"))
    assert carrier_price(db, colissimo, D("79.99"), france) == (D("4.92"), D("5.90"))  # free from 80,00
    assert carrier_price(db, relay, D("10"), europe, weight_g=4999) == (D("7.42"), D("8.90"))
    assert carrier_price(db, relay, D("10"), europe, weight_g=5000) == (D("12.42"), D("14.90"))
    assert carrier_price(db, relay, D("10"), europe, weight_g=30000) is None  # « À » 30 kg excluded
    relay.out_of_range = "highest"
    assert carrier_price(db, relay, D("10"), europe, weight_g=30000) == (D("12.42"), D("14.90"))


def test_beyond_the_last_range_means_the_highest_one_even_typed_first_but_not_a_gap(db):
    from sandbox.models import Carrier, CarrierRange, CarrierRangePrice, Zone
    from sandbox.services.shipping import carrier_price

    relay, france = db.get(Carrier, 2), db.get(Zone, 1)
    relay.out_of_range = "highest"
    db.get(CarrierRange, 3).lower, db.get(CarrierRange, 3).upper = D("35"), D("40")  # 35–40 kg typed first
    db.add(CarrierRange(id=5, carrier_id=2, lower=D("0"), upper=D("4")))
    db.flush()
    db.add_all([CarrierRangePrice(range_id=5, zone_id=1, price_ht=D("2.50"))])
    db.flush()
    assert carrier_price(db, relay, D("10"), france, weight_g=45000) == (D("3.75"), D("4.50"))  # 35–40 kg
    assert carrier_price(db, relay, D("10"), france, weight_g=1000) == (D("2.50"), D("3.00"))
    assert carrier_price(db, relay, D("10"), france, weight_g=4500) is None  # between 4 and 5 kg: no range
    assert carrier_price(db, relay, D("10"), france, weight_g=32000) is None  # between 30 and 35 kg neither


def test_a_carrier_without_zones_or_tax_delivers_everywhere_at_its_price_ht(db):
    from sandbox.models import Carrier, Tax, Zone
    from sandbox.services.shipping import carrier_price

    db.add(Carrier(id=3, name="Coursier", price_ht=D("9.00"), tax_id=2))
    db.flush()
    courier = db.get(Carrier, 3)
    assert carrier_price(db, courier, D("10"), db.get(Zone, 4)) == (D("9.00"), D("9.50"))  # TVA 5,5 %
    db.delete(db.get(Tax, 2))
    courier.price_ht = D("50.00")
    db.flush()
    assert carrier_price(db, courier, D("10"), db.get(Zone, 2)) == (D("50.00"), D("50.00"))  # not 50,01

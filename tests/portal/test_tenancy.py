"""Scoping by region-code prefixes: one selector decides what a user reaches."""

import pytest
from django.db.models import Value

from portal.models import Region
from portal.selectors import organisations_for, region_descendants, scope_q

pytestmark = pytest.mark.django_db


def codes(qs):
    return set(qs.values_list("code", flat=True))


def test_a_code_is_its_own_path(demo):
    village = Region.objects.get(code="410225104201")
    assert village.ancestors_codes == ["41", "4102", "410225", "410225104"]
    county = Region.objects.get(code="410225")
    assert "410225104201" in codes(region_descendants(county))
    assert "410221" not in codes(region_descendants(county))


def test_county_editor_reaches_only_their_bureau(demo):
    assert codes(organisations_for(demo["county_editor"])) == {"410225-hrss"}


def test_county_reviewer_reaches_the_county_subtree(demo):
    reached = codes(organisations_for(demo["county_reviewer"]))
    assert "410225104201-vc" in reached
    assert "410225104-gov" in reached
    assert "410221-hrss" not in reached
    assert "41-hrss" not in reached


def test_a_bureaus_reviewer_never_reaches_a_sibling_bureau_of_the_county(demo):
    # Seen: the 民政局 reviewer opened the 人社局's reviews and drafts.
    reached = codes(organisations_for(demo["mca_reviewer"]))
    assert {"410225-mca", "410225104-gov", "410225104201-vc"} <= reached
    assert "410225-hrss" not in reached
    assert "410225-mca" not in codes(organisations_for(demo["county_reviewer"]))


def test_the_scope_holds_in_the_bureaus_domains_only(demo):
    from portal.models import Organisation

    hrss = scope_q(demo["county_reviewer"], organisation="", domain="key")
    township = scope_q(demo["township_publisher"], organisation="", domain="key")
    # One row per (body, domain): the predicate as a filter on a plain table.
    rows = [
        (o, key)
        for o in Organisation.objects.filter(code__startswith="410225")
        for key in ("employment", "social_relief")
    ]

    def reached(predicate):
        return {
            (o.code, key)
            for o, key in rows
            if Organisation.objects.filter(pk=o.pk)
            .annotate(key=Value(key))
            .filter(predicate)
            .exists()
        }

    assert ("410225104201-vc", "employment") in reached(hrss)
    assert ("410225104201-vc", "social_relief") not in reached(hrss)
    assert ("410225-hrss", "social_relief") not in reached(hrss)
    assert reached(township) == {
        ("410225104-gov", "employment"),
        ("410225104-gov", "social_relief"),
    }


def test_provincial_reviewer_reaches_the_province(demo):
    reached = codes(organisations_for(demo["province_reviewer"]))
    assert {"410225-hrss", "410221-hrss", "410225104201-vc"} <= reached


def test_citizen_and_anonymous_reach_nothing(demo):
    from django.contrib.auth.models import AnonymousUser

    assert not organisations_for(demo["citizen"]).exists()
    assert not organisations_for(AnonymousUser()).exists()


def test_site_admin_reaches_everything(demo):
    assert organisations_for(demo["site_admin"]).count() == 12
    assert scope_q(demo["site_admin"], domain="key") is None


def test_region_codes_must_match_their_level(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Region.objects.create(code="4102251", name="坏", level="county")

"""Each body's 政府信息公开 column: the guide with the regulation's defaults,
the rules, proactive content, annual reports and the way to apply; reached
from the home page and every place page; in the sitemap and the API."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disclosure.column.guide import shown_guide
from disclosure.models import DisclosureGuide
from portal.audit import audited_save
from portal.models import Organisation

from ..conftest import make_draft, publish

pytestmark = pytest.mark.django_db

COUNTY = "410225-hrss"


def column_url(org):
    return reverse("public:column", kwargs={"code": org.region.code, "body": org.code})


def test_an_empty_guide_shows_the_regulations_defaults(client, lankao):
    org = Organisation.objects.get(code=COUNTY)
    guide = shown_guide(org)
    assert guide.office_default and guide.how_to_apply_default and guide.rules_default
    assert org.name in guide.office
    assert "20 working days" in guide.how_to_apply
    page = client.get(column_url(org)).content.decode()
    for heading in (
        "Guide to government information disclosure",
        "Disclosure rules",
        "Statutory proactive disclosure",
        "Annual reports on government information disclosure",
        "Disclosure on request",
    ):
        assert heading in page
    assert "Art. 33" in page
    assert reverse("public-requests:apply", kwargs={"code": COUNTY}) in page


def test_what_staff_fill_in_replaces_the_default(client, lankao):
    org = Organisation.objects.get(code=COUNTY)
    audited_save(
        DisclosureGuide(
            organisation=org,
            office="兰考县人社局办公室",
            phone="0371-26999000",
            email="gk@example.cn",
            postcode="475300",
            postal_address="兰考县裕禄大道1号",
            how_to_apply="请到办公室填写申请表。",
        ),
        user=lankao["county_publisher"],
        reason="指南",
    )
    page = client.get(column_url(org)).content.decode()
    for shown in (
        "兰考县人社局办公室",
        "0371-26999000",
        "gk@example.cn",
        "475300",
        "请到办公室填写申请表。",
    ):
        assert shown in page
    assert "Art. 33" not in page  # the procedure given replaces the default
    assert "Art. 17" in page  # the rules were left to the default


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("phone", "请打电话", "phone_shape"),
        ("postcode", "4753", "postcode_shape"),
        ("email", "不是邮箱", "invalid"),
    ],
)
def test_bad_guide_values_are_refused(lankao, field, value, code):
    guide = DisclosureGuide(
        organisation=Organisation.objects.get(code=COUNTY), **{field: value}
    )
    with pytest.raises(ValidationError) as caught:
        guide.full_clean()
    assert caught.value.error_dict[field][0].code == code
    assert not DisclosureGuide.objects.exists()


def test_the_column_lists_catalogs_publications_and_only_published_reports(
    client, lankao, employment_item
):
    from disclosure.reports.annual.services import annual_report_create

    org = Organisation.objects.get(code=COUNTY)
    draft = make_draft(
        lankao,
        "county_publisher",
        COUNTY,
        employment_item,
        formed_on=date(2025, 9, 26),
        title="仍是草稿的岗位信息",
    )
    published = publish(
        lankao,
        make_draft(
            lankao,
            "county_publisher",
            COUNTY,
            employment_item,
            formed_on=date(2025, 9, 26),
            title="已发布的岗位信息",
        ),
        author="county_publisher",
    )
    annual_report_create(organisation=org, year=2025, user=lankao["county_publisher"])
    page = client.get(column_url(org)).content.decode()
    assert published.title in page and draft.title not in page
    assert (
        reverse("public:catalog", kwargs={"code": "410225", "domain": "employment"})
        in page
    )
    assert "This body has not published an annual report yet." in page


def test_reached_from_home_and_place_pages_sitemap_and_api(client, lankao):
    org = Organisation.objects.get(code=COUNTY)
    home = client.get(reverse("public:home")).content.decode()
    assert reverse("public:columns", kwargs={"code": "41"}) in home
    place = client.get(
        reverse("public:region", kwargs={"code": "410225"})
    ).content.decode()
    columns = reverse("public:columns", kwargs={"code": "410225"})
    assert columns in place
    assert column_url(org) in client.get(columns).content.decode()
    section = client.get(
        reverse("opendata:sitemap-section", kwargs={"section": "columns"})
    )
    assert (
        column_url(org).replace("/en/", "/") in section.content.decode()
        or column_url(org) in section.content.decode()
    )
    data = client.get(reverse("opendata:api-body", kwargs={"code": COUNTY})).json()
    assert data["name"] == org.name
    assert data["guide"]["office"].startswith(org.name)
    assert data["apply"].endswith(f"/requests/apply/{COUNTY}/")
    listed = client.get(reverse("opendata:api-bodies"), {"region": "410225"}).json()
    assert COUNTY in {b["code"] for b in listed["results"]}


def test_a_body_is_not_found_at_another_place(client, lankao):
    url = reverse("public:column", kwargs={"code": "410221", "body": COUNTY})
    assert client.get(url).status_code == 404
    missing = client.get(reverse("opendata:api-body", kwargs={"code": "no-such"}))
    assert (
        missing.status_code == 404 and "no-such" in missing.json()["error"]["message"]
    )


def test_saving_a_guide_refreshes_the_cached_column(client, lankao):
    org = Organisation.objects.get(code=COUNTY)
    client.get(column_url(org))
    audited_save(
        DisclosureGuide(organisation=org, office="新办公室名称"),
        user=lankao["county_publisher"],
        reason="指南",
    )
    assert "新办公室名称" in client.get(column_url(org)).content.decode()


def test_the_column_page_costs_a_few_queries(
    client, lankao, employment_item, django_assert_max_num_queries
):
    org = Organisation.objects.get(code=COUNTY)
    for n in range(3):
        publish(
            lankao,
            make_draft(
                lankao,
                "county_publisher",
                COUNTY,
                employment_item,
                formed_on=date(2025, 9, 26),
                title=f"岗位信息{n}",
            ),
            author="county_publisher",
        )
    with django_assert_max_num_queries(10):
        assert client.get(column_url(org)).status_code == 200

"""The compliance review: who may review, 不予公开 with a negative-list reason, the form."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from disclosure.models import ComplianceReview, NegativeListEntry, PublicationStatus
from disclosure.negativelist import RIZHAO_CATEGORIES, negative_list_adopt
from disclosure.reviews import review_approve, review_complete, review_return
from disclosure.selectors import negative_list_for
from disclosure.services import publication_submit
from portal.models import Membership, Organisation, Role
from tests import factories

from .conftest import REVIEW, make_draft

pytestmark = pytest.mark.django_db

VILLAGE = "410225104201-vc"


@pytest.fixture
def in_review(lankao, dibao_item):
    draft = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title="张庄村低保审核信息公示",
    )
    return publication_submit(publication=draft, user=lankao["village_publisher"])


def complete(users, publication, reviewer="mca_reviewer", **changes):
    return review_complete(
        publication=publication, reviewer=users[reviewer], data={**REVIEW, **changes}
    )


def test_the_default_negative_list_has_the_eleven_rizhao_categories(lankao):
    defaults = NegativeListEntry.objects.filter(organisation__isnull=True)
    assert defaults.count() == len(RIZHAO_CATEGORIES) == 11
    process = defaults.get(category="过程性信息")
    assert "第十六条" in process.legal_basis
    assert process.history.count() == 1


def test_the_reviewer_may_not_be_the_author(lankao, employment_item):
    author = lankao["county_publisher"]
    Membership.objects.create(
        user=author, organisation=lankao["org:410225-hrss"], role=Role.REVIEWER
    )
    draft = make_draft(
        lankao,
        "county_publisher",
        "410225-hrss",
        employment_item,
        formed_on=date(2025, 9, 26),
    )
    publication_submit(publication=draft, user=author)
    with pytest.raises(PermissionDenied) as excinfo:
        complete(lankao, draft, reviewer="county_publisher")
    assert str(excinfo.value) == (
        "You wrote “公示”, so you may not review it; another reviewer must "
        "complete the compliance review."
    )
    assert not ComplianceReview.objects.exists()


def test_the_author_is_refused_the_review_page(client, lankao, employment_item):
    author = lankao["county_publisher"]
    Membership.objects.create(
        user=author, organisation=lankao["org:410225-hrss"], role=Role.REVIEWER
    )
    draft = make_draft(
        lankao,
        "county_publisher",
        "410225-hrss",
        employment_item,
        formed_on=date(2025, 9, 26),
    )
    publication_submit(publication=draft, user=author)
    client.force_login(author)
    assert client.get(reverse("disclosure:review", args=[draft.pk])).status_code == 403


@pytest.mark.parametrize(
    "username", ["village_publisher", "county_editor", "province_reviewer"]
)
def test_only_reviewers_review(lankao, in_review, username):
    with pytest.raises(PermissionDenied):
        complete(lankao, in_review, reviewer=username)


def test_a_reviewer_of_another_county_may_not_review(lankao, in_review):
    qixian = Organisation.objects.get(code="410221-hrss")
    lankao["qixian_reviewer"] = factories.user(organisation=qixian, role=Role.REVIEWER)
    with pytest.raises(PermissionDenied) as excinfo:
        complete(lankao, in_review, reviewer="qixian_reviewer")
    assert str(excinfo.value) == (
        "You may not review publications of 东坝头镇张庄村民委员会."
    )


def test_a_reviewer_of_a_bureau_of_another_domain_may_not_review(lankao, in_review):
    # The 人社局's reviewer reaches the villages below, but not their 低保 notices:
    # social relief is the 民政局's.
    with pytest.raises(PermissionDenied) as excinfo:
        complete(lankao, in_review, reviewer="county_reviewer")
    assert str(excinfo.value) == (
        "兰考县人力资源和社会保障局 is not responsible for “社会救助”: publications "
        "of 东坝头镇张庄村民委员会 in that domain are reviewed by the body "
        "responsible for it."
    )
    assert not ComplianceReview.objects.exists()


def test_another_bureaus_reviewer_of_the_county_may_not_review(
    client, lankao, employment_item
):
    # The 民政局's reviewer does not reach the 人社局, a body of the same county.
    draft = make_draft(
        lankao,
        "county_publisher",
        "410225-hrss",
        employment_item,
        formed_on=date(2025, 9, 26),
    )
    publication_submit(publication=draft, user=lankao["county_publisher"])
    with pytest.raises(PermissionDenied) as excinfo:
        complete(lankao, draft, reviewer="mca_reviewer")
    assert str(excinfo.value) == (
        "You may not review publications of 兰考县人力资源和社会保障局."
    )
    client.force_login(lankao["mca_reviewer"])
    for name in ("disclosure:review", "disclosure:publication-detail"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
    assert complete(lankao, draft, reviewer="county_reviewer").decision == "pending"


def test_not_disclosed_needs_a_negative_list_reason(lankao, in_review):
    with pytest.raises(ValidationError) as excinfo:
        complete(lankao, in_review, attribute="not_disclosed")
    assert excinfo.value.message_dict["negative_list_entry"] == [
        "Information that is not disclosed needs a reason: choose the category of "
        "the negative list it falls under."
    ]
    assert not ComplianceReview.objects.exists()


def test_not_disclosed_with_a_reason_is_kept_and_never_published(lankao, in_review):
    privacy = negative_list_for(in_review.organisation).get(position=2)
    form = complete(
        lankao,
        in_review,
        attribute="not_disclosed",
        negative_list_entry=privacy,
        withheld_reason="名单含未成年人信息。",
    )
    publication = review_approve(review=form, reviewer=lankao["mca_reviewer"])
    assert publication.status == PublicationStatus.RETAINED
    assert publication.attribute == "not_disclosed"
    assert publication.negative_list_entry == privacy
    assert publication.published_at is None
    form.refresh_from_db()
    assert form.decision == "approved"


def test_the_reason_must_come_from_the_organisations_own_list(lankao, in_review):
    village = in_review.organisation
    negative_list_adopt(organisation=village)
    default = NegativeListEntry.objects.filter(organisation__isnull=True).first()
    with pytest.raises(ValidationError) as excinfo:
        complete(
            lankao, in_review, attribute="not_disclosed", negative_list_entry=default
        )
    assert excinfo.value.message_dict["negative_list_entry"] == [
        f"“{default.category}” is not on the negative list of 东坝头镇张庄村民委员会."
    ]
    own = negative_list_for(village).get(position=default.position)
    assert (
        complete(
            lankao, in_review, attribute="not_disclosed", negative_list_entry=own
        ).negative_list_entry
        == own
    )


def test_secret_information_is_never_disclosed(lankao, in_review):
    with pytest.raises(ValidationError) as excinfo:
        complete(lankao, in_review, is_secret=True)
    assert "never disclosed" in excinfo.value.message_dict["attribute"][0]


def test_a_disagreeing_legal_review_cannot_be_approved(lankao, in_review):
    form = complete(lankao, in_review, legal_opinion="disagree")
    with pytest.raises(ValidationError) as excinfo:
        review_approve(review=form, reviewer=lankao["mca_reviewer"])
    assert "return it to the author" in excinfo.value.message_dict["legal_opinion"][0]
    in_review.refresh_from_db()
    assert in_review.status == PublicationStatus.IN_REVIEW


def test_on_request_information_is_kept_unpublished(lankao, in_review):
    form = complete(lankao, in_review, attribute="on_request")
    publication = review_approve(review=form, reviewer=lankao["mca_reviewer"])
    assert publication.status == PublicationStatus.RETAINED
    assert publication.attribute == "on_request"


def test_returning_needs_a_reason_and_keeps_the_form(lankao, in_review):
    complete(lankao, in_review)
    with pytest.raises(ValidationError):
        review_return(publication=in_review, reviewer=lankao["mca_reviewer"], reason="")
    returned = review_return(
        publication=in_review, reviewer=lankao["mca_reviewer"], reason="请补充电话。"
    )
    assert returned.status == PublicationStatus.DRAFT
    form = ComplianceReview.objects.get()
    assert (form.decision, form.decision_reason) == ("returned", "请补充电话。")


def test_approving_on_the_review_page_publishes_and_the_form_prints(
    client, lankao, in_review
):
    client.force_login(lankao["mca_reviewer"])
    url = reverse("disclosure:review", args=[in_review.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        **{k: v for k, v in REVIEW.items() if k != "is_secret"},
        "filled_on": "2025-09-29",
        "column": "村务公开栏",
        "leader_in_charge": "孙书记",
        "action": "approve",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == PublicationStatus.PUBLISHED
    form = ComplianceReview.objects.get()
    assert form.uploaded_on is not None
    assert form.publisher_name == "mca_reviewer"

    client.force_login(lankao["village_publisher"])  # the author reads it too
    printed = client.get(reverse("disclosure:review-print", args=[form.pk]))
    assert printed.status_code == 200
    body = printed.content.decode()
    for text in [
        "张庄村低保审核信息公示",
        "张承办",
        "王审核",
        "李法规",
        "赵科长",
        "孙书记",
    ]:
        assert text in body
    assert "☑ Proactive disclosure (主动公开)" in body
    assert "☐ Not disclosed (不予公开)" in body
    assert "☑ Website" in body
    assert "@media print" not in body  # the print rules live in the stylesheet


def test_the_printable_form_is_not_shown_outside_the_county(client, lankao, in_review):
    form = complete(lankao, in_review)
    qixian = Organisation.objects.get(code="410221-hrss")
    client.force_login(factories.user(organisation=qixian, role=Role.REVIEWER))
    response = client.get(reverse("disclosure:review-print", args=[form.pk]))
    assert response.status_code == 404


def test_reviewers_keep_their_organisations_negative_list_in_the_admin(client, lankao):
    client.force_login(lankao["county_reviewer"])
    hrss = lankao["org:410225-hrss"]
    response = client.post(
        reverse("admin:disclosure_negativelistentry_add"),
        {
            "organisation": hrss.pk,
            "position": 12,
            "category": "劳动保障监察举报人信息",
            "scope": "举报人姓名、联系方式。",
            "legal_basis": "《劳动保障监察条例》第二十二条",
            "change_reason": "本局补充",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = NegativeListEntry.objects.get(organisation=hrss)
    assert entry.history.get().history_user == lankao["county_reviewer"]
    default = NegativeListEntry.objects.filter(organisation__isnull=True).first()
    change = reverse("admin:disclosure_negativelistentry_change", args=[default.pk])
    assert "Save" not in client.get(change).content.decode()

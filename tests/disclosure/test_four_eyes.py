"""Four eyes: the reviewer is neither the author nor anyone who changed the text
since the last review (issue 15, Medium), on the services and the pages."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import ComplianceReview, PublicationStatus
from disclosure.reviews import review_approve, review_complete, review_return
from disclosure.services import (
    publication_attach,
    publication_submit,
    publication_update,
)
from portal.audit import last_history_id
from portal.models import Membership, Organisation, Role

from .conftest import REVIEW, make_draft

pytestmark = pytest.mark.django_db

VILLAGE = "410225104201-vc"


@pytest.fixture
def draft(lankao, dibao_item):
    return make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title="张庄村低保审核信息公示",
        body="名单如下。",
    )


@pytest.fixture
def double_role(lankao):
    """The county 民政局 reviewer (social relief is its domain) who also publishes for the village."""
    reviewer = lankao["mca_reviewer"]
    Membership.objects.create(
        user=reviewer,
        organisation=Organisation.objects.get(code=VILLAGE),
        role=Role.PUBLISHER,
    )
    publisher = Group.objects.filter(user=lankao["village_publisher"])
    reviewer.groups.add(*publisher)
    return reviewer


def rewrite(publication, user, **changes):
    return publication_update(
        publication=publication,
        user=user,
        changes=changes,
        seen_history_id=last_history_id(publication),
    )


def test_a_reviewer_who_rewrote_anothers_draft_may_not_approve_it(
    lankao, draft, double_role
):
    rewrite(draft, double_role, body="谁也没读过的文字。")
    publication_submit(publication=draft, user=double_role)
    with pytest.raises(PermissionDenied) as excinfo:
        review_complete(publication=draft, reviewer=double_role, data=REVIEW)
    assert str(excinfo.value) == (
        "You changed the text of “张庄村低保审核信息公示” since it was last "
        "reviewed, so you may not review it; another reviewer must read it."
    )
    assert not ComplianceReview.objects.exists()


def test_a_changed_title_counts_as_a_change_of_the_text(lankao, draft, double_role):
    rewrite(draft, double_role, title="张庄村低保审核信息公示（更正）")
    publication_submit(publication=draft, user=lankao["village_publisher"])
    with pytest.raises(PermissionDenied):
        review_complete(publication=draft, reviewer=double_role, data=REVIEW)


def test_a_reviewer_who_attached_a_file_may_not_approve(lankao, draft, double_role):
    upload = SimpleUploadedFile("名单.txt", "名单如下。".encode(), "text/plain")
    publication_attach(publication=draft, user=double_role, upload=upload)
    publication_submit(publication=draft, user=lankao["village_publisher"])
    with pytest.raises(PermissionDenied):
        review_complete(publication=draft, reviewer=double_role, data=REVIEW)


def test_approve_asks_again_after_the_form_was_filled(lankao, draft, double_role):
    publication_submit(publication=draft, user=lankao["village_publisher"])
    form = review_complete(publication=draft, reviewer=double_role, data=REVIEW)
    draft.refresh_from_db()
    draft.body = "改过的文字。"
    draft.save()  # a change in the history by the double-role reviewer
    record = draft.history.latest()
    record.history_user = double_role
    record.save()
    with pytest.raises(PermissionDenied):
        review_approve(review=form, reviewer=double_role)
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.IN_REVIEW


def test_changes_before_the_last_review_do_not_count(lankao, draft, double_role):
    """The double-role reviewer edited, another reviewer read that and returned
    it; the author rewrote it, so the first one reads someone else's text now."""
    rewrite(draft, double_role, body="第一稿。")
    publication_submit(publication=draft, user=lankao["village_publisher"])
    other = lankao["province_reviewer"]
    Membership.objects.create(
        user=other,
        organisation=Organisation.objects.get(code=VILLAGE),
        role=Role.REVIEWER,
    )
    review_return(publication=draft, reviewer=other, reason="请补充名单。")
    rewrite(draft, lankao["village_publisher"], body="第二稿，名单已补充。")
    publication_submit(publication=draft, user=lankao["village_publisher"])
    form = review_complete(publication=draft, reviewer=double_role, data=REVIEW)
    published = review_approve(review=form, reviewer=double_role)
    assert published.status == PublicationStatus.PUBLISHED


def test_an_untouched_draft_is_reviewed_by_the_double_role(lankao, draft, double_role):
    publication_submit(publication=draft, user=lankao["village_publisher"])
    form = review_complete(publication=draft, reviewer=double_role, data=REVIEW)
    assert review_approve(review=form, reviewer=double_role).status == "published"


def test_the_page_hides_the_review_button_and_refuses_the_form(
    client, lankao, draft, double_role
):
    rewrite(draft, double_role, body="谁也没读过的文字。")
    publication_submit(publication=draft, user=double_role)
    client.force_login(double_role)
    detail = client.get(draft.get_absolute_url())
    review_url = reverse("disclosure:review", kwargs={"pk": draft.pk})
    assert detail.status_code == 200
    assert review_url not in detail.content.decode()
    assert client.get(review_url).status_code == 403
    response = client.post(review_url, {**REVIEW, "action": "approve"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.IN_REVIEW

"""Issue 16 point 4: suspected ID numbers stop a draft until masked or released.

``410102199003071234`` has a real region (郑州市中原区) and birth date but a
wrong check character: a mistyped ID number, or a real one. It stops submitting
like an ID number. If it is not one (an archive number, say) the author sends
the draft asking for a release; the reviewer releases that exact value, with a
reason kept in history, during the compliance review — or returns the draft.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from disclosure.models import PersonalDataRelease, Publication
from disclosure.personaldata import PersonalDataFound
from disclosure.reviews import personal_data_release, review_approve, review_complete
from disclosure.services import publication_submit

from .conftest import REVIEW, VILLAGE, make_draft

pytestmark = pytest.mark.django_db

SUSPECTED = "410102199003071234"
BODY = f"档案号{SUSPECTED}，张三，联系电话138****5678。"


@pytest.fixture
def draft(lankao, dibao_item):
    return make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        dibao_item,
        formed_on=date(2025, 9, 26),
        title="张庄村低保档案公示",
        body=BODY,
    )


def test_a_suspected_number_stops_submitting_and_says_what_to_do(lankao, draft):
    with pytest.raises(PersonalDataFound) as stopped:
        publication_submit(publication=draft, user=lankao["village_publisher"])
    assert stopped.value.messages == [
        "Personal information was found and must be masked before this can be "
        "published: suspected ID-card number 410102********1234 in the text. A "
        "suspected ID-card number has a real region and birth date but a wrong "
        "check character: it is most likely a mistyped ID number. Mask it; if it "
        "is not an ID number, submit the draft asking the reviewer to release it."
    ]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_asking_for_a_release_needs_a_note(lankao, draft):
    with pytest.raises(ValidationError) as excinfo:
        publication_submit(
            publication=draft, user=lankao["village_publisher"], ask_release=True
        )
    assert excinfo.value.message_dict == {
        "reason": ["Give a reason; it is recorded in the history."]
    }


def test_asking_for_a_release_does_not_let_a_real_id_number_through(lankao, draft):
    draft.body += " 李四 410225199003071230"
    draft.save()
    with pytest.raises(PersonalDataFound) as stopped:
        publication_submit(
            publication=draft,
            user=lankao["village_publisher"],
            ask_release=True,
            reason="档案号不是身份证号",
        )
    assert "ID-card number 410225********1230" in stopped.value.messages[0]
    assert "suspected" not in stopped.value.messages[0]


def _in_review(client, lankao, draft):
    client.force_login(lankao["village_publisher"])
    response = client.post(
        reverse("disclosure:publication-mask", args=[draft.pk]),
        {"action": "ask_release", "reason": "这是档案编号，不是身份证号。"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "in_review"
    client.logout()


def test_the_reviewer_releases_the_exact_value_and_then_approves(client, lankao, draft):
    _in_review(client, lankao, draft)
    reviewer = lankao["mca_reviewer"]
    form = review_complete(publication=draft, reviewer=reviewer, data=REVIEW)
    with pytest.raises(PersonalDataFound) as stopped:
        review_approve(review=form, reviewer=reviewer)
    assert "Release it only if it is not an ID number." in stopped.value.messages[0]
    draft.refresh_from_db()
    assert draft.status == "in_review"  # nothing half-written
    assert draft.reviews.get().decision == "pending"

    client.force_login(reviewer)
    page = client.get(reverse("disclosure:review", args=[draft.pk])).content.decode()
    assert "Suspected ID-card numbers wait for your decision" in page
    assert "这是档案编号，不是身份证号。" in page  # the author's note
    assert "410102********1234" in page
    assert f'value="{SUSPECTED}"' in page  # the release form names the exact value
    response = client.post(
        reverse("disclosure:review", args=[draft.pk]),
        {"action": "release", "value": SUSPECTED, "reason": "经核对为档案编号。"},
    )
    assert response.status_code == 302
    release = PersonalDataRelease.objects.get()
    assert (release.value, release.reason, release.released_by) == (
        SUSPECTED,
        "经核对为档案编号。",
        reviewer,
    )
    record = release.history.get()
    assert record.history_user == reviewer
    assert record.history_change_reason == (
        "Suspected ID-card number 410102********1234 released: 经核对为档案编号。"
    )
    published = review_approve(review=form, reviewer=reviewer)
    assert published.status == "published"
    assert published.body == BODY  # released, so not masked
    printed = client.get(reverse("disclosure:review-print", args=[form.pk]))
    assert "经核对为档案编号。" in printed.content.decode()


def test_only_an_open_suspected_value_can_be_released(client, lankao, draft):
    _in_review(client, lankao, draft)
    reviewer = lankao["mca_reviewer"]
    for value in ("410225199003071230", "410102199003071235"):
        with pytest.raises(ValidationError) as excinfo:
            personal_data_release(
                publication=draft, reviewer=reviewer, value=value, reason="不是"
            )
        assert excinfo.value.message_dict["value"] == [
            "This number is not a suspected ID-card number of “张庄村低保档案公示” "
            "waiting for a release; reload the page."
        ]
    with pytest.raises(ValidationError):
        personal_data_release(
            publication=draft, reviewer=reviewer, value=SUSPECTED, reason=" "
        )
    assert not PersonalDataRelease.objects.exists()


def test_the_author_cannot_release_their_own_number(client, lankao, draft):
    _in_review(client, lankao, draft)
    with pytest.raises(PermissionDenied):
        personal_data_release(
            publication=draft,
            reviewer=lankao["village_publisher"],
            value=SUSPECTED,
            reason="不是身份证号",
        )


def test_a_released_value_stays_masked_nowhere_else(client, lankao, draft):
    """The release names one value in one publication; the same number elsewhere
    still stops a draft."""
    _in_review(client, lankao, draft)
    personal_data_release(
        publication=draft,
        reviewer=lankao["mca_reviewer"],
        value=SUSPECTED,
        reason="档案编号",
    )
    other = make_draft(
        lankao,
        "village_publisher",
        VILLAGE,
        draft.item,
        formed_on=date(2025, 9, 26),
        body=f"档案号{SUSPECTED}",
    )
    with pytest.raises(PersonalDataFound):
        publication_submit(publication=other, user=lankao["village_publisher"])
    assert Publication.objects.get(pk=other.pk).status == "draft"

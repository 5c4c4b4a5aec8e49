"""The rules of consultations: the window in Beijing time, masking, moderation
and the adoption feedback; and one answer per person, page and day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from catalogs.models import Item
from disclosure.models import CommentStatus, ConsultationComment, Verdict
from disclosure.participation import selectors, services

from ..conftest import id_number
from .conftest import DRAFT, at

pytestmark = pytest.mark.django_db

ID = id_number("41022519800101123")


def comment(consultation, when, text="建议提高补贴标准。", **extra):
    return services.comment_submit(
        consultation=consultation,
        name=extra.get("name", "张三"),
        contact=extra.get("contact", "13800000000"),
        text=text,
        now=when,
    )


def test_the_window_is_whole_days_in_beijing_time(consultation):
    assert consultation.opens_at == at(2026, 3, 1)
    assert consultation.closes_at == at(2026, 4, 1)
    assert services.last_day(consultation) == dt.date(2026, 3, 31)
    # 2026-03-31 23:59 in Beijing is 15:59 UTC; midnight is 16:00 UTC the same day.
    assert comment(consultation, at(2026, 3, 31, 23, 59, 59)).pk
    utc_midnight_beijing = dt.datetime(2026, 3, 31, 16, 0, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as refused:
        comment(consultation, utc_midnight_beijing)
    assert refused.value.messages == [
        "This consultation closed at the end of March 31, 2026 (Beijing time); "
        "no more comments are accepted."
    ]
    with pytest.raises(ValidationError, match="not open for comments yet"):
        comment(consultation, at(2026, 2, 28, 23, 59))
    assert comment(consultation, at(2026, 3, 1, 0, 0)).pk
    assert ConsultationComment.objects.count() == 2


def test_a_draft_consultation_takes_no_comment(demo, bureau):
    draft = services.consultation_save(
        user=demo["county_publisher"], data=DRAFT, organisation=bureau
    )
    with pytest.raises(ValidationError, match="not open"):
        comment(draft, at(2026, 3, 10))


def test_closing_before_opening_is_refused(demo, bureau):
    with pytest.raises(ValidationError) as refused:
        services.consultation_save(
            user=demo["county_publisher"],
            data={**DRAFT, "closes_on": dt.date(2026, 2, 1)},
            organisation=bureau,
        )
    assert refused.value.message_dict == {
        "closes_on": ["The closing day must not be before the opening day."]
    }


def test_an_id_number_is_masked_before_anyone_reads_it(consultation):
    made = comment(consultation, at(2026, 3, 5), text=f"我的身份证号{ID}，建议。")
    stored = ConsultationComment.objects.get(pk=made.pk)
    assert ID not in stored.text and stored.had_personal_data
    assert stored.text.startswith("我的身份证号410225") and "*" in stored.text
    assert all(ID not in str(h.text) for h in stored.history.all())
    assert not hasattr(stored.history.first(), "contact")


def test_moderation_publishes_or_keeps_back_with_a_reason(demo, consultation):
    moderator = demo["county_reviewer"]
    first = comment(consultation, at(2026, 3, 5))
    second = comment(consultation, at(2026, 3, 6), text="与本办法无关的广告。")
    with pytest.raises(ValidationError) as refused:
        services.comment_moderate(user=moderator, comment=second, publish=False)
    assert refused.value.message_dict == {
        "reason": ["Say why the comment is not published."]
    }
    services.comment_moderate(user=moderator, comment=first, publish=True)
    services.comment_moderate(
        user=moderator, comment=second, publish=False, reason="与本次征集无关"
    )
    assert list(selectors.published_comments(consultation)) == [first]
    second.refresh_from_db()
    assert second.status == CommentStatus.REJECTED
    assert second.moderation_reason == "与本次征集无关"
    assert selectors.comment_counts(consultation) == {
        "received": 2,
        "published": 1,
        "adopted": 0,
    }


def test_feedback_waits_for_the_closing_and_needs_reasons(demo, consultation):
    user = demo["county_reviewer"]
    a = comment(consultation, at(2026, 3, 5))
    b = comment(consultation, at(2026, 3, 6), text="建议提高标准到每月500元。")
    c = comment(consultation, at(2026, 3, 7), text="建议取消户籍限制。")
    for one in (a, b, c):
        services.comment_moderate(user=user, comment=one, publish=True)
    with pytest.raises(ValidationError, match="once the consultation has closed"):
        services.feedback_record(
            user=user,
            consultation=consultation,
            comments=[a],
            gist="提高标准",
            verdict=Verdict.ADOPTED,
            now=at(2026, 3, 31, 23, 0),
        )
    after = at(2026, 4, 2, 9, 0)
    with pytest.raises(ValidationError) as refused:
        services.feedback_record(
            user=user,
            consultation=consultation,
            comments=[c],
            gist="取消户籍限制",
            verdict=Verdict.NOT_ADOPTED,
            now=after,
        )
    assert refused.value.message_dict == {
        "reason": ["Give the reason an opinion is adopted in part or not adopted."]
    }
    group = services.feedback_record(
        user=user,
        consultation=consultation,
        comments=[a, b],
        gist="提高补贴标准",
        verdict=Verdict.PARTLY,
        reason="财力所限，标准提高至每月400元。",
        now=after,
    )
    services.feedback_record(
        user=user,
        consultation=consultation,
        comments=[c],
        gist="取消户籍限制",
        verdict=Verdict.NOT_ADOPTED,
        reason="上位法另有规定。",
        now=after,
    )
    assert set(group.comments.all()) == {a, b}
    assert selectors.comment_counts(consultation)["adopted"] == 2
    with pytest.raises(ValidationError, match="personal data"):
        services.feedback_publish(
            user=user, consultation=consultation, summary=f"见{ID}", now=after
        )
    done = services.feedback_publish(
        user=user, consultation=consultation, summary="共收到意见3条。", now=after
    )
    assert done.feedback_published_at == after


def test_one_answer_per_person_page_and_day(demo, bureau):
    answers = {"timely": "yes", "complete": "no", "convenient": "yes"}
    item = Item.objects.first()
    page = services.SayPage(organisation_id=bureau.pk, item_id=item.pk)
    day = at(2026, 5, 1, 10)
    first = services.say_record(
        client="203.0.113.5", page=page, answers=answers, now=day
    )
    assert first is not None and first.answered_on == dt.date(2026, 5, 1)
    assert (
        services.say_record(
            client="203.0.113.5", page=page, answers=answers, now=at(2026, 5, 1, 23, 59)
        )
        is None
    )
    assert services.say_record(
        client="203.0.113.6", page=page, answers=answers, now=day
    )
    assert services.say_record(
        client="203.0.113.5", page=page, answers=answers, now=at(2026, 5, 2, 0, 1)
    )
    assert "203.0.113.5" not in first.answer_key
    with pytest.raises(ValidationError):
        services.say_record(
            client="x", page=page, answers={**answers, "timely": "maybe"}, now=day
        )

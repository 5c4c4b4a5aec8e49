"""The demo consultations: one open, one closed with its feedback; seeded once."""

import pytest

from disclosure.participation import selectors, services
from disclosure.participation.demo import seed_consultations

pytestmark = pytest.mark.django_db


def test_one_open_and_one_closed_with_feedback(demo):
    opened, closed = seed_consultations()
    assert services.is_open(opened) and services.is_closed(closed)
    assert selectors.comment_counts(opened) == {
        "received": 2,
        "published": 1,
        "adopted": 0,
    }
    masked = opened.comments.get(name="")
    assert masked.had_personal_data and "*" in masked.text
    assert selectors.comment_counts(closed) == {
        "received": 3,
        "published": 3,
        "adopted": 3,
    }
    assert closed.feedback_published_at and closed.feedback.count() == 2
    assert seed_consultations() == []

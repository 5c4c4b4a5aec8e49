"""Checks the bad-input form tests share: the form's errors, and nothing written."""

from django.contrib.messages import get_messages

from tests import corpus

from .conftest import row_counts


def form_errors(response, name="form") -> dict:
    form = response.context[name]
    form = getattr(form, "form", form)  # the admin's AdminForm wraps it
    return {
        field: [str(m) for m in messages] for field, messages in form.errors.items()
    }


def assert_errors(actual: dict, expected: dict) -> None:
    assert set(actual) == set(expected), actual
    for field, messages in expected.items():
        assert corpus.answers(messages, actual[field]), actual[field]


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def refused(client, url, data, expected, *, name="form", status=200):
    """POST ``data``: the form ``name`` comes back with ``expected`` errors, the
    page escapes what was typed, and no row was written."""
    before = row_counts()
    response = client.post(url, data)
    assert response.status_code == status
    assert_errors(form_errors(response, name), expected)
    assert row_counts() == before
    assert "<script>alert" not in response.content.decode()
    return response

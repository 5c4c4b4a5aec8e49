"""A text CAPTCHA that needs no outside service and no image: a small sum in words.

The question ("七加五等于多少？") is the field's label, so screen readers read
it and it is translated like every other string; no picture or sound to fail
for anyone. The answer never leaves the server in clear: the form carries a
signed token with a random nonce and an HMAC of nonce and answer, valid for
``MAX_AGE`` seconds and accepted once (the nonce is remembered in the cache
until it expires). It stops scripted floods, not a person; the rate limit
(``portal.access.ratelimit``) does the rest. Reused by every public form
(``CaptchaMixin``).
"""

import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "portal.captcha"
MAX_AGE = 30 * 60


def _number_words(n: int) -> str:
    """Small numbers as words, in the active language: 7 → 七 / seven."""
    words = [
        _("zero"),
        _("one"),
        _("two"),
        _("three"),
        _("four"),
        _("five"),
        _("six"),
        _("seven"),
        _("eight"),
        _("nine"),
        _("ten"),
    ]
    return words[n]


def _digest(nonce: str, answer: str) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}").hexdigest()


def _cache():
    return caches[getattr(settings, "PORTAL_RATE_LIMIT_CACHE", "default")]


class Challenge:
    """A new question, its token, and (for tests) its answer."""

    def __init__(self, rng=None):
        rng = rng or secrets.SystemRandom()
        a, b = rng.randint(1, 9), rng.randint(1, 9)
        if rng.random() < 0.5 or a == b:
            self.answer = str(a + b)
            self.question = _("What is %(a)s plus %(b)s?") % {
                "a": _number_words(a),
                "b": _number_words(b),
            }
        else:
            a, b = max(a, b), min(a, b)
            self.answer = str(a - b)
            self.question = _("What is %(a)s minus %(b)s?") % {
                "a": _number_words(a),
                "b": _number_words(b),
            }
        nonce = secrets.token_urlsafe(12)
        self.token = signing.dumps(
            {"n": nonce, "d": _digest(nonce, self.answer)}, salt=SALT
        )


def verify(token: str, answer: str) -> None:
    """Raise a ValidationError unless ``answer`` answers ``token``'s question,
    once, within ``MAX_AGE``."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
        nonce, digest = data["n"], data["d"]
    except signing.SignatureExpired:
        raise forms.ValidationError(
            _("The question expired. Please answer the new question."),
            code="captcha_expired",
        ) from None
    except (signing.BadSignature, KeyError, TypeError):
        raise forms.ValidationError(
            _("The question was not recognised. Please answer the new question."),
            code="captcha_invalid",
        ) from None
    given = "".join(ch for ch in (answer or "") if not ch.isspace())
    given = given.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not constant_time_compare(digest, _digest(nonce, given)):
        raise forms.ValidationError(
            _("That is not the answer. Please answer the new question in digits."),
            code="captcha_wrong",
        )
    try:
        fresh = _cache().add(f"captcha-used:{nonce}", 1, timeout=MAX_AGE + 60)
    except Exception:
        fresh = True  # a cache that is down cannot remember; the signature holds
    if not fresh:
        raise forms.ValidationError(
            _("This question was answered already. Please answer the new question."),
            code="captcha_used",
        )


class CaptchaMixin(forms.Form):
    """Adds the question to a form; a bound form is checked and then shows a new
    question whatever the outcome, since each question is accepted once."""

    captcha_token = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha_answer = forms.CharField(
        label=gettext_lazy("Question"),
        max_length=10,
        required=False,
        help_text=gettext_lazy(
            "A question to tell people from automated programs; answer in digits."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "short"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = Challenge()
        self.fields["captcha_answer"].label = self.challenge.question
        self._submitted = None
        if self.is_bound:
            self._submitted = (
                self.data.get("captcha_token", ""),
                self.data.get("captcha_answer", ""),
            )
            data = self.data.copy()
            data["captcha_token"] = self.challenge.token
            data["captcha_answer"] = ""
            self.data = data
        else:
            self.initial["captcha_token"] = self.challenge.token

    def clean_captcha_answer(self):
        token, answer = self._submitted or ("", "")
        if not answer.strip():
            raise forms.ValidationError(
                _("Answer the question, in digits."), code="captcha_missing"
            )
        verify(token, answer)
        return ""

"""Answering the CAPTCHA as a person would: read the question, do the sum."""

import re

WORDS = {
    **{
        w: n
        for n, w in enumerate(
            "zero one two three four five six seven eight nine ten".split()
        )
    },
    **{c: n for n, c in enumerate("零一二三四五六七八九十")},
}
_EN = re.compile(r"What is (\w+) (plus|minus) (\w+)\?")
_ZH = re.compile(r"(.)(加|减)(.)等于")


def solve(question: str) -> str:
    found = _EN.search(question) or _ZH.search(question)
    assert found, question
    a, op, b = found.groups()
    a, b = WORDS[a], WORDS[b]
    return str(a + b if op in ("plus", "加") else a - b)


def captcha(page_html: str) -> dict:
    """The token and the answer of the question on a rendered form."""
    token = re.search(r'name="captcha_token" value="([^"]+)"', page_html).group(1)
    label = re.search(r'<label for="id_captcha_answer">([^<]+)', page_html).group(1)
    return {"captcha_token": token, "captcha_answer": solve(label)}

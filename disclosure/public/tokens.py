"""Search tokens for Chinese and Latin text, the same on every database.

Chinese has no spaces, so text is cut into overlapping character pairs
(bigrams) plus single characters: “最低生活保障” gives 最低, 低生, 生活, 活保,
保障. A query matches a text holding all of its tokens, so 低保 finds “低保
对象” and 社保 finds “社保卡”. Common abbreviations are expanded to their full
form as an alternative (低保 → 最低生活保障), so the query finds both wordings.
Latin letters and digits form lower-case words. Every token is written as
``t`` and its UTF-8 bytes in hex: plain ASCII words that any database's text
matching, and PostgreSQL's text-search parser, treat alike in every locale.
"""

import re
import unicodedata

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUN = re.compile(rf"[{CJK}]+|[a-z0-9]+")
IS_CJK = re.compile(rf"[{CJK}]")

# Abbreviations citizens type, and the wording the documents use.
ABBREVIATIONS = {
    "低保": ["最低生活保障"],
    "社保": ["社会保险", "社会保障"],
    "医保": ["医疗保险", "医疗保障"],
    "养老金": ["养老保险"],
    "特困": ["特困人员", "特困供养"],
    "五保": ["特困人员", "特困供养"],
    "临救": ["临时救助"],
    "失业金": ["失业保险金"],
    "工伤": ["工伤保险"],
    "就业补贴": ["就业补助", "就业创业补贴"],
}

MAX_QUERY_CHARS = 100
MAX_GROUP_TOKENS = 24


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def words(text: str) -> list[str]:
    """The raw tokens of ``text``: CJK bigrams and characters, Latin words."""
    result = []
    for run in RUN.findall(_normalise(text)):
        if IS_CJK.match(run):
            result.extend(run)
            result.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            result.append(run)
    return result


def encode(token: str) -> str:
    return "t" + token.encode("utf-8").hex()


def document_tokens(*texts: str) -> str:
    """The stored form: every distinct token, space-separated and space-padded."""
    seen = dict.fromkeys(encode(t) for text in texts for t in words(text))
    return " " + " ".join(seen) + " " if seen else " "


def _query_tokens(text: str) -> list[str]:
    """The tokens a query term needs: bigrams for runs of two characters or more."""
    result = []
    for run in RUN.findall(_normalise(text)):
        if IS_CJK.match(run) and len(run) > 1:
            result.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            result.append(run)
    return list(dict.fromkeys(result))


def query_groups(query: str) -> list[list[str]]:
    """Alternatives, each a list of encoded tokens that must all be present.

    Empty when the query holds nothing searchable (only punctuation, or nothing).
    Over-long queries are cut to ``MAX_QUERY_CHARS`` characters.
    """
    text = _normalise(query)[:MAX_QUERY_CHARS]
    terms = RUN.findall(text)
    if not terms:
        return []
    groups = [[]]
    for term in terms:
        alternatives = [term] + ABBREVIATIONS.get(term, [])
        groups = [
            group + _query_tokens(alternative)
            for group in groups
            for alternative in alternatives
        ][:8]
    return [
        [encode(t) for t in dict.fromkeys(group)][:MAX_GROUP_TOKENS] for group in groups
    ]

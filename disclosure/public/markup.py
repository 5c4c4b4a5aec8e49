"""A publication's text: plain text, or a safe subset of markup.

Clerks paste notices with tables (公示 lists), headings and lists. A body with no
markup stays plain text: escaped, its line breaks kept (as before). A body that uses any of
the allowed elements is markup and goes through ``nh3`` (the Rust ``ammonia``
sanitiser, maintained and fast) with an allow-list: headings h2–h4, paragraphs,
line breaks, lists, tables (``colspan``/``rowspan``/``scope`` only), emphasis and
links (http, https and mailto only, ``rel="noopener noreferrer nofollow"``).
Everything else — scripts, styles, event handlers, ``javascript:`` URLs, images,
frames, forms, inline styles, classes — is removed; the content of
``<script>``/``<style>`` goes with them, other unknown elements leave their text.

Cleaning happens on the way out, every time the body is shown (public page,
staff page), so a body stored before this rule is safe too. ``plain_text`` is
what the search index and the Atom feed take: the text without any markup.
"""

import html
import re

import nh3
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "ul", "ol", "li",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "a", "strong", "em", "b", "i",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# A body is markup when it opens or closes one of the allowed elements.
_NAMES = "|".join(sorted(ALLOWED_TAGS, key=len, reverse=True))
_MARKUP = re.compile(rf"<\s*/?\s*(?:{_NAMES})\b[^<>]*>", re.IGNORECASE)


def is_markup(text: str) -> bool:
    return bool(_MARKUP.search(text or ""))


def clean(text: str) -> str:
    """``text`` with only the allowed elements and attributes left."""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def body_html(text: str) -> SafeString:
    """The body as the page shows it: sanitised markup, or escaped plain text
    with its line breaks."""
    text = text or ""
    if is_markup(text):
        cleaned = clean(text)  # nh3's output: allow-listed elements only
        return mark_safe(f'<div class="publication-markup">{cleaned}</div>')  # noqa: S308
    return linebreaksbr(text, autoescape=True)


def plain_text(text: str) -> str:
    """The body's words without markup (for the search index and feeds)."""
    text = text or ""
    if not is_markup(text):
        return text
    spaced = re.sub(
        r"<\s*(?:br|/p|/h[2-4]|/li|/tr|/td|/th|/caption)\b[^>]*>",
        "\n",
        text,
        flags=re.IGNORECASE,
    )
    return html.unescape(nh3.clean(spaced, tags=set()))

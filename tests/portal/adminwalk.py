"""Walk the admin as a signed-in user and find raw internals on its pages.

A page fails when its visible text shows an untranslated model or field name
(the English name on a Chinese page), a field's attribute name (``mode_proactive``),
a choice's stored value instead of its label (``in_force``), Python's ``None`` /
``True`` / ``False``, or a raw JSON list (``["service-centre","other-platform"]``).
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import translation

# Elements whose text is not read on the page.
_HIDDEN = {"script", "style", "template", "noscript", "head"}
# Links that change something, sign out or answer a file are not followed.
_SKIP = re.compile(
    r"/(logout|delete|remove|password_change|autocomplete|jsi18n)/"
    r"|\.(xlsx|docx|zip|pdf|csv|json)$|/(workbook|download|export)/"
)
_JSON_LIST = re.compile(r'\[\s*"[^"\]]*"(\s*,\s*"[^"\]]*")*\s*\]')
# Python's values shown as such: a whole text, or either side of a change's arrow.
_PYTHON = re.compile(
    r"(^\s*|→\s*)(None|True|False)(?=\s*(→|$))|(None|True|False)\s*→", flags=re.M
)
_TOKEN = r"(?<![\w.-]){}(?![\w-])"
# English words before Chinese in one text: "Historical 目录事项", "View 目录事项".
_MIXED = re.compile(r"^[A-Za-z][a-z]+( [A-Za-z][a-z]+)* [\u4e00-\u9fff]+")
_PER_PATTERN = 2  # pages visited per URL shape (digits folded)


# The signed-in user's name (data, e.g. "site_admin") is not read either.
_HIDDEN_IDS = {"user-tools"}
_VOID = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr", "area"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hidden)
        self.parts: list[str] = []
        self.links: list[str] = []

    @property
    def hidden(self):
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag not in _VOID:
            self.stack.append((tag, tag in _HIDDEN or attrs.get("id") in _HIDDEN_IDS))

    def handle_endtag(self, tag):
        # Close up to the matching element (some are closed implicitly).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def read(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts), parser.links


def _project_models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"portal", "catalogs", "disclosure"}
    ]


def vocabulary():
    """What must not show: English names (for Chinese pages), attribute names
    and stored choice values (for every page)."""
    english_names: set[str] = set()
    attribute_names: set[str] = set()
    choice_values: set[str] = set()
    for model in _project_models():
        fields = [f for f in model._meta.get_fields() if hasattr(f, "verbose_name")]
        with translation.override("en"):
            english = [
                str(model._meta.verbose_name),
                str(model._meta.verbose_name_plural),
            ]
            english += [str(f.verbose_name) for f in fields]
        with translation.override("zh-hans"):
            chinese = [
                str(model._meta.verbose_name),
                str(model._meta.verbose_name_plural),
            ]
            chinese += [str(f.verbose_name) for f in fields]
        for en, zh in zip(english, chinese, strict=True):
            if en != zh and re.search(r"[a-z]{3}", en, flags=re.I):
                english_names.add(en)
        for field in fields:
            if "_" in field.name:
                attribute_names.add(field.name)
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and value and value != str(label):
                    if re.fullmatch(r"[a-z][a-z0-9_-]*", value) and (
                        "_" in value or "-" in value
                    ):
                        choice_values.add(value)
    # A username is data (site_admin signs in as "site_admin"), not a stored code.
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    # The channel vocabulary's codes are stored values too (service-centre).
    from catalogs.models import Channel

    codes = set(Channel.objects.values_list("code", flat=True))
    return english_names, attribute_names, choice_values - usernames, codes


def problems(text: str, language: str, words=None, url: str = "") -> list[str]:
    english_names, attribute_names, choice_values, codes = words or vocabulary()
    # The vocabulary's own pages are where its codes are kept.
    if "/catalogs/channel/" not in url:
        choice_values = choice_values | codes
    found = []
    if match := _JSON_LIST.search(text):
        found.append(f"raw JSON list {match.group(0)!r}")
    if match := _PYTHON.search(text):
        found.append(f"raw {match.group(2) or match.group(4)!r}")
    for name in sorted(attribute_names | choice_values):
        if re.search(_TOKEN.format(re.escape(name)), text, flags=re.I):
            found.append(f"raw name {name!r}")
    if language != "en":
        # A label, header, caption or breadcrumb is a text of its own; English
        # prose in the data (a source's notes) is not a name.
        lines = {
            line.strip().rstrip(":：").strip().lower() for line in text.split("\n")
        }
        for name in sorted(english_names):
            if name.lower() in lines:
                found.append(f"untranslated {name!r}")
        for line in text.split("\n"):
            if match := _MIXED.match(line.strip()):
                found.append(f"half-translated {match.group(0)!r}")
    return found


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def walk(client, start: str, language: str, limit: int = 400) -> dict[str, list[str]]:
    """Every admin page reachable from ``start`` by links (at most two per URL
    shape), with what each shows that it must not; ``{}`` when all are clean."""
    words = vocabulary()
    prefix = start
    queue, seen, shapes = [start], set(), defaultdict(int)
    found: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        visited += 1
        text, links = read(response.content.decode())
        if issues := problems(text, language, words, url):
            found[url] = issues
        for href in links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc or parts.query or not parts.path.startswith(prefix):
                continue
            path = parts.path
            if _SKIP.search(path) or path in seen:
                continue
            if shapes[_shape(path)] >= _PER_PATTERN:
                continue
            shapes[_shape(path)] += 1
            queue.append(path)
    found["_visited"] = visited  # type: ignore[assignment]
    return found

"""Reading one cell of the official layout: box lists, ticks, item numbers, lists."""

import re

from ..folding import normalise_label

TICK = "√"  # the tick of the 公开对象, 公开方式 and 公开层级 columns
TICKED_BOX = "■"
EMPTY_BOX = "□"
UNKNOWN = "不详"  # a tick the source leaves open: neither ticked nor unticked
_UNKNOWN = {"不详", "未知", "?", "？"}
OMITTED = "本地未开展"  # the 备注 of a row the county does not perform
_OMISSION = re.compile(r"^\s*本地未开展\s*(?:[：:]\s*(.*))?$", re.S)
_BOXES = re.compile("([■□☑☐✓✔√])")
_TICKED_BOXES = "■☑✓✔√"
_TICKED = {"√", "✓", "✔", "■", "☑", "是"}
_UNTICKED = {"", "□", "☐", "×", "✗", "否"}
_OPENERS = "《（(〈[【「『“"
_CLOSERS = "》）)〉]】」』”"
_ENUMERATOR = re.compile(r"(?<!\d)(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[)）]")
_LEADING_ENUMERATOR = re.compile(
    r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[●•·▪◆])\s*"
)
_TRAILING = " \t；;。，,、"
_CN_NUMERALS = "一二三四五六七八九"
_LEVEL1_NUMBER = re.compile(r"^(\d{1,3})(?:\s*[.．、](?!\d)\s*|\s+)(?=\S)")
_CN_NUMBER = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(?=\S)")
_DOTTED_NUMBER = re.compile(
    r"^(\d{1,3}(?:[.．]\d{1,3}){1,2})(?:\s*[.．、]\s*|\s+|(?=[^\d\s.．]))(?=\S)"
)
_RELATIVE_NUMBER = re.compile(
    r"^(?:[（(](\d{1,3})[)）]\s*|(\d{1,3})(?:\s*[、.．](?!\d)\s*|\s+))(?=\S)"
)


def is_unknown(text: str) -> bool:
    """Whether a tick cell says the source leaves it open (不详)."""
    return normalise_label(text) in _UNKNOWN


def omission_mark(reason: str) -> str:
    """The 备注 of an omitted row: 本地未开展：<reason>."""
    reason = " ".join(reason.split())
    return f"{OMITTED}：{reason}" if reason else OMITTED


def parse_omission(text: str) -> str | None:
    """The reason of a 备注 marking the row as not performed locally (maybe empty),
    or None when the remark says nothing of the kind."""
    match = _OMISSION.match(text)
    if match is None:
        return None
    return " ".join((match.group(1) or "").split())


def parse_tick(text: str) -> bool | None:
    """True for a tick, False for an empty cell or box, None when it is neither."""
    mark = normalise_label(text).replace("\ufe0f", "")
    if mark in _TICKED:
        return True
    if mark in _UNTICKED:
        return False
    return None


def parse_channels(text: str, vocabulary) -> tuple[list[str], list[str]]:
    """Codes of the ticked channels in the order listed, and ticked names not known.

    ``text`` is a box list ("■政府网站 □政府公报", one per line or on one line); a
    cell without any box is read as a plain list of ticked names.
    """
    parts = _BOXES.split(text)
    if len(parts) == 1:
        pairs = [("■", name) for name in re.split(r"[\n、，,；;]", text)]
    else:
        pairs = list(zip(parts[1::2], parts[2::2], strict=True))
        if parts[0].strip():
            pairs.insert(0, ("■", parts[0]))
    codes: list[str] = []
    unknown: list[str] = []
    for box, raw in pairs:
        name = raw.strip(" \t\n、，,；;。：:")
        if box not in _TICKED_BOXES or not name:
            continue
        channel = vocabulary.find(name)
        if channel is None:
            unknown.append(name)
        elif channel.code not in codes:
            codes.append(channel.code)
    return codes, unknown


def split_number(text: str, level: int) -> tuple[str, str, str]:
    """(code, name, relative number) from an item cell such as "1.1就业政策法规咨询".

    A second-level item numbered within its parent ("（1）…", "1、…") gets a
    relative number; the reader prefixes the parent's code once that is known.
    """
    if level == 1:
        match = _LEVEL1_NUMBER.match(text)
        if match:
            return match.group(1), text[match.end() :], ""
        match = _CN_NUMBER.match(text)
        value = _chinese_number(match.group(1)) if match else None
        if value:
            return str(value), text[match.end() :], ""
        return "", text, ""
    match = _DOTTED_NUMBER.match(text)
    if match and match.group(1).replace("．", ".").count(".") == level - 1:
        return match.group(1).replace("．", "."), text[match.end() :], ""
    match = _RELATIVE_NUMBER.match(text) if level == 2 else None
    if match:
        return "", text[match.end() :], match.group(1) or match.group(2)
    return "", text, ""


def _chinese_number(text: str) -> int | None:
    if text.count("十") > 1:
        return None
    tens, _sep, units = text.rpartition("十")
    if "十" not in text:
        tens, units = "", text
    elif not tens:
        tens = "一"
    if len(tens) > 1 or len(units) > 1:
        return None
    digits = [_CN_NUMERALS.index(ch) + 1 for ch in tens + units]
    if "十" in text:
        return digits[0] * 10 + (digits[1] if units else 0)
    return digits[0]


def _depths(text: str) -> list[int]:
    """The bracket depth before each character (《》, （）, 【】 and the like)."""
    depth, depths = 0, []
    for ch in text:
        depths.append(depth)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
    return depths


def _split_outside(text: str, separators: str) -> list[str]:
    parts, start = [], 0
    for index, (ch, depth) in enumerate(zip(text, _depths(text), strict=True)):
        if depth == 0 and ch in separators:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _split_numbered(line: str) -> list[str] | None:
    """Split "1.甲 2.乙" at its enumerators 1, 2, 3 …; None unless it starts with 1."""
    depths = _depths(line)
    cuts, expected = [], 1
    for match in _ENUMERATOR.finditer(line):
        if depths[match.start()] or int(match.group(1) or match.group(2)) != expected:
            continue
        if expected == 1 and line[: match.start()].strip():
            return None
        cuts.append((match.start(), match.end()))
        expected += 1
    if not cuts:
        return None
    ends = [start for start, _end in cuts[1:]] + [len(line)]
    return [line[end:stop] for (_start, end), stop in zip(cuts, ends, strict=True)]


def _tidy(parts: list[str]) -> list[str]:
    tidy = []
    for part in parts:
        part = _LEADING_ENUMERATOR.sub("", part).strip(_TRAILING)
        if part:
            tidy.append(part)
    return tidy


def _split_list(text: str, separators: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) != 1:
        return _tidy(lines)
    numbered = _split_numbered(lines[0])
    if numbered is not None:
        return _tidy(numbered)
    return _tidy(_split_outside(lines[0], separators))


def split_content(text: str) -> list[str]:
    """Content elements: one per line; one line is split at 1. 2. …, 、, ； or ●."""
    return _split_list(text, "、；;●•")


def split_bases(text: str) -> list[str]:
    """Legal bases: one per line; one line is split at 1. 2. … or ；."""
    return _split_list(text, "；;")


def assign_numbers(numbers: list[tuple], relative: list[tuple]) -> None:
    """Give items the numbers read from the 序号 column, then their relative numbers.

    ``numbers`` holds (first-level item, item of the row, 序号 text) per row. A
    dotted number belongs to the row's item. A plain one numbers the first-level
    item, unless plain numbers change within a first-level item: then they count
    rows, not items, and are dropped. ``relative`` holds (item, parent, n) for
    second-level items numbered within their parent.
    """
    groups: dict[int, tuple] = {}
    for level1, target, text in numbers:
        number = text.strip().rstrip(".．、").replace("．", ".")
        plain = groups.setdefault(id(level1), (level1, set()))[1]
        if re.fullmatch(r"\d{1,3}", number):
            plain.add(number)
        elif re.fullmatch(r"\d{1,3}(\.\d{1,3}){1,2}", number):
            if target is not level1 and not target.code:
                target.code = number
    counts_rows = any(len(plain) > 1 for _item, plain in groups.values())
    for level1, plain in groups.values():
        if not counts_rows and len(plain) == 1 and not level1.code:
            level1.code = plain.pop()
    for item, parent, n in relative:
        if not item.code and parent.code:
            item.code = f"{parent.code}.{n}"

"""Reading the 公开时限 column's wording into a structured time limit: the one parser.

``time_limit_columns`` turns the wording into the item's columns, wherever an item
gets a time limit (a loaded catalog, an edit, synthetic data); ``TimeLimit.of``
reads it back from an item, for every rule that weighs limits against each other.
"""

import re
from dataclasses import dataclass

from .models import TimeLimitKind, TimeLimitUnit

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_NUMBER = r"(\d+|[一二两三四五六七八九十]+)"
_UNITS = {
    "个工作日": TimeLimitUnit.WORKING_DAYS,
    "工作日": TimeLimitUnit.WORKING_DAYS,
    "日": TimeLimitUnit.CALENDAR_DAYS,
    "天": TimeLimitUnit.CALENDAR_DAYS,
    "个小时": TimeLimitUnit.HOURS,
    "小时": TimeLimitUnit.HOURS,
}
_UNIT_PATTERN = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_WITHIN = re.compile(
    rf"(?:(?P<trigger>[^，,；;]*?之日)起)?{_NUMBER}(?P<unit>{_UNIT_PATTERN})内"
)
_PERIODIC = re.compile(rf"每{_NUMBER}(?P<unit>{_UNIT_PATTERN})")


@dataclass(frozen=True)
class TimeLimit:
    kind: str
    amount: int | None = None
    unit: str = ""
    trigger: str = ""

    @classmethod
    def of(cls, item) -> "TimeLimit":
        """The structured time limit an item (or a row read as one) holds."""
        return cls(
            item.time_limit_kind,
            item.time_limit_amount,
            item.time_limit_unit,
            item.time_limit_trigger,
        )

    def columns(self) -> dict:
        """The item's structured time-limit columns for this limit."""
        return {
            "time_limit_kind": self.kind,
            "time_limit_amount": self.amount,
            "time_limit_unit": self.unit,
            "time_limit_trigger": self.trigger,
        }

    def is_stricter_or_equal(self, other: "TimeLimit") -> bool | None:
        """Whether this limit is no longer than ``other``; None when they do not compare."""
        if other.kind == TimeLimitKind.UNSPECIFIED:
            return True
        if self.kind == TimeLimitKind.REALTIME:
            return True
        if (
            self.kind in (TimeLimitKind.WITHIN, TimeLimitKind.PERIODIC)
            and self.kind == other.kind
        ):
            if self.unit == other.unit:
                return self.amount <= other.amount
            if {self.unit, other.unit} == {
                TimeLimitUnit.WORKING_DAYS,
                TimeLimitUnit.CALENDAR_DAYS,
            }:
                # A working day is never shorter than a calendar day, so N calendar
                # days is within N working days; the reverse is not decidable.
                if self.unit == TimeLimitUnit.CALENDAR_DAYS:
                    return self.amount <= other.amount
                return None
            return None
        if self.kind == other.kind:
            return True
        return None


def _to_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        return _CN_DIGITS[tens] * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


def parse_time_limit(text: str) -> TimeLimit:
    """Read e.g. "信息形成或变更之日起20个工作日内公开" as 20 working days after formation."""
    wording = (text or "").strip()
    if not wording:
        return TimeLimit(TimeLimitKind.UNSPECIFIED)
    match = _WITHIN.search(wording)
    if match:
        trigger = (match.group("trigger") or "").strip()
        trigger = re.sub(r"^(公开事项|自)", "", trigger)
        return TimeLimit(
            TimeLimitKind.WITHIN,
            _to_int(match.group(2)),
            _UNITS[match.group("unit")],
            trigger,
        )
    match = _PERIODIC.search(wording)
    if match:
        return TimeLimit(
            TimeLimitKind.PERIODIC, _to_int(match.group(1)), _UNITS[match.group("unit")]
        )
    if "实时" in wording:
        return TimeLimit(TimeLimitKind.REALTIME)
    if "及时" in wording or "随时" in wording:
        return TimeLimit(TimeLimitKind.PROMPTLY)
    return TimeLimit(TimeLimitKind.UNSPECIFIED)


def time_limit_columns(text: str) -> dict:
    """The item's time-limit columns for the wording ``text``: the wording itself and
    what it is read as."""
    return {"time_limit_text": text, **parse_time_limit(text).columns()}

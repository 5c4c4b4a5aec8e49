"""The official layout's header: its columns in printed order, the other wordings
county copies print for them (one table of synonyms), and finding the header rows.

The item's own columns come from ``catalogs.columns``; the layout adds the row
number, one name column per level and the merged 乡、村级 column some copies use.
"""

import difflib
from dataclasses import dataclass

from .. import columns as item_columns
from ..folding import normalise_label
from .grids import Grid

HEADER_SEARCH_ROWS = 10
GROUP_ITEMS = "公开事项"

# Other wordings of a column's label seen in published copies, by column key.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("编号",),
    "level1": ("一级",),
    "level2": ("二级",),
    "level3": ("三级",),
    "content": ("公开内容", "公开要素"),
    "bases": ("依据",),
    "time_limit_text": ("时限",),
    "subject": ("公开责任主体", "责任主体"),
    "channels": ("公开渠道", "公开渠道及载体", "公开载体"),
    "audience_public": ("社会公众",),
    "audience_specific": ("特定群众", "特定对象"),
    "mode_proactive": ("主动公开",),
    "mode_on_request": ("依申请公开",),
    "level_county": ("县(区)级", "县区级", "县(市、区)级"),
    "level_township": ("乡镇级", "乡(镇)级", "乡镇(街道)级", "镇级"),
    "level_village": ("村(社区)级", "村(居)级"),
    "level_township_village": (
        *("乡村级", "乡镇、村级", "乡、村", "镇、村级", "乡(镇)、村级"),
        "乡镇、村(社区)级",
    ),
}


@dataclass(frozen=True)
class Column:
    """A column of the layout: its key, printed label and header group."""

    role: str
    label: str
    group: str = ""

    @property
    def aliases(self) -> tuple[str, ...]:
        return SYNONYMS.get(self.role, ())

    @property
    def title(self) -> str:
        """The label used in messages, e.g. 公开对象：全社会."""
        if self.group and self.group != GROUP_ITEMS:
            return f"{self.group}：{self.label}"
        return self.label


COLUMNS = [
    Column("code", "序号"),
    Column("level1", "一级事项", GROUP_ITEMS),
    Column("level2", "二级事项", GROUP_ITEMS),
    Column("level3", "三级事项", GROUP_ITEMS),
    *(Column(c.key, c.label, c.group) for c in item_columns.COLUMNS),
    Column("level_township_village", "乡、村级", "公开层级"),
    Column("remarks", "备注"),
]
BY_ROLE = {column.role: column for column in COLUMNS}
GROUPS = (GROUP_ITEMS, *dict.fromkeys(c.group for c in item_columns.COLUMNS if c.group))
ITEM_ROLES = ("level1", "level2", "level3")
# Every column but the third level and the village level, which some domains lack.
REQUIRED = tuple(
    c.role
    for c in COLUMNS
    if c.role
    not in ("code", "level3", "level_village", "level_township_village", "remarks")
)
ROLE_BY_LABEL = {
    normalise_label(label): column.role
    for column in COLUMNS
    for label in (column.label, *column.aliases)
}
GROUP_LABELS = {normalise_label(group) for group in GROUPS}
SUB_ROLES = {c.role for c in COLUMNS if c.group}


def export_columns(
    *, level3: bool, village: bool, remarks: bool = False
) -> list[Column]:
    """The columns an export writes, in the printed order (备注 for omitted rows)."""
    skip = {"level_township_village"}
    if not remarks:
        skip.add("remarks")
    if not level3:
        skip.add("level3")
    if not village:
        skip.add("level_village")
    return [column for column in COLUMNS if column.role not in skip]


def find_header(grid: Grid) -> tuple[int, int] | None:
    """The first and last header row: the first row naming at least three columns."""
    for r in range(min(HEADER_SEARCH_ROWS, len(grid.rows))):
        labels = [normalise_label(text) for text in grid.rows[r]]
        known = [t for t in labels if t in ROLE_BY_LABEL or t in GROUP_LABELS]
        if len(known) >= 3:
            below = grid.rows[r + 1] if r + 1 < len(grid.rows) else []
            two_rows = any(
                ROLE_BY_LABEL.get(normalise_label(t)) in SUB_ROLES for t in below
            )
            return r, r + 1 if two_rows else r
    return None


# How alike (difflib ratio) an unknown header and a column's label must be for
# the column to be offered in its place.
NEAREST_RATIO = 0.6


def nearest_column(text: str, group: str, candidates) -> Column | None:
    """The column of ``candidates`` whose label (or synonym) is nearest to an
    unknown header ``text`` under ``group``, if any is near enough."""
    label, group = normalise_label(text), normalise_label(group)
    best, score = None, NEAREST_RATIO
    for column in candidates:
        same_group = not group or normalise_label(column.group) == group
        for known in (column.label, *column.aliases):
            ratio = difflib.SequenceMatcher(None, label, normalise_label(known)).ratio()
            if same_group and ratio >= score:
                best, score = column, ratio
    return best

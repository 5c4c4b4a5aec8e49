"""A sheet or table read into cell texts: what the xlsx and docx readers produce."""

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


@dataclass
class Grid:
    """The cell texts of one sheet or table.

    Only the top-left cell of a merged range holds its text; ``merges`` lists the
    ranges as (top, left, bottom, right), 0-based and inclusive. ``numbers`` gives
    the row number shown in messages for each grid row.
    """

    rows: list[list[str]]
    numbers: list[int] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)

    def text(self, r: int, c: int) -> str:
        row = self.rows[r]
        return row[c] if c < len(row) else ""

    def number(self, r: int) -> int:
        return self.numbers[r] if r < len(self.numbers) else r + 1

    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def range_name(self, top: int, left: int, bottom: int, right: int) -> str:
        bottom = min(bottom, len(self.rows) - 1)
        return (
            f"{get_column_letter(left + 1)}{self.number(top)}:"
            f"{get_column_letter(right + 1)}{self.number(bottom)}"
        )

"""The report laid out for reading: sections and tables with each cell's value and
source, the same for the page, the .docx and the .xlsx. What the public reads
passes through the personal-data mask."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ...pii import mask_personal_data
from . import layout


@dataclass(frozen=True)
class Shown:
    """One figure as a reader sees it: its column, value and where it came from."""

    column: object
    value: object
    source: str

    @property
    def source_label(self):
        return layout.SOURCE_LABELS[self.source]


def _shown(cells, key, column) -> Shown:
    cell = cells[key]
    return Shown(column, cell["value"], cell["source"])


def table_two(content) -> list[dict]:
    cells = content["cells"]
    return [
        {
            "heading": fixed.heading,
            "content_label": fixed.content_label,
            "columns": [c.label for c in fixed.columns],
            "rows": [
                {
                    "label": row.label,
                    "cells": [
                        _shown(cells, f"2.{row.key}.{c.key}", c.label)
                        for c in fixed.columns
                    ],
                }
                for row in fixed.rows
            ],
        }
        for fixed in layout.TABLE_TWO
    ]


def table_three(content) -> dict:
    """Rows of table 三 with, before the first reason of a type, its heading."""
    cells = content["cells"]
    rows, last_type = [], None
    for row in layout.THREE_ROWS:
        if row.key == layout.RESULT_ROWS[0].key:
            rows.append({"label": layout.RESULTS_HEADING, "heading": True})
        reply_type = row.key.split(":")[0] if row.sub else None
        if reply_type and reply_type != last_type:
            rows.append(
                {"label": layout.type_heading(row), "heading": True, "sub": True}
            )
        last_type = reply_type
        rows.append(
            {
                "label": row.label,
                "sub": row.sub,
                "heading": False,
                "cells": [
                    _shown(cells, layout.three(row.key, c.key), c.label)
                    for c in layout.THREE_COLUMNS
                ],
            }
        )
    return {"columns": [c.label for c in layout.THREE_COLUMNS], "rows": rows}


def table_four(content) -> dict:
    cells = content["cells"]
    return {
        "columns": [c.label for c in layout.FOUR_COLUMNS],
        "groups": [
            {
                "label": g.label,
                "cells": [
                    _shown(cells, layout.four(g.key, c.key), c.label)
                    for c in layout.FOUR_COLUMNS
                ],
            }
            for g in layout.FOUR_GROUPS
        ],
    }


SECTION_TITLES = {
    "overview": lambda: _("I. Overview (总体情况)"),
    "table_two": lambda: _(
        "II. Proactive disclosure of government information (主动公开政府信息情况)"
    ),
    "table_three": lambda: _(
        "III. Applications for government information received and handled "
        "(收到和处理政府信息公开申请情况)"
    ),
    "table_four": lambda: _(
        "IV. Administrative reviews and lawsuits about disclosure "
        "(政府信息公开行政复议、行政诉讼情况)"
    ),
    "problems": lambda: _("V. Problems and improvements (存在的主要问题及改进情况)"),
    "other_matters": lambda: _("VI. Other matters to report (其他需要报告的事项)"),
}


def report_title(content) -> str:
    return _(
        "%(organisation)s: annual report on government information disclosure %(year)s"
    ) % {
        "organisation": content["organisation"],
        "year": content["year"],
    }


def laid_out(content, *, public: bool) -> dict:
    """Everything a reader of the report sees, in the format's order."""
    texts = dict(content["texts"])
    if public:
        texts = {name: mask_personal_data(text) for name, text in texts.items()}
    titles = {name: title() for name, title in SECTION_TITLES.items()}
    return {
        "title": report_title(content),
        "titles": titles,
        "texts": texts,
        "paragraphs": {
            name: [p for p in text.splitlines() if p.strip()]
            for name, text in texts.items()
        },
        "two": table_two(content),
        "three": table_three(content),
        "four": table_four(content),
    }

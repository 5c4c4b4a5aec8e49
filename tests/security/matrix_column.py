"""The expected-access table for each body's 政府信息公开 column (public) and
its disclosure guide (the audited admin), merged into matrix.py's tables.

Guides: "county" the 兰考县人社局's (seed_demo's), "other" the 杞县人社局's (the
world's). A body's publishers and the reviewers whose reach covers it keep
its guide, as they do its annual report.
"""

from .matrix import ADMIN, EVERYONE, NOBODY, A, Entry, M, R, T, per, roles

PUBLIC_COLUMN = {
    "public:columns": Entry(
        {"public": {"code": "410225"}, "other": {"code": "410221"}}, EVERYONE
    ),
    # A body is found at its own place only.
    "public:column": Entry(
        {
            "public": {"code": "410225", "body": "410225-hrss"},
            "elsewhere": {"code": "410221", "body": "410225-hrss"},
        },
        per(public=EVERYONE, elsewhere=NOBODY),
    ),
    "opendata:api-bodies": Entry({"public": {}}, EVERYONE),
    "opendata:api-body": Entry(
        {"public": {"code": "410225-hrss"}, "missing": {"code": "no-such-body"}},
        per(public=EVERYONE, missing=NOBODY),
    ),
}

KEEPERS = roles(T, R, M, A)
GUIDE_ROWS = per(county=roles(R, A), other=ADMIN)

"""The expected-access table for the timeliness statistics (/staff/timeliness/):
provincial reviewers and county heads (reviewers), each within their reach."""

from .matrix import A, Entry, H, M, P, R, per, roles

SUPERVISORS = roles(R, M, P, H, A)
TIMELINESS_PAGES = {
    "timeliness:index": Entry(allow=SUPERVISORS),
    "timeliness:region": Entry(
        {
            "province": {"code": "41"},
            "county": {"code": "410225"},
            "other": {"code": "410221"},
        },
        per(province=roles(P, A), county=roles(R, M, P, A), other=roles(P, A)),
    ),
    "timeliness:body": Entry(
        {
            "county": {"code": "410225-hrss"},
            "township": {"code": "410225104-gov"},
            "other": {"code": "410221-hrss"},
        },
        per(
            county=roles(R, P, A),
            township=roles(R, M, P, A),
            other=roles(P, A),
        ),
    ),
}

"""The expected-access table: who may open every URL of the portal, on whose objects.

Keys are URL names (``namespace:name``; an unnamed pattern by its route). An
``Entry`` names its targets (the objects it is tried on, by their world.py
names) and the roles allowed on each; a role not named is denied. The admin's
pages are in matrix_admin.py (its generated URLs from one row per model).

Roles: the demo accounts of 兰考县 (county editor, township publisher, county
reviewer of the 人社局, and the 民政局's reviewer: a bureau of another domain in
the same county), the provincial reviewer of 河南省, a provincial reviewer of another
province (湖北省: everything in 河南 is another organisation's to them), the
site administrator, a citizen signed in without staff access, and anonymous.

Targets: "county" is the own county bureau 兰考县人社局 (the county editor's and
reviewer's), "township" the own township 东坝头镇 (the township publisher's),
"other" the other county 杞县, "standard" a standard catalog. The own bureau's
publications are in its domain (employment), the township's in social relief:
the 民政局 reviewer reaches the township's and never the 人社局's, the 人社局
reviewer the other way round. On public pages
"public" is what the public may see and every other target something it never
may (drafts, in review, 不予公开, withdrawn, a catalog not in force).
"""

from dataclasses import dataclass, field

ANON, CITIZEN = "anonymous", "citizen"
E, T, R = "county_editor", "township_publisher", "county_reviewer"
M = "mca_reviewer"  # the 民政局's reviewer: another bureau and domain, same county
P, H, A = "province_reviewer", "hubei_reviewer", "site_admin"
ROLES = [ANON, CITIZEN, E, T, R, M, P, H, A]
STAFF = frozenset({E, T, R, M, P, H, A})
EVERYONE = frozenset(ROLES)
NOBODY = frozenset()
ADMIN = frozenset({A})


def roles(*names) -> frozenset:
    return frozenset(names)


def pk(name):
    return lambda world: world[name].pk


def attr(name, attribute):
    return lambda world: getattr(world[name], attribute)


def history(name):
    """The first historical record of an object (for simple-history's pages)."""
    return lambda world: world[name].history.order_by("history_id")[0].history_id


@dataclass(frozen=True)
class Entry:
    """A URL's targets (kwargs, args list or literal path) and who may open it."""

    targets: dict = field(default_factory=lambda: {"-": {}})
    allow: frozenset | dict = NOBODY  # on GET; a dict gives it per target
    post: dict | None = None  # also POSTed (rolled back) with this data, or
    # with ``post(world, target)``
    allow_post: frozenset | dict | None = None  # defaults to ``allow``
    get: bool = True  # False: POST only
    query: str = ""
    signs_out: bool = False
    # A denied POST may also be answered 200 by a form that refuses the choice
    # (another body's organisation), provided nothing changed.
    refused_by_form: bool = False

    def allowed(self, target: str, method: str) -> frozenset:
        rule = self.allow
        if method == "post" and self.allow_post is not None:
            rule = self.allow_post
        return rule.get(target, NOBODY) if isinstance(rule, dict) else rule


def per(**targets) -> dict:
    return targets


def public(targets: dict, visible: tuple = ("public",), **extra) -> Entry:
    """A public URL: everyone sees the visible targets, nobody the others."""
    return Entry(targets, dict.fromkeys(visible, EVERYONE), **extra)


# ── Public pages, catalog pages and open data ─────────────────────────────────
VILLAGE = attr("region.village", "code")
CATALOGS = {
    "public": {"key": attr("catalog.public", "key"), "version": 1},
    "standard": {"key": attr("catalog.standard", "key"), "version": 1},
    "county": {
        "key": attr("catalog.county", "key"),
        "version": attr("catalog.county", "version"),
    },
    "other": {"key": attr("catalog.other", "key"), "version": 1},
}
ITEMS = {t: {"pk": pk(f"item.{t}")} for t in ("public", "standard", "county", "other")}
PUBLICATIONS = {
    "public": {"pk": pk("published.public")},
    "draft": {"pk": pk("draft.township")},
    "in_review": {"pk": pk("in_review.township")},
    "not_disclosed": {"pk": pk("not_disclosed.county")},
    "withdrawn": {"pk": pk("withdrawn.county")},
    "other": {"pk": pk("published.other")},
}
REGIONS = {"public": {"code": VILLAGE}, "other": {"code": "410221"}}
SEEN = ("public", "standard")
PUBLIC = {
    "set_language": public({"public": {}}),
    "public:home": public({"public": {}}),
    "public:search": public({"public": {}}, query="q=低保"),
    "public:region": public(REGIONS, ("public", "other")),
    "public:item": public(
        {
            "public": {"code": VILLAGE, "pk": pk("item.public")},
            "county": {"code": "410225", "pk": pk("item.county")},
            "other": {"code": "410221", "pk": pk("item.other")},
        }
    ),
    **{
        name: public(
            {
                "public": {"code": VILLAGE, "domain": "social_relief"},
                "county": {"code": "410225", "domain": "elderly_care"},
                "other": {"code": "410221", "domain": "employment"},
            }
        )
        for name in ("public:catalog", "public:catalog-xlsx")
    },
    # The other county's published publication stands under its catalog in
    # force (only a catalog in force is published under), so it is public too.
    "public:publication": public(PUBLICATIONS, ("public", "other")),
    "public:attachment": public(
        {
            "public": {
                "pk": pk("published.public"),
                "attachment_pk": pk("attachment.published.township"),
            },
            "draft": {
                "pk": pk("draft.township"),
                "attachment_pk": pk("attachment.draft.township"),
            },
            "other": {
                "pk": pk("published.other"),
                "attachment_pk": pk("attachment.published.other"),
            },
            # A public publication's number with a draft's attachment.
            "mixed": {
                "pk": pk("published.public"),
                "attachment_pk": pk("attachment.draft.township"),
            },
        },
        ("public", "other"),
    ),
    "catalogs:index": public({"public": {}}),
    "catalogs:catalog": public(CATALOGS, SEEN),
    "catalogs:compare": public({t: CATALOGS[t] for t in ("public", "county", "other")}),
    "catalogs:item": public(ITEMS, SEEN),
    "favicon": public({"public": {}}),
    "opendata:sitemap": public({"public": {}}),
    "opendata:sitemap-section": public(
        {"public": {"section": "publications"}, "places": {"section": "places"}},
        ("public", "places"),
    ),
    "opendata:feed-region": public(REGIONS, ("public", "other")),
    "opendata:feed-domain": public({"public": {"key": "social_relief"}}),
    **{
        f"opendata:{name}": public({"public": {}})
        for name in ("api", "api-regions", "api-catalogs", "api-publications")
    },
    "opendata:api-region": public(REGIONS, ("public", "other")),
    "opendata:api-catalog": public(CATALOGS, SEEN),
    "opendata:api-catalog-items": public(CATALOGS, SEEN),
    "opendata:api-item": public(ITEMS, SEEN),
    "opendata:api-publication": public(PUBLICATIONS, ("public", "other")),
}

# ── Publishing (/staff/) and the quarterly report ─────────────────────────────
# Publications: the own bureau's (employment) are the 人社局's and its
# reviewer's; the township's (social relief) the 民政局 reviewer's, not the
# 人社局 reviewer's; a body's dashboard and notices are organisation-wide.
READ = per(county=roles(E, R, P, A), township=roles(T, M, P, A), other=roles(P, A))
PUBLISH = per(county=ADMIN, township=roles(T, A), other=ADMIN)
REVIEW = per(county=roles(R, A), township=roles(M, A), other=ADMIN)
MANAGE = per(county=roles(R, A), township=roles(T, M, A), other=ADMIN)
NOTICE = per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN)
FORGED = {"reason": "伪造", "title": "伪造", "decision_reason": "伪造"}
TARGETS = ("county", "township", "other")


def on(name: str, key: str = "pk") -> dict:
    return {t: {key: pk(f"{name}.{t}")} for t in TARGETS}


def attachment(state: str) -> dict:
    return {
        t: {"pk": pk(f"{state}.{t}"), "attachment_pk": pk(f"attachment.{state}.{t}")}
        for t in TARGETS
    }


STAFF_PAGES = {
    "disclosure:dashboard-index": Entry(allow=STAFF),
    "disclosure:dashboard": Entry(
        {
            t: {"code": attr(f"org.{t}", "code")}
            for t in ("county", "township", "other")
        },
        per(
            county=roles(E, R, P, A),
            township=roles(T, R, M, P, A),
            other=roles(P, A),
        ),
    ),
    "disclosure:publication-list": Entry(allow=STAFF),
    # Creating for another body is refused by the form's choices.
    "disclosure:publication-create": Entry(
        {"township": {}, "other": {}},
        roles(T, A),
        post=lambda world, target: {
            **FORGED,
            "organisation": world[f"org.{target}"].pk,
            "item": world[f"publishable.{target}"].pk,
            "kind": "notice",
            "formed_on": "2025-09-26",
            "change_reason": "伪造",
        },
        allow_post=PUBLISH,
        refused_by_form=True,
    ),
    "disclosure:publication-detail": Entry(on("draft"), READ),
    "disclosure:publication-edit": Entry(on("draft"), PUBLISH, post=FORGED),
    "disclosure:attachment-add": Entry(on("draft"), PUBLISH, post={}, get=False),
    "disclosure:attachment-download": Entry(attachment("draft"), READ),
    "disclosure:attachment-remove": Entry(
        attachment("draft"), PUBLISH, post={}, get=False
    ),
    "disclosure:publication-submit": Entry(on("draft"), PUBLISH, post={}, get=False),
    "disclosure:publication-mask": Entry(on("draft"), PUBLISH, post=FORGED),
    "disclosure:review": Entry(
        on("in_review"), REVIEW, post={**FORGED, "action": "return"}
    ),
    "disclosure:publication-withdraw": Entry(on("published"), MANAGE, post=FORGED),
    "disclosure:publication-validity": Entry(on("published"), MANAGE, post=FORGED),
    "disclosure:publication-interpretation": Entry(
        on("interpretation"), MANAGE, post=FORGED
    ),
    "disclosure:review-print": Entry(on("review"), READ),
    "disclosure:notice-dismiss": Entry(on("notice"), NOTICE, post={}, get=False),
    "progress:report": Entry(allow=roles(P, H, A)),
}

# ── Filings (/filings/) ───────────────────────────────────────────────────────
FILINGS = {t: {"pk": pk(f"filing.{t}")} for t in ("county", "other")}
FILING_READ = per(county=roles(E, R, P, A), other=roles(P, A))
FILING_DECIDE = per(county=roles(P, A), other=roles(P, A))
RETURN = {"general": "伪造", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"}
FILING_PAGES = {
    "filings:queue": Entry(allow=roles(E, R, M, P, H, A)),
    "filings:file-list": Entry(allow=roles(E, A)),
    "filings:file": Entry(
        {t: {"catalog_pk": pk(f"catalog.{t}")} for t in ("county", "other")},
        per(county=roles(E, A), other=ADMIN),
        post={"reason": "伪造"},
    ),
    "filings:overview": Entry(allow=roles(P, H, A)),
    "filings:bundle": Entry(allow=roles(P, H, A)),
    "filings:detail": Entry(FILINGS, FILING_READ),
    "filings:workbook": Entry(FILINGS, FILING_READ),
    "filings:print": Entry(FILINGS, FILING_READ),
    "filings:return": Entry(FILINGS, FILING_DECIDE, post=RETURN, get=False),
    "filings:accept": Entry(FILINGS, FILING_DECIDE, post={"comment": ""}, get=False),
    # Only an accepted filing is recorded: the own county's social insurance.
    "filings:record": Entry(
        {"county": {"pk": pk("filing.accepted")}}, FILING_DECIDE, post={}, get=False
    ),
}

# ── On-request disclosure (/staff/requests/, /requests/) ─────────────────────
from .matrix_requests import PUBLIC_REQUESTS, REQUEST_PAGES  # noqa: E402

STAFF_PAGES.update(REQUEST_PAGES)
PUBLIC.update(PUBLIC_REQUESTS)

# ── The annual report (/staff/reports/, /r/<code>/reports/) ─────────────────
from .matrix_reports import PUBLIC_REPORTS, REPORT_PAGES  # noqa: E402

STAFF_PAGES.update(REPORT_PAGES)
PUBLIC.update(PUBLIC_REPORTS)

# ── Public participation (/staff/consultations/, /consultations/) ───────────
from .matrix_participation import (  # noqa: E402
    PARTICIPATION_PAGES,
    PUBLIC_PARTICIPATION,
)

STAFF_PAGES.update(PARTICIPATION_PAGES)
PUBLIC.update(PUBLIC_PARTICIPATION)

# ── Concerns, the correction log, subscriptions ──────────────────────────────
from .matrix_concerns import CONCERN_PAGES, PUBLIC_CONCERNS  # noqa: E402

STAFF_PAGES.update(CONCERN_PAGES)
PUBLIC.update(PUBLIC_CONCERNS)
from .matrix_column import PUBLIC_COLUMN  # noqa: E402

PUBLIC.update(PUBLIC_COLUMN)
# ── Timeliness statistics (/staff/timeliness/) ──────────────────────────────
from .matrix_timeliness import TIMELINESS_PAGES  # noqa: E402

STAFF_PAGES.update(TIMELINESS_PAGES)

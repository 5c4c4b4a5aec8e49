"""The expected-access table for public participation (/staff/consultations/ and
the public /consultations/ pages), merged into matrix.py's tables.

Targets: "county" a consultation of the own county bureau 兰考县人社局,
"township" one of 东坝头镇 (the township publisher's), "other" one of 杞县. A
consultation is run by its body's publishers and the reviewers whose reach
covers it (like on-request disclosure); editors and provincial reviewers do
not run consultations. The public's say is read as counts by publishers,
reviewers and provincial reviewers, each over their own reach.
"""

from .matrix import ADMIN, EVERYONE, NOBODY, A, Entry, H, M, P, R, T, per, pk, roles

TARGETS = ("county", "township", "other")
RUN = per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN)
FORGED = {
    "title": "伪造",
    "draft_text": "伪造",
    "interpretation_text": "伪造",
    "contact": "伪造",
    "opens_on": "2026-03-01",
    "closes_on": "2026-03-31",
    "decision": "reject",
    "reason": "伪造",
    "gist": "伪造",
    "verdict": "not_adopted",
    "summary": "伪造",
}


def on(**extra) -> dict:
    return {
        t: {"pk": pk(f"consult.{t}"), **{k: pk(f"{v}.{t}") for k, v in extra.items()}}
        for t in TARGETS
    }


PARTICIPATION_PAGES = {
    "participation-staff:list": Entry(allow=roles(T, R, M, A)),
    "participation-staff:say": Entry(allow=roles(T, R, M, P, H, A)),
    # Creating for another body is refused by the form's choices.
    "participation-staff:create": Entry(
        {"township": {}, "other": {}},
        roles(T, R, M, A),
        post=lambda world, target: {
            **FORGED,
            "organisation": world[f"org.{target}"].pk,
        },
        allow_post=per(township=roles(T, R, M, A), other=ADMIN),
        refused_by_form=True,
    ),
    "participation-staff:detail": Entry(on(), RUN),
    "participation-staff:edit": Entry(
        on(),
        RUN,
        post=lambda world, target: {
            **FORGED,
            "organisation": world[f"org.{target}"].pk,
        },
    ),
    "participation-staff:publish": Entry(on(), RUN, post={}, get=False),
    "participation-staff:moderate": Entry(on(comment_pk="comment"), RUN, post=FORGED),
    "participation-staff:feedback": Entry(
        on(),
        RUN,
        post=lambda world, target: {
            **FORGED,
            "comments": [world[f"comment.{target}"].pk],
        },
    ),
    "participation-staff:summary": Entry(on(), RUN, post=FORGED),
}


def _say(world, target) -> dict:
    publication = world["published.public" if target == "public" else "draft.township"]
    return {
        "say-page": f"publication:{publication.pk}",
        "say-timely": "yes",
        "say-complete": "yes",
        "say-convenient": "no",
    }


# The public pages: anyone reads a published consultation, nobody a draft.
CONSULTATIONS = {
    "public": {"pk": pk("consult.county")},
    "other": {"pk": pk("consult.other")},
    "draft": {"pk": pk("consult.draft")},
}
PUBLIC_PARTICIPATION = {
    "opendata:feed-consultations": Entry(
        {"public": {"code": "410225104201"}, "other": {"code": "410221"}}, EVERYONE
    ),
    "opendata:api-consultations": Entry(
        {"public": {}}, EVERYONE, query="county=410225"
    ),
    "opendata:api-consultation": Entry(
        CONSULTATIONS, per(public=EVERYONE, other=EVERYONE)
    ),
    "participation:county": Entry(
        {"public": {"code": "410225104201"}, "other": {"code": "410221"}}, EVERYONE
    ),
    "participation:consultation": Entry(
        CONSULTATIONS,
        per(public=EVERYONE, other=EVERYONE, draft=NOBODY),
        post={"contact": "伪造", "text": "伪造", "captcha_answer": "3"},
    ),
    # Posted from cached pages without a CSRF token; a page the public may not
    # see takes no answer.
    "participation:say": Entry(
        {"public": {}, "draft": {}},
        per(public=EVERYONE, draft=NOBODY),
        post=_say,
        get=False,
    ),
}

"""The expected-access table for on-request disclosure (/staff/requests/ and the
public /requests/ pages), merged into matrix.py's tables.

Targets: "county" a request held by the own county bureau 兰考县人社局, "township"
one held by 东坝头镇 (the township publisher's), "other" one of 杞县. A request
is handled by its body's publishers and the reviewers whose reach covers it;
the head of the office (a reviewer, never the one who asked) decides an
extension; provincial reviewers, editors and other counties see no applicant,
only counts (the statistics page).
"""

from .matrix import ADMIN, EVERYONE, NOBODY, A, Entry, H, M, P, R, T, per, pk, roles

TARGETS = ("county", "township", "other")
# Requests have no domain: the township's are handled by the reviewers of
# both county bureaus; the 人社局's never by the 民政局's (M).
HANDLE = per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN)
FORGED = {
    "reason": "伪造",
    "text": "伪造",
    "party": "伪造",
    "on": "2026-03-02",
    "received_on": "2026-03-02",
    "days": "5",
    "kind": "third_party",
    "opinion": "agrees",
    "decision": "approve",
    "reply_type": "granted",
    "method": "collect",
    "outcome": "upheld",
    "decided_on": "2026-05-01",
    "filed_on": "2026-04-01",
}


def on(name: str = "request", **extra) -> dict:
    return {
        t: {"pk": pk(f"{name}.{t}"), **{k: pk(f"{v}.{t}") for k, v in extra.items()}}
        for t in TARGETS
    }


STEPS = [
    "confirm",
    "transfer",
    "correction",
    "correction-received",
    "lapse",
    "consult",
    "extension",
    "reply",
    "deliver",
    "close",
    "archive",
    "item",
    "challenge",
]

REQUEST_PAGES = {
    "requests:queue": Entry(allow=roles(T, R, M, A)),
    "requests:statistics": Entry(allow=roles(T, R, M, P, H, A)),
    # Registering for another body is refused by the form's choices.
    "requests:register": Entry(
        {"township": {}, "other": {}},
        roles(T, R, M, A),
        post=lambda world, target: {
            **FORGED,
            "organisation": world[f"org.{target}"].pk,
            "channel": "phone",
            "applicant_kind": "natural_person",
            "applicant_name": "伪造",
            "identity_type": "passport",
            "identity_number": "E12345678",
            "address": "伪造",
            "phone": "0371-1234567",
            "information_title": "伪造",
            "description": "伪造",
            "information_form": "paper",
            "delivery": "collect",
        },
        allow_post=per(township=roles(T, R, M, A), other=ADMIN),
        refused_by_form=True,
    ),
    "requests:detail": Entry(on(), HANDLE),
    **{f"requests:{name}": Entry(on(), HANDLE, post=FORGED) for name in STEPS},
    "requests:answer": Entry(on(consultation_pk="consultation"), HANDLE, post=FORGED),
    "requests:extension-decision": Entry(
        on("pending"),
        per(county=roles(R, A), township=roles(R, M, A), other=ADMIN),
        post=FORGED,
    ),
    "requests:file-add": Entry(on(), HANDLE, post={}),
    "requests:file-download": Entry(on(file_pk="requestfile"), HANDLE),
    "requests:file-remove": Entry(
        on(file_pk="requestfile"), HANDLE, post={}, get=False
    ),
    "requests:challenge-decision": Entry(
        on(challenge_pk="challenge"), HANDLE, post=FORGED
    ),
    "requests:letter": Entry(
        {t: {"pk": pk(f"request.{t}"), "kind": "reply"} for t in TARGETS}, HANDLE
    ),
    "requests:letter-print": Entry(
        {t: {"pk": pk(f"request.{t}"), "kind": "correction"} for t in TARGETS},
        HANDLE,
    ),
}

# The public pages: anyone may apply and look up; a forged code opens nothing.
PUBLIC_REQUESTS = {
    "public-requests:places": Entry({"public": {}}, EVERYONE, query="place=410225"),
    "public-requests:apply": Entry(
        {"public": {"code": "410225-hrss"}},
        EVERYONE,
        post={"applicant_name": "伪造", "captcha_answer": "3"},
    ),
    "public-requests:status": Entry(
        {"public": {}}, EVERYONE, post={"code": "AAAA-BBBB-CCCC"}
    ),
    "public-requests:status-letter": Entry(
        {"public": {}},
        NOBODY,
        post={"code": "AAAA-BBBB-CCCC", "kind": "reply"},
        get=False,
    ),
    "public-requests:status-file": Entry(
        {"public": {}}, NOBODY, post={"code": "AAAA-BBBB-CCCC", "file": "1"}, get=False
    ),
}

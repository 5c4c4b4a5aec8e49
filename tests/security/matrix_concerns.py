"""The expected-access table for concerns (/staff/concerns/), the correction log
(/r/<county>/corrections/, its feed and API) and subscriptions (/subscriptions/)."""

from disclosure.subscriptions import tokens

from .matrix import ADMIN, EVERYONE, A, Entry, M, R, T, per, pk, roles

# A body's concerns: its publishers and the reviewers over it (the reach of the
# due-date notices); the provincial reviewer does not answer them.
CONCERN = per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN)
CONCERN_PAGES_ALLOW = roles(T, R, M, A)
CONCERNS = {t: {"pk": pk(f"concern.{t}")} for t in ("county", "township", "other")}
COUNTIES = {
    "public": {"code": "410225"},
    "other": {"code": "410221"},
    "township": {"code": "410225104"},  # the log is kept per county: 404
}


def token(purpose):
    return lambda world: tokens.make(world["subscription"], purpose)


PUBLIC_CONCERNS = {
    "public:corrections": Entry(COUNTIES, per(public=EVERYONE, other=EVERYONE)),
    "opendata:feed-corrections": Entry(COUNTIES, per(public=EVERYONE, other=EVERYONE)),
    "opendata:api-corrections": Entry({"public": {}}, EVERYONE),
    "subscriptions:subscribe": Entry(
        {"public": {}},
        EVERYONE,
        post={"email": "x@example.cn", "place": "410225", "captcha_answer": "3"},
    ),
    "subscriptions:confirm": Entry(
        {"public": {"token": token(tokens.CONFIRM)}, "forged": {"token": "forged"}},
        per(public=EVERYONE),
        post={},
    ),
    "subscriptions:unsubscribe": Entry(
        {
            "public": {"token": token(tokens.UNSUBSCRIBE)},
            # A confirmation token never unsubscribes.
            "confirm": {"token": token(tokens.CONFIRM)},
        },
        per(public=EVERYONE),
        post={},
    ),
}

# Changes after publication: who may withdraw may correct and mask (MANAGE).
MANAGE = per(county=roles(R, A), township=roles(T, M, A), other=ADMIN)
PUBLISHED = {t: {"pk": pk(f"published.{t}")} for t in ("county", "township", "other")}
FORGED = {"title": "伪造", "body": "伪造", "reason": "伪造"}

CONCERN_PAGES = {
    "disclosure:publication-correct": Entry(PUBLISHED, MANAGE, post=FORGED),
    "disclosure:publication-mask-published": Entry(PUBLISHED, MANAGE, post=FORGED),
    "disclosure:concern-list": Entry(allow=CONCERN_PAGES_ALLOW),
    "disclosure:concern-create": Entry(
        allow=CONCERN_PAGES_ALLOW, post={"subject": "伪造"}
    ),
    "disclosure:concern-detail": Entry(CONCERNS, CONCERN),
    "disclosure:concern-respond": Entry(
        CONCERNS, CONCERN, post={"response": ""}, get=False
    ),
    "disclosure:concern-conference": Entry(
        CONCERNS, CONCERN, post={"conference_at": ""}, get=False
    ),
}

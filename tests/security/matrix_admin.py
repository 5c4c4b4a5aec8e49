"""The expected-access table for /admin/: the site's own pages, one row per
registered model for the generated pages, and the custom operation pages.

A model's row names the objects its pages are tried on and who may list,
view (change form, history), add, change (POST, revert) and delete. Roles and
targets are those of matrix.py.
"""

from dataclasses import dataclass

from .matrix import (
    ADMIN,
    EVERYONE,
    NOBODY,
    STAFF,
    A,
    E,
    Entry,
    H,
    M,
    P,
    R,
    T,
    attr,
    history,
    per,
    pk,
    roles,
)
from .matrix_column import GUIDE_ROWS
from .matrix_column import KEEPERS as GUIDE_KEEPERS


@dataclass(frozen=True)
class Model:
    objects: dict  # target → world name
    listing: frozenset
    view: frozenset | dict
    add: frozenset = ADMIN
    change: frozenset | dict = ADMIN
    delete: frozenset | dict = ADMIN
    simple_history: bool = True


# Local catalogs are read by their county's staff and the provincial reviewer;
# standard ones by all staff; only a local draft's editors change it.
CATALOG = {
    "county": "catalog.county",
    "other": "catalog.other",
    "standard": "catalog.standard",
}
CATALOG_READ = per(county=roles(E, T, R, P, A), other=roles(P, A), standard=STAFF)
CATALOG_EDIT = per(county=roles(E, A), other=ADMIN, standard=NOBODY)
STANDARD_ONLY = per(standard=ADMIN)
PUBLICATION_READ = per(
    county=roles(E, R, P, A), township=roles(T, M, P, A), other=roles(P, A)
)
COUNTY_READ = per(county=roles(E, R, P, A), other=roles(P, A))


def objects(prefix: str, *targets) -> dict:
    return {t: f"{prefix}.{t}" for t in targets}


MODELS = {
    "auth.group": Model({"-": "group"}, ADMIN, ADMIN, simple_history=False),
    "auth.user": Model({"-": "user"}, ADMIN, ADMIN, simple_history=False),
    "portal.region": Model({"-": "region.county"}, STAFF, STAFF),
    "portal.organisation": Model(objects("org", "county", "other"), STAFF, COUNTY_READ),
    "portal.membership": Model(
        objects("membership", "county", "other"), roles(E, R, M, P, H, A), COUNTY_READ
    ),
    "portal.calendaryear": Model(
        {"-": "calendaryear"}, STAFF, STAFF, add=NOBODY, delete=NOBODY
    ),
    "portal.workingday": Model(
        {"-": "workingday"}, STAFF, STAFF, NOBODY, ADMIN, NOBODY
    ),
    **{
        f"axes.{name}": Model(
            {"-": name}, ADMIN, ADMIN, NOBODY, NOBODY, NOBODY, simple_history=False
        )
        for name in ("accesslog", "accessfailurelog")
    },
    "axes.accessattempt": Model(
        {"-": "accessattempt"}, ADMIN, ADMIN, add=NOBODY, simple_history=False
    ),
    "catalogs.domain": Model({"-": "domain"}, STAFF, STAFF),
    "catalogs.channel": Model({"-": "channel"}, STAFF, STAFF),
    "catalogs.catalog": Model(
        CATALOG,
        STAFF,
        CATALOG_READ,
        change=per(county=roles(E, A), other=ADMIN, standard=ADMIN),
        delete=per(county=ADMIN, other=ADMIN, standard=ADMIN),
    ),
    **{
        f"catalogs.{name}": Model(
            objects(name, "county", "other", "standard"),
            STAFF,
            CATALOG_READ,
            change=STANDARD_ONLY,
            delete=STANDARD_ONLY,
        )
        for name in ("item", "legalbasis")
    },
    "catalogs.filing": Model(
        objects("filing", "county", "other"),
        roles(E, R, M, P, H, A),
        COUNTY_READ,
        NOBODY,
        NOBODY,
        NOBODY,
    ),
    "disclosure.publication": Model(
        objects("published", "county", "township", "other"),
        STAFF,
        PUBLICATION_READ,
        NOBODY,
        NOBODY,
        NOBODY,
    ),
    "disclosure.compliancereview": Model(
        objects("review", "county", "township", "other"),
        STAFF,
        PUBLICATION_READ,
        NOBODY,
        NOBODY,
        NOBODY,
    ),
    **{
        f"disclosure.{name}": Model(
            objects(prefix, "county", "township", "other"),
            roles(T, R, M, A),
            per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN),
            NOBODY,
            NOBODY,
            NOBODY,
        )
        for name, prefix in [
            ("informationrequest", "request"),
            ("requestconsultation", "consultation"),
            ("requestchallenge", "challenge"),
            ("requestfile", "requestfile"),
            ("consultation", "consult"),
            ("consultationcomment", "comment"),
            ("adoptionfeedback", "feedback"),
        ]
    },
    "disclosure.concern": Model(
        objects("concern", "county", "township", "other"),
        roles(T, R, M, A),
        per(county=roles(R, A), township=roles(T, R, M, A), other=ADMIN),
        NOBODY,
        NOBODY,
        NOBODY,
    ),
    "disclosure.correctionentry": Model(
        objects("correction", "county", "township", "other"),
        STAFF,
        PUBLICATION_READ,
        NOBODY,
        NOBODY,
        NOBODY,
        simple_history=False,
    ),
    "disclosure.subscription": Model(
        {"-": "subscription"},
        ADMIN,
        ADMIN,
        NOBODY,
        NOBODY,
        NOBODY,
        simple_history=False,
    ),
    "disclosure.negativelistentry": Model(
        objects("negativelistentry", "default", "county", "other"),
        STAFF,
        per(default=STAFF, county=roles(E, R, P, A), other=roles(P, A)),
        add=roles(R, M, A),
        change=per(default=ADMIN, county=roles(R, A), other=ADMIN),
        delete=per(default=ADMIN, county=ADMIN, other=ADMIN),
    ),
    "disclosure.disclosureguide": Model(
        objects("disclosureguide", "county", "other"),
        GUIDE_KEEPERS,
        GUIDE_ROWS,
        add=GUIDE_KEEPERS,
        change=GUIDE_ROWS,
        delete=ADMIN,
    ),
}

FORGED = {
    "reason": "伪造",
    "change_reason": "伪造",
    "name": "伪造",
    "title": "伪造",
    "code": "forged",
    "key": "forged",
    "position": "0",
}


def _redirect(label: str, name: str):
    app, model = label.split(".")
    return lambda world: f"/admin/{app}/{model}/{world[name].pk}/"


def model_entries(label: str, row: Model) -> dict:
    """The entries of a model's generated admin URLs (and its old-style redirect)."""
    prefix = "admin:" + label.replace(".", "_")
    by_id = {t: {"object_id": pk(name)} for t, name in row.objects.items()}
    entries = {
        f"{prefix}_changelist": Entry(allow=row.listing),
        f"{prefix}_add": Entry(allow=row.add, post=FORGED),
        f"{prefix}_change": Entry(by_id, row.view, FORGED, row.change),
        f"{prefix}_history": Entry(by_id, row.view),
        f"{prefix}_delete": Entry(by_id, row.delete, {"post": "yes"}),
        # The old-style address redirects any staff member to the change page.
        "admin/{}/{}/<path:object_id>/".format(*label.split(".")): Entry(
            {t: _redirect(label, name) for t, name in row.objects.items()}, STAFF
        ),
    }
    if row.simple_history:
        versions = {t: [pk(name), history(name)] for t, name in row.objects.items()}
        entries[f"{prefix}_simple_history"] = Entry(
            versions, row.view, FORGED, row.change
        )
    return entries


def on_catalogs(prefix: str = "catalog") -> dict:
    return {t: {"pk": pk(f"{prefix}.{t}")} for t in ("county", "other", "standard")}


ADMIN_PAGES = {
    "admin:index": Entry(allow=STAFF),
    "admin:login": Entry(allow=EVERYONE),
    # The same page (portal/access/signin.py): staff then land where they work.
    "sign-in": Entry(allow=EVERYONE),
    # Signing out is open to all (non-staff are sent to the admin index).
    "admin:logout": Entry(allow=EVERYONE, post={}, get=False, signs_out=True),
    "admin:password_change": Entry(allow=STAFF),
    "admin:password_change_done": Entry(allow=STAFF),
    "admin:autocomplete": Entry(
        allow=STAFF,
        query="app_label=catalogs&model_name=item&field_name=catalog&term=就业",
    ),
    "admin:jsi18n": Entry(allow=STAFF),
    # Shadowed by portal.admin.view_on_site (issue 15): only the staff who may see
    # the object in the admin are redirected; anyone else gets a 404.
    "admin:view_on_site": Entry(
        {
            "other": {
                "content_type_id": attr("contenttype.publication", "pk"),
                "object_id": pk("published.other"),
            }
        },
        frozenset({P, A}),
    ),
    "admin-view-on-site": Entry(
        {
            "other": {
                "content_type_id": attr("contenttype.publication", "pk"),
                "object_id": pk("published.other"),
            }
        },
        frozenset({P, A}),
    ),
    "admin:app_list": Entry(
        {
            app: {"app_label": app}
            for app in ("auth", "portal", "axes", "catalogs", "disclosure")
        },
        per(auth=ADMIN, portal=STAFF, axes=ADMIN, catalogs=STAFF, disclosure=STAFF),
    ),
    # Anything else under /admin/: 404 for staff, the sign-in page for others.
    "admin/(?P<url>.*)$": Entry({"-": "/admin/no-such-page/"}, NOBODY),
    "admin:auth_user_password_change": Entry(
        {"-": {"id": pk("user")}}, ADMIN, {"password1": "x", "password2": "y"}
    ),
    "admin:portal_calendaryear_add_next_year": Entry(allow=ADMIN, post={}, get=False),
    # Entering a year's schedule: read by all staff on the list, entered by the
    # site administrator only (an empty form is refused without a change).
    "admin:portal_calendaryear_schedule": Entry(
        {"-": {"year": attr("calendaryear", "year")}}, ADMIN, post={}
    ),
    # Local catalogs: derive, import, read, and change a draft.
    # Deriving for another county, or a standard of a domain the own bureau
    # is not responsible for ("domain": the 人社局 and elderly care), is
    # refused by the form's choices.
    "admin:catalogs_catalog_derive": Entry(
        {"county": {}, "other": {}, "domain": {}},
        roles(E, A),
        post=lambda world, target: {
            **FORGED,
            "organisation": world[
                "org.county" if target == "domain" else f"org.{target}"
            ].pk,
            "standard": world[
                "standard.other_domain" if target == "domain" else "standard.underived"
            ].pk,
            "confirm": "1",
        },
        allow_post=per(county=roles(E, A), other=ADMIN, domain=ADMIN),
        refused_by_form=True,
    ),
    "admin:catalogs_catalog_import_layout": Entry(allow=roles(E, A)),
    **{
        f"admin:catalogs_catalog_{name}": Entry(on_catalogs(), CATALOG_READ)
        for name in ("validate", "compare", "changes", "export_xlsx", "export_listing")
    },
    **{
        f"admin:catalogs_catalog_{name}": Entry(on_catalogs(), CATALOG_EDIT, FORGED)
        for name in ("add_supplement", "next_version")
    },
    # A standard version imported as a draft is put in force by a site admin.
    "admin:catalogs_catalog_put_in_force": Entry(
        on_catalogs(),
        per(county=roles(E, A), other=ADMIN, standard=ADMIN),
        FORGED,
    ),
    **{
        f"admin:catalogs_item_{name}": Entry(on_catalogs(item), CATALOG_EDIT, FORGED)
        for name, item in [
            ("edit", "item"),
            ("omit", "item"),
            ("restore", "item.omitted"),
            ("remove", "item.added"),
            ("add_sub_item", "item"),
        ]
    },
}


# Generated entries that need more than their model's row.
OVERRIDES = {
    # A county reviewer adds to the negative lists of the bodies in reach only
    # (never another bureau's of the same county: the 民政局's M and the 人社局).
    "admin:disclosure_negativelistentry_add": Entry(
        {"county": {}, "other": {}},
        roles(R, M, A),
        post=lambda world, target: {
            **FORGED,
            "organisation": world[f"org.{target}"].pk,
            "category": "伪造",
            "scope": "伪造",
            "legal_basis": "伪造",
        },
        allow_post=per(county=roles(R, A), other=ADMIN),
        refused_by_form=True,
    ),
}


OVERRIDES["admin:disclosure_disclosureguide_add"] = Entry(
    {"township": {}},
    GUIDE_KEEPERS,
    post=lambda world, target: {
        **FORGED,
        "organisation": world[f"org.{target}"].pk,
        "office": "伪造",
    },
    allow_post=per(township=GUIDE_KEEPERS),
)


def table() -> dict:
    entries = dict(ADMIN_PAGES)
    for label, row in MODELS.items():
        entries.update(model_entries(label, row))
    entries.update(OVERRIDES)
    return entries

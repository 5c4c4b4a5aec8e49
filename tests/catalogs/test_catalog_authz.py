"""The authorisation matrix for catalogs: every role × every catalogs admin URL and
public page × own county, other county and standard, allowed or denied.

The admin URLs are read off the admin site's registry, so a URL added to a
catalogs admin class fails this test until it is given a rule below.
"""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from catalogs.local.derivation import catalog_derive, item_add_sub_item, item_omit
from catalogs.models import Catalog, CatalogStatus, Channel, Domain, Item, LegalBasis
from catalogs.selectors import catalogs_visible_to, standard_in_force
from portal.models import Organisation

pytestmark = pytest.mark.django_db

STAFF = {
    "county_editor",
    "qixian_editor",
    "township_publisher",
    "village_publisher",
    "county_reviewer",
    "province_reviewer",
    "site_admin",
}
ROLES = ["anonymous", "citizen", *sorted(STAFF)]
READERS = {
    "lankao": {
        "county_editor",
        "county_reviewer",
        "township_publisher",
        "village_publisher",
        "province_reviewer",
        "site_admin",
    },
    "qixian": {"qixian_editor", "province_reviewer", "site_admin"},
    "standard": STAFF,
    "reference": STAFF,
}
EDITORS = {
    "lankao": {"county_editor", "site_admin"},
    "qixian": {"qixian_editor", "site_admin"},
    "standard": set(),  # a standard changes by a new version, not item by item
    "reference": set(),
}

# (model, view) → who may open it; a view missing here fails the test.
RULES = {
    **{(m, "changelist"): "list" for m in ("catalog", "item", "legalbasis")},
    **{(m, "add"): "site_admin" for m in ("catalog", "item", "legalbasis")},
    **{
        (m, v): "read"
        for m in ("catalog", "item", "legalbasis")
        for v in ("change", "history", "simple_history")
    },
    ("catalog", "delete"): "site_admin",
    ("item", "delete"): "site_admin_on_standard",
    ("legalbasis", "delete"): "site_admin_on_standard",
    ("catalog", "derive"): "derive",
    ("catalog", "export_xlsx"): "read",
    ("catalog", "export_listing"): "read",
    ("catalog", "import_layout"): "derive",
    ("catalog", "validate"): "read",
    ("catalog", "compare"): "read",
    ("catalog", "changes"): "read",
    # A standard version imported as a draft is put in force by a site admin.
    ("catalog", "put_in_force"): "edit_or_site_admin_on_standard",
    ("catalog", "next_version"): "edit",
    ("catalog", "add_supplement"): "edit",
    **{
        ("item", v): "edit"
        for v in ("edit", "omit", "restore", "remove", "add_sub_item")
    },
    **{
        (m, v): "list"
        for m in ("domain", "channel")
        for v in ("changelist", "change", "history", "simple_history")
    },
    **{(m, v): "site_admin" for m in ("domain", "channel") for v in ("add", "delete")},
    # Filings have their own matrix in test_filings.py; a new filing URL still
    # has to be listed here, so it is seen and given a rule there.
    **{
        ("filing", v): "elsewhere"
        for v in ("changelist", "add", "change", "delete", "history", "simple_history")
    },
}
MODELS = {"catalog": Catalog, "item": Item, "legalbasis": LegalBasis}
MODELS.update(domain=Domain, channel=Channel)


def admin_views():
    """(model name, view, url name, number of arguments) for every catalogs admin URL."""
    found = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "catalogs":
            continue
        prefix = f"catalogs_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            if not pattern.name:
                continue  # the old-style change URL, a redirect
            view = pattern.name.removeprefix(prefix)
            regex = pattern.pattern.regex
            found.append((model._meta.model_name, view, pattern.name, regex.groups))
    return found


def test_every_catalogs_admin_url_has_a_rule():
    missing = {(m, v) for m, v, _name, _n in admin_views()} - set(RULES)
    assert not missing, f"Give these admin URLs a rule in RULES: {sorted(missing)}"


def allowed(rule: str, role: str, target: str | None) -> bool:
    if rule == "list":
        return role in STAFF
    if rule == "read":
        return role in READERS[target]
    if rule == "edit":
        return role in EDITORS[target]
    if rule == "site_admin":
        return role == "site_admin"
    if rule == "edit_or_site_admin_on_standard":
        return role in EDITORS[target] or (
            role == "site_admin" and target in ("standard", "reference")
        )
    if rule == "site_admin_on_standard":
        return role == "site_admin" and target in ("standard", "reference")
    if rule == "derive":
        return role in {"county_editor", "qixian_editor", "site_admin"}
    raise AssertionError(rule)


@pytest.fixture
def world(demo):
    """Objects of three targets: the own county, the other county and the standard.

    Each county has derived the employment catalog, omitted an item and added a
    third-level item; the mca bureau of the own county has its elderly care
    catalog too.
    """
    catalog_derive(
        organisation=Organisation.objects.get(code="410225-mca"),
        standard=standard_in_force("elderly_care_henan"),
        user=demo["mca_editor"],
    )
    standard = standard_in_force("employment")
    for code, editor in [
        ("410225-hrss", "county_editor"),
        ("410221-hrss", "qixian_editor"),
    ]:
        user = demo[editor]
        local = catalog_derive(
            organisation=Organisation.objects.get(code=code),
            standard=standard,
            user=user,
        )
        item_omit(item=local.items.get(code="9"), reason="本县无此项业务", user=user)
        item_add_sub_item(
            parent=local.items.get(code="1.1"), name="本县三级事项", user=user
        )
    targets = {}
    for name, key in [
        ("lankao", "410225-hrss-employment"),
        ("qixian", "410221-hrss-employment"),
        ("standard", "employment"),
    ]:
        catalog = Catalog.objects.get(key=key)
        second = catalog.items.get(code="1.1")
        targets[name] = {
            "catalog": catalog,
            "item": second,
            "legalbasis": LegalBasis.objects.filter(item__catalog=catalog).first(),
            "omitted": catalog.items.filter(omitted=True).first() or second,
            "added": catalog.items.filter(level=3).first() or second,
        }
    targets["reference"] = {
        "domain": Domain.objects.get(key="employment"),
        "channel": Channel.objects.get(code="gov-website"),
    }
    return targets


def target_object(objects, model: str, view: str):
    if model == "item" and view == "restore":
        return objects["omitted"]
    if model == "item" and view == "remove":
        return objects["added"]
    return objects[model]


def cases(world):
    """(description, url, rule, target) for every admin URL and target.

    URLs without an object have no target (None); the others are tried on the
    own county's, the other county's and the standard's objects.
    """
    for model, view, name, arguments in admin_views():
        rule = RULES[(model, view)]
        if rule == "elsewhere":
            continue
        if not arguments:
            targets = [None]
        elif model in ("domain", "channel"):
            targets = ["reference"]
        else:
            targets = ["lankao", "qixian", "standard"]
        for target in targets:
            args = []
            if target is not None:
                obj = target_object(world[target], model, view)
                args = [obj.pk]
                if arguments == 2:
                    args.append(obj.history.order_by("history_id").first().history_id)
            with translation.override("en"):
                url = reverse(f"admin:{name}", args=args)
            yield f"{model}:{view}:{target}", url, rule, target


def login(client, demo, role):
    if role != "anonymous":
        client.force_login(demo[role])


def history_count() -> int:
    return sum(m.history.count() for m in MODELS.values())


def test_the_admin_matrix(client, demo, world):
    """Allowed answers 200; denied 403 or 404; no staff account, the sign-in page."""
    wrong = []
    checked = 0
    for role in ROLES:
        client.logout()
        login(client, demo, role)
        for description, url, rule, target in cases(world):
            status = client.get(url).status_code
            checked += 1
            if role not in STAFF:
                expected_ok = status == 302  # to the sign-in page
            elif allowed(rule, role, target):
                expected_ok = status == 200
            else:
                expected_ok = status in (403, 404)
            if not expected_ok:
                wrong.append((role, description, status))
    assert wrong == [], f"unexpected answers: {wrong}"
    assert checked > 9 * 80


@pytest.mark.parametrize("role", sorted(STAFF))
def test_lists_show_only_what_the_role_reads(client, demo, world, role):
    login(client, demo, role)
    for model in ("catalog", "item", "legalbasis"):
        with translation.override("en"):
            url = reverse(f"admin:catalogs_{model}_changelist")
        listed = client.get(url).context["cl"].queryset
        for target in ("lankao", "qixian", "standard"):
            obj = world[target][model]
            shown = listed.filter(pk=obj.pk).exists()
            assert shown == (role in READERS[target]), (model, target)


@pytest.mark.parametrize("role", sorted(STAFF))
def test_autocompletes_offer_only_what_the_role_reads(client, demo, world, role):
    login(client, demo, role)
    for field, model, term in [
        ("derived_from", "item", "就业政策法规咨询"),
        ("parent", "item", "就业信息服务"),
        ("catalog", "catalog", "就业"),
        ("item", "item", "就业政策法规咨询"),
    ]:
        source = "legalbasis" if field == "item" else "item"
        with translation.override("en"):
            url = reverse("admin:autocomplete")
        response = client.get(
            url,
            {
                "app_label": "catalogs",
                "model_name": source,
                "field_name": field,
                "term": term,
            },
        )
        ids = {int(r["id"]) for r in response.json()["results"]}
        for target in ("lankao", "qixian"):
            obj = world[target][model]
            if model == "item" and field == "parent":
                obj = obj.parent
            assert (obj.pk in ids) == (role in READERS[target]), (field, target)


# Views that write on POST: the plain forms, reverts, deletions and operations.
WRITES = {
    "change",
    "simple_history",
    "delete",
    "edit",
    "omit",
    "restore",
    "remove",
    "add_sub_item",
    "put_in_force",
    "next_version",
    "add_supplement",
}
FORGERS = {
    "lankao": ["qixian_editor", "township_publisher", "county_reviewer"],
    "qixian": ["county_editor", "province_reviewer", "village_publisher"],
    "standard": ["county_editor", "qixian_editor"],
    "reference": ["county_editor", "province_reviewer"],
}


@pytest.mark.parametrize("target", sorted(FORGERS))
def test_forged_posts_change_nothing(client, demo, world, target):
    """Every write URL, and the plain change and revert forms, posted by non-editors."""
    data = forged_data(world[target])
    posts = [
        url
        for description, url, _rule, where in cases(world)
        if where == target and description.split(":")[1] in WRITES
    ]
    assert len(posts) >= 4
    for role in FORGERS[target]:
        client.force_login(demo[role])
        before = history_count()
        for url in posts:
            status = client.post(url, data).status_code
            assert status in (403, 404), (role, url, status)
        assert history_count() == before, role


def forged_data(objects) -> dict:
    if "catalog" not in objects:  # a domain or channel: a revert or change
        return {
            "key": "forged",
            "code": "forged",
            "name": "伪造",
            "position": 0,
            "change_reason": "伪造",
            "post": "yes",
        }
    item = objects["item"]
    return {
        "reason": "伪造",
        "change_reason": "伪造",
        "name": "伪造的事项",
        "title": "伪造的目录",
        "subject": "伪造",
        "time_limit_text": "1个工作日内",
        "channels": ["gov-website"],
        "seen_history_id": item.history.latest().history_id,
        "catalog": objects["catalog"].pk,
        "level": 2,
        "post": "yes",  # the delete confirmation
        "confirm": "1",
        "organisation": objects["catalog"].organisation_id or "",
        "standard": Catalog.objects.get(key="employment").pk,
    }


def test_a_forged_action_on_another_countys_catalog_changes_nothing(
    client, demo, world
):
    client.force_login(demo["county_editor"])
    qixian = world["qixian"]["catalog"]
    with translation.override("en"):
        url = reverse("admin:catalogs_catalog_changelist")

    client.post(
        url,
        {
            "action": "put_in_force",
            "_selected_action": [qixian.pk],
            "apply": "1",
            "reason": "伪造",
        },
    )

    qixian.refresh_from_db()
    assert qixian.status == CatalogStatus.DRAFT


def test_public_pages_show_catalogs_in_force_and_never_drafts(client, demo, world):
    lankao, qixian = world["lankao"]["catalog"], world["qixian"]["catalog"]
    Catalog.objects.filter(pk=lankao.pk).update(status=CatalogStatus.IN_FORCE)
    for role in ROLES:
        client.logout()
        login(client, demo, role)
        public_pages_answer(client, world, lankao, qixian)


def public_pages_answer(client, world, lankao, qixian):
    for catalog, status in [
        (world["standard"]["catalog"], 200),
        (lankao, 200),
        (qixian, 404),
    ]:
        with translation.override("en"):
            page = reverse(
                "catalogs:catalog",
                kwargs={"key": catalog.key, "version": catalog.version},
            )
            compare = reverse(
                "catalogs:compare",
                kwargs={"key": catalog.key, "version": catalog.version},
            )
            item = reverse("catalogs:item", kwargs={"pk": world_item(world, catalog)})
        assert client.get(page).status_code == status, catalog.key
        assert client.get(item).status_code == status, catalog.key
        if catalog.derived_from_id:
            assert client.get(compare).status_code == status, catalog.key


def world_item(world, catalog):
    return next(t["item"].pk for t in world.values() if t.get("catalog") == catalog)


def test_a_township_reads_its_own_countys_catalogs_only(demo, world):
    township = demo["township_publisher"]
    readable = catalogs_visible_to(township)
    assert readable.filter(key="410225-mca-elderly_care").exists()
    assert not readable.filter(key="410221-hrss-employment").exists()
    assert not catalogs_visible_to(township, for_editing=True).exists()

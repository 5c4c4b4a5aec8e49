"""Building the catalog fixtures from the reference data, and reading them back.

The reference files (``shared/reference/catalogs/*.json``) are reconstructions
with provenance; the fixtures are the same facts normalised for loading: channel
names mapped to vocabulary codes, domain particulars added. Never typed by hand.
"""

import json
from datetime import date
from pathlib import Path

from .folding import normalise_label
from .layout.rows import CatalogData, ItemData

# The thirteen official options in their printed order, with spellings seen in
# county copies. Codes are stable identifiers used in data and URLs.
OFFICIAL_CHANNELS = [
    ("gov-website", "政府网站", []),
    ("gov-gazette", "政府公报", []),
    ("weibo-wechat-app", "两微一端", []),
    ("press-hearing", "发布会/听证会", ["发布会", "听证会"]),
    ("radio-tv", "广播电视", []),
    ("print-media", "纸质媒体", []),
    ("reading-point", "公开查阅点", []),
    ("service-centre", "政务服务中心", ["政府服务中心"]),
    ("convenience-station", "便民服务站", []),
    ("door-to-door", "入户/现场", ["入户", "现场"]),
    ("notice-board", "社区/企事业单位/村公示栏(电子屏)", ["村公示栏", "公示栏"]),
    ("targeted-push", "精准推送", []),
    ("other-platform", "其他基层公共服务平台", ["其他", "其他（基层公共服务平台）"]),
]

# Which levels each domain publishes at (domain.md, "公开层级"). Employment and
# social insurance reach 村(社区)综合服务站点 by the guideline's scope sentence.
DOMAINS = {
    "employment": {
        "name": "就业",
        "position": 1,
        "levels": {"county": True, "township": True, "village": True},
    },
    "social_insurance": {
        "name": "社会保险",
        "position": 2,
        "levels": {"county": True, "township": True, "village": True},
    },
    "social_relief_henan": {
        "name": "社会救助",
        "position": 3,
        "domain_key": "social_relief",
        "levels": {"county": True, "township": True, "village": True},
    },
    "elderly_care_henan": {
        "name": "养老服务",
        "position": 4,
        "domain_key": "elderly_care",
        "levels": {"county": True, "township": True, "village": False},
    },
}


def channel_codes_by_label() -> dict[str, str]:
    table = {}
    for code, name, aliases in OFFICIAL_CHANNELS:
        for label in [name, *aliases]:
            table[normalise_label(label)] = code
    return table


def _item_fixture(raw: dict, labels: dict[str, str], where: str) -> dict:
    channels = []
    for name in raw.get("channels") or []:
        code = labels.get(normalise_label(name))
        if code is None:
            raise ValueError(f"{where}: channel {name!r} is not an official option")
        channels.append(code)
    audience = raw.get("audience") or {}
    mode = raw.get("mode") or {}
    levels = raw.get("levels") or {}
    evidence = raw.get("evidence")
    return {
        "code": raw.get("code") or "",
        "name": raw["name"],
        "content": raw.get("content") or [],
        "bases": raw.get("basis") or [],
        "time_limit_text": raw.get("time_limit") or "",
        "subject": raw.get("subject") or "",
        "channels": channels,
        "audience_public": audience.get("public"),
        "audience_specific": audience.get("specific_groups"),
        "mode_proactive": mode.get("proactive"),
        "mode_on_request": mode.get("on_request"),
        "level_county": levels.get("county"),
        "level_township": levels.get("township"),
        "level_village": levels.get("village"),
        "sources": raw.get("sources") or [],
        "uncertain": raw.get("uncertain") or [],
        "evidence": evidence if evidence is not None else {},
        "children": [
            _item_fixture(child, labels, f"{where} > {child.get('name')}")
            for child in raw.get("children") or []
        ],
    }


def build_fixture(reference: dict) -> dict:
    """The fixture for one reference catalog file."""
    key = reference["key"]
    domain = DOMAINS[key]
    labels = channel_codes_by_label()
    counts = reference.get("expected_counts") or {}
    notes = reference.get("notes") or ""
    return {
        "key": key,
        "domain": {
            "key": domain.get("domain_key", key),
            "name": domain["name"],
            "position": domain["position"],
            "levels": domain["levels"],
        },
        "title": reference["title"],
        "issuer": reference.get("issuer") or "",
        "document_no": reference.get("document_no") or "",
        "issued": reference.get("issued"),
        "expected_level1": counts.get("level1"),
        "expected_level2": counts.get("level2"),
        "notes": notes
        if isinstance(notes, str)
        else json.dumps(notes, ensure_ascii=False),
        "sources": reference.get("sources") or [],
        "items": [
            _item_fixture(item, labels, f"{key} > {item.get('name')}")
            for item in reference["items"]
        ],
    }


def vocabulary_fixture() -> dict:
    return {
        "channels": [
            {"code": code, "name": name, "aliases": aliases, "position": index}
            for index, (code, name, aliases) in enumerate(OFFICIAL_CHANNELS, start=1)
        ],
        "domains": [
            {
                "key": d.get("domain_key", key),
                "name": d["name"],
                "position": d["position"],
                "levels": d["levels"],
            }
            for key, d in DOMAINS.items()
        ],
    }


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def fixture_files(reference_dir: Path) -> dict[str, str]:
    """File name → content for every fixture built from ``reference_dir``."""
    files = {"vocabulary.json": dump(vocabulary_fixture())}
    for path in sorted(reference_dir.glob("*.json")):
        reference = json.loads(path.read_text(encoding="utf-8"))
        if reference.get("key") not in DOMAINS:
            continue
        files[f"catalogs/{reference['key']}.json"] = dump(build_fixture(reference))
    return files


def _item_data(raw: dict) -> ItemData:
    fields = {k: v for k, v in raw.items() if k != "children"}
    return ItemData(**fields, children=[_item_data(c) for c in raw["children"]])


def catalog_data_from_fixture(fixture: dict) -> CatalogData:
    issued = fixture.get("issued")
    return CatalogData(
        domain_key=fixture["domain"]["key"],
        title=fixture["title"],
        issuer=fixture["issuer"],
        document_no=fixture["document_no"],
        issued_on=date.fromisoformat(issued) if issued else None,
        expected_level1=fixture["expected_level1"],
        expected_level2=fixture["expected_level2"],
        notes=fixture["notes"],
        sources=fixture["sources"],
        items=[_item_data(item) for item in fixture["items"]],
    )

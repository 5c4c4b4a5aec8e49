"""Every user-facing string is in the Chinese catalog, translated, and compiled."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PO = settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("xgettext") is None,
    reason="GNU gettext is not installed (apt-get install gettext).",
)


def msgids(path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid ((?:".*"\n)+)', text, flags=re.M):
        value = "".join(re.findall(r'"(.*)"', block))
        if value:
            ids.add(value)
    return ids


@needs_gettext
def test_the_catalog_has_no_untranslated_or_fuzzy_entries():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


@needs_gettext
def test_the_compiled_catalog_is_up_to_date(tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
    assert MO.read_bytes() == fresh.read_bytes(), "run `make messages` and commit"


@needs_gettext
def test_every_marked_string_is_in_the_catalog(tmp_path, monkeypatch):
    # makemessages writes next to the sources it walks (and always into ./locale),
    # so it runs on a copy of the sources, never on the real catalog.
    for folder in ("portal", "catalogs", "disclosure", "templates"):
        shutil.copytree(
            settings.BASE_DIR / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns("__pycache__", "static", "migrations"),
        )
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["zh_Hans"], verbosity=0)
    missing = msgids(
        tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    ) - msgids(PO)
    assert not missing, (
        f"not in locale/zh_Hans (run `make messages`): {sorted(missing)[:10]}"
    )


def test_the_interface_is_chinese_by_default(client, db):
    response = client.get("/catalogs/")
    assert response.status_code == 200
    assert '<html lang="zh-hans"' in response.content.decode()
    assert "标准目录" in response.content.decode()


def test_the_apps_keep_no_locale_folder_of_their_own():
    # makemessages would move an app's strings there, out of locale/zh_Hans,
    # and the check above would no longer see them.
    for app in ("portal", "catalogs", "disclosure"):
        assert not (settings.BASE_DIR / app / "locale").exists(), (
            f"{app}/locale: keep translations in locale/ (third-party ones in "
            "locale/vendor/)"
        )

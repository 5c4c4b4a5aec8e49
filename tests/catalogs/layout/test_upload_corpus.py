"""The shared bad-input corpus against import_catalog: its exact answer, no writes.

The other upload paths walk the same corpus in ``tests/faults/``.
"""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from catalogs.layout.uploads import upload_check
from catalogs.models import Catalog, Item, LegalBasis
from tests import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def written():
    """Everything an import could write, history included."""
    return [
        model.objects.count()
        for model in (
            Catalog,
            Item,
            LegalBasis,
            Catalog.history.model,
            Item.history.model,
            LegalBasis.history.model,
        )
    ]


def run_import(path, commit=True):
    out = StringIO()
    args = ["import_catalog", str(path), "--domain", "employment", "--key", "corpus"]
    args += ["--title", "测试目录", "--issuer", "测试"]
    call_command(*args, *(["--commit"] if commit else []), stdout=out)
    return out.getvalue()


def refused(path) -> list[str]:
    """The lines of the CommandError an import of ``path`` ends with; nothing written."""
    before = written()
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert written() == before
    lines = str(error.value).splitlines()
    assert lines[-1] == "Nothing was written."
    assert lines[-2].startswith("Items found: ")
    return lines[:-2]


@pytest.fixture
def limits(settings):
    corpus.limits(settings)


@pytest.mark.parametrize("case", corpus.REFUSED, ids=str)
def test_the_corpus_is_refused(tmp_path, limits, case):
    """Every refused case of the shared corpus, with exactly its answer."""
    assert corpus.answers(case.layout, refused(case.build(tmp_path)))


@pytest.mark.parametrize("case", corpus.READABLE, ids=str)
def test_the_readable_corpus_imports(tmp_path, limits, case):
    out = run_import(case.build(tmp_path))
    assert out.startswith("Read 2 first-level, 3 second-level and 0 third-level")
    assert out.splitlines()[-1] == "Items found: 5; catalogs created: 1; errors: 0."


@pytest.mark.parametrize("case", corpus.REFUSED, ids=str)
def test_the_corpus_is_refused_in_a_dry_run_too(tmp_path, limits, case):
    before = written()
    with pytest.raises(CommandError) as error:
        run_import(case.build(tmp_path), commit=False)
    assert written() == before
    assert corpus.answers(case.layout, str(error.value).splitlines()[:-2])


def test_file_too_large(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_BYTES = 1000
    path = corpus.table_workbook(tmp_path / "good.xlsx")
    assert refused(path) == [f"The file is larger than {filesizeformat(1000)}."]


def test_unpacked_size_limit(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_UNCOMPRESSED_BYTES = 5_000
    path = corpus.table_workbook(tmp_path / "good.xlsx")
    assert refused(path)[0].startswith(
        f"The file unpacks to more than {filesizeformat(5_000)} "
    )


def test_too_many_rows_in_a_document(tmp_path, settings):
    settings.CATALOG_IMPORT_MAX_ROWS = 50
    rows = [dict(corpus.CATALOG_ROWS[0], 二级事项=f"事项{n}") for n in range(50)]
    document = corpus.table_document(tmp_path / "many.docx", rows=rows)
    assert refused(document) == [
        "The document's tables have more than 50 rows, more than one import takes."
    ]


def test_a_header_in_another_language(tmp_path):
    path = corpus.table_workbook(
        tmp_path / "english.xlsx",
        columns=[("", "Name"), ("", "Content"), ("", "Basis")],
        rows=[{"Name": "x"}],
    )
    (message,) = refused(path)
    assert message.startswith(
        "No header row was found: none of the first 10 rows holds the column labels "
        "of the official layout (序号, 公开事项, "
    )


def test_shuffled_header_is_read_by_label(tmp_path):
    run_import(corpus.shuffled_header(tmp_path))
    item = Catalog.objects.get(key="corpus").items.get(name="岗位信息发布")
    assert (item.level_village, item.audience_specific) == (True, False)


def test_script_tags_are_kept_as_text(tmp_path):
    run_import(corpus.script_tags(tmp_path))
    item = Catalog.objects.get(key="corpus").items.get(level=2, code="", position=2)
    assert item.name == f"{corpus.SCRIPT}就业政策法规咨询"
    assert item.content == ["办理流程", '<img src=x onerror="alert(1)">']


CHECKED = [case for case in corpus.CASES if case.before_reading]


@pytest.mark.parametrize("case", CHECKED, ids=str)
def test_upload_check_takes_file_objects(tmp_path, case):
    path = case.build(tmp_path)
    upload = corpus.as_bytes(path)
    with pytest.raises(ValidationError) as error:
        upload_check(upload, name=path.name)
    assert error.value.code == case.before_reading
    assert corpus.answers(case.layout, error.value.messages)
    assert upload.tell() == 0  # left ready for the next reader
    good = corpus.table_workbook(tmp_path / "good.xlsx")
    assert upload_check(corpus.as_bytes(good), name="good.xlsx") == ".xlsx"

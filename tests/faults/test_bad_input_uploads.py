"""The shared bad-input corpus through every upload path but ``import_catalog``.

``tests/catalogs/test_upload_corpus.py`` walks the corpus through
``import_catalog``; here it goes through ``import_local_catalog``, the admin's
import page, the item-listing upload, and a publication's attachments (the draft
form and the attachment button). Each file gets the answer its case names, the
page is never a server error, and no row (history included) or stored file is
left behind.
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from catalogs.local.resources import LocalCatalogItemResource, LocalItemXLSX
from catalogs.local.uploadforms import LocalCatalogUploadForm
from catalogs.selectors import standard_in_force
from disclosure.models import Publication
from portal.models import Organisation
from tests import corpus
from tests.disclosure.conftest import VILLAGE, make_draft, post_draft

from .conftest import row_counts, stored_files

pytestmark = pytest.mark.django_db

ORG = "410225-hrss"


@pytest.fixture(autouse=True)
def corpus_limits(settings):
    corpus.limits(settings)


def upload(path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# import_local_catalog


def import_local(path, *, commit: bool, out=None):
    args = ["import_local_catalog", str(path), "--org", ORG, "--standard"]
    args += ["employment", *(["--commit"] if commit else [])]
    call_command(*args, stdout=out or StringIO())


@pytest.mark.parametrize("case", corpus.REFUSED, ids=str)
def test_import_local_catalog_refuses_the_file(lankao, tmp_path, case):
    path = case.build(tmp_path)
    before = row_counts()

    with pytest.raises(CommandError) as error:
        import_local(path, commit=True)

    assert row_counts() == before
    *answer, summary, last = str(error.value).splitlines()
    assert corpus.answers(case.layout, answer)
    assert summary.startswith("Items found: ")
    assert summary.endswith(f"; catalogs created: 0; errors: {len(case.layout)}.")
    assert last == "Nothing was written."


@pytest.mark.parametrize("case", corpus.READABLE, ids=str)
def test_import_local_catalog_reads_the_file(lankao, tmp_path, case):
    out = StringIO()
    before = row_counts()

    with pytest.raises(CommandError) as error:  # the file drops standard channels
        import_local(case.build(tmp_path), commit=False, out=out)

    assert row_counts() == before
    assert "Standard items matched: " in out.getvalue()
    assert str(error.value).endswith("Nothing was written.")


# The admin's import page


def post_layout(client, path):
    data = {
        "organisation": Organisation.objects.get(code=ORG).pk,
        "standard": standard_in_force("employment").pk,
        "omit_reason": "",
        "file": upload(path),
    }
    return client.post(reverse("admin:catalogs_catalog_import_layout"), data)


def page_answer(response) -> list[str]:
    """The page's answer to a file it does not import: form errors, row errors."""
    form = response.context["form"]
    return [str(m) for messages in form.errors.values() for m in messages] + [
        str(error) for error in response.context["row_errors"]
    ]


@pytest.mark.parametrize("case", corpus.CASES, ids=str)
def test_the_admin_import_page(client, lankao, tmp_path, case):
    client.force_login(lankao["county_editor"])
    path = case.build(tmp_path)
    before = row_counts()

    response = post_layout(client, path)

    assert response.status_code == 200
    assert row_counts() == before  # a preview is a rolled-back dry run
    page = response.content.decode()
    assert corpus.SCRIPT not in page
    if case.refused:
        assert corpus.answers(case.web_answer(), page_answer(response))
        assert response.context["result"] is None
        assert 'id="confirm-import"' not in page
    else:
        assert page_answer(response) == []
        assert response.context["result"] is not None
        assert "Preview: nothing has been written yet" in page


# The item listing (django-import-export's upload step and reader)


def listing_form(path, user):
    data = {
        "format": "0",
        "organisation": Organisation.objects.get(code=ORG).pk,
        "standard": standard_in_force("employment").pk,
    }
    return LocalCatalogUploadForm(
        [LocalItemXLSX],
        [LocalCatalogItemResource],
        data=data,
        files={"import_file": upload(path)},
        user=user,
    )


LISTING_IS_XLSX = (
    "The item listing is read from an Excel workbook (.xlsx); save the file as .xlsx "
    "and try again."
)


@pytest.mark.parametrize("case", corpus.CASES, ids=str)
def test_the_item_listing_upload(lankao, tmp_path, case):
    path = case.build(tmp_path)
    form = listing_form(path, lankao["county_editor"])
    before = row_counts()

    if case.before_reading:
        assert not form.is_valid()
        assert corpus.answers(case.form or case.layout, form.errors["import_file"])
        return
    if path.suffix == ".docx":
        assert not form.is_valid()
        assert form.errors["import_file"] == [LISTING_IS_XLSX]
        return
    assert form.is_valid(), form.errors
    try:
        dataset = LocalItemXLSX().create_dataset(path.read_bytes())
    except ValidationError as error:  # the workbook cannot be opened at all
        assert error.code == "unreadable"
        assert case.layout[0].startswith("The file could not be read")
        return
    resource = LocalCatalogItemResource(**form.import_arguments())
    result = resource.import_data(dataset, dry_run=False)

    # Every file of the corpus is in the official layout, not a listing.
    assert row_counts() == before
    assert result.catalog is None
    messages = [m for error in result.base_errors for m in error.error.messages]
    assert "row 1：The column “层级” is missing from the header." in messages


# A publication's attachments


@pytest.fixture
def publisher(client, lankao):
    client.force_login(lankao["village_publisher"])
    return lankao["village_publisher"]


@pytest.fixture
def draft(lankao, dibao_item, publisher):
    return make_draft(
        lankao, "village_publisher", VILLAGE, dibao_item, formed_on=date(2025, 9, 26)
    )


def attach(client, draft, path):
    url = reverse("disclosure:attachment-add", args=[draft.pk])
    return client.post(url, {"file": upload(path)})


@pytest.mark.parametrize("case", corpus.CASES, ids=str)
def test_the_attachment_button(client, draft, media, tmp_path, case):
    path = case.build(tmp_path)
    before = row_counts()

    response = attach(client, draft, path)

    assert response.status_code == 302
    detail = client.get(draft.get_absolute_url())
    assert detail.status_code == 200  # the personal-data check reads the file
    assert corpus.SCRIPT not in detail.content.decode()
    if case.attachment is not None:
        assert shown(response) == [case.attachment]
        assert row_counts() == before
        assert stored_files(media) == []
    else:
        assert shown(response) == [f"“{path.name}” was attached."]
        assert draft.attachments.get().name == path.name
        assert len(stored_files(media)) == 1


REFUSED_ATTACHMENTS = [case for case in corpus.CASES if case.attachment]


@pytest.mark.parametrize("case", REFUSED_ATTACHMENTS, ids=str)
def test_the_draft_form_with_a_bad_attachment(
    client, lankao, dibao_item, publisher, media, tmp_path, case
):
    path = case.build(tmp_path)
    before = row_counts()

    response = post_draft(
        client, lankao[f"org:{VILLAGE}"], dibao_item, attachment=upload(path)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"attachment": [case.attachment]}
    assert row_counts() == before  # no draft without its attachment
    assert not Publication.objects.exists()
    assert stored_files(media) == []


# Translated


CJK = re.compile(r"[\u4e00-\u9fff]")


def _outside_quotes(text: str) -> str:
    """The words of a message, without the file's own names and values."""
    return re.sub(r"“[^”]*”|（[^）]*）|\([^)]*\)", "", text)


@pytest.mark.parametrize("case", corpus.REFUSED, ids=str)
def test_the_answers_are_translated(client, lankao, tmp_path, case):
    """Under the default language every answer is Chinese, not the English source."""
    client.force_login(lankao["county_editor"])
    with translation.override("zh-hans"):
        response = post_layout(client, case.build(tmp_path))
        answer = page_answer(response)
    page = response.content.decode()
    assert answer
    for english, chinese in zip(case.web_answer(), answer, strict=True):
        words = _outside_quotes(chinese)
        assert chinese != english
        assert CJK.search(words), chinese
        assert not re.search(r"\b(the|is|of|and)\b", words), chinese
        assert escape(chinese) in page

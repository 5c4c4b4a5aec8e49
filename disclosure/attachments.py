"""Checking uploaded attachments (type, size, content) and reading the text in them."""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from catalogs.layout.uploads import upload_check

from .models import Attachment, AttachmentKind

SUFFIX_KINDS = {
    ".pdf": AttachmentKind.PDF,
    ".docx": AttachmentKind.DOCX,
    ".xlsx": AttachmentKind.XLSX,
    ".txt": AttachmentKind.TEXT,
    ".csv": AttachmentKind.CSV,
    ".jpg": AttachmentKind.JPEG,
    ".jpeg": AttachmentKind.JPEG,
    ".png": AttachmentKind.PNG,
}
_MAGIC = {
    AttachmentKind.PDF: (b"%PDF-",),
    AttachmentKind.JPEG: (b"\xff\xd8\xff",),
    AttachmentKind.PNG: (b"\x89PNG\r\n\x1a\n",),
}
# Text attachments are read as UTF-8 (with or without BOM), else as GB 18030.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")
MAX_NAME_CHARS = 200


def max_bytes() -> int:
    return getattr(settings, "DISCLOSURE_ATTACHMENT_MAX_BYTES", 10_000_000)


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str
    content: bytes
    sha256: str


def allowed_types_text() -> str:
    return "PDF, DOCX, XLSX, TXT, CSV, JPG, PNG"


def attachment_check(upload) -> CheckedUpload:
    """Refuse an upload unless its name, size and content agree on an allowed type."""
    name = Path(upload.name or "").name[-MAX_NAME_CHARS:]
    suffix = Path(name).suffix.lower()
    kind = SUFFIX_KINDS.get(suffix)
    if kind is None:
        raise ValidationError(
            _("The file “%(name)s” is not an allowed type. Attach one of: %(types)s.")
            % {"name": name, "types": allowed_types_text()},
            code="wrong_type",
        )
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is %(size)s; attachments may be at most %(max)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(limit),
            },
            code="too_large",
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:  # the declared size was wrong
        raise ValidationError(
            _("The file “%(name)s” is larger than %(max)s.")
            % {"name": name, "max": filesizeformat(limit)},
            code="too_large",
        )
    if not content:
        raise ValidationError(
            _("The file “%(name)s” is empty.") % {"name": name}, code="empty"
        )
    mismatch = ValidationError(
        _(
            "The file “%(name)s” is not really a %(suffix)s file; it may be another "
            "kind of file renamed. Save it in its real format and attach it again."
        )
        % {"name": name, "suffix": suffix},
        code="mistyped",
    )
    if kind in _MAGIC and not content.startswith(_MAGIC[kind]):
        raise mismatch
    if kind in (AttachmentKind.DOCX, AttachmentKind.XLSX):
        upload_check(io.BytesIO(content), name=name)
        _check_opens(kind, content, name=name, suffix=suffix)
    if (
        kind in (AttachmentKind.TEXT, AttachmentKind.CSV)
        and decode_text(content) is None
    ):
        raise mismatch
    return CheckedUpload(
        name=name,
        kind=kind,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _check_opens(kind: str, content: bytes, *, name: str, suffix: str) -> None:
    """Refuse a workbook or document its reader cannot open: the personal-data
    check reads every attachment's text, and must not fail on a stored one."""
    try:
        (_xlsx_text if kind == AttachmentKind.XLSX else _docx_text)(content)
    except Exception as exc:  # the readers fail in many ways on a malformed file
        raise ValidationError(
            _(
                "The file “%(name)s” could not be opened as a %(suffix)s file; it "
                "may be damaged. Save it again from its program and attach it again."
            )
            % {"name": name, "suffix": suffix},
            code="unreadable",
        ) from exc


def decode_text(content: bytes) -> tuple[str, str] | None:
    """(text, encoding) of a plain-text file, or None when it is not plain text."""
    if b"\x00" in content:
        return None
    for encoding in TEXT_ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def attachment_text(attachment: Attachment) -> str | None:
    """The text in an attachment, for the personal-data check; None for images and PDF."""
    if attachment.kind not in (
        AttachmentKind.TEXT,
        AttachmentKind.CSV,
        AttachmentKind.XLSX,
        AttachmentKind.DOCX,
    ):
        return None
    with attachment.file.open("rb") as stream:
        content = stream.read()
    if attachment.is_text:
        decoded = decode_text(content)
        return decoded[0] if decoded else None
    if attachment.kind == AttachmentKind.XLSX:
        return _xlsx_text(content)
    return _docx_text(content)


def _xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        lines = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if v is None else str(v) for v in row]
                if any(cells):
                    lines.append("\t".join(cells))
        return "\n".join(lines)
    finally:
        workbook.close()


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)

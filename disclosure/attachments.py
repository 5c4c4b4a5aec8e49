"""Checking uploaded attachments: type, size, and content that opens and can be read.

Reading the text in them is ``disclosure.pii.read_parts``.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from catalogs.layout.uploads import upload_check

from .models import AttachmentKind
from .pii import Unreadable, decode_text, read_parts

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
    if kind in (AttachmentKind.DOCX, AttachmentKind.XLSX, AttachmentKind.PDF):
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
    """Refuse a workbook, document or PDF the personal-data check cannot read
    through: it reads every attachment whole, and must not fail on a stored one."""
    try:
        read_parts(kind, content)
    except Unreadable as error:
        if error.locked:
            raise ValidationError(
                _("The file “%(name)s” is protected with a password; remove it first.")
                % {"name": name},
                code="encrypted",
            ) from error
        raise ValidationError(
            _(
                "The file “%(name)s” could not be opened as a %(suffix)s file; it "
                "may be damaged. Save it again from its program and attach it again."
            )
            % {"name": name, "suffix": suffix},
            code="unreadable",
        ) from error

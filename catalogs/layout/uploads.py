"""Safety checks for an uploaded .xlsx or .docx before any parser opens it.

Both formats are zip archives of XML. The checks bound what a parser can be made
to do: the file size, the unpacked size and compression ratio (zip bombs), and
DOCTYPE/ENTITY declarations (XML entity bombs, external entities).
"""

import os
import zipfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SUFFIXES = (".xlsx", ".docx")
# ISO 29500 strict's namespaces; the opening tag of the main part names them.
_STRICT_NAMESPACE = b"purl.oclc.org/ooxml/"
_STRICT_PROBE_BYTES = 4096
# Spreadsheet XML compresses well, but not a hundredfold over a megabyte.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1_000_000
MAX_MEMBERS = 2_000
_REQUIRED_MEMBER = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(marker) for marker in _DECLARATIONS)


def _size(source) -> int:
    if isinstance(source, str | os.PathLike):
        return os.path.getsize(source)
    position = source.tell()
    size = source.seek(0, os.SEEK_END)
    source.seek(position)
    return size


def upload_check(source, *, name: str) -> str:
    """Refuse ``source`` (a path or a binary file) unless it is a safe .xlsx/.docx.

    Returns the suffix; raises ``ValidationError`` with a message for the user.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            _(
                "The file “%(name)s” is neither an Excel workbook (.xlsx) nor a Word "
                "document (.docx)."
            )
            % {"name": name},
            code="wrong_type",
        )
    limit = settings.CATALOG_IMPORT_MAX_BYTES
    if _size(source) > limit:
        raise ValidationError(
            _("The file is larger than %(max)s.") % {"max": filesizeformat(limit)},
            code="too_large",
        )
    not_office = ValidationError(
        _(
            "The file “%(name)s” is not a real %(suffix)s file; it may be another "
            "kind of file renamed. Save it from Excel, WPS or Word and try again."
        )
        % {"name": name, "suffix": suffix},
        code="not_office",
    )
    try:
        if not zipfile.is_zipfile(source):
            raise not_office
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if _REQUIRED_MEMBER[suffix] not in names:
                raise not_office
            _check_sizes(members)
            for member in members:
                _check_declarations(archive, member)
            _check_transitional(archive, _REQUIRED_MEMBER[suffix], name=name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ValidationError(
            _("The file “%(name)s” is damaged and cannot be unpacked.")
            % {"name": name},
            code="damaged",
        ) from exc
    except RuntimeError as exc:  # zipfile's word for an encrypted member
        raise ValidationError(
            _("The file “%(name)s” is protected with a password; remove it first.")
            % {"name": name},
            code="encrypted",
        ) from exc
    finally:
        if not isinstance(source, str | os.PathLike):
            source.seek(0)
    return suffix


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    limit = settings.CATALOG_IMPORT_MAX_UNCOMPRESSED_BYTES
    bomb = ValidationError(
        _(
            "The file unpacks to more than %(max)s or is compressed suspiciously "
            "tightly (a “zip bomb”); it was not opened."
        )
        % {"max": filesizeformat(limit)},
        code="zip_bomb",
    )
    if len(members) > MAX_MEMBERS:
        raise ValidationError(
            _(
                "The file holds more than %(max)s parts, where an Office file holds a "
                "few dozen; it was not opened."
            )
            % {"max": MAX_MEMBERS},
            code="too_many_parts",
        )
    if sum(m.file_size for m in members) > limit:
        raise bomb
    for member in members:
        if member.file_size < RATIO_CHECKED_FROM_BYTES:
            continue
        if member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise bomb


def _check_declarations(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse DTDs anywhere in a member; Office files never declare one."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(65_536):
            window = (tail + chunk).upper()
            if any(marker in window for marker in _DECLARATIONS):
                raise ValidationError(
                    _(
                        "The file contains an XML document type declaration "
                        "(%(member)s), which Office files never need; it was not "
                        "opened."
                    )
                    % {"member": member.filename},
                    code="xml_declaration",
                )
            tail = chunk[-_OVERLAP:]


def _check_transitional(archive: zipfile.ZipFile, member: str, *, name: str) -> None:
    """Refuse "Strict Open XML": its namespaces are not the ones the readers know,
    so it would read as an empty table (or fail inside the parser)."""
    with archive.open(member) as stream:
        start = stream.read(_STRICT_PROBE_BYTES)
    if _STRICT_NAMESPACE in start:
        raise ValidationError(
            _(
                "The file “%(name)s” is saved as “Strict Open XML”, which is not "
                "read here; save it again as an ordinary Excel workbook (.xlsx) or "
                "Word document (.docx) and try again."
            )
            % {"name": name},
            code="strict_ooxml",
        )

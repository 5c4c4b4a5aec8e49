"""Publications, their reviews and released suspected ID numbers; the public
search index and cache versions."""

from .notices import DueDateMove, DueDateNotice
from .personaldata import PersonalDataRelease
from .public import PublicVersion, SearchEntry
from .publications import (
    PUBLISHED_ON_TIME,
    Attachment,
    AttachmentKind,
    AttachmentStorage,
    Attribute,
    ComplianceReview,
    Decision,
    LegalOpinion,
    NegativeListEntry,
    Publication,
    PublicationKind,
    PublicationLevel,
    PublicationStatus,
    Source,
    Validity,
    attachment_storage,
    public_publication_q,
)

__all__ = [
    "PUBLISHED_ON_TIME",
    "Attachment",
    "AttachmentKind",
    "AttachmentStorage",
    "Attribute",
    "ComplianceReview",
    "Decision",
    "DueDateMove",
    "DueDateNotice",
    "LegalOpinion",
    "NegativeListEntry",
    "PersonalDataRelease",
    "Publication",
    "PublicationKind",
    "PublicationLevel",
    "PublicationStatus",
    "PublicVersion",
    "SearchEntry",
    "Source",
    "Validity",
    "attachment_storage",
    "public_publication_q",
]

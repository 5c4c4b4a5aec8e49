"""Publications, their reviews and released suspected ID numbers; the public
search index and cache versions."""

from .personaldata import PersonalDataRelease
from .public import PublicVersion, SearchEntry
from .publications import (
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
)

__all__ = [
    "Attachment",
    "AttachmentKind",
    "AttachmentStorage",
    "Attribute",
    "ComplianceReview",
    "Decision",
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
]

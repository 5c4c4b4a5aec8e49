"""Catalog models: the catalogs themselves, and filings of local catalogs for the record."""

from .catalogs import (
    Catalog,
    CatalogKind,
    CatalogStatus,
    Channel,
    Domain,
    Item,
    ItemOrigin,
    LegalBasis,
    LegalBasisKind,
    LegalScope,
    TimeLimitKind,
    TimeLimitUnit,
)
from .filings import Filing, FilingComment, FilingStatus

__all__ = [
    "Catalog",
    "CatalogKind",
    "CatalogStatus",
    "Channel",
    "Domain",
    "Filing",
    "FilingComment",
    "FilingStatus",
    "Item",
    "ItemOrigin",
    "LegalBasis",
    "LegalBasisKind",
    "LegalScope",
    "TimeLimitKind",
    "TimeLimitUnit",
]

"""Catalog models: the catalogs themselves, and filings of local catalogs for the record."""

from .catalogs import (
    PUBLIC_STATUSES,
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
    public_catalog_q,
)
from .filings import Filing, FilingComment, FilingStatus

__all__ = [
    "PUBLIC_STATUSES",
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
    "public_catalog_q",
]

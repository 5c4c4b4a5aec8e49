"""Admin for domains, channels, catalogs, items and legal bases, and the local-catalog operations."""

from .catalogs import CatalogAdmin, ChannelAdmin, DomainAdmin
from .filings import FilingAdmin  # noqa: F401
from .items import ItemAdmin, LegalBasisAdmin

__all__ = [
    "CatalogAdmin",
    "ChannelAdmin",
    "DomainAdmin",
    "ItemAdmin",
    "LegalBasisAdmin",
]

"""Filings (备案): snapshots of local catalogs, their review and exports."""

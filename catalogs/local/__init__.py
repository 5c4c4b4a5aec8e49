"""Local catalogs: derivation, item edits, validation, comparison, imports, carry-over."""

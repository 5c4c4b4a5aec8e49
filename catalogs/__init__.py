"""Standard and local disclosure catalogs, their items, import and export."""

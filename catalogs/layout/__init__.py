"""The official spreadsheet and Word layout: columns, readers, writers, uploads."""

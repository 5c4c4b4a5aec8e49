"""Publications under local catalog items (built in the publishing issue)."""

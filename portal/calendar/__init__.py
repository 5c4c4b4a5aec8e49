"""The working-day calendar: confirmed and provisional years, counts, and their changes."""

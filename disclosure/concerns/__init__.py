"""Responses to public concerns (回应关切): the clocks, the writes, the staff pages."""

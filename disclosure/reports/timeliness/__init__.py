"""Timeliness statistics for supervision: figures, the staff page, its workbook."""

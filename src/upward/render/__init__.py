"""Rendering: turn decided results into the files people open (CSV, workbook, report, e-mail, calendar)."""

"""Rendering: turn the model and what was decided into what people open: the site's Markdown
pages (`pages`), every form as PDF, DOCX and web form (`forms`), the programme's calendar
(`session_calendar`), and matching's CSV, workbook, report, e-mails and calendars."""

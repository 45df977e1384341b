"""Upward: a reverse-mentoring programme kit."""

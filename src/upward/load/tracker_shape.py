"""The tracker workbook's shape: its sheets and columns, its drop-down lists and their labels.

`render.tracker` writes a workbook of this shape and `load.tracker` reads one back, so the two
cannot drift apart; what a filled one holds, and the quiet rule, are `model.tracker`.
"""

from __future__ import annotations

from upward.words import Words

SHEETS = ("readme", "summary", "pairs", "sessions", "goals", "actions", "programme", "lists")
COLUMNS: dict[str, tuple[str, ...]] = {
    "pairs": (
        "code",
        "mentor_name",
        "mentor_email",
        "mentee_name",
        "mentee_email",
        "status",
        "ended_on",
        "mid_point_done",
        "notes",
    ),
    "sessions": (
        "pair",
        "number",
        "title",
        "planned",
        "status",
        "held_on",
        "by",
        "mentor_useful",
        "mentor_open",
        "mentee_useful",
        "mentee_open",
        "notes",
    ),
    "goals": ("pair", "number", "goal_id", "baseline", "final", "change"),
    "actions": ("pair", "level", "change", "date", "evidence", "report", "credit"),
    "summary": (
        "pair",
        "mentor",
        "mentee",
        "status",
        "planned",
        "due",
        "held",
        "held_share",
        "cancelled_mentor",
        "cancelled_mentee",
        "cancelled",
        "moved",
        "first_planned",
        "last_met",
        "days_since",
        "rag",
    ),
}
"""Every table sheet's columns, in order; the first is the pair code (its key)."""

PROGRAMME_ROWS = (
    "organisation",
    "programme",
    "contact_name",
    "contact_email",
    "cadence",
    "days_between",
    "quiet_days",
    "sessions",
    "start",
    "end",
    "mid_point",
    "applied_mentors",
    "applied_mentees",
)
"""The Programme sheet: one labelled value per row, from row 2 (row 1 is its heading)."""

CHOICE_COLUMNS = {
    ("pairs", "status"): "pair_status",
    ("sessions", "status"): "session_status",
    ("sessions", "by"): "by",
    ("actions", "level"): "level",
    ("actions", "report"): "report",
    ("actions", "credit"): "credit",
}
"""Which drop-down list each choice column takes (the words under `tracker.choices`)."""

DATE_COLUMNS = frozenset(
    {("pairs", "ended_on"), ("pairs", "mid_point_done"), ("sessions", "planned")}
    | {("sessions", "held_on"), ("actions", "date")}
)
RATING_COLUMNS = frozenset(
    {
        ("sessions", f"{role}_{scale}")
        for role in ("mentor", "mentee")
        for scale in ("useful", "open")
    }
    | {("goals", "baseline"), ("goals", "final")}
)
MAX_GOALS = 5  # the goals worksheet has room for five


# --- labels ---------------------------------------------------------------------------------


def sheet_title(key: str, words: Words) -> str:
    return words(f"tracker.sheets.{key}")


def heading(sheet: str, column: str, words: Words) -> str:
    return words(f"tracker.columns.{sheet}.{column}")


def choice_labels(kind: str, words: Words) -> dict[str, str]:
    """A drop-down's choices: id -> label, in order."""
    return words.table(f"tracker.choices.{kind}")

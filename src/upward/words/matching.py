"""Every phrase that matching shows a person: reasons, problems, column titles, e-mail and report text.

One place, so the wording can be read, reviewed and translated as a whole (it moves into the
project's words file with the package's stage layout). Values are plain `str.format` strings
over named fields: nothing here is ever a template over user data, and user values are only
ever *arguments* (escaped by whatever writes them).
"""

from __future__ import annotations

from collections.abc import Sequence

# --- the vocabulary of the application fields ---------------------------------------------

DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
}
HALVES = {"am": "morning", "pm": "afternoon"}
CHANNELS = {"in-person": "in person", "video": "video", "phone": "phone"}
CHANNELS_PREFERRED = {"in-person": "meeting in person", "video": "video", "phone": "phone"}
FORMATS = {"one-to-one": "one-to-one", "group": "a group", "either": "either format"}
ROLES = {"mentor": "mentor", "mentee": "mentee"}

TOPIC_SHORT = {
    "ai-and-emerging-tech": "AI",
    "careers-and-retention": "careers",
    "communication-styles": "communication styles",
    "culture-and-values": "culture and values",
    "digital-tools": "digital tools",
    "generations-at-work": "generations at work",
    "inclusion-and-belonging": "inclusion and belonging",
    "innovation": "innovation",
    "leadership-feedback": "honest feedback",
    "social-media": "social media",
    "the-relationship": "the mentoring relationship",
    "younger-customers": "younger customers",
}
"""Short names for the kit's topics, for reasons that read as a sentence; a topic not named
here is shown by its title (see `topic_label`)."""

CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "channel": {
        "in person": "in-person",
        "face to face": "in-person",
        "face-to-face": "in-person",
        "video call": "video",
        "video-call": "video",
        "online": "video",
        "phone call": "phone",
        "phone-call": "phone",
        "telephone": "phone",
    },
    "format": {
        "one to one": "one-to-one",
        "1:1": "one-to-one",
        "1-to-1": "one-to-one",
        "1-1": "one-to-one",
        "pair": "one-to-one",
        "group or circle": "group",
        "circle": "group",
        "any": "either",
        "both": "either",
        "no preference": "either",
    },
}
"""How people write a choice in a spreadsheet, mapped to its id (after lower-casing)."""

# --- score parts ----------------------------------------------------------------------------

PARTS = {
    "topics": (
        "Topics",
        "the share of the topics the mentee wants that the mentor offers",
    ),
    "purpose": (
        "Purpose",
        "1 when a shared topic is one the programme's purpose recommends, 0.5 when the mentor "
        "offers one of them, else 0",
    ),
    "availability": (
        "Free time",
        "half-days both are free: none 0, one 0.6, two 0.85, three or more 1",
    ),
    "channel": ("Channel", "1 when they share a way to meet (in person, video, phone)"),
    "format": ("Format", "1 when their formats fit (one-to-one, group, either)"),
    "preference": (
        "Preferences",
        "how high each side ranked the other (first choice 1, falling to 0.5 for the last "
        "listed), averaged over the sides that ranked anyone; hybrid matching only",
    ),
}
"""Each part of a pair's score: its title and how it is worked out (a value from 0 to 1,
multiplied by the part's weight)."""

# --- reasons for a pair ---------------------------------------------------------------------

PAIR = {
    "topics": "offers {offered}, wants {wanted}",
    "topics_named": "{mentor} offers {offered} and {mentee} wants {wanted}",
    "no_shared_topic": "no topic in common ({mentor} offers {offered}; {mentee} wants {wanted})",
    "nothing_wanted": "no topics named by the mentee",
    "purpose": "on the programme's focus ({topics})",
    "availability": "both free {slots}",
    "no_shared_time": "no half-day free in common",
    "channel": "both prefer {channels}",
    "no_shared_channel": "no shared way to meet ({mentor}: {mentor_channels}; {mentee}: {mentee_channels})",
    "format": "both happy with {format}",
    "both_chose": "chose each other",
    "mentee_chose": "the mentee's {rank} choice",
    "mentor_chose": "the mentor's {rank} choice",
    "locked": "kept as decided in review",
    "kept": "an existing pair, kept",
    "separator": "; ",
}
RANKS = ("first", "second", "third", "fourth", "fifth")
NONE_GIVEN = "none given"
AND = " and "
OR = " or "
IS, ARE = "is", "are"
MORE = "{shown} and {more} more"

# --- why someone has no pair ----------------------------------------------------------------

RULES = {
    "reporting_line": "in your reporting line",
    "same_team": "in your own team",
    "prefer_not": "on a prefer-not list (yours or theirs)",
    "never_again": "paired with you before",
    "no_time": "never free when you are",
    "self": "you yourself",
}
"""How each hard rule reads in a sentence about the people it rules out."""

UNMATCHED = {
    "no_one_on_other_side": "no {other} applied",
    "no_time": "no {other} is free at any of your times ({slots})",
    "one_rule": "every {other} free when you are ({slots}) is {rule}",
    "several_rules": "of the {count} {others} free when you are ({slots}), {parts}",
    "rule_count": "{count} {be} {rule}",
    "capacity": (
        "no {other} left with room: the {count} who could be paired with you have as many "
        "mentees as they offered to take"
    ),
    "capacity_one": (
        "no {other} left with room: the one who could be paired with you already has as many "
        "mentees as they offered to take"
    ),
    "taken": (
        "the {count} {others} who could be paired with you are paired with others, so that more "
        "people have a pair"
    ),
    "taken_one": (
        "the one mentee who could be paired with you is paired with another mentor, so that more "
        "people have a pair"
    ),
    "circle_full": "every circle you could join is full",
    "no_slot": "there is no time when you are free",
}

# --- self-made pairs (self matching) --------------------------------------------------------

CHECK = {
    "unknown": "{email} has no application",
    "wrong_role": "{email} applied as a {role}, not a {expected}",
    "reporting_line": "{mentee} is in {mentor}'s reporting line (level {level})",
    "same_team": "both are in the same team ({team})",
    "prefer_not": "{who} asked not to be paired with {other}",
    "never_again": "this pair must not be repeated",
    "no_time": "they have no half-day free in common",
    "over_capacity": "{mentor} has {count} mentees but offered to take {capacity}",
    "twice": "{mentee} is in more than one pair",
    "hint": "choose another pair, or ask the programme lead",
}

# --- problems with the input files ----------------------------------------------------------

READ = {
    "too_large": "is {size:,} bytes; the limit for a {kind} is {limit:,}",
    "not_a_file": "is not a regular file",
    "missing": "does not exist",
    "unreadable": "cannot be read ({error})",
    "unknown_kind": "is not an application file (expected .csv, .xlsx, .pdf or .json)",
    "not_csv": "is not a text file in UTF-8 ({error}); save it again as 'CSV UTF-8'",
    "not_xlsx": "cannot be opened as an Excel workbook ({error}); save it again as .xlsx",
    "xlsx_bomb": "unpacks to more than {limit:,} bytes, more than any sheet of applications",
    "not_pdf": "cannot be read as a PDF ({error})",
    "pdf_encrypted": "is protected with a password; save an unprotected copy of the filled form",
    "pdf_no_fields": "has no form fields; send the fillable PDF, not a scan or a printed copy",
    "not_json": "is not a saved answers file ({error})",
    "json_shape": "is not a file of answers saved from an application form (it has no 'answers')",
    "json_version": "was saved by another version of the form (version {version}; expected {expected})",
    "json_form": "holds answers for the form '{form}', not an application form",
    "not_a_table": "is not a table of pairs (expected .csv or .xlsx)",
    "no_header": "has no header row with an '{key}' column in its first {rows} rows",
    "no_sheet": "has no sheet with an '{key}' column",
    "too_many_rows": "has {rows:,} rows; the limit is {limit:,} (split the file)",
    "too_many_files": "holds {count:,} files; the limit is {limit:,}",
    "missing_column": "missing column '{column}'",
    "missing_column_hint": "add a column headed '{column}'{rename}",
    "rename_hint": ", or rename the column '{heading}' to it",
    "missing_field": "the form has no field '{field}'; use the application form of this kit",
    "missing_value": "no answer for '{field}'",
    "empty_row": "row is empty; delete it, or fill it in",
    "unknown_choice": "'{value}' is not a choice for '{field}'{did_you_mean}; choose from {choices}",
    "comma_hint": " (separate several values with ';')",
    "unknown_topic": "'{value}' is not a topic of this kit{did_you_mean}; topics: {choices}",
    "bad_email": "'{value}' is not an e-mail address (expected name@example.org, letters A-Z only)",
    "capacity": "'{value}' is not a number of mentees from 1 to 3",
    "no_role": "no role: add a 'role' column (mentor or mentee), or give the file as mentors or mentees",
    "role_conflict": "role '{value}' does not match the file, which holds {expected}s",
    "twice": "{email} applied more than once (also {other})",
    "too_long": "is {length:,} characters long; the limit is {limit:,}",
    "control": "contains a control character (U+{code:04X}); remove it",
    "too_many_values": "has {count} values; the limit is {limit}",
    "prefer_self": "names the applicant themself",
    # review workbooks, current pairs and lists of pairs
    "pairs_columns": "missing column '{column}'; the file needs 'mentor_email' and 'mentee_email'",
    "yes_no": "'{value}' is not yes or no; leave it empty for no",
    "approve_and_decline": "a pair cannot be both approved and declined",
    "lock_and_decline": "a pair cannot be both locked and declined",
    "unknown_person": "{email} is not among the applications",
    "locked_breaks_rule": "this kept pair breaks a rule: {rule}",
    "locked_over_capacity": "{mentor} is kept with {count} mentees but offered to take {capacity}",
    "locked_twice": "{mentee} is kept in more than one pair",
}

# --- outputs --------------------------------------------------------------------------------

PERSONAL_DATA_NOTE = (
    "Personal data: names, e-mails and teams of the programme's applicants. Keep this file "
    "private to the programme lead, share it with nobody else, and delete it when the "
    "programme closes."
)

WORKBOOK = {
    "sheet_pairs": "Pairs",
    "sheet_unmatched": "Unmatched",
    "sheet_about": "About",
    "about": [
        "How to review these pairs",
        "Type yes in 'approve' for a pair you are happy with: it is kept when you re-run matching.",
        "Type yes in 'lock' to keep a pair whatever else changes.",
        "Type yes in 'decline' for a pair you do not want: it is never proposed again.",
        "Then run matching again with --review and this workbook: kept pairs stay, declined "
        "pairs are never repeated, and everyone else is matched afresh.",
        "Do not change the e-mail columns: they say which pair a row is.",
    ],
    "yes": "yes",
    "validation_prompt": "Type yes, or leave empty",
    "validation_error": "Only 'yes' or an empty cell",
}

REPORT = {
    "title": "Matching report",
    "private": PERSONAL_DATA_NOTE,
    "objective_reach": (
        "The pairs put reach first: as many mentees matched as the rules allow, then every "
        "mentor used once before any has a second mentee, then the best total score."
    ),
    "objective_quality": (
        "The pairs put quality first: the best total score, then as many mentees matched as "
        "that allows."
    ),
    "alternative_reach": "Reach first (as many matched as the rules allow)",
    "alternative_quality": "Quality first (best total score)",
    "chart_title": "Scores of the pairs",
    "chart_x": "score (points out of {max})",
    "chart_y": "pairs",
    "chart_sentence": (
        "{pairs} pairs scored from {low} to {high} points out of {max}; half scored {median} or "
        "more."
    ),
    "chart_empty": "No pairs were made, so there is no chart of scores.",
    "rules_title": "Hard rules (never broken)",
    "rule_levels_all": "No mentor is paired with a mentee anywhere in their known reporting line.",
    "rule_levels": "No mentor is paired with a mentee up to {levels} levels above them in their reporting line.",
    "rule_team": "No pair within the same team.",
    "rule_team_allowed": "Pairs within the same team are allowed.",
    "rule_time": "Every pair shares at least one free half-day.",
    "rule_prefer_not": "Nobody is paired with someone on their prefer-not list, or the never-again list.",
    "rule_capacity": "No mentor has more mentees than they offered to take.",
    "objective_title": "The objective",
    "parts_title": "How a pair is scored",
    "parts_sentence": (
        "Each part is worth 0 to 1, multiplied by its weight; a pair's score is the sum, out of "
        "{max} points."
    ),
    "col_part": "Part",
    "col_weight": "Weight",
    "col_mean": "Mean points in these pairs",
    "col_how": "How it is worked out",
    "col_bin": "Score (points)",
    "col_pairs": "Pairs",
    "bin": "{low} to {high}",
    "changes_title": "What changed",
    "col_change": "Change",
    "col_mentor": "Mentor",
    "col_mentee": "Mentee",
    "col_reasons": "Reasons",
    "unmatched_title": "People without a pair ({count})",
    "col_name": "Name",
    "col_role": "Role",
    "col_why": "Why",
    "everyone_paired": "Everyone has a pair.",
    "outcome_rows": {
        "mentees": "Mentees",
        "mentors": "Mentors",
        "matched": "Mentees matched",
        "max_matchable": "Most the hard rules allow",
        "mentors_used": "Mentors with a mentee",
        "total_score": "Total score",
        "mean_score": "Mean score of a pair",
        "min_score": "Lowest score of a pair",
    },
    "these_pairs": "These pairs",
    "preference_off": "0 (preferences count only in hybrid matching)",
}

EMAIL = {
    "subject": "Introduction: {mentor} and {mentee} ({programme})",
    "greeting": "Dear {mentor} and {mentee},",
    "intro": (
        "I am delighted to introduce you to each other as a pair in {programme}. {mentor} will "
        "be the mentor and {mentee} the mentee: in reverse mentoring, the more junior colleague "
        "leads."
    ),
    "why": "Why we paired you: {reasons}.",
    "slot": "You are both usually free on {slot}, so that is a good time to meet.",
    "first_session": "We suggest your first session on {date} at {time} ({timezone}).",
    "calendar": (
        "The attached calendar holds all {count} sessions at that time; move any of them to suit you both."
    ),
    "no_slot": "Please agree a time that suits you both.",
    "next": (
        "{mentee}, please reply to agree the first meeting. {mentor}, the mentor guides in the "
        "kit will help you prepare."
    ),
    "exit": (
        "If this pair does not work for either of you, tell me: you can end it at any time, "
        "without giving a reason and without any effect on your job."
    ),
    "signoff": "With best wishes,",
    "default_programme": "the reverse mentoring programme",
    "default_sender": "The programme lead",
}

CALENDAR = {
    "summary": "{programme}: {mentor} and {mentee}, session {number}",
    "summary_titled": "{programme}: {mentor} and {mentee}, session {number} \u2013 {title}",
    "description": "Session {number} of {count} of {programme}.\nMentor: {mentor}\nMentee: {mentee}",
    "calendar_name": "{programme}: {mentor} and {mentee}",
}

DIRECTORY = {
    "title": "Mentors you can choose from",
    "intro": (
        "Each mentor below has offered to mentor a senior colleague. Choose one you are not in "
        "a reporting line with, and tell the programme lead. Only what mentors agreed to share "
        "is shown here."
    ),
    "columns": ("Name", "Team", "E-mail", "Topics offered", "Usually free", "Meets by", "Format"),
}

COLUMNS = {
    "pairs": (
        "mentor_email",
        "mentee_email",
        "score",
        "reasons",
        "mentor_name",
        "mentee_name",
        "mentor_team",
        "mentee_team",
        "first_slot",
        "status",
    ),
    "unmatched": ("email", "role", "why", "name", "team"),
    "changes": ("change", "mentor_email", "mentee_email", "score", "reasons"),
    "circles": ("circle", "role", "email", "name", "team", "slot", "score", "reasons"),
    "review": ("approve", "decline", "lock"),
}

CHANGES = {"ended": "ended", "new": "new pair", "kept": "kept"}

# --- small helpers that put words together --------------------------------------------------


def join_words(items: Sequence[str], *, limit: int = 3) -> str:
    """'a', 'a and b', 'a, b and c', 'a, b, c and 2 more'."""
    items = list(items)
    if not items:
        return NONE_GIVEN
    if len(items) > limit:
        return MORE.format(shown=", ".join(items[:limit]), more=len(items) - limit)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + AND + items[-1]


def join_words_all(items: Sequence[str]) -> str:
    """Every item: 'a, b and c'."""
    return join_words(items, limit=len(items) or 1)


def slot_label(slot: str, *, plural: bool = True) -> str:
    """'mon-am' -> 'Monday mornings' (or 'Monday morning')."""
    day, half = slot.split("-")
    return f"{DAYS[day]} {HALVES[half]}{'s' if plural else ''}"


def topic_label(topic: str, titles: dict[str, str] | None = None) -> str:
    if topic in TOPIC_SHORT:
        return TOPIC_SHORT[topic]
    if titles and topic in titles:
        return titles[topic][:1].lower() + titles[topic][1:]
    return topic.replace("-", " ")


def rank_label(rank: int) -> str:
    return RANKS[rank] if rank < len(RANKS) else f"number {rank + 1}"


# --- the command's summary at the terminal --------------------------------------------------

SUMMARY = {
    "progress": "Reading applications",
    "read": "Read {applications} applications ({mentors} mentors, {mentees} mentees) from {files} file(s).",
    "skipped": "Skipped {count} application(s) or file(s) with problems (--skip-bad):",
    "refused": (
        "{count} problem(s) in the applications; the other {applications} applications were "
        "read. Fix the problems and run again, or add --skip-bad to match without them."
    ),
    "mode": "Matching: {mode}, {objective} first; rules and weights from {source}.",
    "mode_self": "Matching: self (mentees choose from a directory); rules from {source}.",
    "mode_source_profile": "the profile",
    "mode_source_default": "the defaults (give --profile PROFILE to use yours)",
    "matched": (
        "Matched {matched} of {mentees} mentees with {mentors_used} of {mentors} mentors "
        "(the most the hard rules allow: {most})."
    ),
    "scores": "Scores: mean {mean} of {max} points, lowest {low}, total {total}.",
    "alternative": ("{label}: {matched} matched, mean {mean}, lowest {low}, total {total}."),
    "alternative_quality": "The quality-first alternative",
    "alternative_reach": "The reach-first alternative",
    "everyone": "Everyone has a pair.",
    "unmatched": "Without a pair ({count}):",
    "unmatched_row": "  {name} ({role}): {why}",
    "more": "  ... and {count} more: see unmatched.csv",
    "changes": "What changed: {ended} pair(s) ended, {new} new pair(s); see changes.csv.",
    "change_row": "  {kind}: {mentor} and {mentee}",
    "circles": (
        "Made {circles} circle(s) for {placed} of {mentees} mentees, with {mentors_used} of "
        "{mentors} mentors."
    ),
    "circles_not_proven": (
        "The solver stopped at its time limit: these circles are good, but not proven the best."
    ),
    "directory": "A directory of {mentors} mentors for mentees to choose from (no private answers).",
    "check_ok": "All {pairs} self-made pair(s) keep the hard rules.",
    "check_bad": "{count} problem(s) in the {pairs} self-made pair(s):",
    "written": "Written to {folder}/ ({files} files). Personal data: keep it private.",
    "file_pairs": "  pairs.csv, pairs.xlsx      the pairs and their reasons; review in pairs.xlsx",
    "file_unmatched": "  unmatched.csv              who has no pair, and why",
    "file_report": "  matching-report.html       the objective's numbers, the score parts, a chart",
    "file_introductions": "  introductions/             {count} introduction e-mail draft(s) (.eml)",
    "file_calendars": "  calendars/                 {count} calendar(s) of a pair's sessions (.ics)",
    "file_circles": "  circles.csv                who is in which circle, with reasons",
    "file_directory": "  mentor-directory.html, .pdf  mentors to choose from: share with the mentees",
    "file_directory_page": "  mentor-directory.html      mentors for the mentees to rank (hybrid)",
    "next_review": (
        "Next: mark approve, decline or lock in pairs.xlsx (save it outside this folder), then "
        "run again with --review and that workbook into a new folder."
    ),
    "next_directory": (
        "Next: share the directory with the mentees; when pairs are made, check them with "
        "--check PAIRS.csv (mentor_email, mentee_email)."
    ),
    "next_no_calendar": "Give --profile PROFILE for calendars of each pair's sessions on the programme's dates.",
}

PRIVATE_NOTE = (
    "This folder holds personal data from a reverse mentoring programme's applications: names, "
    "e-mail addresses, teams, and who is paired with whom and why.",
    "",
    "Keep it private to the programme lead (and the matching panel, if there is one). Do not "
    "put it in the shared kit, on the site, in the kit's zip, or anywhere colleagues can read "
    "it. Send each introduction only to the two people it names. Delete this folder when the "
    "programme closes, as the application forms promise.",
    "",
    "Upward wrote every file here and replaces the folder only with --force, and only while "
    "nothing in it has changed.",
)
"""The notice written into every private folder as README.txt."""

MODES = {"admin": "admin", "hybrid": "hybrid (stated preferences weigh heavily)", "self": "self"}

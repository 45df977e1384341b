#!/usr/bin/env python3
"""Make kit/examples/returns/: a fictional programme's tracker and returned forms, for the demo
(and kit/examples/mid-programme/: the same tracker as it stood on 22 April 2027).

    .venv/bin/python scripts/make_example_returns.py            # write the folders (replaces them)
    .venv/bin/python scripts/make_example_returns.py --check    # exit 1 if one is out of date

Everything is invented: the fictional Northwind Trading's example cohort (kit/examples/cohort)
matched as `upward match` would, then six monthly sessions from January to June 2027 played out
by a seeded random generator, looked at on 12 July 2027. Most pairs meet as planned; one senior
leader cancels twice, one pair ends early (no fault), a few sessions move. The answers come back
the ways real ones do: pulse scores copied into the tracker from paper, an online survey's CSV
export (with two rows typed wrongly, to show what the report leaves out), filled PDFs of the
kit's own forms (filled with pypdf, as a PDF reader would), saved web-form files and an XLSX
export. The tracker as it stood in April (only what had happened by then) is what `upward
status` runs on in the demo. The same script gives the same bytes on every run;
tests/test_report_example.py checks that the committed folders are what it makes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kit" / "examples" / "returns"
MID_OUT = ROOT / "kit" / "examples" / "mid-programme"
AS_OF = dt.date(2027, 7, 12)
MID_PROGRAMME = dt.date(2027, 4, 22)  # the tracker as it stood then, for `upward status`
SEED = 2027
SLIPPING, ENDED, MENTOR_CANCELS = 3, 7, 11  # pair numbers with a story
LATE_MID_POINT = (6, 15)  # their mid-point check-in came late (after MID_PROGRAMME)
MOVED = (2, 5, 9, 14)
PDF_PULSE_PAIRS, JSON_PULSE_PAIRS = (1,), (4,)
LOG_PDF_PAIRS = (1, 2)
WORKSHEET_PDF_PAIRS = (5, 6)

CHANGES = {
    "personal": [
        "I now draft board papers in the shared editor and invite comments before the meeting",
        "I use the team chat instead of long e-mail chains for quick questions",
        "I try one new AI feature a week on a real task and note what worked",
        "I manage my own diary invitations and video calls without help",
        "I check where a file is stored and who can see it before I share it",
    ],
    "team": [
        "Our weekly update now lives in one shared channel that everyone can read",
        "The leadership team trialled a short written check-in before meetings",
        "We agreed a simple rule for which tool to use for what",
        "Team meetings now start with a two-minute demo of something new",
    ],
    "organisation": [
        "The expense approval form moved online, cutting one printed step",
        "A junior colleague now joins the digital steering group each quarter",
        "The customer feedback survey was shortened after testing it with new starters",
    ],
    "symbolic": [
        "Spoke about learning from a junior colleague at the all-staff meeting",
        "Posted on the company network about what reverse mentoring taught me",
        "Stopped sending documents for printing before leadership meetings",
    ],
}
WHAT_CHANGED = [
    "I ask for help with tools sooner and learn faster for it.",
    "I understand how my team actually works day to day.",
    "I am more confident speaking up to senior colleagues.",
    "I explain things more clearly and with more patience.",
    "We changed how our team shares updates.",
]


# --- filling the kit's real forms ------------------------------------------------------------


def fill_pdf(blank: bytes, values: dict[str, str]) -> bytes:
    """A blank form filled as a PDF reader would: text fields get text, a radio group (a
    choice or a 1-5 scale) the name of the chosen button, e.g. '/4' or '/Mentee'."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def radio(option: str, options: list[str] | tuple[str, ...]) -> str:
    """The button name of `option` (forms.pdf.export_names)."""
    from upward.render.forms.pdf import export_names

    return "/" + export_names(tuple(options))[list(options).index(option)]


def blank_forms(tailored: Any) -> dict[str, bytes]:
    from upward.render.forms.document import form_document
    from upward.render.forms.pdf import form_pdf

    wanted = (
        "after-session-pulse",
        "end-of-programme-evaluation",
        "organisational-action-log",
        "goals-worksheet",
    )
    return {
        form.id: form_pdf(form_document(tailored.kit, form, tailored))
        for form in tailored.kit.forms
        if form.id in wanted
    }


def options_of(tailored: Any, form_id: str, field_id: str) -> list[str]:
    form = next(f for f in tailored.kit.forms if f.id == form_id)
    field = next(x for s in form.sections for x in s.fields if x.id == field_id)
    return list(field.options)


# --- the story -------------------------------------------------------------------------------


def context() -> tuple[Any, Any]:
    from upward.load.applications import read_applications
    from upward.load.kit import load_kit
    from upward.load.org_profile import load_profile
    from upward.model.applications import MatchRules
    from upward.plan.matching import match
    from upward.plan.tailored import tailor_kit

    kit = load_kit(ROOT / "kit").kit
    examples = ROOT / "kit" / "examples"
    tailored = tailor_kit(
        kit, load_profile(examples / "northwind.yaml", lambda: [p.id for p in kit.purposes])
    )
    titles = {b.id: b.title for b in kit.question_banks}
    read = read_applications(
        [examples / "cohort" / "mentors.csv", examples / "cohort" / "mentees.csv"], topics=titles
    )
    result = match(
        read.applications,
        rules=MatchRules(mode="hybrid"),
        purpose_topics=tailored.purpose.topics,
        topic_titles=titles,
    )
    return tailored, result


def story(tailored: Any, result: Any) -> dict[str, Any]:
    """Every pair's sessions, pulses, goals, actions and end-of-programme answers."""
    from upward.load.roster import pair_code, roster_of
    from upward.model.tracker import (
        Action,
        GoalRating,
        ProgrammeFacts,
        TrackedPair,
        TrackedSession,
        Tracker,
    )

    rng = random.Random(SEED)
    roster = list(roster_of(result))
    count = len(roster)
    sessions, pairs, goals, actions = [], [], [], []
    pulses: list[dict[str, Any]] = []
    evaluations: list[dict[str, Any]] = []
    goal_ids = [g.id for g in tailored.purpose.goals]
    for index, person in enumerate(roster, start=1):
        code = pair_code(index, count)
        status, ended_on = "completed", None
        for scheduled in tailored.schedule:
            number, planned = scheduled.number, scheduled.date
            late = rng.choice([0, 0, 0, 1, 2])
            outcome: dict[str, Any] = {"status": "held", "held_on": planned + dt.timedelta(late)}
            if index == SLIPPING and number in (2, 3):
                outcome = {"status": "cancelled", "by": "mentee"}
            elif index == MENTOR_CANCELS and number == 5:
                outcome = {"status": "cancelled", "by": "mentor"}
            elif index == ENDED and number > 3:
                outcome = {"status": "", "held_on": None}
            elif index == SLIPPING and number == 4:  # back on track, but late
                outcome = {"status": "held", "held_on": planned + dt.timedelta(25), "by": "mentee"}
            elif index in MOVED and number == 3:
                outcome = {"status": "held", "held_on": planned + dt.timedelta(9), "by": "mentee"}
            held = outcome["status"] == "held"
            scores: dict[str, Any] = {}
            if held:
                for role in ("mentor", "mentee"):
                    if rng.random() < 0.85:
                        useful = min(5, max(2, round(rng.gauss(4.0 + 0.1 * number, 0.7))))
                        open_ = min(5, max(1, round(rng.gauss(2.9 + 0.3 * number, 0.8))))
                        pulses.append(
                            {
                                "pair": code,
                                "number": number,
                                "role": role,
                                "date": outcome["held_on"],
                                "useful": useful,
                                "open": open_,
                            }
                        )
                        if number <= 2:  # copied into the tracker from paper
                            scores[f"{role}_useful"], scores[f"{role}_open"] = useful, open_
            sessions.append(
                TrackedSession(
                    code,
                    number,
                    status=outcome["status"],
                    held_on=outcome.get("held_on"),
                    by=outcome.get("by", ""),
                    **scores,
                )
            )
        if index == ENDED:
            status, ended_on = "ended", tailored.schedule[3].date
        late = 16 if index in LATE_MID_POINT else 4
        mid_point = tailored.schedule[3].date + dt.timedelta(days=late)
        pairs.append(
            TrackedPair(
                code,
                status=status,
                ended_on=ended_on,
                mid_point_done=mid_point if index != ENDED else None,
            )
        )
        for number, goal in enumerate(rng.sample(goal_ids, 3), start=1):
            baseline = rng.choice([1, 2, 2, 3, 3])
            final = None if index == ENDED else min(5, baseline + rng.choice([0, 1, 1, 2, 2]))
            goals.append(GoalRating(code, number, goal, baseline, final))
        if index != ENDED:
            for level, weight in (
                ("personal", 0.9),
                ("team", 0.6),
                ("organisation", 0.55),
                ("symbolic", 0.45),
            ):
                if rng.random() < weight:
                    actions.append(
                        Action(
                            code,
                            level,
                            rng.choice(CHANGES[level]),
                            tailored.schedule[rng.randint(2, 5)].date
                            + dt.timedelta(days=rng.randint(1, 9)),
                            "",
                            rng.choice(["anonymous", "anonymous", "named", "refused"]),
                            rng.choice(["yes", "no"]),
                        )
                    )
            for role in ("mentor", "mentee"):
                if rng.random() < 0.85:
                    evaluations.append(evaluation_answers(rng, role, person))
    tracker = Tracker(
        "recorded",
        ProgrammeFacts(applied_mentors=18, applied_mentees=20),
        tuple(pairs),
        tuple(sessions),
        tuple(goals),
        tuple(actions),
    )
    check_ins = [
        (pair_code(number, count), check_in(rng, role, person, tailored))
        for number, person in enumerate(roster, start=1)
        if number % 3 == 1 and number != ENDED
        for role in ("mentor", "mentee")
    ]
    return {
        "roster": roster,
        "tracker": tracker,
        "pulses": pulses,
        "evaluations": evaluations,
        "check_ins": check_ins,
    }


def check_in(rng: random.Random, role: str, person: Any, tailored: Any) -> dict[str, Any]:
    """A mid-point check-in saved from the web form (it carries the person's name)."""

    def scale(mean: float) -> str:
        return str(min(5, max(1, round(rng.gauss(mean, 0.7)))))

    day = tailored.schedule[3].date + dt.timedelta(days=4)
    return {
        "form": "mid-point-check-in",
        "version": 1,
        "saved": f"{day.isoformat()}T16:00:00.000Z",
        "answers": {
            "name": person.mentor_name if role == "mentor" else person.mentee_name,
            "role": role.capitalize(),
            "sessions-held": "4",
            "sessions-planned": "6",
            "progress": scale(3.4 if role == "mentee" else 3.8),
            "relationship": scale(4.1),
            "honesty": scale(3.6 if role == "mentor" else 4.2),
            "rhythm": rng.choice(["Yes", "Yes", "Mostly, with some missed or moved sessions"]),
            "goals-fit": rng.choice(["Yes", "Yes", "Partly; we want to adjust them"]),
            "next-step": rng.choice(["Carry on as we are", "Carry on, with the changes we agreed"]),
            "contact-me": False,
        },
    }


def evaluation_answers(rng: random.Random, role: str, person: Any) -> dict[str, Any]:
    def scale(mean: float) -> int:
        return min(5, max(1, round(rng.gauss(mean, 0.8))))

    mentor = role == "mentor"
    return {
        "role": "Mentor" if mentor else "Mentee",
        "completed": "Yes",
        "recommend": rng.choices(["Yes", "Not sure", "No"], weights=[78, 18, 4])[0],
        "value-business": scale(3.9),
        "value-you": scale(4.3 if mentor else 3.9),
        "goals-met": scale(3.7),
        "honesty": scale(3.8 if mentor else 4.3),
        "support": scale(3.9),
        "what-changed": rng.choice(WHAT_CHANGED),
        "told-about-impact": rng.choices(["Yes", "Partly", "No"], weights=[6, 3, 1])[0]
        if mentor
        else "I was the mentee",
        "again": rng.choices(
            ["Yes, in the same role", "Yes, in the other role", "Not sure", "No"],
            weights=[6, 2, 2, 1],
        )[0],
        "stay-in-touch": rng.choice(["Yes, we have agreed to", "Maybe, informally"]),
        "quote-permission": rng.choice(["Yes, without my name", "No"]),
    }


def as_it_stood(tracker: Any, tailored: Any, day: dt.date) -> Any:
    """The same tracker as the lead had it on `day`: only what had happened by then (sessions
    held or cancelled, check-ins, changes), every pair still running unless it had ended, no
    final goal ratings yet."""
    from dataclasses import replace

    planned = {s.number: s.date for s in tailored.schedule}

    def happened(session: Any) -> bool:
        when = session.held_on or planned[session.number]
        return bool(session.status) and when <= day

    sessions = tuple(s if happened(s) else type(s)(s.pair, s.number) for s in tracker.sessions)
    pairs = tuple(
        replace(
            p,
            status=p.status if p.ended_on and p.ended_on <= day else "active",
            ended_on=p.ended_on if p.ended_on and p.ended_on <= day else None,
            mid_point_done=p.mid_point_done
            if p.mid_point_done and p.mid_point_done <= day
            else None,
        )
        for p in tracker.pairs
    )
    goals = tuple(replace(g, final=None) for g in tracker.goals)
    actions = tuple(a for a in tracker.actions if a.date and a.date <= day)
    return replace(tracker, pairs=pairs, sessions=sessions, goals=goals, actions=actions)


# --- the files -------------------------------------------------------------------------------


def make(folder: Path, mid_folder: Path) -> None:
    from upward.render.tracker import tracker_workbook

    tailored, result = context()
    told = story(tailored, result)
    roster, tracker = told["roster"], told["tracker"]
    blanks = blank_forms(tailored)
    mid_folder.mkdir(parents=True, exist_ok=True)
    earlier = as_it_stood(tracker, tailored, MID_PROGRAMME)
    (mid_folder / "tracker.xlsx").write_bytes(tracker_workbook(tailored, roster, recorded=earlier))
    (mid_folder / "README.md").write_text(MID_README, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tracker.xlsx").write_bytes(tracker_workbook(tailored, roster, recorded=tracker))
    forms, web = folder / "forms", folder / "web-forms"
    forms.mkdir()
    web.mkdir()
    codes = {f"P{i:02d}": i for i in range(1, len(roster) + 1)}
    pulse_options = {
        "role": options_of(tailored, "after-session-pulse", "role"),
        "scale": ["1", "2", "3", "4", "5"],
    }
    export_rows = []
    for pulse in told["pulses"]:
        if pulse["number"] <= 2:
            continue  # in the tracker
        number = codes[pulse["pair"]]
        role_label = pulse["role"].capitalize()
        name = f"pulse-{pulse['pair']}-session-{pulse['number']}-{pulse['role']}"
        if number in PDF_PULSE_PAIRS:
            values = {
                "pair-code": pulse["pair"],
                "role": radio(role_label, pulse_options["role"]),
                "session-date": pulse["date"].isoformat(),
                "useful": f"/{pulse['useful']}",
                "open": f"/{pulse['open']}",
            }
            (forms / f"{name}.pdf").write_bytes(fill_pdf(blanks["after-session-pulse"], values))
        elif number in JSON_PULSE_PAIRS:
            saved = {
                "form": "after-session-pulse",
                "version": 1,
                "saved": f"{pulse['date'].isoformat()}T17:30:00.000Z",
                "answers": {
                    "pair-code": pulse["pair"],
                    "role": role_label,
                    "session-date": pulse["date"].isoformat(),
                    "useful": str(pulse["useful"]),
                    "open": str(pulse["open"]),
                    "one-thing": "",
                },
            }
            (web / f"{name}.json").write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
        else:
            export_rows.append(
                [
                    pulse["pair"],
                    role_label,
                    pulse["date"].strftime("%d/%m/%Y"),
                    pulse["useful"],
                    pulse["open"],
                ]
            )
    export_rows[5][3] = 7  # typed wrongly: the report leaves these two answers out
    export_rows[11][2] = "31/02/2027"
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Pair code", "I am the", "Date of the session", "useful", "open"])
    writer.writerows(export_rows)
    (folder / "pulse-survey-export.csv").write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))

    evaluation = blanks["end-of-programme-evaluation"]
    fields = {
        field: options_of(tailored, "end-of-programme-evaluation", field)
        for field in (
            "role",
            "completed",
            "recommend",
            "told-about-impact",
            "again",
            "stay-in-touch",
            "quote-permission",
        )
    }
    answers = told["evaluations"]
    export = []
    for index, answer in enumerate(answers, start=1):
        if index <= 6:
            values = {
                key: radio(value, fields[key])
                if key in fields
                else f"/{value}"
                if isinstance(value, int)
                else value
                for key, value in answer.items()
            }
            (forms / f"evaluation-{index:02d}.pdf").write_bytes(fill_pdf(evaluation, values))
        elif index <= 12:
            saved = {
                "form": "end-of-programme-evaluation",
                "version": 1,
                "saved": "2027-06-25T12:00:00.000Z",
                "answers": {k: str(v) for k, v in answer.items()},
            }
            (web / f"evaluation-{index:02d}.json").write_text(
                json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        else:
            export.append(answer)
    _evaluation_xlsx(folder / "evaluation-survey-export.xlsx", export, tailored)
    for code, saved in told["check_ins"]:
        name = f"mid-point-{code}-{saved['answers']['role'].lower()}"
        (web / f"{name}.json").write_text(
            json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    _logs_and_worksheets(forms, blanks, tailored, roster, tracker)
    (folder / "README.md").write_text(README, encoding="utf-8")


def _evaluation_xlsx(path: Path, rows: list[dict[str, Any]], tailored: Any) -> None:
    """An online survey's export: its own headings (the questions' labels), a date column."""
    from openpyxl import Workbook

    from upward.stamps import pinned_xlsx

    form = next(f for f in tailored.kit.forms if f.id == "end-of-programme-evaluation")
    labels = {x.id: x.label for s in form.sections for x in s.fields}
    keys = list(rows[0])
    book = Workbook()
    sheet = book.active
    sheet.title = "Responses"
    sheet.append(["Submitted", *(labels[k] for k in keys)])
    for number, row in enumerate(rows):
        sheet.append(
            [
                dt.datetime(2027, 6, 21, 9, 0) + dt.timedelta(hours=5 * number),
                *(row[k] for k in keys),
            ]
        )
    stamp = dt.datetime(2027, 7, 1)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "Survey export"
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(pinned_xlsx(out.getvalue(), stamp))


def _logs_and_worksheets(
    forms: Path, blanks: dict[str, bytes], tailored: Any, roster: list[Any], tracker: Any
) -> None:
    """Action logs and goals worksheets of a few pairs, as they would send them back."""
    permission = options_of(tailored, "organisational-action-log", "report-permission")
    credit = options_of(tailored, "organisational-action-log", "mentor-credit")
    names = {"named": "Yes, with my name", "anonymous": "Yes, without names", "refused": "No"}
    for number in LOG_PDF_PAIRS:
        code, person = f"P{number:02d}", roster[number - 1]
        mine = [a for a in tracker.actions if a.pair == code]
        values = {"mentee-name": person.mentee_name, "mentor-name": person.mentor_name}
        for action in mine:
            values[f"{action.level}-change"] = action.change
            values[f"{action.level}-date"] = action.date.isoformat()
        values["told-mentor"] = tailored.schedule[-1].date.isoformat()
        chosen = mine[0].report if mine else "anonymous"
        values["report-permission"] = radio(names[chosen], permission)
        values["mentor-credit"] = radio("Yes" if mine and mine[0].credit == "yes" else "No", credit)
        pdf = fill_pdf(blanks["organisational-action-log"], values)
        (forms / f"action-log-{code}.pdf").write_bytes(pdf)
    for number in WORKSHEET_PDF_PAIRS:
        code, person = f"P{number:02d}", roster[number - 1]
        values = {
            "mentee-name": person.mentee_name,
            "mentor-name": person.mentor_name,
            "baseline-date": tailored.schedule[0].date.isoformat(),
            "final-date": tailored.schedule[-1].date.isoformat(),
        }
        for goal in (g for g in tracker.goals if g.pair == code):
            values[f"goal-{goal.number}"] = f"Goal {goal.number} ({goal.goal_id})"
            values[f"goal-{goal.number}-baseline"] = f"/{goal.baseline}"
            if goal.final is not None:
                values[f"goal-{goal.number}-final"] = f"/{goal.final}"
        pdf = fill_pdf(blanks["goals-worksheet"], values)
        (forms / f"goals-worksheet-{code}.pdf").write_bytes(pdf)


README = """# Example returns (fictional)

Everything here is invented, for the demo and the tests: the fictional Northwind Trading's
example cohort (the 38 who applied in `../cohort/`'s two CSV files; the four PDF applicants came
too late for this round), matched as `upward match` matches them, then six monthly sessions
from January to June 2027 played out by a seeded random generator, as a programme lead would
have them on 12 July 2027. No number here describes a real programme.

- `tracker.xlsx`: the programme lead's tracker (pairs, every session, goals, changes made), with
  the pulse scores of the first two sessions copied in from paper.
- `pulse-survey-export.csv`: the after-session pulse from an online survey, exported; two rows
  were typed wrongly (a rating of 7, a date that does not exist), so the report leaves them out.
- `forms/`: the kit's own PDF forms, filled in: pulses of two pairs, end-of-programme
  evaluations, two organisational action logs and two goals worksheets.
- `web-forms/`: answers saved from the kit's web forms.
- `evaluation-survey-export.xlsx`: more evaluations, exported from a survey tool with its own
  column headings.

Real returns are personal data: keep them out of the kit, its site and its zip, and delete them
when the programme closes. `scripts/make_example_returns.py` makes this folder.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed folders")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--mid-out", type=Path, default=MID_OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="upward-returns-") as temp:
        staged = {args.out: Path(temp) / "returns", args.mid_out: Path(temp) / "mid-programme"}
        make(*staged.values())
        if args.check:
            return 0 if all([same(made, out) for out, made in staged.items()]) else 1
        for out, made in staged.items():
            if out.exists():
                shutil.rmtree(out)
            shutil.copytree(made, out)
            print(f"Wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


MID_README = """# The example tracker in April (fictional)

`tracker.xlsx` is the fictional Northwind Trading programme's tracker (`../returns/`) as the
programme lead had it on 22 April 2027, four sessions in: what had happened by then and nothing
after. Run `upward status` on it as of that day to see the nudges a lead would send:

    upward status kit/examples/mid-programme/tracker.xlsx --today 2027-04-22 -o build/private/nudges

One pair has gone quiet after the mentee cancelled twice (their fourth session is not booked
until May), one pair has ended (no fault), and two pairs have not yet had their mid-point
check-in. `scripts/make_example_returns.py` makes it.
"""


def _files(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def same(a: Path, b: Path, report: Callable[[str], None] = print) -> bool:
    """Whether two folders hold the same files with the same bytes (each difference reported)."""
    left, right = _files(a), _files(b) if b.exists() else {}
    differ = sorted(str(k) for k in left.keys() | right.keys() if left.get(k) != right.get(k))
    for name in differ:
        report(f"out of date: {name}")
    return not differ


if __name__ == "__main__":
    sys.exit(main())

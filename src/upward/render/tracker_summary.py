"""The tracker's Summary sheet: formulas only, but the date to look at it on.

A row per pair (each reading its row on the Pairs sheet, so a pair added there shows here), a
totals row, and the red/amber/green rule stated above them. The formulas use only functions
that Excel 2019+ and LibreOffice both compute (MAXIFS and MINIFS carry Excel's `_xlfn.`
prefix, as Excel itself writes them), over whole columns of the Sessions sheet, so rows a lead
adds are counted. `plan.status` applies the same rule in Python.
"""

from __future__ import annotations

import string

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from upward.load.tracker_shape import COLUMNS, choice_labels, heading
from upward.model.tracker import CADENCE_DAYS, quiet_days
from upward.plan.tailored import TailoredKit
from upward.render.tracker_cells import (
    DATE_FORMAT,
    HEADER_FILL,
    MAX_WIDTH,
    MIN_WIDTH,
    NOTE_FILL,
    RAG_STYLES,
    TOTAL_FILL,
    WRAP,
    SheetNames,
    clean,
    column_letter,
    formula_text,
    row_height,
)
from upward.words import Words

# Summary layout: title, as-of and quiet days, the rule, then the table's header and totals.
AS_OF_ROW, RULE_ROW, SUMMARY_HEADER, TOTALS_ROW = 2, 3, 4, 5
AS_OF_COLUMN, QUIET_COLUMN = 3, 7  # each after its label, merged over the columns before it


def concatenation(template: str, values: dict[str, str]) -> str:
    """A words template ('{red} red, {amber} amber') as a formula joining its parts with &."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            parts.append(formula_text(literal))
        if name:
            parts.append(values[name])
    return "=" + "&".join(parts)


def summary_sheet(
    sheet: Worksheet, rows: int, names: SheetNames, tailored: TailoredKit, words: Words
) -> None:
    """Formulas only, but the 'as of' date: a row per pair, a totals row, the rule above."""
    columns = COLUMNS["summary"]
    col = {name: get_column_letter(i) for i, name in enumerate(columns, start=1)}
    p, s = names.pairs, names.sessions
    pl = {name: column_letter("pairs", name) for name in COLUMNS["pairs"]}
    sl = {name: column_letter("sessions", name) for name in COLUMNS["sessions"]}
    status = {k: formula_text(v) for k, v in choice_labels("session_status", words).items()}
    by = {k: formula_text(v) for k, v in choice_labels("by", words).items()}
    pair_status = {k: formula_text(v) for k, v in choice_labels("pair_status", words).items()}
    rag = {k: formula_text(v) for k, v in choice_labels("rag", words).items()}
    programme_quiet = f"{names.programme}!$B${names.programme_row['quiet_days']}"

    title = sheet.cell(
        1, 1, words("tracker.summary_title", programme=clean(tailored.profile.programme))
    )
    title.font = Font(bold=True, size=13)
    sheet.cell(AS_OF_ROW, 1, words("tracker.as_of")).font = Font(bold=True)
    sheet.merge_cells(
        start_row=AS_OF_ROW, start_column=1, end_row=AS_OF_ROW, end_column=AS_OF_COLUMN - 1
    )
    as_of = sheet.cell(AS_OF_ROW, AS_OF_COLUMN, "=TODAY()")
    as_of.number_format = DATE_FORMAT
    as_of.fill = NOTE_FILL
    as_of.font = Font(bold=True)
    label = sheet.cell(AS_OF_ROW, AS_OF_COLUMN + 1, words("tracker.quiet_after"))
    label.font = Font(bold=True)
    label.alignment = Alignment(horizontal="right")
    sheet.merge_cells(
        start_row=AS_OF_ROW,
        start_column=AS_OF_COLUMN + 1,
        end_row=AS_OF_ROW,
        end_column=QUIET_COLUMN - 1,
    )
    sheet.cell(AS_OF_ROW, QUIET_COLUMN, f"={programme_quiet}").font = Font(bold=True)
    sheet.cell(AS_OF_ROW, QUIET_COLUMN + 1, words("tracker.as_of_note"))
    cadence = tailored.profile.cadence
    rule = sheet.cell(
        RULE_ROW,
        1,
        words(
            "tracker.rule",
            quiet=f"{quiet_days(cadence):g}",
            days=CADENCE_DAYS[cadence],
        ),
    )
    rule.alignment = WRAP
    sheet.merge_cells(start_row=RULE_ROW, start_column=1, end_row=RULE_ROW, end_column=len(columns))
    sheet.row_dimensions[RULE_ROW].height = row_height(rule.value, 200)

    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(SUMMARY_HEADER, index, heading("summary", name, words))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
    as_of_ref = f"${get_column_letter(AS_OF_COLUMN)}${AS_OF_ROW}"
    quiet_ref = f"${get_column_letter(QUIET_COLUMN)}${AS_OF_ROW}"
    first = TOTALS_ROW + 1
    last = TOTALS_ROW + rows
    pair_col, status_col = (
        f"{s}!${sl['pair']}:${sl['pair']}",
        f"{s}!${sl['status']}:${sl['status']}",
    )
    held_col, planned_col = (
        f"{s}!${sl['held_on']}:${sl['held_on']}",
        f"{s}!${sl['planned']}:${sl['planned']}",
    )
    for offset in range(rows):
        r = first + offset
        k = 2 + offset  # the pair's row on the Pairs sheet
        a = f"$A{r}"

        def countifs(*criteria: str, a: str = a) -> str:
            return f"COUNTIFS({','.join([pair_col, a, *criteria])})"

        def count(*criteria: str, a: str = a) -> str:
            return f'=IF({a}="","",{countifs(*criteria, a=a)})'

        reference = f'IF({col["last_met"]}{r}="",{col["first_planned"]}{r},{col["last_met"]}{r})'
        behind = (
            f"OR(MAX({col['cancelled_mentor']}{r},{col['cancelled_mentee']}{r})>=2,"
            f"{col['due']}{r}-{col['held']}{r}>=2)"
        )
        not_red = f"IF({behind},{rag['amber']},{rag['green']})"
        formulas = {
            "pair": f'=IF({p}!${pl["code"]}{k}="","",{p}!${pl["code"]}{k})',
            "mentor": f'=IF({a}="","",IF({p}!${pl["mentor_name"]}{k}="",{p}!${pl["mentor_email"]}{k},{p}!${pl["mentor_name"]}{k})&"")',
            "mentee": f'=IF({a}="","",IF({p}!${pl["mentee_name"]}{k}="",{p}!${pl["mentee_email"]}{k},{p}!${pl["mentee_name"]}{k})&"")',
            "status": f'=IF({a}="","",IF({p}!${pl["status"]}{k}="",{pair_status["active"]},{p}!${pl["status"]}{k}))',
            "planned": count(),
            "due": count(  # planned by the 'as of' date, and before the pair ended, if it did
                f"{s}!${sl['planned']}:${sl['planned']}",
                f'"<="&IF({p}!${pl["ended_on"]}{k}="",{as_of_ref},'
                f"MIN({as_of_ref},{p}!${pl['ended_on']}{k}))",
            ),
            "held": (  # held by the 'as of' date; without a date, on its planned date
                f'=IF({a}="","",'
                + countifs(status_col, status["held"], held_col, f'"<="&{as_of_ref}')
                + "+"
                + countifs(
                    status_col, status["held"], held_col, '""', planned_col, f'"<="&{as_of_ref}'
                )
                + ")"
            ),
            "held_share": f'=IF(OR({a}="",N({col["due"]}{r})=0),"",{col["held"]}{r}/{col["due"]}{r})',
            "cancelled_mentor": count(
                f"{s}!${sl['status']}:${sl['status']}",
                status["cancelled"],
                f"{s}!${sl['by']}:${sl['by']}",
                by["mentor"],
            ),
            "cancelled_mentee": count(
                f"{s}!${sl['status']}:${sl['status']}",
                status["cancelled"],
                f"{s}!${sl['by']}:${sl['by']}",
                by["mentee"],
            ),
            "cancelled": count(f"{s}!${sl['status']}:${sl['status']}", status["cancelled"]),
            "moved": count(f"{s}!${sl['status']}:${sl['status']}", status["moved"]),
            "first_planned": (
                f'=IF(OR({a}="",N({col["planned"]}{r})=0),"",'
                f"_xlfn.MINIFS({s}!${sl['planned']}:${sl['planned']},{s}!${sl['pair']}:${sl['pair']},{a}))"
            ),
            "last_met": (  # a held session without a date counts on its planned date
                f'=IF(OR({a}="",N({col["held"]}{r})=0),"",MAX('
                f"_xlfn.MAXIFS({held_col},{pair_col},{a},{status_col},{status['held']},"
                f'{held_col},"<="&{as_of_ref}),'
                f"_xlfn.MAXIFS({planned_col},{pair_col},{a},{status_col},{status['held']},"
                f'{held_col},"",{planned_col},"<="&{as_of_ref})))'
            ),
            "days_since": f'=IF(OR({a}="",{col["last_met"]}{r}=""),"",{as_of_ref}-{col["last_met"]}{r})',
            "rag": (
                f'=IF(OR({a}="",AND({col["mentor"]}{r}="",{col["mentee"]}{r}="")),"",'
                f"IF(OR({col['status']}{r}={pair_status['completed']},{col['status']}{r}={pair_status['ended']}),{rag['closed']},"
                f'IF({reference}="",{not_red},IF({as_of_ref}-{reference}>{quiet_ref},{rag["red"]},{not_red}))))'
            ),
        }
        for index, name in enumerate(columns, start=1):
            cell = sheet.cell(r, index, formulas[name])
            if name in ("first_planned", "last_met"):
                cell.number_format = DATE_FORMAT
            elif name == "held_share":
                cell.number_format = "0%"
    totals = {"pair": words("tracker.all_pairs")}
    for name in (
        "planned",
        "due",
        "held",
        "cancelled_mentor",
        "cancelled_mentee",
        "cancelled",
        "moved",
    ):
        totals[name] = f"=SUM({col[name]}{first}:{col[name]}{last})"
    totals["held_share"] = (
        f'=IF(N({col["due"]}{TOTALS_ROW})=0,"",{col["held"]}{TOTALS_ROW}/{col["due"]}{TOTALS_ROW})'
    )
    rag_range = f"{col['rag']}{first}:{col['rag']}{last}"
    totals["rag"] = concatenation(
        words.text("tracker.rag_totals"),
        {key: f"COUNTIF({rag_range},{rag[key]})" for key in ("red", "amber", "green")},
    )
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(TOTALS_ROW, index, totals.get(name))
        cell.font = Font(bold=True)
        cell.fill = TOTAL_FILL
        if name == "held_share":
            cell.number_format = "0%"
    for key, (fill, font) in RAG_STYLES.items():
        sheet.conditional_formatting.add(
            rag_range,
            CellIsRule(
                operator="equal",
                formula=[rag[key]],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                font=Font(color=font, bold=True),
            ),
        )
    widths = {"pair": 8, "mentor": 24, "mentee": 24, "status": 13, "rag": 18}
    for name, letter in col.items():
        heading_words = heading("summary", name, words).split()
        natural = max(len(w) for w in heading_words) + 3
        sheet.column_dimensions[letter].width = widths.get(
            name, max(MIN_WIDTH, min(MAX_WIDTH, max(natural, 11)))
        )
    sheet.row_dimensions[SUMMARY_HEADER].height = 32
    sheet.freeze_panes = f"B{first}"
    sheet.auto_filter.ref = f"A{SUMMARY_HEADER}:{col['rag']}{last}"

"""Every statement about a form's personal data, derived from its definition (identity, where it
goes back to and by when, how long it is kept) and the organisation's privacy facts, so the
form, its page, the FAQ and the privacy notice cannot disagree.

A form's `identity` gives the sentence its privacy note opens with ("This form carries your
pair code, but not your name."); its `returns` give the line that says where it goes back to and
by when, with the date from the programme's timeline; its `kept` and the profile's `privacy`
block give the data-protection notice printed on it in every format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upward.model import Form, Kit
from upward.plan.tailored import TailoredKit
from upward.text import OrgFacts
from upward.words import Words

WEEK = dt.timedelta(days=7)


def identity_sentence(form: Form, words: Words) -> str:
    """The sentence every privacy note opens with: "This form carries your name."; a form the
    lead fills about others says whose names it carries."""
    if form.filled_by == ["lead"] and form.identity == "named":
        return words("privacy.identity_lead")
    return words(f"privacy.identity.{form.identity}")


def form_notice(
    form: Form, org: OrgFacts, tailored: TailoredKit | None, words: Words, *, special: bool
) -> str:
    """The data-protection notice printed on the form: who is responsible, on what lawful
    basis, how long it is kept and how to use your rights (or, for a form that stays with the
    pair, that the organisation does not collect it)."""
    if form.identity == "stays-with-pair":
        return words("privacy.notice.with_pair", controller=org.privacy_controller)
    parts = [
        words(
            "privacy.notice.controller",
            controller=org.privacy_controller,
            programme=org.programme,
            basis=lawful_basis(tailored, words),
        ),
        words(f"privacy.kept.{form.kept}", retention=org.retention),
        words(
            "privacy.notice.rights",
            contact=org.privacy_contact_name,
            email=org.privacy_contact_email,
        ),
    ]
    if form.identity == "anonymous":
        parts.append(words("privacy.notice.anonymous"))
    if special:
        parts.append(words("privacy.notice.special"))
    return " ".join(parts)


def lawful_basis(tailored: TailoredKit | None, words: Words) -> str:
    """The Article 6 basis, worded so a data-protection officer can check it."""
    if tailored is None:
        return words("privacy.basis_blank")
    privacy = tailored.profile.privacy
    return words(f"privacy.basis.{privacy.lawful_basis if privacy else 'legitimate-interests'}")


def return_date(form: Form, org: OrgFacts, tailored: TailoredKit | None, words: Words) -> str:
    """When the form is due back, as a date when the programme is dated."""
    by = form.returns.by
    fixed = {
        "applications-close": org.applications_close,
        "mid-point-check-in": org.mid_point_check_in,
        "evaluation": org.evaluation_due,
    }
    if by in fixed:
        return fixed[by]
    if by in ("after-first-session", "after-last-session") and tailored is not None:
        session = tailored.schedule[0 if by == "after-first-session" else -1]
        return words.date(tailored.working.next_working(session.date + WEEK))
    return words(f"privacy.by.{by}")


def return_line(form: Form, org: OrgFacts, tailored: TailoredKit | None, words: Words) -> str:
    """'Send it back to Zoë Øberg-Núñez (zoe@...) by Monday 7 December 2026.'"""
    to = form.returns.to
    if to in ("nobody", "lead-keeps"):
        return words(f"privacy.return.{to}")
    if to == "independent-contact" and tailored is not None and tailored.profile.escalation is None:
        return words("privacy.return.contact_unnamed")
    name, email = (
        (org.contact_name, org.contact_email)
        if to == "lead"
        else (org.escalation_name, org.escalation_email)
    )
    by = form.returns.by
    key = "privacy.return.whenever" if by in ("each-session", "any-time") else "privacy.return.by"
    return words(key, name=name, email=email, when=return_date(form, org, tailored, words))


@dataclass(frozen=True)
class WhoSeesRow:
    """One form in the who-sees-what table."""

    form: Form
    carries: str
    goes_to: str
    kept: str


def who_sees_what(
    kit: Kit, org: OrgFacts, words: Words, tailored: TailoredKit | None = None
) -> list[WhoSeesRow]:
    """Each form: what it carries about you, where it goes and how long it is kept."""
    unnamed = tailored is not None and tailored.profile.escalation is None
    people = {
        "lead": words("privacy.table.to_lead", name=org.contact_name),
        "independent-contact": (
            words("privacy.table.to_contact_unnamed")
            if unnamed
            else words("privacy.table.to_contact", name=org.escalation_name)
        ),
        "lead-keeps": words("privacy.table.lead_keeps", name=org.contact_name),
        "nobody": words("privacy.table.to_nobody"),
    }
    return [
        WhoSeesRow(
            form,
            words(
                "privacy.table.identity_lead"
                if form.filled_by == ["lead"] and form.identity == "named"
                else f"privacy.table.identity.{form.identity}"
            ),
            people[form.returns.to],
            words(f"privacy.table.kept.{form.kept}", retention=org.retention),
        )
        for form in kit.forms
    ]

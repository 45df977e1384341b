"""An introduction e-mail draft (`.eml`) for each pair, to both, from the programme lead.

Built by `render.drafts` (the standard library's `email` package, headers as values, never
formatted by hand); the pair's calendar travels with it as an attachment when the programme's
dates are known.
"""

from __future__ import annotations

from upward.model.applications import Application, Pair
from upward.plan.tailored import TailoredKit
from upward.render.drafts import Attachment, address, draft_eml, one_line
from upward.render.pair_calendar import meetings, slot_start
from upward.words import english
from upward.words import matching as words


def introduction_eml(
    pair: Pair,
    mentor: Application,
    mentee: Application,
    tailored: TailoredKit | None = None,
    calendar: bytes | None = None,
) -> bytes:
    E = words.EMAIL
    profile = tailored.profile if tailored else None
    programme = profile.programme if profile else E["default_programme"]
    names = {
        "mentor": one_line(mentor.full_name),
        "mentee": one_line(mentee.full_name),
        "programme": one_line(programme),
    }
    sender = None
    if profile and profile.contact:
        sender = address(profile.contact.name, profile.contact.email)
    return draft_eml(
        sender=sender,
        to=[address(mentor.full_name, mentor.email), address(mentee.full_name, mentee.email)],
        subject=E["subject"].format(**names),
        body=_body(pair, names, tailored),
        attachments=[Attachment(calendar, "text", "calendar", "sessions.ics")]
        if calendar is not None
        else [],
    )


def _body(pair: Pair, names: dict[str, str], tailored: TailoredKit | None) -> str:
    E = words.EMAIL
    paragraphs = [
        E["greeting"].format(**names),
        E["intro"].format(**names),
        E["why"].format(reasons=pair.introduction or pair.reasons),
    ]
    if pair.first_slot:
        paragraphs.append(E["slot"].format(slot=words.slot_label(pair.first_slot, plural=True)))
        if tailored and tailored.schedule:
            planned = meetings(tailored, pair.first_slot)
            start = slot_start(pair.first_slot, tailored.profile.time)
            paragraphs.append(
                E["first_session"].format(
                    date=english().date(planned[0].start.date()),
                    time=f"{start:%H:%M}",
                    timezone=tailored.profile.timezone,
                )
                + " "
                + E["calendar"].format(count=len(planned))
            )
    else:
        paragraphs.append(E["no_slot"])
    paragraphs += [E["next"].format(**names), E["exit"]]
    sender = (
        tailored.profile.contact.name
        if tailored and tailored.profile.contact
        else E["default_sender"]
    )
    paragraphs.append(f"{E['signoff']}\n{sender}")
    return "\n\n".join(paragraphs) + "\n"

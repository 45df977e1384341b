"""An introduction e-mail draft (`.eml`) for each pair, to both, from the programme lead.

Built with the standard library's `email` package: addresses are `Address` objects and headers
are set as values, never formatted by hand, so no name, team or programme can add a header
(line breaks and control characters are turned into spaces before they get near one). The
`X-Unsent: 1` header makes Outlook and Thunderbird open the file as a draft to edit and send;
the pair's calendar travels with it as an attachment when the programme's dates are known.
"""

from __future__ import annotations

import hashlib
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

from upward.model.applications import Application, Pair
from upward.plan.tailored import TailoredKit
from upward.render.pair_calendar import meetings, slot_start
from upward.words import english
from upward.words import matching as words

POLICY = policy.SMTP.clone(max_line_length=998)
"""CRLF line ends, and headers kept on one line up to RFC 5322's hard limit: Python's folding
of long headers drops the space between two encoded words ('Ünal Çelik' came back as
'ÜnalÇelik'), and a draft's headers are short enough never to need it."""
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text safe for a header: no line breaks or control characters, single spaces."""
    return " ".join(_UNSAFE.sub(" ", text).split())


def address(name: str, email: str) -> Address:
    local, _, domain = email.partition("@")
    return Address(display_name=one_line(name), username=one_line(local), domain=one_line(domain))


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
    message = EmailMessage(policy=POLICY)
    if profile and profile.contact:
        message["From"] = address(profile.contact.name, profile.contact.email)
    message["To"] = [
        address(mentor.full_name, mentor.email),
        address(mentee.full_name, mentee.email),
    ]
    message["Subject"] = one_line(E["subject"].format(**names))
    message["X-Unsent"] = "1"
    message.set_content(_body(pair, names, tailored), charset="utf-8", cte="quoted-printable")
    if calendar is not None:
        message.add_attachment(
            calendar,
            maintype="text",
            subtype="calendar",
            filename="sessions.ics",
        )
    # a boundary from the content, not the clock: the same pair gives the same bytes
    digest = hashlib.sha256(message.get_body().get_content().encode("utf-8")).hexdigest()[:24]
    if message.is_multipart():
        message.set_boundary(f"upward-{digest}")
    return message.as_bytes()


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

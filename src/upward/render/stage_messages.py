"""The kit's stage messages for one organisation, ready to send: a `.txt` to read or paste and
an `.eml` draft for each, on its real date, in the tailored kit's `messages/` folder.

Public outputs: they name the organisation, its programme, purpose, contacts and dates, never a
participant: what differs per recipient is a mail-merge field, «Mentor name», as on the kit's
messages page. A message sent for each session (a reminder)
is one file per session, naming its date, time and title. Profile text reaches the drafts only
as header values through `render.drafts`, so no name can add a header.
"""

from __future__ import annotations

from upward.plan.sending import Sending, sendings
from upward.plan.tailored import TailoredKit
from upward.render.drafts import address, draft_eml
from upward.text import SessionFacts, TextRenderer, mail_merge_fields


def file_stem(sending: Sending) -> str:
    """'010-launch-announcement', '060-session-reminder-03': in the order they go out."""
    stem = f"{sending.message.order:03d}-{sending.message.id}"
    return f"{stem}-{sending.session.number:02d}" if sending.session else stem


def _renderer(tailored: TailoredKit, sending: Sending) -> TextRenderer:
    if sending.session is None:
        return TextRenderer(tailored.org)
    words = tailored.words
    scheduled = sending.session
    facts = SessionFacts(
        number=str(scheduled.number),
        date=words.date(scheduled.date),
        time=tailored.profile.time,
        title=TextRenderer(tailored.org)(scheduled.session.title),
    )
    return TextRenderer(tailored.org, session=facts)


def message_files(tailored: TailoredKit) -> dict[str, bytes]:
    """`NNN-<id>.txt` and `.eml` for every message (and every session of a per-session one),
    plus `index.txt`: what goes out when."""
    words = tailored.words
    contact = tailored.profile.contact
    sender = address(contact.name, contact.email) if contact else None
    files: dict[str, bytes] = {}
    index = [
        words("message_files.index_title", programme=tailored.profile.programme),
        "",
        *words("message_files.index_note").splitlines(),
        "",
    ]
    rows: list[tuple[str, int, str]] = []
    for sending in sendings(tailored):
        render = _renderer(tailored, sending)
        message = sending.message
        subject = render(mail_merge_fields(message.subject))
        body, when = render(mail_merge_fields(message.body)), render(message.when)
        stem = file_stem(sending)
        sent = (
            words("message_files.send_on", date=words.date(sending.date), when=when)
            if sending.date
            else words("message_files.send_when", when=when)
        )
        head = [
            render(message.title),
            sent,
            words("message_files.sender", sender=render(message.sender)),
            words("message_files.recipients", recipients=render(message.recipients)),
            words("message_files.subject", subject=subject),
        ]
        text = "\n".join(head) + "\n\n" + body.rstrip("\n") + "\n"
        files[f"{stem}.txt"] = text.replace("\n", "\r\n").encode("utf-8")
        files[f"{stem}.eml"] = draft_eml(to=[], subject=subject, body=body, sender=sender)
        on = sending.date.isoformat() if sending.date else words("message_files.when_needed")
        row = words("message_files.index_row", date=on, title=render(message.title), file=stem)
        rows.append((sending.date.isoformat() if sending.date else "~", message.order, row))
    index += [row for *_, row in sorted(rows)]  # by date; those sent when needed last
    files["index.txt"] = ("\r\n".join(index) + "\r\n").encode("utf-8")
    return files

"""E-mail drafts (`.eml`) that a mail program opens ready to edit and send: one way to make them.

Introductions, nudges and any later message are built here with the standard library's `email`
package. Addresses are `Address` objects and every header is set as a value, never formatted by
hand, so no name, team or programme can add a header: line breaks and control characters are
turned into spaces before they get near one. `X-Unsent: 1` makes Outlook and Thunderbird open
the file as a draft. There is no Date or Message-ID (the mail program adds them when it sends),
and a multipart boundary comes from the content, so the same draft is the same bytes on any day.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

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


@dataclass(frozen=True)
class Attachment:
    data: bytes
    maintype: str
    subtype: str
    filename: str


def draft_eml(
    *,
    to: Sequence[Address],
    subject: str,
    body: str,
    sender: Address | None = None,
    attachments: Sequence[Attachment] = (),
) -> bytes:
    """A draft as bytes: UTF-8 text body (quoted-printable), optional attachments."""
    message = EmailMessage(policy=POLICY)
    if sender is not None:
        message["From"] = sender
    if to:
        message["To"] = list(to)
    message["Subject"] = one_line(subject)
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    for attachment in attachments:
        message.add_attachment(
            attachment.data,
            maintype=attachment.maintype,
            subtype=attachment.subtype,
            filename=attachment.filename,
        )
    if message.is_multipart():  # a boundary from the content, not the clock
        digest = hashlib.sha256(message.get_body().get_content().encode("utf-8")).hexdigest()
        message.set_boundary(f"upward-{digest[:24]}")
    return message.as_bytes()

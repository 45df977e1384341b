"""E-mail drafts (`.eml`) that a mail program opens ready to edit and send: one way to make them.

Introductions, stage messages, nudges and any later message are built here with the standard
library's `email` package. Addresses are `Address` objects and every header is set as a value,
never formatted by hand from raw text, so no name, team or programme can add a header: line
breaks and control characters are turned into spaces before they get near one. `X-Unsent: 1`
makes Outlook and Thunderbird open the file as a draft. There is no Date or Message-ID (the
mail program adds them when it sends), and a multipart boundary comes from the content, so the
same draft is the same bytes on any day.

Drafts are made by the thousand (an introduction per pair), so they are built with the
package's `compat32` machinery: names and subjects are encoded once (RFC 2047 words of at most
75 characters, through `email.header`), where the default policy parses every header value
back into a tree and refolds it, five times the cost for the same message as read by any mail
program (tests/test_matching_outputs.py reads drafts back with the default policy).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email import encoders
from email.charset import QP, SHORTEST, Charset
from email.header import Header
from email.headerregistry import Address
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import Compat32
from email.utils import formataddr

UTF8 = Charset("utf-8")
UTF8.header_encoding = SHORTEST  # Q or B, whichever is shorter
UTF8.body_encoding = QP  # the text stays readable in the file
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class _DraftPolicy(Compat32):
    """compat32 with CRLF line ends, which writes a short ASCII header line as it is: most of
    a draft's headers, whose folding would otherwise be most of its cost. Anything else (long,
    or not ASCII) is folded by compat32, at spaces between words, never inside one."""

    def fold_binary(self, name: str, value: object) -> bytes:
        if (
            isinstance(value, str)
            and value.isascii()
            and len(name) + len(value) + 2 <= self.max_line_length
            and not _UNSAFE.search(value)
        ):
            return f"{name}: {value}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


GENERATE = _DraftPolicy(linesep="\r\n")


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


def _words(text: str) -> str:
    """Header text as RFC 2047 encoded words when it is not ASCII, each at most 75 characters,
    separated by spaces (a reader joins adjacent encoded words without them)."""
    if text.isascii():
        return text
    encoded = Header(text, UTF8).encode(maxlinelen=76, linesep="\n")
    return " ".join(line.strip() for line in encoded.split("\n"))


def mailbox(person: Address) -> str:
    """'Name <local@domain>': an ASCII name quoted where it must be, another one encoded."""
    name = person.display_name
    if name and not name.isascii():
        return f"{_words(name)} <{person.addr_spec}>"
    return formataddr((name, person.addr_spec))


def draft_eml(
    *,
    to: Sequence[Address],
    subject: str,
    body: str,
    sender: Address | None = None,
    attachments: Sequence[Attachment] = (),
) -> bytes:
    """A draft as bytes: UTF-8 text body (quoted-printable), optional attachments."""
    text = MIMEText(body, "plain", UTF8)
    message: Message = text
    if attachments:
        message = MIMEMultipart("mixed")
        message.attach(text)
        for attachment in attachments:
            part = MIMEBase(attachment.maintype, attachment.subtype)
            part.set_payload(attachment.data)
            encoders.encode_base64(part)
            part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
            message.attach(part)
        # a boundary from the content, not the clock
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        message.set_boundary(f"upward-{digest[:24]}")
    mime = message.items()  # the MIME headers go after the ones a person reads
    for name, _ in mime:
        del message[name]
    if sender is not None:
        message["From"] = mailbox(sender)
    if to:
        message["To"] = ", ".join(mailbox(person) for person in to)
    message["Subject"] = _words(one_line(subject))
    message["X-Unsent"] = "1"
    for name, value in mime:
        message[name] = value
    return message.as_bytes(policy=GENERATE)

"""Fill the `{{ org.* }}` placeholders in kit text, safely, for each output format.

Kit text may hold placeholders and nothing else that runs. Each piece is parsed with Jinja
and its syntax tree is checked against an allow-list: outputs of `org.<fact>` (or
`session.<fact>`, in a message sent for one session), optionally through one of a few case
filters, plus literal text (`{% raw %}` and comments included). Loops, `set`, macros,
`include`/`import`/`extends`, calls, indexing, arithmetic and every other filter are refused
with the line they are on. So kit text cannot undo the escaping of profile text (`striptags`,
`safe`, `.unescape()`), cannot reach Python (`__class__`), and cannot run for long or make a
huge output (`{{ "x" * 10**10 }}`, nested loops). What passes is a list of literal pieces and
`(object, fact, filters)` lookups, filled in here without compiling anything: nothing from kit
text is ever run as code, and a cap on the rendered size stands behind the list.

Profile text only ever arrives as variable *values*, escaped for the target format by `escape`:
it is never parsed as a template itself. The values are an `OrgFacts`, defined here because
the placeholders are this module's contract: a leaf that every stage may use, and that reaches
into none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache

from jinja2 import Environment, TemplateError, nodes

from upward.problems import did_you_mean
from upward.words import Words, english

MESSAGE_BLANK = re.compile(r"\[([^\[\]]{1,400})\](?!\()")  # not a Markdown link's text
"""A blank in a message, `[Mentor name]`: filled per recipient, as a mail merge does."""


def mail_merge_fields(text: str) -> str:
    """A message's blanks for each recipient ([Mentor name]) marked as mail merges mark them,
    «Mentor name», so that in a tailored kit, where the profile has filled every blank it can,
    what is left reads as a field to merge, not as a blank the kit forgot."""
    return MESSAGE_BLANK.sub(r"«\1»", text)


@dataclass(frozen=True)
class OrgFacts:
    """What kit text placeholders (`{{ org.name }}`) see. Every value is plain text."""

    name: str
    programme: str
    purpose: str
    format: str
    sessions: str
    cadence: str
    session_minutes: str
    matching: str
    start: str
    end: str
    contact_name: str
    contact_email: str
    # the route outside every line, data protection and the people a kit names (issue 12)
    escalation: str  # "Priya Raman (speak-up@...)", as a sentence names the contact
    escalation_name: str
    escalation_email: str
    privacy_controller: str
    privacy_contact_name: str
    privacy_contact_email: str
    retention: str  # "24 months"
    sponsor_name: str
    sponsor_role: str
    # the organisation's own tools, and where its kit lives
    meeting_platform: str
    chat_tool: str
    ai_policy: str
    forms_link: str
    # the lead's dates, from the programme's timeline (upward.plan.timeline)
    applications_close: str
    training: str
    kick_off: str
    mid_point: str  # the mid-point review session's date
    mid_point_check_in: str  # the check-in's due date, a week after the review
    evaluation_due: str
    closing_event: str


def general_org(words: Words) -> OrgFacts:
    """Neutral wording for the general site: placeholders read as blanks to fill by hand."""
    return OrgFacts(**{f.name: words(f"blank_org.{f.name}") for f in fields(OrgFacts)})


GENERAL_ORG = general_org(english())


@dataclass(frozen=True)
class SessionFacts:
    """What `{{ session.* }}` placeholders see in a message sent for one session (a reminder):
    its number, date, start time and title. Everywhere else they read as blanks to fill."""

    number: str
    date: str
    time: str
    title: str


def general_session(words: Words) -> SessionFacts:
    return SessionFacts(**{f.name: words(f"blank_session.{f.name}") for f in fields(SessionFacts)})


GENERAL_SESSION = general_session(english())

_MARKDOWN_SPECIALS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&\"'~^=:$@"})

PLACEHOLDERS = tuple(f.name for f in fields(OrgFacts))
SESSION_PLACEHOLDERS = tuple(f.name for f in fields(SessionFacts))
OBJECTS = {"org": PLACEHOLDERS, "session": SESSION_PLACEHOLDERS}
"""The objects placeholders may name, and their facts."""
ALLOWED_FILTERS = ("capitalize", "lower", "upper")
"""Case changes only: they cannot remove or undo escaping (every special character is escaped
as a numeric entity, which has no letters to change), and they cost one pass over a value."""

MAX_PLACEHOLDERS = 100
"""Per piece of text; the kit's busiest text has 10. With profile values of at most 200
characters, escaped, this bounds what one piece of text can grow to."""

MAX_OUTPUT = 500_000
"""Characters one piece of text may render to: the second wall, should a check above miss."""

_TAGS = {
    "For": "for",
    "If": "if",
    "Macro": "macro",
    "CallBlock": "call",
    "FilterBlock": "filter",
    "With": "with",
    "Block": "block",
    "Include": "include",
    "Import": "import",
    "FromImport": "from ... import",
    "Extends": "extends",
    "Assign": "set",
    "AssignBlock": "set",
}


def markdown_literal(value: str) -> str:
    """Text that Markdown and HTML both show exactly as written (entities for every special)."""
    return value.translate(_MARKDOWN_SPECIALS)


def plain(value: str) -> str:
    return value


class PlaceholderError(ValueError):
    """Kit text uses something other than the allowed placeholders, or is not valid Jinja."""

    def __init__(self, message: str, line: int = 1) -> None:
        words = english()
        shown = (
            message if line <= 1 else words("read.placeholders.at_line", line=line, problem=message)
        )
        super().__init__(shown)
        self.message, self.line = message, line


Lookup = tuple[str, str, tuple[str, ...]]
"""`{{ org.name | upper }}` as ("org", "name", ("upper",)): the filters innermost first."""

_FILTERS: dict[str, Callable[[str], str]] = {
    "capitalize": str.capitalize,
    "lower": str.lower,
    "upper": str.upper,
}
"""What each allowed filter does: the same as Jinja's filter of that name."""


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Jinja for parsing only: its lexer decides what is text, raw block, comment and output."""
    return Environment(autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=4096)
def _compiled(source: str) -> tuple[str | Lookup, ...]:
    """Kit text repeats across formats and kits: check each piece once per process and keep it
    as literal text and lookups. Jinja would compile it to Python first (some 0.6 ms a piece,
    most of a site build's placeholder cost), which text this restricted never needs. Raises
    PlaceholderError for text outside the allow-list, so no render path can skip it."""
    try:
        tree = _environment().parse(source)
    except TemplateError as error:
        raise PlaceholderError(_syntax_message(error), getattr(error, "lineno", 1) or 1) from None
    _check_tree(tree)
    return tuple(_parts(tree))


def _parts(tree: nodes.Template) -> list[str | Lookup]:
    """The checked tree's outputs in order: literal text as it is, placeholders as lookups."""
    parts: list[str | Lookup] = []
    for statement in tree.body:  # only Output statements pass _check_tree
        for expression in statement.nodes:
            if isinstance(expression, nodes.TemplateData):
                parts.append(expression.data)
                continue
            filters: list[str] = []
            while isinstance(expression, nodes.Filter):
                filters.append(expression.name)
                expression = expression.node
            parts.append((expression.node.name, expression.attr, tuple(reversed(filters))))
    return parts


def _allowed(words: Words) -> str:
    return words("read.placeholders.allowed")


def _syntax_message(error: TemplateError) -> str:
    """Jinja's own (English) message, said in our words where we know what it means."""
    words = english()
    message = str(error.message or error).split("\n")[0]
    if "unknown tag" in message:
        return words(
            "read.placeholders.unknown_tag", reason=message.rstrip("."), allowed=_allowed(words)
        )
    if "end of comment" in message:  # Markdown's `{#id}` reads as the start of a comment
        return words("read.placeholders.open_comment")
    return words("read.placeholders.syntax", reason=message)


def _check_tree(tree: nodes.Template) -> None:
    words = english()
    count = 0
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            tag = _TAGS.get(type(statement).__name__, type(statement).__name__.lower())
            raise PlaceholderError(
                words("read.placeholders.tag", tag=tag, allowed=_allowed(words)),
                statement.lineno,
            )
        for expression in statement.nodes:
            if isinstance(expression, nodes.TemplateData):
                continue
            _check_expression(expression)
            count += 1
            if count > MAX_PLACEHOLDERS:
                raise PlaceholderError(
                    words("read.placeholders.too_many", limit=MAX_PLACEHOLDERS),
                    expression.lineno,
                )


def _check_expression(expression: nodes.Expr) -> None:
    """One `{{ ... }}`: `org.<fact>`, optionally through allowed filters without arguments."""
    words = english()
    line = expression.lineno
    while isinstance(expression, nodes.Filter):
        if expression.name not in ALLOWED_FILTERS:
            raise PlaceholderError(
                words(
                    "read.placeholders.filter",
                    filter=expression.name,
                    filters=words("lists.separator").join(ALLOWED_FILTERS),
                ),
                line,
            )
        if expression.args or expression.kwargs or expression.dyn_args or expression.dyn_kwargs:
            raise PlaceholderError(
                words("read.placeholders.filter_arguments", filter=expression.name), line
            )
        expression = expression.node
    if (
        isinstance(expression, nodes.Getattr)
        and isinstance(expression.node, nodes.Name)
        and expression.node.name in OBJECTS
    ):
        known = OBJECTS[expression.node.name]
        if expression.attr in known:
            return
        names = [f"{expression.node.name}.{name}" for name in known]
        wrong = f"{expression.node.name}.{expression.attr}"
        raise PlaceholderError(
            words(
                "read.placeholders.unknown",
                name=wrong,
                hint=did_you_mean(wrong, names),
                names=words("lists.separator").join(names),
            ),
            line,
        )
    raise PlaceholderError(
        words(
            "read.placeholders.expression",
            expression=_describe(expression, words),
            allowed=_allowed(words),
        ),
        line,
    )


def _describe(expression: nodes.Expr, words: Words) -> str:
    """A short name for what was written, so the author recognises it."""
    if isinstance(expression, nodes.Name):
        return expression.name
    if isinstance(expression, nodes.Getattr):
        return f"{_describe(expression.node, words)}.{expression.attr}"
    if isinstance(expression, nodes.Call):
        return f"{_describe(expression.node, words)}(...)"
    if isinstance(expression, nodes.Getitem):
        return f"{_describe(expression.node, words)}[...]"
    if isinstance(expression, nodes.Const):
        return repr(expression.value)
    if isinstance(expression, nodes.BinExpr | nodes.UnaryExpr):
        return words("read.placeholders.arithmetic", operator=expression.operator)
    return words("read.placeholders.other_expression", kind=type(expression).__name__)


def is_template(source: str) -> bool:
    """Whether Jinja would change the text at all: plain text skips the template machinery."""
    return "{{" in source or "{%" in source or "{#" in source


@dataclass(frozen=True)
class TextRenderer:
    """Renders kit text with the organisation's facts escaped for one format."""

    org: OrgFacts
    escape: Callable[[str], str] = plain
    session: SessionFacts = GENERAL_SESSION
    _values: dict[str, str] = field(init=False, repr=False, compare=False)
    _session: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        escaped = {key: self.escape(value) for key, value in asdict(self.org).items()}
        object.__setattr__(self, "_values", escaped)
        session = {key: self.escape(value) for key, value in asdict(self.session).items()}
        object.__setattr__(self, "_session", session)

    def __call__(self, source: str) -> str:
        if not is_template(source):
            return source
        objects = {"org": self._values, "session": self._session}
        parts: list[str] = []
        size = 0
        for part in _compiled(source):
            if not isinstance(part, str):
                name, fact, filters = part
                part = objects[name][fact]
                for filter_name in filters:
                    part = _FILTERS[filter_name](part)
            size += len(part)
            if size > MAX_OUTPUT:
                words = english()
                raise PlaceholderError(words("read.placeholders.too_long", limit=MAX_OUTPUT))
            parts.append(part)
        return "".join(parts)


def check_placeholders(source: str) -> PlaceholderError | None:
    """The problem with a piece of kit text's placeholders (with its line), or None."""
    try:
        TextRenderer(GENERAL_ORG)(source)
    except PlaceholderError as error:
        return error
    return None

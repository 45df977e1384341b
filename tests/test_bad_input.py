"""Bad profiles and broken kit files: a located message, exit 1, no traceback, nothing written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, profile_text, write

CASES = {
    "empty": (b"", ["the file is empty"]),
    "not-utf8": (b"organisation: Caf\xe9\n", [":1:1:", "not UTF-8"]),
    "not-a-mapping": (b"- one\n- two\n", [":1:1:", "should be a mapping"]),
    "tab": (b"organisation: Acme\ncontact:\n\tname: Sam\n", [":3:1:", "tab"]),
    "unclosed-bracket": (b"organisation: [Acme\nstart: 2027-01-01\n", ["not valid YAML"]),
    "missing-key": (
        profile_text(organisation=None).encode(),
        ["organisation", "required key 'organisation' is missing"],
    ),
    "blank-key": (
        profile_text(organisation='"   "').encode(),
        [":1:", "organisation: must not be blank"],
    ),
    "misspelt-key": (
        (profile_text() + "matchng: self\n").encode(),
        [":12:1: matchng:", "did you mean 'matching'?"],
    ),
    "unknown-purpose": (
        profile_text(purpose="digital-fluncy").encode(),
        [":2:", "purpose", "did you mean 'digital-fluency'?"],
    ),
    "unknown-cadence": (
        profile_text(cadence="montly").encode(),
        [":5:", "cadence", "did you mean 'monthly'?"],
    ),
    "out-of-range": (
        profile_text(sessions="60").encode(),
        [":4:", "sessions", "less than or equal to 52"],
    ),
    "wrong-type": (
        profile_text(session_minutes='"an hour"').encode(),
        [":6:", "session_minutes", "integer"],
    ),
    "impossible-date": (profile_text(start="2027-02-30").encode(), [":7:", "not a real date"]),
    "bad-email": (
        profile_text().replace("sam@example.org", "sam-at-example").encode(),
        [":11:", "contact.email", "not an email address"],
    ),
    "python-tag": (
        profile_text(organisation='!!python/object/apply:os.system ["echo pwned"]').encode(),
        [":1:", "constructor"],
    ),
    "ambiguous-boolean": (profile_text(format="yes").encode(), [":3:", "ambiguous"]),
    "control-character": (
        profile_text(organisation='"Acme\\u0007 Ltd"').encode(),
        [":1:", "U+0007, which is a control character"],
    ),
    "billion-laughs": (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n".encode()
            for i in range(8)
        ),
        ["aliases"],
    ),
    "too-large": (b"organisation: Acme\nnotes: " + b"x" * 70_000 + b"\n", ["limit"]),
    # each of these printed "internal error" (issue 8)
    "control-in-email": (
        profile_text().replace("sam@example.org", '"sam\\u0007@example.org"').encode(),
        [":11:", "contact.email", "U+0007, which is a control character"],
    ),
    "timezone-folder": (
        profile_text(timezone="Europe").encode(),
        [":9:", "timezone", "'Europe' is a region, not a time zone", "Europe/Amsterdam"],
    ),
    "timezone-long": (
        profile_text(timezone="Europe/" + "x" * 300).encode(),
        [":9:", "timezone", "not a known time zone"],
    ),
    "timezone-path": (
        profile_text(timezone="../../../../etc/passwd").encode(),
        [":9:", "timezone", "not a known time zone"],
    ),
    "timezone-wrong-case": (
        profile_text(timezone="europe/london").encode(),
        [":9:", "timezone", "did you mean 'Europe/London'?"],
    ),
    "year-1": (
        profile_text(start="0001-01-11").encode(),
        [":7:", "start", "between 2000 and 2099"],
    ),
    "year-9999": (
        profile_text(start="9999-12-31").encode(),
        [":7:", "start", "between 2000 and 2099"],
    ),
    "year-0227": (
        profile_text(start="0227-01-11").encode(),
        [":7:", "start", "the year 227", "2027"],
    ),
    # YAML 1.1's other number forms, taken silently (010 sessions were 8) or crashing
    "octal": (profile_text(sessions="010").encode(), [":4:11:", "base-8", "write 10"]),
    "hex": (profile_text(sessions="0x6").encode(), [":4:11:", "base-16", "in decimal"]),
    "underscores": (profile_text(session_minutes="1_20").encode(), [":6:", "write 120"]),
    "base-60": (profile_text(session_minutes="1:00").encode(), [":6:", "base-60", '"01:00"']),
    "huge-number": (profile_text(sessions="9" * 5000).encode(), [":4:11:", "too long"]),
    # YAML types no profile value has
    "binary": (profile_text(organisation="!!binary QWNtZQ==").encode(), [":1:", "!!binary"]),
    "set": (
        (profile_text() + "contact2: !!set {a, b}\n").encode(),
        [":12:", "!!set"],
    ),
    "merge-key": ((profile_text() + "<<: {programme: X}\n").encode(), [":12:1:", "merge"]),
    "number-key": ((profile_text() + "1: x\n").encode(), [":12:1:", "unknown key 1"]),
    # names that look blank, or read differently from what they say, or break lines
    "zero-width-name": (
        profile_text(organisation='"\\u200b\\u2060"').encode(),
        [":1:", "organisation: must not be blank"],
    ),
    "direction-override": (
        profile_text(organisation='"Acme \\u202egnp.exe"').encode(),
        [":1:", "U+202E", "direction"],
    ),
    "line-separator": (
        profile_text(organisation='"Acme\\u2028Ltd"').encode(),
        [":1:", "single line"],
    ),
    "date-as-number": (
        profile_text(start="20270111").encode(),
        [":7:", "start", "write the date as YYYY-MM-DD"],
    ),
    "date-as-text": (
        profile_text(start='"11/01/2027"').encode(),
        [":7:", "start", "write the date as YYYY-MM-DD"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_profile_is_reported_and_nothing_is_written(case: str, tmp_path: Path, run_cli) -> None:
    data, expected = CASES[case]
    profile = tmp_path / f"{case}.yaml"
    profile.write_bytes(data)
    out = tmp_path / "out" / "kit"
    result = run_cli("tailor", profile, "-o", out)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert f"{case}.yaml" in result.err
    for fragment in expected:
        assert fragment in result.err, (fragment, result.err)
    assert not (tmp_path / "out").exists()


def test_every_problem_is_reported_at_once(tmp_path: Path, run_cli) -> None:
    profile = write(
        tmp_path / "p.yaml",
        profile_text(cadence="montly", sessions="0", format="pairs") + "colour: blue\n",
    )
    result = run_cli("tailor", profile, "-o", tmp_path / "out")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.err
    assert "4 problem(s) found" in result.err


def test_a_folder_upward_did_not_make_is_never_replaced(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    profile = write(tmp_path / "p.yaml", profile_text())
    for force in ([], ["--force"]):
        result = run_cli("tailor", profile, "-o", out, *force)
        assert result.code == 1
        assert "did not write" in result.err
        assert (out / "keep.txt").read_text() == "mine"


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    profile = tmp_path / "bad.yaml"
    profile.write_bytes(b"organisation: [unclosed\n")
    done = subprocess.run(
        [sys.executable, "-m", "upward", "tailor", str(profile), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "bad.yaml:" in done.stderr


def test_broken_kit_files_are_all_located(kit_copy: Path, run_cli) -> None:
    purpose = kit_copy / "purposes" / "digital-fluency.yaml"
    purpose.write_text(purpose.read_text().replace("summary:", "sumary:", 1))
    plan = kit_copy / "sessions" / "axa-six-monthly.yaml"
    text = plan.read_text()
    first_question = text.split("questions:", 1)[1].split("\n", 2)[1].strip().lstrip("- ").strip()
    plan.write_text(text.replace(first_question, first_question + "-typo", 1))
    result = run_cli("validate", "--kit", kit_copy)
    assert result.code == 1
    assert (
        "digital-fluency.yaml:" in result.err
        and "unknown key 'sumary' (did you mean 'summary'?)" in result.err
    )
    assert (
        "axa-six-monthly.yaml:" in result.err
        and f"unknown question id '{first_question}-typo'" in result.err
    )
    assert f"did you mean '{first_question}'?" in result.err


def test_an_answer_size_that_does_not_fit_the_field_is_located(kit_copy: Path, run_cli) -> None:
    """`size` says how much room a printed form leaves: a one-line size on long text, or any
    size on a tick box, is a mistake worth a message rather than a silent default."""
    form = kit_copy / "forms" / "goals-worksheet.yaml"
    text = form.read_text()
    text = text.replace("size: lines", "size: short", 1)
    form.write_text(
        text.replace("        type: scale\n", "        type: scale\n        size: line\n", 1)
    )
    result = run_cli("validate", "--kit", kit_copy)
    assert result.code == 1
    assert "a long_text field's size is lines, paragraph or long, not short" in result.err
    assert "size only applies to text, email and long text, not scale" in result.err


def test_agendas_that_do_not_add_up_are_located(kit_copy: Path, run_cli) -> None:
    """At the agenda's own line, not the top of the file, and every such agenda at once."""
    import json

    plan = kit_copy / "sessions" / "three-session-pilot.yaml"
    lines = plan.read_text().splitlines(keepends=True)
    agendas = [i for i, line in enumerate(lines) if line.strip() == "agenda:"]
    for index in agendas[:2]:  # the first item of the first two sessions' agendas
        lines[index + 1] = lines[index + 1].replace("- minutes: ", "- minutes: 1", 1)
    plan.write_text("".join(lines))
    result = run_cli("validate", "--kit", kit_copy, "--json")
    assert result.code == 1
    problems = json.loads(result.out)["problems"]
    assert [(p["field"], p["line"]) for p in problems] == [
        ("sessions.0.agenda", agendas[0] + 2),
        ("sessions.1.agenda", agendas[1] + 2),
    ]
    assert all("add up to" in p["message"] and p["file"].endswith(plan.name) for p in problems)


def test_validate_json_reports_the_inventory(run_cli) -> None:
    import json

    result = run_cli("validate", "--json", cwd=ROOT)
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["ok"] is True
    for kind in (
        "purposes",
        "questions",
        "topics",
        "session_plans",
        "sessions",
        "forms",
        "feedback_modules",
        "agreements",
        "case_studies",
        "guides",
    ):
        assert report["counts"][kind] >= 1


# --- bounded input: only regular files are read, and never more than the limit -----------------

SPECIAL = ["dev-zero", "dev-urandom", "fifo", "folder", "link-to-dev-zero", "socket"]


def _special(kind: str, path: Path) -> tuple[Path, str]:
    """Make (or point at) a special file at `path`; return the path and the expected words."""
    import os
    import socket

    if kind == "dev-zero":
        return Path("/dev/zero"), "is a device, not a file"
    if kind == "dev-urandom":
        return Path("/dev/urandom"), "is a device, not a file"
    if kind == "fifo":
        os.mkfifo(path)  # nobody ever writes to it: reading it would wait for ever
        return path, "is a pipe (FIFO), not a file"
    if kind == "folder":
        path.mkdir()
        return path, "is a folder, not a file"
    if kind == "link-to-dev-zero":
        path.symlink_to("/dev/zero")
        return path, "is a device, not a file"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the socket file stays after the process closes it
    server.close()
    return path, "is a socket, not a file"


def _run_bounded(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """A real process with a time limit and a memory limit: a read that hangs or swallows an
    endless device fails the test instead of the machine."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
    code = limit + "import sys; from upward.cli import main; sys.argv[0] = 'upward'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_profile_that_is_not_a_regular_file_is_refused_at_once(kind: str, tmp_path: Path) -> None:
    profile, expected = _special(kind, tmp_path / "profile.yaml")
    done = _run_bounded("tailor", profile, "-o", tmp_path / "out")
    assert done.returncode in (1, 2), done.stderr  # 2: click's own "is a directory"
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    if kind == "folder":
        assert "is a directory" in done.stderr or expected in done.stderr, done.stderr
    else:
        assert f"{profile.name}: {expected}" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_kit_file_that_is_not_a_regular_file_is_refused_at_once(
    kind: str, kit_copy: Path
) -> None:
    target = kit_copy / "questions" / "social-media.yaml"
    target.unlink()
    made, expected = _special(kind, target)
    if made != target:
        target.symlink_to(made)
    done = _run_bounded("validate", "--kit", kit_copy)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert f"social-media.yaml: {expected}" in done.stderr, done.stderr


def test_a_kit_single_file_that_is_a_fifo_is_refused(kit_copy: Path) -> None:
    import os

    (kit_copy / "glossary.yaml").unlink()
    os.mkfifo(kit_copy / "glossary.yaml")
    done = _run_bounded("validate", "--kit", kit_copy)
    assert done.returncode == 1
    assert "glossary.yaml: is a pipe (FIFO), not a file" in done.stderr


def test_a_kit_folder_that_is_a_file_is_refused(kit_copy: Path, run_cli) -> None:
    import shutil

    shutil.rmtree(kit_copy / "cases")
    (kit_copy / "cases").write_text("not a folder")
    result = run_cli("validate", "--kit", kit_copy)
    assert result.code == 1
    assert "cases: should be a folder" in result.err


def test_the_size_limit_does_not_trust_the_reported_size(tmp_path: Path) -> None:
    """A file that reports 0 bytes (as /proc files do) is still read only up to the limit."""
    from upward.load.yamlfile import read_bytes
    from upward.problems import ProblemsFound

    with pytest.raises(ProblemsFound, match="too large: the limit is 10 bytes"):
        read_bytes(Path("/proc/self/maps"), "maps", max_bytes=10)
    small = tmp_path / "small.yaml"
    small.write_bytes(b"x" * 10)
    assert read_bytes(small, "small", max_bytes=10) == b"x" * 10


# --- no hang: an agenda longer than the session is refused, located -----------------------------


def test_an_agenda_with_more_items_than_minutes_is_refused_not_looped(
    kit_copy: Path, tmp_path: Path
) -> None:
    """A kit that validates (20 items of 3 minutes in an hour's plan) and a profile of 15
    minutes: scaling looped for ever. Now a message names the profile's line and the agenda."""
    plan = kit_copy / "sessions" / "axa-six-monthly.yaml"
    text = plan.read_text(encoding="utf-8")
    first = text.index("    agenda:\n")
    end = text.index("    prep_mentor:", first)
    items = "".join(f"      - minutes: 3\n        item: Step {n}\n" for n in range(1, 21))
    plan.write_text(text[:first] + "    agenda:\n" + items + text[end:], encoding="utf-8")
    profile = write(tmp_path / "short.yaml", profile_text(session_minutes="15"))
    done = _run_bounded("tailor", profile, "--kit", kit_copy, "-o", tmp_path / "out")
    assert done.returncode == 1, done.stderr
    assert "short.yaml:6:18: session_minutes: 15 minutes cannot hold session" in done.stderr
    agenda_line = text[:first].count("\n") + 2  # its first item
    assert f"axa-six-monthly.yaml:{agenda_line}" in done.stderr, done.stderr
    assert "give session_minutes: 20 or more" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_profile_without_purpose_for_a_kit_without_the_default_is_located(
    kit_copy: Path, tmp_path: Path, run_cli
) -> None:
    (kit_copy / "purposes" / "digital-fluency.yaml").unlink()
    for path in [*kit_copy.rglob("*.yaml"), *kit_copy.rglob("*.md")]:  # drop references to it
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\bdigital-fluency,\s*|,\s*digital-fluency\b", "", text)
        path.write_text(text.replace("[digital-fluency]", "[]"), encoding="utf-8")
    assert run_cli("validate", "--kit", kit_copy).code == 0
    profile = write(tmp_path / "p.yaml", profile_text(purpose=None))
    result = run_cli("tailor", profile, "--kit", kit_copy, "-o", tmp_path / "out")
    assert result.code == 1, result
    assert "internal error" not in result.err
    assert "p.yaml:1:1: purpose: no purpose is given" in result.err
    assert "'digital-fluency' (the default)" in result.err and "inclusion" in result.err


# --- the longest values the profile allows reach every writer ------------------------------------


def test_the_longest_organisation_and_programme_make_both_documents() -> None:
    """Organisation plus programme over 252 characters was an internal error: Word's document
    properties hold at most 255. The header keeps the whole text; the property is shortened."""
    import io

    from docx import Document
    from pypdf import PdfReader

    from upward.render.forms.docx import form_docx
    from upward.render.forms.pdf import form_pdf

    from small_kit import make_kit, profile

    organisation, programme = "O" * 199 + "Ω", "P" * 199 + "Ж"
    kit = make_kit()
    from upward.plan.tailored import tailor_kit
    from upward.render.forms.document import form_document

    tailored = tailor_kit(kit, profile(organisation=organisation, programme=programme))
    document = form_document(kit, kit.forms[0], tailored)
    word = Document(io.BytesIO(form_docx(document)))
    header = word.sections[0].first_page_header.paragraphs[0].text
    assert header == f"{organisation} · {programme}"
    subject = word.core_properties.subject
    assert len(subject) <= 255 and subject.endswith("…") and header.startswith(subject[:-1])
    pdf = PdfReader(io.BytesIO(form_pdf(document)))
    assert pdf.metadata.subject == header


# --- one syntax error, one message ----------------------------------------------------------------

BREAKABLE = ["sources/core.yaml", "questions/social-media.yaml", "sessions/axa-six-monthly.yaml"]


@pytest.mark.parametrize("name", BREAKABLE)
@pytest.mark.parametrize("slip", ["[", "{", '"'])
def test_a_one_character_syntax_error_is_the_one_message(
    name: str, slip: str, kit_copy: Path, run_cli
) -> None:
    """A slip in a file that others refer to made some 300 follow-on problems, the real one
    298th: the checks that depend on the broken file are skipped."""
    path = kit_copy / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- id: "))
    lines[index] = lines[index].replace("- id: ", f"- id: {slip}", 1)
    path.write_text("".join(lines), encoding="utf-8")
    result = run_cli("validate", "--kit", kit_copy)
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.err
    assert f"{name}:" in errors[0] and "YAML" in errors[0], errors


def test_syntax_errors_come_before_other_problems(kit_copy: Path, run_cli) -> None:
    broken = kit_copy / "sources" / "core.yaml"  # sorts after agreements/ and cases/
    broken.write_text(broken.read_text(encoding="utf-8") + "\n  - [\n", encoding="utf-8")
    case = kit_copy / "cases" / "axa-digital.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("title:", "titel:", 1))
    result = run_cli("validate", "--kit", kit_copy, "--json")
    problems = __import__("json").loads(result.out)["problems"]
    assert len(problems) == 2, problems
    assert problems[0]["file"].endswith("sources/core.yaml")
    assert "unknown key 'titel'" in problems[1]["message"]


def test_a_schema_error_still_lets_the_file_s_ids_count(kit_copy: Path, run_cli) -> None:
    """A file that parses but breaks a rule still says which ids it holds: references to them
    are not reported, references to ids it does not hold still are."""
    bank = kit_copy / "questions" / "social-media.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("asked_by:", "askd_by:", 1), encoding="utf-8")
    plan = kit_copy / "sessions" / "three-session-pilot.yaml"
    text = plan.read_text(encoding="utf-8")
    first = text.split("questions:", 1)[1].split("\n", 2)[1].strip().lstrip("- ").strip()
    plan.write_text(text.replace(first, first + "-typo", 1), encoding="utf-8")
    result = run_cli("validate", "--kit", kit_copy)
    errors = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, result.err
    assert "unknown key 'askd_by'" in result.err
    assert f"unknown question id '{first}-typo'" in result.err

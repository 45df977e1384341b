"""The `upward` command's other verbs: forms, new, validate's inventory, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from upward.build.manifest import MANIFEST
from upward.load.kit import load_kit
from upward.load.org_profile import load_profile

from conftest import KIT, ROOT


def test_forms_writes_every_blank_form_in_both_formats(tmp_path: Path, run_cli) -> None:
    """And the application forms' spreadsheet templates too."""
    out = tmp_path / "forms"
    result = run_cli("forms", "-o", out, cwd=ROOT)
    assert result.code == 0, result.err
    kit = load_kit(KIT).kit
    sheets = [f"{f.id}.{suffix}" for f in kit.forms if f.spreadsheet for suffix in ("csv", "xlsx")]
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == sorted(
        [f"{f.id}.{suffix}" for f in kit.forms for suffix in ("pdf", "docx")] + sheets
    )
    assert len(sheets) == 4
    fields = PdfReader(out / "session-log.pdf").get_fields() or {}
    assert fields and all(not (f.get("/V") or "") for f in fields.values() if f.get("/FT") == "/Tx")


def test_new_writes_a_starter_profile_that_tailors(tmp_path: Path, run_cli) -> None:
    profile = tmp_path / "ours.yaml"
    result = run_cli(
        "new", profile, "--organisation", 'Café "Quote" Ltd', "--start", "2027-03-01", cwd=ROOT
    )
    assert result.code == 0, result.err
    kit = load_kit(KIT).kit
    loaded = load_profile(profile, lambda: [p.id for p in kit.purposes])
    assert loaded.organisation == 'Café "Quote" Ltd'
    again = run_cli("new", profile, cwd=ROOT)
    assert again.code != 0 and "already exists" in again.err


def test_validate_prints_the_inventory(run_cli) -> None:
    result = run_cli("validate", cwd=ROOT)
    assert result.code == 0
    assert "the kit is valid" in result.out and "Questions" in result.out


def test_a_missing_kit_folder_is_an_error_not_a_crash(tmp_path: Path, run_cli) -> None:
    result = run_cli("validate", "--kit", tmp_path / "nowhere", cwd=ROOT)
    assert result.code == 1 and "no such kit folder" in result.err


def test_help_lists_every_command(run_cli) -> None:
    result = run_cli("--help", cwd=ROOT)
    for command in ("validate", "build", "serve", "tailor", "forms", "new"):
        assert command in result.out


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("127.0.0.1:99999", "a port from 1 to 65535"),
        ("127.0.0.1:0", "a port from 1 to 65535"),
        ("127.0.0.1", "is not HOST:PORT"),
        ("127.0.0.1:http", "is not HOST:PORT"),
        (":8000", "is not HOST:PORT"),
        ("example.org:8000", "'example.org' is not an IP address"),
    ],
)
def test_serve_refuses_a_bad_address_with_a_message(address: str, words: str, run_cli) -> None:
    result = run_cli("serve", "-a", address, cwd=ROOT)
    assert result.code == 2, result
    assert "--dev-addr" in result.err and words in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err


def test_serve_on_a_port_in_use_says_so(run_cli) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "-a", f"127.0.0.1:{port}", cwd=ROOT)
    assert result.code == 1, result
    assert f"cannot serve on 127.0.0.1:{port}" in result.err and "-a 127.0.0.1:8001" in result.err


@pytest.mark.parametrize(
    "error", [PermissionError(13, "Permission denied", "kit/faq.yaml"), RuntimeError("a bug")]
)
def test_validate_json_prints_json_whatever_goes_wrong(error, monkeypatch, run_cli) -> None:
    import json

    import upward.cli.validate

    def broken(kit_dir: Path, overrides: Path | None = None):
        raise error

    monkeypatch.setattr(upward.cli.validate, "load_kit", broken)
    result = run_cli("validate", "--json", cwd=ROOT)
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False and report["problems"][0]["message"]
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("2027-02-30", "'2027-02-30' is written YYYY-MM-DD, but there is no such day"),
        ("30/02/2027", "'30/02/2027' is not a date written YYYY-MM-DD"),
    ],
)
def test_today_names_a_day_that_does_not_exist_as_such(run_cli, tmp_path: Path, day, says) -> None:
    examples = KIT / "examples"
    for args in (
        ["status", examples / "mid-programme" / "tracker.xlsx"],
        ["report", examples / "returns"],
    ):
        done = run_cli(*args, "--today", day, "-o", tmp_path / args[0])
        assert done.code == 2 and says in done.err, done.err
        assert not (tmp_path / args[0]).exists()


def test_match_s_usage_line_names_what_its_help_explains(run_cli) -> None:
    done = run_cli("match", "--help")
    assert "Usage: upward match [OPTIONS] MENTORS MENTEES [MORE]..." in done.out
    assert "Match MENTORS with MENTEES" in done.out

"""The `upward` command's other verbs: forms, new, validate's inventory, help."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from upward.loading import load_kit, load_profile
from upward.manifest import MANIFEST

from conftest import KIT, ROOT


def test_forms_writes_every_blank_form_in_both_formats(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "forms"
    result = run_cli("forms", "-o", out, cwd=ROOT)
    assert result.code == 0, result.err
    kit = load_kit(KIT).kit
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == sorted(
        f"{f.id}.{suffix}" for f in kit.forms for suffix in ("pdf", "docx")
    )
    fields = PdfReader(out / "session-log.pdf").get_fields() or {}
    assert fields and all(not (f.get("/V") or "") for f in fields.values() if f.get("/FT") == "/Tx")


def test_new_writes_a_starter_profile_that_tailors(tmp_path: Path, run_cli) -> None:
    profile = tmp_path / "ours.yaml"
    result = run_cli("new", profile, "--organisation", 'Café "Quote" Ltd', cwd=ROOT)
    assert result.code == 0, result.err
    kit = load_kit(KIT).kit
    loaded = load_profile(profile, lambda: [p.id for p in kit.purposes])
    assert loaded.organisation == 'Café "Quote" Ltd'
    again = run_cli("new", profile, cwd=ROOT)
    assert again.code != 0 and "already exists" in again.err


def test_validate_prints_the_inventory(run_cli) -> None:
    result = run_cli("validate", cwd=ROOT)
    assert result.code == 0
    assert "the kit is valid" in result.out and "questions" in result.out


def test_a_missing_kit_folder_is_an_error_not_a_crash(tmp_path: Path, run_cli) -> None:
    result = run_cli("validate", "--kit", tmp_path / "nowhere", cwd=ROOT)
    assert result.code == 1 and "no such kit folder" in result.err


def test_help_lists_every_command(run_cli) -> None:
    result = run_cli("--help", cwd=ROOT)
    for command in ("validate", "build", "serve", "tailor", "forms", "new"):
        assert command in result.out

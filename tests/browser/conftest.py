"""A real browser over the built sites: Debian's Chromium driven by Python Playwright (no
browser download), axe-core from tests/browser/node_modules, and no network at all.

The general site and one tailored kit are built once per session. The general site is served
on 127.0.0.1 (a random port); the tailored kit is opened from disk (file://), as a programme
lead would open it from the zip. Every request goes through a route that lets through only
file:, data:, blob: and loopback URLs and records anything else, so a test can assert that no
page reached out.

Without Chromium the tests fail rather than skip, unless UPWARD_SKIP_BROWSER=1 is set.
UPWARD_BROWSER_SITE and UPWARD_BROWSER_KIT may name a general site and a tailored kit folder
built beforehand, to skip the builds while working on the tests.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PROFILE = ROOT / "kit" / "examples" / "northwind.yaml"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # else Chromium calls home at every start
    "--disable-component-update",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Matched inside the browser driver, so local requests (most of them) need no round trip to
# Python; everything else is recorded and aborted.
NOT_LOCAL = re.compile(
    r"^(?!(file|data|blob|about|chrome-error):|(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])[:/])"
)


def chromium_executable() -> str | None:
    """Debian's Chromium, or the one UPWARD_CHROMIUM names."""
    wanted = os.environ.get("UPWARD_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if os.environ.get("UPWARD_SKIP_BROWSER") == "1":
        pytest.skip("UPWARD_SKIP_BROWSER=1: browser tests skipped on purpose")
    path = chromium_executable()
    if not path:
        pytest.fail(
            "Chromium is missing: run `make browser` (installs Debian's chromium), or set "
            "UPWARD_SKIP_BROWSER=1 to skip the browser tests on purpose.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(
            f"{AXE.relative_to(ROOT)} is missing: run `make browser` (npm ci in tests/browser).",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pw_browser(chromium_path: str):
    """One Chromium for the whole session; each test opens its own context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=FLAGS
        )
        yield browser
        browser.close()


# --- the sites --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sites:
    general: Path  # the general site's folder (served over HTTP)
    kit: Path  # the tailored kit's folder; its site/ is opened from disk

    @property
    def kit_site(self) -> Path:
        return self.kit / "site"


@pytest.fixture(scope="session")
def sites(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Sites:
    prebuilt_site = os.environ.get("UPWARD_BROWSER_SITE")
    prebuilt_kit = os.environ.get("UPWARD_BROWSER_KIT")
    if prebuilt_site and prebuilt_kit:
        return Sites(Path(prebuilt_site).resolve(), Path(prebuilt_kit).resolve())
    from upward.build.orchestration import build_general_site, tailor
    from upward.build.project import Project

    base = tmp_path_factory.mktemp("browser")
    project = Project.at(ROOT)
    build_general_site(project, base / "site")
    result = tailor(project, PROFILE, base / "kit", force=True)
    return Sites(base / "site", result.folder)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a page left mid-load drops its connections: not a failure


def _serve(folder: Path) -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(sites: Sites) -> Iterator[str]:
    """The general site on http://127.0.0.1:<random port>/ (a thread, stopped at the end)."""
    yield from _serve(sites.general)


@pytest.fixture(scope="session")
def kit_server(sites: Sites) -> Iterator[str]:
    """The tailored kit's site served the same way, as a programme lead might put it on an
    intranet: the only way its 404 page, whose links start at the server's root, is styled."""
    yield from _serve(sites.kit_site)


# --- guarded pages ----------------------------------------------------------------------


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOOPBACK


@dataclass
class Guard:
    """What a context saw: requests to other hosts (aborted) and errors in the console."""

    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def reset(self) -> None:
        self.external.clear()
        self.errors.clear()

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"{page.url}: console.{message.type}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))


@pytest.fixture
def open_page(pw_browser) -> Iterator[Callable[..., tuple[object, Guard]]]:
    """`open_page(**context_options)` -> (page, guard) in a fresh context that blocks
    service workers and every request that is not local."""
    contexts = []

    def make(init_script: str | None = None, **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = pw_browser.new_context(service_workers="block", accept_downloads=True, **options)
        contexts.append(context)
        guard = Guard()

        def refuse(route) -> None:
            guard.external.append(route.request.url)
            route.abort()

        context.route(NOT_LOCAL, refuse)
        # Requests a route may not see (from workers, say) are still recorded here.
        context.on(
            "request",
            lambda request: (
                None
                if is_local(request.url) or request.url in guard.external
                else guard.external.append(request.url)
            ),
        )
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        guard.watch(page)
        return page, guard

    yield make
    for context in contexts:
        context.close()


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""What a colour scheme changes: a page checked in full in one scheme is checked for these in
the other (a fraction of the time of a full run)."""


def run_axe(page, axe_source: str, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical WCAG 2 A/AA violations on the page, as plain dicts; only `rules`
    when given."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    only = (
        {"type": "rule", "values": rules}
        if rules
        else {"type": "tag", "values": ["wcag2a", "wcag2aa"]}
    )
    result = page.evaluate(
        """only => axe.run(document, {
            runOnly: only,
            preload: false,  // else axe re-fetches stylesheets, which file:// pages refuse
            resultTypes: ['violations'],
        })""",
        only,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1)


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def screenshots_dir() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

"""Shared fixtures: build the real site once per test worker, serve it, drive Chromium.

Builds use a fixed SOURCE_DATE_EPOCH (``REFERENCE``) so dates are predictable;
tests compute expectations through the domain code or independent parsers,
never by hard-coding them.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import importlib.metadata
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# 2026-11-23 12:00 UTC: a Monday, four weeks before the Christmas holidays.
REFERENCE_EPOCH = 1795435200
REFERENCE = dt.datetime.fromtimestamp(REFERENCE_EPOCH, dt.timezone.utc).date()
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The build engines and the environment the Makefile makes for each (README, "Engines").
ENGINES = {"mkdocs": ".venv", "properdocs": ".venv-properdocs"}


def _installed_engine() -> str:
    for name in ENGINES:
        try:
            importlib.metadata.distribution(name)
            return name
        except importlib.metadata.PackageNotFoundError:
            continue
    return "mkdocs"


# ENGINE=properdocs make test; without it, the engine installed next to this Python.
ENGINE = os.environ.get("ENGINE") or _installed_engine()


def engine_command(*args: str, engine: str = ENGINE) -> list[str]:
    """The one way the tests and the bench start the engine: ``engine_command("build", "--strict")``.

    The other engine runs from its own environment (``ENGINES``), as the Makefile installs it.
    """
    python = sys.executable if engine == ENGINE else str(ROOT / ENGINES[engine] / "bin" / "python")
    return [python, "-m", engine, *args]


def activity_sources(folder: Path) -> list[Path]:
    """The activity files in ``folder``, sorted: not their translation siblings (``<slug>.<code>.md``)."""
    return sorted(p for p in folder.glob("*.md") if "." not in p.stem)


def build_site(project: Path, out: Path, epoch: int = REFERENCE_EPOCH, strict: bool = True,
               config: str = "mkdocs.yml", extra_env: dict | None = None,
               engine: str = ENGINE) -> subprocess.CompletedProcess:
    """Run a real build (``mkdocs build``, or the ENGINE's) of ``project`` into ``out``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    cmd = engine_command("build", "--clean", "-f", str(project / config), "-d", str(out), engine=engine)
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)


def copy_project(dest: Path, content: Path | None = None) -> Path:
    """A copy of this project (config, hooks, overrides) with the given content dir."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(content or ROOT / "content", dest / "content")
    return dest


def make_project(dest):
    """A copy of the project that `make` can run in: the Makefile with its inputs, the installed tools linked."""
    project = copy_project(dest)
    old = 946684800  # 2000-01-01: older than any install stamp (an hour ago was not, for a .venv installed earlier)
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        (project / name).write_bytes((ROOT / name).read_bytes())
        if name != "Makefile":
            os.utime(project / name, (old, old))  # older than the install stamps: nothing is reinstalled
    for name in dict.fromkeys((".venv", ENGINES[ENGINE], "node_modules")):  # the engine's own too (ENGINE=properdocs)
        (project / name).symlink_to(ROOT / name)
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample site, built once per worker with ``REFERENCE_EPOCH``."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="session")
def catalog():
    """The sample content as the domain sees it, on the reference date."""
    from activity_directory.content.loading import load_catalog

    loaded, problems = load_catalog(ROOT / "content", ROOT, today=REFERENCE)
    assert not problems, problems
    return loaded


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar; charset=utf-8", ".json": "application/json",
                      ".csv": "text/csv; charset=utf-8", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    # The default backlog of 5 can overflow when a page fetches many small files at
    # once on a busy machine: a dropped connection is retried by the browser after
    # seconds, which made waits time out now and then.
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # A browser that closes a connection early (a redirect, a page closed mid-load) is not a
        # problem of the site: no traceback in the test output for it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL (ending in '/') of the built sample site on a local server."""
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium ontbreekt: 'make test' installeert het (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page; records console errors and every requested host."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.console_errors = []
    tab.requested = []
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
    tab.on("request", lambda r: tab.requested.append(r.url))
    yield tab
    context.close()


def wait_until(page, expression: str, timeout: float = 15.0, interval: float = 0.1):
    """Poll a JavaScript expression until it is truthy.

    Playwright's ``wait_for_function`` evaluates strings with ``eval``, which the
    site's Content-Security-Policy (rightly) forbids; ``page.evaluate`` goes
    through the DevTools protocol and is not affected.
    """
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for: {expression}")
        time.sleep(interval)

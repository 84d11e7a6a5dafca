"""The editor's own loop: `mkdocs serve` reloads the browser when a file is saved.

MkDocs injects its live-reload script into every page it serves; the site's
CSP allows exactly that script (by its hash, per page) and no other inline
script. Checked in Chromium against a real `mkdocs serve` of a copy of the
project: no CSP violation, and an edit to an activity shows up without
touching the browser. Also: no English end-of-life banner before the Dutch
messages of `make check` and `make serve`.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ENGINE, ENGINES, REFERENCE_EPOCH, engine_command, make_project

pytestmark = pytest.mark.browser

SLUG = "peuter-en-kleutersport-poort"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(url: str, process, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("mkdocs serve stopped")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"mkdocs serve did not answer on {url}")


def _settle(page, expression: str, timeout: float):
    """Like conftest.wait_until, but survives the page reloading under it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = page.evaluate(expression)
            if value:
                return value
        except Exception:  # the page is navigating (that is the point)
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {expression}")


def _without_banner_switch() -> dict:
    """The environment of an editor's terminal: the Makefile itself must switch Material's banner off."""
    return {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "MAKEFLAGS", "MFLAGS")}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One `make serve` for this module; the tests below run in file order and edit its content."""
    tmp_path = tmp_path_factory.mktemp("serve")
    project = make_project(tmp_path / "project")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    process = subprocess.Popen(["make", "-s", "serve", f"ADDR=127.0.0.1:{port}"], cwd=project, stdout=log,
                               stderr=subprocess.STDOUT, env={**_without_banner_switch(), "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH)},
                               start_new_session=True)
    try:
        _wait_for_server(f"http://127.0.0.1:{port}/", process)
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # make and the mkdocs it started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_the_policy_allows_only_that_script(served):
    _, base, _ = served
    with urllib.request.urlopen(f"{base}activiteiten/{SLUG}/", timeout=30) as response:
        html = response.read().decode("utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "'unsafe-inline'" not in policy
    from activity_directory.publish import safety

    script = re.findall(r"<script>(.*?)</script>", html, re.S)[-1]
    assert "livereload(" in script and safety.script_hash(script) in policy


def test_saving_a_file_reloads_the_page_without_csp_violations(served, browser):
    project, base, _ = served
    context = browser.new_context(locale="nl-NL")
    context.add_init_script("""window.__csp = window.__csp || [];
      document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.sample || '')));""")
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text))
    try:
        page.goto(f"{base}activiteiten/{SLUG}/", wait_until="load")
        html = page.content()
        assert "livereload(" in html, "mkdocs serve injected no live-reload script"
        _settle(page, "document.readyState === 'complete'", 30)
        _settle(page, "true", 1)
        assert any("live reload" in text for text in console), console  # the script ran
        assert page.evaluate("window.__csp") == []
        page.evaluate("window.__marker = 1")  # gone once the page reloads

        source = project / "content" / "activities" / f"{SLUG}.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("titel: Peuter- en kleutersport Poort", "titel: Peutersport Poort vernieuwd", 1),
                          encoding="utf-8")
        _settle(page, "!window.__marker && document.querySelector('h1') && "
                      "document.querySelector('h1').textContent.includes('Peutersport Poort vernieuwd')", 120)
        assert page.evaluate("window.__csp") == []
    finally:
        context.close()


def test_no_english_banner_before_the_dutch_messages(served, tmp_path):
    """Material prints an English end-of-life banner first thing; `make serve` and `make check` must not."""
    project, _, log = served
    log.flush()
    log.seek(0)
    assert "end of life" not in log.read()
    source = project / "content" / "activities" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("dag: maandag", "dag: maandg", 1), encoding="utf-8")
    check = subprocess.run(["make", "-s", "check"], cwd=project, capture_output=True, text=True,
                           env=_without_banner_switch(), timeout=300)
    assert check.returncode != 0  # make says 2 when the check says 1
    output = check.stdout + check.stderr
    assert "end of life" not in output and "Zensical" not in output
    assert output.lstrip().startswith(f"content/activities/{SLUG}.md:"), output[:300]
    # the banner is real: Material prints it under MkDocs when nothing switches it off (under other
    # engines, ProperDocs too, it stays silent by itself: material/templates/__init__.py, is_mkdocs)
    banner = subprocess.run(engine_command("build", "-q", "-d", str(tmp_path / "out"), engine="mkdocs"), cwd=project,
                            capture_output=True, text=True, env=_without_banner_switch(), timeout=300)
    assert "end of life" in banner.stdout + banner.stderr

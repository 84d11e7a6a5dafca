"""The web editor (/admin/): Decap CMS from the site itself, configured from the model.

* the config covers every key of the model, with the editorial workflow and
  the GitHub backend;
* /admin/ loads scripts only from the site (its own CSP, stricter where it can
  be), makes no request to another host before login;
* the file format keeps files byte for byte when nothing changed and changes
  only the changed lines otherwise (checked with the real module in Chromium,
  against every sample activity and the real validator);
* end to end with decap-server: create an activity through the form and change
  a time of another; the files written pass `make check`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from activity_directory.editors import cms, decapfixes, formatdocs, newactivity
from activity_directory.content.fieldtypes import ContentFile, Either, TextOr
from activity_directory.content.holidays import HolidayCalendar
from activity_directory.content.loading import load_activity
from activity_directory.content.model import ACTIVITY
from activity_directory.publish import safety

from conftest import activity_sources, REFERENCE_EPOCH, ROOT, build_site, copy_project, serve, wait_until
from gates import parse

SAMPLES = activity_sources(ROOT / "content" / "activities")


def _config(site: Path) -> dict:
    return yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))


def _fields(fields: list[dict], prefix: str = ""):
    for field in fields:
        path = prefix + field["name"]
        yield path, field
        if "fields" in field:
            yield from _fields(field["fields"], path + ".")


# -- the configuration ------------------------------------------------------------

def test_config_covers_every_key_of_the_model(built_site):
    config = _config(built_site)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github" and config["backend"]["branch"] == "main"
    assert "local_backend" not in config  # only for `make cms`
    [collection] = config["collections"]
    assert collection["format"] == cms.FORMAT and collection["folder"] == "content/activities"
    by_path = dict(_fields(collection["fields"]))
    keys = [path for path, _ in formatdocs.walk()]
    assert set(keys) <= set(by_path), set(keys) - set(by_path)
    # top-level fields in the model's order (Decap writes new files in this order)
    assert [f["name"] for f in collection["fields"]][:len(ACTIVITY.fields)] == [f.key for f in ACTIVITY.fields]
    for path, spec in formatdocs.walk():
        field = by_path[path]
        assert field["label"] == spec.label, path
        if isinstance(spec.type, (Either, TextOr)):
            assert field["widget"] == cms.EITHER_WIDGET and field["fields"], path
        if isinstance(spec.type, ContentFile):
            assert field["widget"] == "image" and field["media_folder"].startswith("/content/"), path
    assert by_path["alternatief"]["widget"] == "relation" and by_path["alternatief"]["collection"] == collection["name"]
    assert config["media_folder"].startswith("content/")


def test_deployment_settings_come_from_the_environment():
    settings = cms.Settings.from_environment({"GITHUB_REPOSITORY": "gemeente-x/gids", "CMS_AUTH_URL": "https://login.example.org",
                                              "CMS_LOCAL_BACKEND": "http://127.0.0.1:8081/api/v1"})
    data = cms.config_data(None, settings)
    assert data["backend"] == {"name": "github", "repo": "gemeente-x/gids", "branch": "main", "base_url": "https://login.example.org"}
    assert data["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert "http://127.0.0.1:8081" in cms.admin_policy(settings)
    assert cms.Settings.from_environment({"CMS_REPO": "a/b", "GITHUB_REPOSITORY": "c/d"}).repo == "a/b"


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: rest for name, *rest in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("environ, backend, allowed", [
    ({"CMS_BACKEND": "gitlab", "CMS_APP_ID": "app-1"},
     {"name": "gitlab", "api_root": "https://gitlab.com/api/v4", "base_url": "https://gitlab.com",
      "auth_type": "pkce", "app_id": "app-1"}, "https://gitlab.com"),
    ({"CMS_BACKEND": "GitLab", "CMS_SERVER_URL": "https://git.gemeente.nl/", "CMS_APP_ID": "app-2"},
     {"name": "gitlab", "api_root": "https://git.gemeente.nl/api/v4", "base_url": "https://git.gemeente.nl",
      "auth_type": "pkce", "app_id": "app-2"}, "https://git.gemeente.nl"),
    ({"CMS_BACKEND": "gitea", "CMS_SERVER_URL": "https://gitea.gemeente.nl", "CMS_APP_ID": "app-3"},
     {"name": "gitea", "api_root": "https://gitea.gemeente.nl/api/v1", "base_url": "https://gitea.gemeente.nl",
      "app_id": "app-3"}, "https://gitea.gemeente.nl"),
    ({"CMS_BACKEND": "forgejo", "CMS_APP_ID": "app-4"},
     {"name": "forgejo", "api_root": "https://codeberg.org/api/v1", "app_id": "app-4"}, "https://codeberg.org"),
])
def test_every_sign_in_route_comes_from_repository_variables(environ, backend, allowed):
    settings = cms.Settings.from_environment({"CMS_REPO": "gemeente-x/gids", **environ})
    data = yaml.safe_load(cms.config_yaml(None, settings))
    assert data["backend"] == {"repo": "gemeente-x/gids", "branch": "main", **backend}
    directives = _directives(cms.admin_policy(settings))
    # the token (PKCE) and the API are on the forge's own address; nothing of GitHub is allowed then
    assert directives["connect-src"] == ["'self'", "blob:", allowed]
    assert cms.GITHUB_API not in cms.admin_policy(settings)


def test_the_github_routes_keep_their_variables():
    plain = cms.config_data(None, cms.Settings.from_environment({"CMS_REPO": "a/b", "CMS_BACKEND": ""}))
    assert plain["backend"] == {"name": "github", "repo": "a/b", "branch": "main"}
    helper = cms.Settings.from_environment({"CMS_REPO": "a/b", "CMS_BACKEND": "github", "CMS_AUTH_URL": "https://login.example.org"})
    assert cms.config_data(None, helper)["backend"]["base_url"] == "https://login.example.org"
    enterprise = cms.Settings.from_environment({"CMS_REPO": "a/b", "CMS_SERVER_URL": "https://github.gemeente.nl"})
    assert cms.config_data(None, enterprise)["backend"]["api_root"] == "https://github.gemeente.nl/api/v3"
    assert "https://github.gemeente.nl" in _directives(cms.admin_policy(enterprise))["connect-src"]


def test_an_unknown_backend_is_a_dutch_message():
    with pytest.raises(ValueError, match="CMS_BACKEND='bitbucket': kies uit github, gitlab, gitea, forgejo"):
        cms.Settings.from_environment({"CMS_BACKEND": "bitbucket"})


# -- the page ---------------------------------------------------------------------

def test_admin_loads_scripts_only_from_the_site(built_site):
    page = built_site / "admin" / "index.html"
    collector = parse(page)
    sources = [attrs["src"] for attrs, _ in collector.scripts if attrs.get("src")]
    assert sources and all(not urlsplit(src).netloc and not src.startswith("//") for src in sources), sources
    # one inline script: the frame guard, allowed by its hash (test_headers.py frames the page in Chromium)
    assert [text for attrs, text in collector.scripts if not attrs.get("src")] == [cms.FRAME_GUARD], "inline script"
    for src in sources:
        assert (page.parent / src).resolve().is_file(), src
    [policy] = [a["content"] for t, a in collector.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    # no host, no inline script but the frame guard
    assert directives["script-src"] == f"'self' {safety.script_hash(cms.FRAME_GUARD)} 'unsafe-eval'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    # blob: lets Decap read back the drafts it keeps in the browser (issue 21: "Failed to fetch", nothing restored)
    assert directives["connect-src"].split() == ["'self'", "blob:", cms.GITHUB_API]


def test_the_bundle_comes_from_node_modules_and_is_not_committed(built_site):
    bundle = built_site / "admin" / "vendor" / "decap-cms.js"
    source = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
    original = source.read_text(encoding="utf-8")
    # the pinned bundle, with Decap's draft bug fixed in the copy (editors/decapfixes.py): each fix
    # still finds its code exactly once (a Decap update that moves it fails here, not silently)
    for fix in decapfixes.fixes_for("decap-cms.js"):
        assert decapfixes.applies(fix, original), f"{fix.why}: Decap's code changed, look at the fix again"
        original = original.replace(fix.old, fix.new)
    assert bundle.read_text(encoding="utf-8") == original
    assert bundle.stat().st_size > 1024 * 1024  # which is why it is copied at build time
    for chunk in sorted(source.parent.glob("*.decap-cms.js"))[:5]:  # the chunks as they are
        assert (bundle.parent / chunk.name).read_bytes() == chunk.read_bytes()
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [name for name in tracked if name.endswith("decap-cms.js") or "/vendor/yaml/" in name]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    for name in ("decap-cms", "decap-server", "yaml"):
        assert pinned[name] == lock["packages"][f"node_modules/{name}"]["version"], name


@pytest.mark.browser
def test_admin_in_chromium_makes_no_request_elsewhere(browser, site_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_init_script("""window.__csp = [];
      document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda r: requested.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(site_url + "admin/", wait_until="networkidle")
        page.get_by_role("button", name="Inloggen met GitHub").wait_for(timeout=30000)
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert page.evaluate("window.__csp") == []
        assert not errors, errors
    finally:
        context.close()
    host = urlsplit(site_url).netloc
    assert requested and all(urlsplit(u).netloc == host for u in requested), [u for u in requested if host not in u]


# -- the file format (the real module, in Chromium) ------------------------------------

ROUND_TRIP = """async (files) => {
  const f = await import('/assets/cms-format.js');
  const y = await import('/admin/vendor/yaml/index.js');
  const config = y.parse(await (await fetch('/admin/config.yml')).text());
  const format = f.makeFormat(f.fieldOrder(config.collections[0].fields));
  const copy = (data) => JSON.parse(JSON.stringify(data));
  const out = {};
  for (const [name, text] of Object.entries(files)) {
    const data = format.fromFile(text);
    const edited = copy(data);
    edited.tijden[0].van = '07:45';
    const fresh = copy(data);
    delete fresh[f.ORIGINAL];
    fresh.tijden[0].van = '07:45';
    out[name] = {same: format.toFile(copy(data)), edited: format.toFile(edited), fresh: format.toFile(fresh)};
  }
  return out;
}"""


@pytest.fixture(scope="module")
def round_trips(browser, site_url):
    files = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES}
    template = newactivity.template("Peutergym Noord", dt.date(2026, 11, 23))
    filled = (template.replace("samenvatting:\n", "samenvatting: Gym voor peuters.\n").replace("organisatie:\n", "organisatie: de-schoor\n")
              .replace("soort:\n", "soort: [sport]\n").replace("  van:\n", "  van: 2\n").replace("kosten:\n", "kosten: gratis\n")
              .replace("aanmelden:\n", "aanmelden: inloop\n").replace("  naam:\n", "  naam: Zaal\n").replace("  wijk:\n", "  wijk: filmwijk\n")
              .replace("  - dag:\n", "  - dag: maandag\n").replace("    van:\n", '    van: "09:30"\n').replace("    tot:\n", '    tot: "10:15"\n')
              .replace("schoolvakanties:\n", "schoolvakanties: vrij\n"))
    files["nieuw-sjabloon.md"] = filled
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "redactie/")  # any page of the site will do: the module is imported from there
        results = page.evaluate(ROUND_TRIP, files)
    finally:
        context.close()
    return files, results


def _valid(text: str, site_data, name: str) -> list[str]:
    path = ROOT / "content" / "activities" / name
    _, problems = load_activity(path, site_data, HolidayCalendar(tuple(site_data.school_holidays)), name, text=text,
                                content_dir=ROOT / "content")
    return [str(p) for p in problems]


@pytest.mark.browser
def test_saving_unchanged_keeps_every_file_byte_for_byte(round_trips):
    files, results = round_trips
    changed = [name for name, text in files.items() if results[name]["same"] != text]
    assert not changed, changed


@pytest.mark.browser
def test_a_change_touches_only_its_line_and_stays_valid(round_trips, catalog):
    files, results = round_trips
    for name, text in files.items():
        edited = results[name]["edited"]
        diff = [line for line in difflib.unified_diff(text.splitlines(), edited.splitlines(), lineterm="", n=0)
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        assert len(diff) == 2 and "07:45" in diff[1], (name, diff)
        assert _valid(edited, catalog.site, name) == [], name
    # comments of the commented template survive a change
    assert results["nieuw-sjabloon.md"]["edited"].count("\n#") == files["nieuw-sjabloon.md"].count("\n#")


@pytest.mark.browser
def test_a_new_file_follows_the_model_order_and_house_style(round_trips, catalog):
    files, results = round_trips
    for name in files:
        fresh = results[name]["fresh"]
        assert _valid(fresh, catalog.site, name) == [], (name, fresh)
        keys = [m.group(1) for m in re.finditer(r"^([a-z_]+):", fresh.split("---")[1], re.M)]
        order = [f.key for f in ACTIVITY.fields]
        assert keys == sorted(keys, key=order.index), (name, keys)
        assert 'van: "07:45"' in fresh  # times between quotes, as the guide asks


# -- end to end: the form, decap-server, the working tree ---------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def local_cms(tmp_path_factory):
    """A copy of the project in git, its site built for `make cms`, and decap-server writing to it."""
    base = tmp_path_factory.mktemp("cms")
    project = copy_project(base / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    git = ["git", "-c", "user.email=test@example.org", "-c", "user.name=Test"]
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text("node_modules\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=project, check=True)
    port = _free_port()
    backend = f"http://127.0.0.1:{port}/api/v1"
    result = build_site(project, base / "site", extra_env={"CMS_LOCAL_BACKEND": backend})
    assert result.returncode == 0, result.stderr[-3000:]
    server = serve(base / "site")
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(project),
           "ORIGIN": origin, "LOG_LEVEL": "warn"}
    proxy = subprocess.Popen([shutil.which("node"), str(ROOT / "node_modules" / "decap-server" / "dist" / "index.js")],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proxy.poll() is None, "decap-server did not start"
                time.sleep(0.3)
        yield project, origin + "/admin/"
    finally:
        proxy.terminate()
        proxy.wait(timeout=20)
        server.shutdown()


def _open(browser, admin: str):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(admin, wait_until="networkidle")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Activiteiten").first.wait_for()
    return context, page


def _select(page, label: str, text: str, nth: int = 0) -> None:
    box = page.get_by_label(label, exact=True).nth(nth)
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")


def _click_now(page, label: str) -> None:
    """The 'Nu' (today) button of a date field, found from its label."""
    page.evaluate("""(label) => {
      let node = [...document.querySelectorAll('label')].find(l => l.textContent.startsWith(label));
      while (node && ![...node.querySelectorAll('button')].some(b => b.textContent === 'Nu')) node = node.parentElement;
      [...node.querySelectorAll('button')].find(b => b.textContent === 'Nu').click();
    }""", label)


def _expand(page, summary: str) -> None:
    """Open a collapsed item of a list, found by its summary line."""
    page.evaluate("""(summary) => {
      const label = [...document.querySelectorAll('div')].find(d => d.children.length === 0 && d.textContent === summary);
      label.parentElement.querySelector('button').click();
    }""", summary)


def _publish(page) -> None:
    page.get_by_role("button", name="Publiceer").first.click()
    page.get_by_text("Publiceer nu").click()


def _wait_for_file(path: Path, condition=lambda text: True, timeout: float = 60) -> str:
    """The file's text once decap-server has finished writing it.

    The server creates the file before it writes the content, so a read can see an empty or
    half-written file (CI once got one without its closing '---'). Wait until the front matter is
    closed, the condition holds and two reads 0.3 s apart agree."""
    deadline = time.monotonic() + timeout
    previous = None
    while time.monotonic() < deadline:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            complete = text.startswith("---") and text.count("\n---") >= 1 and condition(text)
            if complete and text == previous:
                return text
            previous = text if complete else None
        time.sleep(0.3)
    raise AssertionError(f"{path} not written as expected")


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project, capture_output=True,
                          text=True, env={**os.environ, "CHECK_BASE": "HEAD"}, timeout=120)


def fill_new_activity(page, title: str, values: dict[str, str] | None = None) -> None:
    """A complete new activity in the open form (free, walk-in, Wednesdays in Filmwijk); ``values``
    replaces what goes in the fields with these labels (ages and times)."""
    values = {"Van (jaar)": "2", "Tot en met (jaar) (optioneel)": "4", "Van": "09:30", "Tot": "10:15", **(values or {})}
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Samenvatting", exact=True).fill("Bewegen en spelen voor peuters met hun ouder.")
    _select(page, "Organisatie", "Buurtsportteam Almere Stad")
    _select(page, "Soort", "Sport")
    page.get_by_label("Van (jaar)", exact=True).fill(values["Van (jaar)"])
    page.get_by_label("Tot en met (jaar) (optioneel)", exact=True).fill(values["Tot en met (jaar) (optioneel)"])
    page.get_by_label("gratis", exact=True).check()
    page.get_by_label("inloop", exact=True).check()
    page.get_by_label("Naam (optioneel)", exact=True).first.fill("Gymzaal Filmwijk")
    _select(page, "Wijk (optioneel)", "Filmwijk")
    page.get_by_role("button", name="Voeg tijden toe").click()
    _select(page, "Dag (optioneel)", "woensdag")
    page.get_by_label("Van", exact=True).fill(values["Van"])
    page.get_by_label("Tot", exact=True).fill(values["Tot"])
    _select(page, "Schoolvakanties", "vrij")
    _click_now(page, "Gecontroleerd op")


@pytest.mark.browser
def test_create_an_activity_through_the_form(browser, local_cms):
    project, admin = local_cms
    context, page = _open(browser, admin)
    try:
        page.goto(admin + "#/collections/activiteiten/new")
        fill_new_activity(page, "Peutergym Filmwijk")
        _publish(page)
        text = _wait_for_file(project / "content" / "activities" / "peutergym-filmwijk.md")
        assert not page.errors, page.errors
    finally:
        context.close()
    data = yaml.safe_load(text.split("---")[1])
    assert data["titel"] == "Peutergym Filmwijk" and data["kosten"] == "gratis" and data["locatie"]["wijk"] == "filmwijk"
    assert 'van: "09:30"' in text
    result = _check(project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_change_a_time_of_another_activity(browser, local_cms):
    project, admin = local_cms
    path = project / "content" / "activities" / "peuter-en-kleutersport-poort.md"
    before = path.read_text(encoding="utf-8")
    context, page = _open(browser, admin)
    try:
        page.goto(admin + "#/collections/activiteiten/entries/peuter-en-kleutersport-poort")
        page.get_by_label("Titel", exact=True).wait_for()
        _expand(page, "maandag 09:30 10:15")  # open the first time
        field = page.get_by_label("Van", exact=True).first
        assert field.input_value() == "09:30"
        field.fill("09:45")
        _click_now(page, "Gecontroleerd op")  # a changed time needs today's date (make check says so too)
        _publish(page)
        after = _wait_for_file(path, lambda t: "09:45" in t)
        assert not page.errors, page.errors
    finally:
        context.close()
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert len(diff) == 4, diff  # the time and 'gecontroleerd', nothing else
    assert any('van: "09:45"' in line for line in diff)
    result = _check(project)
    assert result.returncode == 0, result.stdout + result.stderr



# -- drafts and Dutch on the form (issue 21, parts 3 and 4) -----------------------------

ENGLISH_LEFT = re.compile(r"\b(UTC|Remove|Strikethrough|Quote|Set .* to now|Expand|Collapse|Heading)\b")


def _english(page) -> list[str]:
    """Visible text, aria-labels and titles on the page that are still English."""
    texts = page.evaluate("""() => [document.body.innerText,
      ...[...document.querySelectorAll('[aria-label],[title]')].flatMap(e => [e.getAttribute('aria-label') || '', e.getAttribute('title') || ''])]""")
    return [match.group(0) for text in texts for match in ENGLISH_LEFT.finditer(text)]


@pytest.mark.browser
def test_the_new_entry_form_has_no_english_left_and_no_console_error(browser, local_cms):
    """Issue 21.4: Decap's Dutch completed (overrides/assets/cms-nl.js) and dates without 'UTC'."""
    _, admin = local_cms
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        page.goto(admin, wait_until="networkidle")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Activiteiten").first.wait_for()
        page.goto(admin + "#/collections/activiteiten/new")
        page.get_by_label("Titel", exact=True).fill("Zwemmen voor peuters in Poort")
        _select(page, "Soort", "Sport")
        page.get_by_label("Gecontroleerd op", exact=True).wait_for()
        assert not _english(page), _english(page)
        assert not problems, problems
    finally:
        context.close()


BACKUP_QUESTION = "Je browser heeft nog een versie die je niet hebt bewaard. Wil je die terugzetten?"


@pytest.mark.browser
@pytest.mark.parametrize("entry", ["new", "peuter-en-kleutersport-poort"])
def test_a_reload_brings_the_unsaved_draft_back(browser, local_cms, entry):
    """Issue 21.3: type, reload (or close the tab and open it again), say yes: the draft is in the
    form, for a new entry and for an existing one, with no console error on the way. Decap itself put
    the draft in and then let the entry that came from the repository replace it (decapfixes.py)."""
    project, admin = local_cms
    path = project / "content" / "activities" / "peuter-en-kleutersport-poort.md"
    before = path.read_text(encoding="utf-8")
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems, questions = [], []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)

    def answer(dialog):
        questions.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", answer)
    url = admin + ("#/collections/activiteiten/new" if entry == "new" else f"#/collections/activiteiten/entries/{entry}")
    draft = "Peutergym op zaterdag, nog niet klaar"
    try:
        page.goto(admin, wait_until="networkidle")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Activiteiten").first.wait_for()
        page.goto(url)
        title = page.get_by_label("Titel", exact=True)
        title.wait_for()
        if entry != "new":
            wait_until(page, "document.querySelector('input[id]') && [...document.querySelectorAll('input')].some(i => i.value.length > 0)")
        title.fill(draft)
        # Decap keeps the draft in the browser 2 s after the last change (IndexedDB, through localForage)
        wait_until(page, """new Promise(done => { const open = indexedDB.open('localforage');
          open.onsuccess = () => { try { const get = open.result.transaction('keyvaluepairs').objectStore('keyvaluepairs').getAllKeys();
            get.onsuccess = () => done(get.result.some(k => String(k).startsWith('backup.activiteiten'))); get.onerror = () => done(false);
          } catch (e) { done(false); } }; open.onerror = () => done(false); })""", timeout=20)
        page.reload()
        title = page.get_by_label("Titel", exact=True)
        title.wait_for()
        wait_until(page, f"[...document.querySelectorAll('input')].some(i => i.value === {json.dumps(draft)})", timeout=20)
        page.wait_for_timeout(1500)  # the entry from the repository has come in by now: the draft must stay
        assert title.input_value() == draft
        assert ("confirm", BACKUP_QUESTION) in questions, questions
        assert not problems, problems
    finally:
        context.close()
    assert path.read_text(encoding="utf-8") == before  # nothing saved: only the browser kept it

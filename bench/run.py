"""Benchmark (not a test): build time, memory, home page size and load, filter speed, feeds, preview.

For N = 100, 1,000, 5,000 and 20,000 synthetic but valid activities (real
format, varied wijken, ages, days, costs and body text) in a temp copy of the
project (``BENCH_MAX=5000`` leaves out the larger N on a slow machine):

* the full site build (``mkdocs build --strict``), and as the baseline in the
  same run a bare Material site with N Markdown pages (no hooks, not in nav),
  each timed five times (three at 5,000), the two back to back in every round;
  the ratio is the median of the rounds' ratios;
* seconds, pages per second, ratio to the baseline, CPU time (user + system of
  the build and every process it started) and its ratio to the baseline, the
  machine's load per round, peak memory of the build process (``os.wait4``
  rusage of exactly that child);
* the home page's gzipped size (HTML, and HTML + the site's own CSS/JS it
  loads; Material's shared assets and the search index excluded);
* the home page in headless Chromium at every N: the load event (the
  navigation entry's ``loadEventEnd``, cold cache, median of 3) and every byte
  it transferred up to then (raw, and gzipped as a server would send it);
* the largest feed offered to parents: every ``.ics`` a page links (download
  or ``webcal://``) except those marked ``data-agenda="gegevens"`` (data for
  websites and apps, see the README);
* in Chromium at the largest N: the time of a filter change, measured in the
  page with performance.now() around a change event up to the next frame;
* at N = 1,000: the preview (``mkdocs serve``) per edit of one activity: from
  the save until the open page in Chromium has reloaded with the change (or,
  when live reload cannot run, until the server serves the changed page).

Writes ``bench/results.md``. Usage: ``python -m bench.run [N ...] [--profile N]``
(``make bench`` profiles N = 1,000: where the time goes is part of the results).
``python -m bench.run --only build [--n N] [--rounds R]``: only the paired builds (wall and CPU
time, the machine's load per round), printed, no results file: the short loop while working on
the build's cost.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench import lighthouse
from bench import search as search_bench

ROOT = Path(__file__).resolve().parent.parent
EPOCH = 1795435200  # 2026-11-23, the same reference day as the tests
SIZES = (100, 1000, 5000, 20000)
LIGHTHOUSE_N = 1000  # Lighthouse mobile on the site at this N (issue 20.5: ≥ 95, LCP ≤ 2.0 s)
LIGHTHOUSE_TARGET = (95, 2.0)
PARENT_LIMIT = 1_000_000  # feeds.PARENT_LIMIT: the largest feed offered to parents (bytes)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WORDS = {
    "what": ["Peutergym", "Voorlezen", "Zwemmen", "Knutselen", "Buitenspelen", "Muziek op schoot",
             "Taalcafé", "Wandelgroep", "Dansles", "Koffie-ochtend", "Sport en spel", "Natuurles",
             "Schaken", "Kookclub", "Repair café", "Huiswerkhulp"],
    "who": ["voor peuters", "voor kinderen", "voor ouders en baby's", "voor tieners",
            "voor buurtbewoners", "voor senioren", "voor kleuters", "voor iedereen"],
}
SENTENCES = [
    "Je bent welkom, ook als je de eerste keer alleen komt.",
    "We beginnen met een rondje kennismaken en daarna gaan we spelen.",
    "Neem makkelijke kleren en een flesje water mee.",
    "De begeleiders spreken Nederlands en een beetje Engels.",
    "Na afloop drinken we samen thee of limonade.",
    "Er is plek voor ongeveer twaalf kinderen met hun ouder.",
    "Je hoeft niets voor te bereiden. Kom gewoon langs en doe mee.",
    "In de schoolvakanties is er soms een speciaal programma.",
    "Het gebouw is toegankelijk met een rolstoel of kinderwagen.",
    "Vragen? Stel ze gerust aan de begeleider bij de deur.",
    "We werken samen met de bibliotheek en het buurthuis.",
    "Kinderen leren spelenderwijs nieuwe woorden en bewegingen.",
]


# -- synthetic content -------------------------------------------------------------

def _keys(content: Path):
    areas = yaml.safe_load((content / "wijken.yml").read_text(encoding="utf-8"))
    wijken = [(key, w.get("centrum")) for d in areas["stadsdelen"].values()
              for key, w in (d.get("wijken") or {}).items()]
    organisations = list(yaml.safe_load((content / "organisaties.yml").read_text(encoding="utf-8")))
    kinds = list(yaml.safe_load((content / "soorten.yml").read_text(encoding="utf-8")))
    return wijken, organisations, kinds


def activity_source(i: int, rng: random.Random, wijken, organisations, kinds) -> str:
    wijk, centre = wijken[i % len(wijken)]
    start = rng.choice([0, 0, 1, 2, 4, 6, 12, 18, 55, 65])
    end = None if start >= 55 else start + rng.choice([1, 2, 3, 4, 6])
    hour = rng.choice([9, 10, 13, 15, 16, 19])
    slots = [{"dag": day, "van": f"{hour:02d}:{m:02d}", "tot": f"{hour + 1:02d}:{m:02d}"}
             for day, m in zip(rng.sample(DAYS, rng.choice([1, 1, 2, 3])), (0, 15, 30))]
    values: dict = {
        "titel": f"{rng.choice(WORDS['what'])} {rng.choice(WORDS['who'])} {i}",
        "samenvatting": " ".join(rng.sample(SENTENCES, 2))[:160],
        "organisatie": rng.choice(organisations),
        "soort": rng.sample(kinds, rng.choice([1, 1, 2])),
        "leeftijd": {"van": start, **({"tot": end} if end is not None else {})},
        "met_ouder": start < 4,
        "kosten": "gratis" if rng.random() < 0.55 else {
            "bedrag": round(rng.choice([1, 2.5, 3, 5, 7.5, 25]), 2), "per": rng.choice(["les", "keer", "maand"]),
            "toelichting": "Met de stadspas betaal je minder."},
        "aanmelden": "inloop" if rng.random() < 0.5 else {
            "telefoon": f"036 123 {4000 + i % 6000:04d}",
            "email": f"aanmelden{i}@example.org", "toelichting": "Bel op werkdagen tussen 9 en 12 uur."},
        "locatie": {"naam": f"Buurthuis {wijk.replace('-', ' ').title()}",
                    "adres": f"Voorbeeldstraat {1 + i % 200}, Almere", "wijk": wijk,
                    **({"geo": centre} if centre else {})},
        "tijden": slots,
        "schoolvakanties": rng.choice(["vrij", "gaat door"]),
        "gecontroleerd": dt.date(2026, 11, 1) - dt.timedelta(days=i % 60),
    }
    paragraphs = [" ".join(rng.sample(SENTENCES, 4)) for _ in range(rng.choice([2, 3]))]
    items = "\n".join(f"- {s}" for s in rng.sample(SENTENCES, 3))
    body = "\n\n".join([*paragraphs, "Goed om te weten:", items])
    front = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n{body}\n"


def make_project(dest: Path, n: int) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "content", dest / "content", ignore=shutil.ignore_patterns("activities"))
    activities = dest / "content" / "activities"
    activities.mkdir()
    rng = random.Random(n)
    keys = _keys(dest / "content")
    for i in range(n):
        (activities / f"activiteit-{i:05d}.md").write_text(activity_source(i, rng, *keys), encoding="utf-8")
    return dest


def make_baseline(dest: Path, n: int) -> Path:
    """A bare Material site with the same N Markdown pages: no hooks, not in nav."""
    docs = dest / "docs"
    (docs / "activiteiten").mkdir(parents=True)
    rng = random.Random(n)
    keys = _keys(ROOT / "content")
    (docs / "index.md").write_text("# Activiteiten\n\nWelkom.\n", encoding="utf-8")
    for i in range(n):
        source = activity_source(i, rng, *keys)
        _, front, body = source.split("---\n", 2)
        title = yaml.safe_load(front)["titel"]
        (docs / "activiteiten" / f"activiteit-{i:05d}.md").write_text(
            f"# {title}\n\n{front.replace(chr(10), chr(10) + chr(10))}\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Baseline\nsite_url: https://example.org/\ndocs_dir: docs\nuse_directory_urls: true\n"
        "theme:\n  name: material\n  language: nl\n  font: false\n  features: [navigation.prune]\n"
        "nav:\n  - Home: index.md\nnot_in_nav: |\n  /activiteiten/\nplugins:\n  - search:\n      lang: nl\n",
        encoding="utf-8")
    return dest


# -- measuring ------------------------------------------------------------------------

def timed_build(project: Path, out: Path, strict: bool = True, profile: Path | None = None,
                extra_env: dict | None = None) -> dict:
    """Build with the engine (conftest.engine_command) in a child process; wall time and that child's peak RSS (os.wait4)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import engine_command

    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TALEN", None)  # every language of the site, unless the caller asks for a subset
    env.update(extra_env or {})
    # Python may cache compiled modules, as on any developer's or CI machine with a warm checkout
    # (the Makefile turns this off to keep the tree clean); the same for both builds.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = engine_command("build", "--clean", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out))
    if profile is not None:
        cmd = [sys.executable, "-m", "cProfile", "-o", str(profile), *cmd[1:]]
    if strict:
        cmd.append("--strict")
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"build failed ({project}):\n{output[-3000:]}")
    pages = sum(1 for _ in out.rglob("*.html"))
    # rusage of the child includes its own children (side jobs, page process): CPU is the sum, memory the peak
    return {"seconds": seconds, "pages": pages, "maxrss_mb": usage.ru_maxrss / 1024,
            "cpu_seconds": usage.ru_utime + usage.ru_stime}


_IMPORT = re.compile(rb'^import\b[^;]*?from\s*"\./([\w.-]+\.js)"', re.M)


def home_sizes(site: Path) -> dict:
    html = (site / "index.html").read_bytes()
    own_assets = [p for p in (site / "assets").glob("*") if p.is_file() and p.suffix in (".css", ".js")]
    loaded = [p for p in own_assets if p.name.encode() in html]
    for script in loaded:  # and the ES modules those scripts import (grows while it runs)
        for name in _IMPORT.findall(script.read_bytes()) if script.suffix == ".js" else ():
            if (path := site / "assets" / name.decode()) not in loaded:
                loaded.append(path)
    gz = lambda data: len(gzip.compress(data, 9, mtime=0))  # noqa: E731
    return {"html_gz": gz(html), "own_assets_gz": sum(gz(p.read_bytes()) for p in loaded),
            "own_assets": [p.name for p in loaded], "html_raw": len(html)}


FILTER_TIMING = """async ({selector, index}) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const t0 = performance.now();
  if (el.tagName === 'SELECT') { el.selectedIndex = index % el.options.length; }
  else { el.checked = !el.checked; }
  el.dispatchEvent(new Event('input', {bubbles: true}));
  el.dispatchEvent(new Event('change', {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}"""


CONTROLS = [("#f-leeftijd", "leeftijd"), ("#f-stadsdeel", "stadsdeel"), ("#f-soort", "soort"),
            ("input[name=gratis]", "gratis"), ("input[name=inloop]", "inloop"), ("input[name=dag]", "dag")]
SETTLE_SECONDS = 5  # Material's search worker builds its index after load; at 5,000 that takes ~2 s


def _measure_controls(page) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for selector, name in CONTROLS:
        for index in range(1, 8):
            value = page.evaluate(FILTER_TIMING, {"selector": selector, "index": index})
            if value is not None:
                timings.setdefault(name, []).append(value)
    return timings


def _summary(timings: dict[str, list[float]]) -> dict:
    every = [t for values in timings.values() for t in values]
    return {"per_filter": {k: statistics.median(v) for k, v in timings.items()},
            "median": statistics.median(every) if every else None, "max": max(every) if every else None,
            "count": len(every)}


def filter_timings(site: Path) -> dict:
    """Filter changes on the home page: once the page has settled (the target), and right after load.

    Right after load, Material's search worker is still building its index from
    search_index.json and competes for the CPU; that pass is reported too.
    """
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import serve
    from playwright.sync_api import sync_playwright

    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            load_start = time.perf_counter()
            page.goto(url, wait_until="load")
            load_seconds = time.perf_counter() - load_start
            during_load = _summary(_measure_controls(page))
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(SETTLE_SECONDS * 1000)
            settled = _summary(_measure_controls(page))
            visible = page.evaluate("document.querySelectorAll('#cards > li:not([hidden])').length")
            browser.close()
    finally:
        server.shutdown()
    return {**settled, "during_load": during_load, "load_seconds": load_seconds, "visible_after": visible}


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])


LOAD_EVENT = "() => { const e = performance.getEntriesByType('navigation')[0]; return e ? e.loadEventEnd : null; }"


def home_load(site: Path, runs: int = 3) -> dict:
    """The home page's load event (ms after navigation start) and the bytes it transferred up to
    then, in headless Chromium with a cold cache (a new context per run); medians of ``runs``."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import serve
    from playwright.sync_api import sync_playwright

    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    loads, raws, gzs, counts = [], [], [], []
    try:
        with sync_playwright() as p:
            browser = _browser(p)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                responses = []
                page.on("response", lambda r: responses.append(r))
                page.goto(url, wait_until="load", timeout=300_000)
                loads.append(page.evaluate(LOAD_EVENT))
                bodies = []
                for response in list(responses):
                    try:
                        bodies.append(response.body())
                    except Exception:  # a redirect or an aborted request has no body
                        pass
                raws.append(sum(len(b) for b in bodies))
                gzs.append(sum(len(gzip.compress(b, 6, mtime=0)) for b in bodies))
                counts.append(len(bodies))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"load_ms": statistics.median(loads), "load_all": loads, "raw": statistics.median(raws),
            "gz": statistics.median(gzs), "requests": statistics.median(counts)}


_FEED_LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+?\.ics)"[^>]*>', re.I)


def offered_feeds(site: Path) -> dict:
    """The largest feed a page offers to parents (any link to an .ics file, also webcal://, that is
    not marked data-agenda="gegevens"), and the largest feed there is."""
    largest, offered_by, linked, data_links = 0, None, 0, 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        if ".ics" not in text:
            continue
        for match in _FEED_LINK.finditer(text):
            tag, href = match.group(0), match.group(1)
            if 'data-agenda="gegevens"' in tag:
                data_links += 1
                continue
            if href.startswith("webcal://") or href.startswith("http"):
                target = site / re.sub(r"^[a-z]+://[^/]+/", "", href)
            else:
                target = (page.parent / href).resolve()
            if not target.is_file():
                continue
            linked += 1
            size = target.stat().st_size
            if size > largest:
                largest, offered_by = size, (str(page.relative_to(site)), str(target.relative_to(site.resolve())))
    every = max((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.ics"))
    return {"largest": largest, "where": offered_by, "links": linked, "data_links": data_links,
            "largest_any": every[0], "largest_any_path": every[1]}


PREVIEW_EDITS = 5
PREVIEW_N = 1000


def preview_timing(project: Path) -> dict:
    """Save one activity under a real ``mkdocs serve`` and time it until the open page has reloaded
    with the change (live reload), or until the server serves it (when live reload cannot run)."""
    import socket
    import threading
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import engine_command

    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    server = subprocess.Popen(engine_command("serve", "-f", str(project / "mkdocs.yml"),
                                             "--dev-addr", f"127.0.0.1:{port}", "--livereload"),
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: [log.append(line) for line in server.stdout], daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    slug = "activiteit-00007"
    source = project / "content" / "activities" / f"{slug}.md"

    def served(title: str) -> bool:
        try:
            with urllib.request.urlopen(base + f"activiteiten/{slug}/", timeout=60) as response:
                return title in response.read().decode("utf-8")
        except OSError:
            return False

    reloaded, served_times, reports = [], [], []
    try:
        deadline = time.monotonic() + 600
        while not any("Serving on" in line for line in log):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start:\n" + "".join(log[-30:]))
            time.sleep(0.2)
        with sync_playwright() as p:
            browser = _browser(p)
            page = browser.new_page()
            page.goto(base + f"activiteiten/{slug}/", wait_until="load")
            live = True
            for i in range(PREVIEW_EDITS):
                title = f"Bewerkt in de preview {i}"
                text = source.read_text(encoding="utf-8")
                edited = re.sub(r"^titel:.*$", f"titel: {title}", text, count=1, flags=re.M)
                loads_before = page.evaluate("performance.timeOrigin")
                start = time.monotonic()
                source.write_text(edited, encoding="utf-8")
                while not served(title):
                    if time.monotonic() - start > 120:
                        raise SystemExit("the preview did not show the edit:\n" + "".join(log[-30:]))
                    time.sleep(0.05)
                served_times.append(time.monotonic() - start)
                if live:
                    try:  # live reload: the open page navigates by itself and shows the new title
                        while True:
                            if time.monotonic() - start > 20:
                                raise TimeoutError
                            try:
                                if (page.evaluate("performance.timeOrigin") != loads_before
                                        and page.evaluate("document.readyState") == "complete"
                                        and title in page.title()):
                                    break
                            except Exception:  # the page is navigating
                                pass
                            time.sleep(0.02)
                        reloaded.append(time.monotonic() - start)
                    except TimeoutError:
                        live = False
                        page.goto(base + f"activiteiten/{slug}/", wait_until="load")
                reports += [line.strip() for line in log if "Snelle preview" in line][-1:]
                time.sleep(1.0)
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    internal = [float(m.group(1)) for r in reports if (m := re.search(r"in ([\d.]+) s", r))]
    return {"reloaded": statistics.median(reloaded) if len(reloaded) == PREVIEW_EDITS else None,
            "reloaded_all": reloaded, "served": statistics.median(served_times), "served_all": served_times,
            "internal": statistics.median(internal) if internal else None, "incremental": len(internal),
            "edits": PREVIEW_EDITS}


def profile_build(project: Path, out: Path, dest: Path) -> str:
    import pstats

    stats_file = dest / "build.prof"
    timed_build(project, out, profile=stats_file)
    import io

    stream = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=stream)
    stats.sort_stats("cumulative").print_stats(r"activity_directory|hooks/|commands/build|structure/pages", 18)
    text = stream.getvalue()
    return text[text.find("ncalls"):].replace(str(project), "<project>").replace(str(ROOT), "<repo>")


# -- report ---------------------------------------------------------------------------

REPEATS = 5  # rounds of (full build, baseline) at each N (3 from 5,000 on)


def _repeats(n: int) -> int:
    return 3 if n >= 5000 else REPEATS


def _best_run(runs: list[dict]) -> dict:
    """Fastest, median and slowest of the repeated builds."""
    seconds = sorted(r["seconds"] for r in runs)
    return {"seconds": seconds[0], "median": statistics.median(seconds), "max": seconds[-1],
            "pages": runs[0]["pages"], "maxrss_mb": max(r["maxrss_mb"] for r in runs),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs)}


def _sizes(argv: list[str]) -> tuple[int, ...]:
    sizes = tuple(int(a) for i, a in enumerate(argv) if a.isdigit() and (i == 0 or argv[i - 1] != "--profile")) or SIZES
    limit = os.environ.get("BENCH_MAX", "").strip()
    if limit:
        sizes = tuple(n for n in sizes if n <= int(limit))
    return sizes


def paired_builds(project: Path, baseline: Path, out: Path, rounds: int, n: int) -> tuple[dict, dict]:
    """``rounds`` rounds of (full build, the same with ``TALEN=nl``, baseline) back to back; per round the
    wall and CPU times and the machine's load (1-minute average) before it; the ratios are the medians of
    the rounds' ratios. The full build has every language of the site; the Dutch-only build has the same
    pages as the baseline (issue 22 compares those two) and is what the languages cost against (issue 18)."""
    fulls, dutch, bares = [], [], []
    for round_ in range(1, rounds + 1):  # interleaved, so a slow spell of the machine hits all three
        load = os.getloadavg()[0]
        for folder in (out / f"site-{n}", out / f"nl-{n}", out / f"bare-{n}"):
            shutil.rmtree(folder, ignore_errors=True)
        full = timed_build(project, out / f"site-{n}")
        only = timed_build(project, out / f"nl-{n}", extra_env={"TALEN": "nl"})
        bare = timed_build(baseline, out / f"bare-{n}", strict=False)
        shutil.rmtree(out / f"nl-{n}", ignore_errors=True)
        full["load"] = only["load"] = bare["load"] = load
        fulls.append(full)
        dutch.append(only)
        bares.append(bare)
        print(f"N = {n} ({round_}/{rounds}), load {load:.1f}: volledig {full['seconds']:.2f} s "
              f"(CPU {full['cpu_seconds']:.2f} s), TALEN=nl {only['seconds']:.2f} s (CPU {only['cpu_seconds']:.2f} s), "
              f"kaal {bare['seconds']:.2f} s (CPU {bare['cpu_seconds']:.2f} s); verhouding {full['seconds'] / bare['seconds']:.2f}, "
              f"CPU {full['cpu_seconds'] / bare['cpu_seconds']:.2f}; nl / kaal CPU {only['cpu_seconds'] / bare['cpu_seconds']:.2f}; "
              f"talen / nl CPU {full['cpu_seconds'] / only['cpu_seconds']:.2f}", flush=True)
    full, bare = _best_run(fulls), _best_run(bares)
    # Each round's builds ran back to back, under the same conditions.
    full["paired_ratio"] = statistics.median(f["seconds"] / b["seconds"] for f, b in zip(fulls, bares))
    full["cpu_ratio"] = statistics.median(f["cpu_seconds"] / b["cpu_seconds"] for f, b in zip(fulls, bares))
    full["loads"] = [f["load"] for f in fulls]
    full["dutch"] = {**_best_run(dutch),
                     "paired_ratio": statistics.median(d["seconds"] / b["seconds"] for d, b in zip(dutch, bares)),
                     "cpu_ratio": statistics.median(d["cpu_seconds"] / b["cpu_seconds"] for d, b in zip(dutch, bares))}
    full["languages"] = {
        "n": n, "rounds": rounds, "loads": full["loads"], "all": _best_run(fulls), "nl": _best_run(dutch),
        "ratio": statistics.median(f["seconds"] / d["seconds"] for f, d in zip(fulls, dutch)),
        "cpu_ratio": statistics.median(f["cpu_seconds"] / d["cpu_seconds"] for f, d in zip(fulls, dutch)),
    }
    return full, bare


TALEN_SIZES = (1000, 5000)
TALEN_ROUNDS = 3  # rounds of (all languages, TALEN=nl) at each N
TALEN_TARGET = 3.0  # issue 18: the build with every language ≤ 3 × the Dutch-only build


def paired_languages(project: Path, out: Path, rounds: int, n: int) -> dict:
    """``rounds`` rounds of (the full build with every language of the site, the same with
    ``TALEN=nl``) back to back: wall and CPU time (user + system of the build and every process it
    started), pages written and the machine's load; the ratios are the medians of the rounds' ratios."""
    alls, dutch = [], []
    for round_ in range(1, rounds + 1):
        load = os.getloadavg()[0]
        for folder in (out / f"talen-{n}", out / f"nl-{n}"):
            shutil.rmtree(folder, ignore_errors=True)
        every = timed_build(project, out / f"talen-{n}")
        only = timed_build(project, out / f"nl-{n}", extra_env={"TALEN": "nl"})
        every["load"] = only["load"] = load
        alls.append(every)
        dutch.append(only)
        print(f"N = {n} ({round_}/{rounds}), load {load:.1f}: alle talen {every['seconds']:.2f} s "
              f"(CPU {every['cpu_seconds']:.2f} s, {every['pages']:,} pagina's), TALEN=nl {only['seconds']:.2f} s "
              f"(CPU {only['cpu_seconds']:.2f} s, {only['pages']:,} pagina's); verhouding "
              f"{every['seconds'] / only['seconds']:.2f}, CPU {every['cpu_seconds'] / only['cpu_seconds']:.2f}",
              flush=True)
    return {
        "n": n, "rounds": rounds, "loads": [r["load"] for r in alls],
        "all": _best_run(alls), "nl": _best_run(dutch),
        "ratio": statistics.median(a["seconds"] / d["seconds"] for a, d in zip(alls, dutch)),
        "cpu_ratio": statistics.median(a["cpu_seconds"] / d["cpu_seconds"] for a, d in zip(alls, dutch)),
        "wall_all": [r["seconds"] for r in alls], "wall_nl": [r["seconds"] for r in dutch],
        "cpu_all": [r["cpu_seconds"] for r in alls], "cpu_nl": [r["cpu_seconds"] for r in dutch],
    }


def languages_report(pairs: list[dict], targets: bool = True) -> list[str]:
    """Markdown: the language pairing's table and (unless the caller lists it) its target (issue 18)."""
    lines = ["## Every language against Dutch only (issue 18)", "",
             "The same project built with every language of the site (`talen` in `content/site.yml`) and with "
             "`TALEN=nl`, back to back in each round. Wall time and CPU time (user + system of the build and every "
             "process it started); the ratios are the medians of the rounds' ratios. Pages: HTML files written.", "",
             "| N | rounds | all languages: wall (s) median (fastest, slowest) | CPU (s) median | pages | "
             "TALEN=nl: wall (s) median (fastest, slowest) | CPU (s) median | pages | wall ratio | CPU ratio | load per round |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for pair in pairs:
        every, only = pair["all"], pair["nl"]
        lines.append(
            f"| {pair['n']:,} | {pair['rounds']} | {every['median']:.1f} ({every['seconds']:.1f}, {every['max']:.1f}) | "
            f"{every['cpu_seconds']:.1f} | {every['pages']:,} | {only['median']:.1f} ({only['seconds']:.1f}, {only['max']:.1f}) | "
            f"{only['cpu_seconds']:.1f} | {only['pages']:,} | {pair['ratio']:.2f} | {pair['cpu_ratio']:.2f} | "
            f"{', '.join(f'{x:.1f}' for x in pair['loads'])} |")
    if not targets:
        return lines + [""]
    lines += ["", "| target | measured | met |", "|---|---:|:---:|"]
    for pair in pairs:
        worst = max(pair["ratio"], pair["cpu_ratio"])
        lines.append(f"| every language ≤ {TALEN_TARGET:g} × `TALEN=nl` at N = {pair['n']:,} (wall and CPU, median of "
                     f"paired rounds) | {pair['ratio']:.2f} × wall, {pair['cpu_ratio']:.2f} × CPU | "
                     f"{'yes' if worst <= TALEN_TARGET else 'no'} |")
    return lines + [""]


def languages_only(argv: list[str]) -> None:
    """``python -m bench.run --only talen [--n N ...] [--rounds R]`` (``BENCH=talen make bench``): the
    language pairing alone at 1,000 and 5,000, printed, no results file."""
    sizes = tuple(int(argv[i + 1]) for i, a in enumerate(argv) if a == "--n") or TALEN_SIZES
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else TALEN_ROUNDS
    pairs = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            print(f"N = {n}: inhoud maken …", flush=True)
            project = make_project(tmp / f"project-{n}", n)
            pairs.append(paired_languages(project, tmp, rounds, n))
            shutil.rmtree(tmp / f"project-{n}", ignore_errors=True)
    print("\n".join(["", *languages_report(pairs)]))


def builds_only(argv: list[str]) -> None:
    """``python -m bench.run --only build [--n N] [--rounds R]``: the paired builds alone (wall, CPU,
    load), no browser and no results file: the short loop while working on the build's cost."""
    n = int(argv[argv.index("--n") + 1]) if "--n" in argv else 1000
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else _repeats(n)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = make_project(tmp / f"project-{n}", n)
        baseline = make_baseline(tmp / f"baseline-{n}", n)
        full, bare = paired_builds(project, baseline, tmp, rounds, n)
    print(f"N = {n}: wall median {full['median']:.2f} / {bare['median']:.2f} s, "
          f"ratio (median per round) {full['paired_ratio']:.2f}; CPU median {full['cpu_seconds']:.2f} / "
          f"{bare['cpu_seconds']:.2f} s, ratio {full['cpu_ratio']:.2f}; TALEN=nl / kaal: wall {full['dutch']['paired_ratio']:.2f}, "
          f"CPU {full['dutch']['cpu_ratio']:.2f}; alle talen / TALEN=nl: wall {full['languages']['ratio']:.2f}, "
          f"CPU {full['languages']['cpu_ratio']:.2f}; load {', '.join(f'{x:.1f}' for x in full['loads'])}")


def main(argv: list[str]) -> None:
    if "--only" not in argv and os.environ.get("BENCH", "").strip():
        argv = [*argv, "--only", os.environ["BENCH"].strip()]  # BENCH=talen make bench
    if "--only" in argv:
        only = argv[argv.index("--only") + 1]
        if only not in ("build", "talen"):
            raise SystemExit("--only en BENCH kennen alleen: build, talen")
        (builds_only if only == "build" else languages_only)(argv)
        return
    profile_n = int(argv[argv.index("--profile") + 1]) if "--profile" in argv else None
    sizes = _sizes(argv)
    if not any(a.isdigit() for a in argv):
        profile_n = profile_n or 1000
    rows, homes, filters, profile = {}, {}, None, None
    extra = {"loads": {}, "feeds": {}, "preview": None, "skipped": [n for n in SIZES if n not in sizes],
             "search": None, "lighthouse": None}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            print(f"N = {n}: inhoud maken …", flush=True)
            project = make_project(tmp / f"project-{n}", n)
            baseline = make_baseline(tmp / f"baseline-{n}", n)
            print(f"N = {n}: volledige site en kale Material-site bouwen ({_repeats(n)} rondes) …", flush=True)
            full, bare = paired_builds(project, baseline, tmp, _repeats(n), n)
            rows[n] = (full, bare)
            homes[n] = home_sizes(tmp / f"site-{n}")
            shutil.rmtree(tmp / f"bare-{n}", ignore_errors=True)
            print(f"N = {n}: startpagina laden in Chromium, agenda-feeds …", flush=True)
            extra["loads"][n] = home_load(tmp / f"site-{n}")
            extra["feeds"][n] = offered_feeds(tmp / f"site-{n}")
            if n == max(sizes):
                print(f"N = {n}: filters meten in Chromium …", flush=True)
                filters = (n, filter_timings(tmp / f"site-{n}"))
            if n == search_bench.N:
                print(f"N = {n}: zoeken meten in Chromium …", flush=True)
                extra["search"] = search_bench.measure(tmp / f"site-{n}", n)
            if profile_n == n:
                print(f"N = {n}: profiel (cProfile) …", flush=True)
                profile = (n, profile_build(project, tmp / f"profile-{n}", tmp))
            if n == LIGHTHOUSE_N:
                print(f"N = {n}: Lighthouse (mobiel) op de startpagina, een activiteit en een lijst …", flush=True)
                extra["lighthouse"] = (n, lighthouse.run(tmp / f"site-{n}"))
            if n == PREVIEW_N:
                print(f"N = {n}: preview (mkdocs serve), {PREVIEW_EDITS} keer een activiteit bewerken …", flush=True)
                extra["preview"] = (n, preview_timing(project))
            shutil.rmtree(tmp / f"site-{n}", ignore_errors=True)
            shutil.rmtree(tmp / f"profile-{n}", ignore_errors=True)
    write_results(rows, homes, filters, profile, extra)


def _kb(size: float) -> str:
    return f"{size / 1024:,.1f}"


def _engine() -> str:
    """The engine the builds ran with (ENGINE=properdocs make bench), as conftest.engine_command starts it."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import ENGINE

    return ENGINE


def write_results(rows, homes, filters, profile=None, extra=None) -> None:
    extra = extra or {"loads": {}, "feeds": {}, "preview": None, "skipped": []}
    loads, feeds, preview = extra["loads"], extra["feeds"], extra["preview"]
    lines = ["# Benchmark results", "",
             f"Written by `make bench` (`python -m bench.run`) on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
             f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, engine {_engine()}. Synthetic valid activities in the real format; "
             "the baseline is a bare Material site with the same N Markdown pages (no hooks, not in nav). "
             f"Each build ran {REPEATS} times ({_repeats(5000)} from 5,000 on), interleaved with the baseline. "
             "This shared machine has slow spells of up to a third, so the ratio to the baseline is the median of "
             "the ratios per round (each round's builds — every language, Dutch only, baseline — ran back to back, under the same conditions), and the "
             "growth between sizes compares medians. The table gives every build's fastest, median and "
             "slowest run. "
             "The full build uses the machine's CPUs: feeds, open data, partner pages and the search index "
             "are written by forked side jobs while MkDocs renders the pages (hooks/background.py), and a "
             "second process renders a share of the activity pages (hooks/page_workers.py); the baseline "
             "uses one. So the CPU time of both is also given: user + system time of the build and every "
             "process it started (os.wait4 of the build's process, which has reaped its side jobs), the ratio "
             "again the median of the rounds' ratios. CPU time is what a busy machine (or a CI runner that "
             "shares its cores) pays; the machine's load (os.getloadavg, 1 minute) before each round is "
             "listed below the table."
             + (f" Left out with BENCH_MAX: N = {', '.join(f'{n:,}' for n in extra['skipped'])}." if extra["skipped"] else ""),
             "",
             "| N | full build (s): fastest (median, slowest) | pages | pages/s | baseline (s): fastest (median, slowest) | ratio: median per round (fastest, medians) | CPU full / baseline (s), medians | CPU ratio: median per round | peak memory full / baseline (MB) | home HTML gz (KB) | + own CSS/JS gz (KB) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, (full, bare) in rows.items():
        home = homes[n]
        lines.append(
            f"| {n:,} | {full['seconds']:.1f} ({full['median']:.1f}, {full['max']:.1f}) | {full['pages']:,} | "
            f"{full['pages'] / full['seconds']:.0f} | "
            f"{bare['seconds']:.1f} ({bare['median']:.1f}, {bare['max']:.1f}) | "
            f"{full['paired_ratio']:.2f} ({full['seconds'] / bare['seconds']:.2f}, {full['median'] / bare['median']:.2f}) | "
            f"{full['cpu_seconds']:.1f} / {bare['cpu_seconds']:.1f} | {full['cpu_ratio']:.2f} | "
            f"{full['maxrss_mb']:.0f} / {bare['maxrss_mb']:.0f} | {home['html_gz'] / 1024:.1f} | "
            f"{(home['html_gz'] + home['own_assets_gz']) / 1024:.1f} |")
    lines += ["", "Machine load before each round (1-minute average; 2 means both CPUs busy): "
              + "; ".join(f"N = {n:,}: " + ", ".join(f"{x:.1f}" for x in full["loads"]) for n, (full, _) in rows.items()) + "."]
    lines += ["", "The same project built with Dutch only (`TALEN=nl`) in the same rounds: the pages the baseline has.", "",
              "| N | `TALEN=nl` (s): fastest (median, slowest) | pages | ratio to baseline: median per round | CPU (s) median | CPU ratio to baseline: median per round |",
              "|---:|---:|---:|---:|---:|---:|"]
    for n, (full, bare) in rows.items():
        dutch = full["dutch"]
        lines.append(f"| {n:,} | {dutch['seconds']:.1f} ({dutch['median']:.1f}, {dutch['max']:.1f}) | {dutch['pages']:,} | "
                     f"{dutch['paired_ratio']:.2f} | {dutch['cpu_seconds']:.1f} | {dutch['cpu_ratio']:.2f} |")
    lines += ["", *languages_report([full["languages"] for full, _ in rows.values()], targets=False)]
    if loads:
        lines += ["", "What a visitor and a parent's calendar get, per N: the home page in headless Chromium (390 × 844, "
                  "cold cache, served without compression by a local server; median of 3 loads) and the feeds pages link.",
                  "", "| N | home load event (ms) | home transfer up to load: raw / gzipped (KB) | requests | "
                  "largest feed offered to parents (KB) | offered on | largest feed there is (KB) | feed links as data |",
                  "|---:|---:|---:|---:|---:|---|---:|---:|"]
        for n in rows:
            load, feed = loads.get(n), feeds.get(n)
            if load is None or feed is None:
                continue
            where = f"`{feed['where'][0]}` → `{feed['where'][1]}`" if feed["where"] else "—"
            lines.append(f"| {n:,} | {load['load_ms']:,.0f} | {_kb(load['raw'])} / {_kb(load['gz'])} | {load['requests']:.0f} | "
                         f"{_kb(feed['largest'])} | {where} | {_kb(feed['largest_any'])} (`{feed['largest_any_path']}`) | "
                         f"{feed['data_links']:,} |")
    lines += ["", "## Targets", ""]
    checks = []
    for n in (1000, 5000, 20000):
        if n in rows:
            # The baseline has the N Dutch pages: the full build with Dutch only writes the same pages
            # (issue 22); every other language is measured against that build (issue 18).
            dutch = rows[n][0]["dutch"]
            ratio = dutch["paired_ratio"]
            checks.append((f"full build (`TALEN=nl`, the baseline's pages) ≤ 1.25 × baseline at N = {n:,} (wall time, median of paired rounds)",
                           f"{ratio:.2f} ×", ratio <= 1.25))
            cpu = dutch["cpu_ratio"]
            checks.append((f"full build's CPU time (`TALEN=nl`) ≤ 1.5 × baseline at N = {n:,} (all processes, median of paired rounds)",
                           f"{cpu:.2f} ×", cpu <= 1.5))
            pair = rows[n][0]["languages"]
            worst = max(pair["ratio"], pair["cpu_ratio"])
            checks.append((f"every language ≤ {TALEN_TARGET:g} × `TALEN=nl` at N = {n:,} (wall and CPU, median of paired rounds)",
                           f"{pair['ratio']:.2f} × wall, {pair['cpu_ratio']:.2f} × CPU", worst <= TALEN_TARGET))
    for small, large in ((1000, 5000), (5000, 20000)):
        if small in rows and large in rows:
            growth = rows[large][0]["median"] / rows[small][0]["median"]
            limit = large / small * 1.1
            checks.append((f"build time linear: N = {large:,} ≤ {limit:.1f} × N = {small:,} (medians)", f"{growth:.2f} ×", growth <= limit))
    for n in rows:
        size = homes[n]["html_gz"] / 1024
        checks.append((f"home page HTML ≤ 100 KB gzipped at N = {n:,}", f"{size:.1f} KB", size <= 100))
    for n in (5000, 20000):
        if n in loads:
            ms = loads[n]["load_ms"]
            checks.append((f"home page load event ≤ 1.0 s at N = {n:,} (headless Chromium, median of 3)", f"{ms / 1000:.2f} s", ms <= 1000))
    if filters is not None:
        n, timing = filters
        if timing["max"] is not None:
            note = "" if n >= 20000 else " (not 20,000: left out with BENCH_MAX)"
            checks.append((f"filter change ≤ 50 ms at N = {n:,}, slowest of the changes{note}",
                           f"{timing['max']:.1f} ms (median {timing['median']:.1f})", timing["max"] <= 50))
    if feeds:
        n, feed = max(feeds.items(), key=lambda item: item[1]["largest"])
        checks.append(("largest feed offered to parents ≤ 1 MB (1,000,000 bytes), at every N",
                       f"{feed['largest'] / 1e6:.2f} MB (N = {n:,})", feed["largest"] <= PARENT_LIMIT))
    if preview is not None:
        n, timing = preview
        if timing["reloaded"] is not None:
            checks.append((f"`make serve`: save → page reloaded ≤ 1.5 s, one activity edited, N = {n:,} (median of {timing['edits']})",
                           f"{timing['reloaded']:.2f} s", timing["reloaded"] <= 1.5))
        else:
            checks.append((f"`make serve`: save → page reloaded ≤ 1.5 s, one activity edited, N = {n:,}: live reload did "
                           f"not reload the page, so: save → changed page served (median of {timing['edits']})",
                           f"{timing['served']:.2f} s", timing["served"] <= 1.5))
    if extra.get("search") is not None:
        checks += search_bench.checks(extra["search"])
    lines += ["| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in checks]
    if preview is not None:
        n, timing = preview
        reloaded = ", ".join(f"{t:.2f}" for t in timing["reloaded_all"]) or "none (live reload did not run)"
        lines += ["", f"The preview at N = {n:,}: `mkdocs serve` on the benchmark's project, {timing['edits']} saves of one "
                  "activity's title with Chromium showing its page. From the save until the page had reloaded by "
                  f"itself with the new title: {reloaded} s; until the server served the changed page: "
                  f"{', '.join(f'{t:.2f}' for t in timing['served_all'])} s (the content folder is watched by file events; MkDocs' own watcher polls every 0.5 s). "
                  f"{timing['incremental']} of {timing['edits']} saves took the fast path"
                  + (f", median {timing['internal']:.2f} s of work in the server." if timing["internal"] is not None else ".")]
    if filters is not None:
        n, timing = filters
        early = timing["during_load"]
        lines += ["", f"Filter changes at N = {n:,} in headless Chromium (390 × 844, 2 CPUs), "
                  f"{timing['count']} changes, performance.now() from the change event until after the next frame "
                  f"(so including the wait for that frame). Measured {SETTLE_SECONDS} s after the page went network-idle; "
                  "median per control:", ""]
        lines += [f"- {name}: {value:.1f} ms" for name, value in timing["per_filter"].items()]
        lines += [f"- the same {early['count']} changes right after load: median {early['median']:.1f} ms, "
                  f"slowest {early['max']:.1f} ms" if early["count"] else "- right after load: no control found",
                  f"- home page load (Playwright, until the load event): {timing['load_seconds']:.2f} s"]
    lines += ["", "Own CSS/JS loaded by the home page: " + ", ".join(next(iter(homes.values()))["own_assets"]), ""]
    if extra.get("search") is not None:
        lines += search_bench.report(extra["search"])
    if extra.get("lighthouse") is not None:
        n, results = extra["lighthouse"]
        score, lcp = LIGHTHOUSE_TARGET
        lines += [f"## Lighthouse, mobile (N = {n:,})", "",
                  "Lighthouse 12.2.3 (bench/lighthouse.py), performance only, its default mobile emulation "
                  "(simulated slow 4G, a mid-range phone), the site served with gzip from this machine.", ""]
        lines += lighthouse.lines(results)
        worst = min(results.values(), key=lambda r: r["score"])
        slowest = max(r["lcp"] for r in results.values())
        lines += ["", "| target | measured | met |", "|---|---:|:---:|",
                  f"| performance ≥ {score} on every page above | lowest {worst['score']} | {'yes' if worst['score'] >= score else 'no'} |",
                  f"| LCP ≤ {lcp:.1f} s on every page above | slowest {slowest:.1f} s | {'yes' if slowest <= lcp else 'no'} |", ""]
    if profile is not None:
        n, text = profile
        lines += [f"## Where the full build spends its time (cProfile, N = {n:,}; profiling slows it down)", "",
                  "```text", text.rstrip(), "```", ""]
    out = ROOT / "bench" / "results.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"\nGeschreven: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])

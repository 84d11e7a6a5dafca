"""Benchmark (not a test): build time, memory, home page size and filter speed.

For N = 100, 1,000 and 5,000 synthetic but valid activities (real format,
varied wijken, ages, days, costs and body text) in a temp copy of the project:

* the full site build (``mkdocs build --strict``), and as the baseline in the
  same run a bare Material site with N Markdown pages (no hooks, not in nav),
  each timed five times (three at 5,000), the two back to back in every round;
  the ratio is the median of the rounds' ratios;
* seconds, pages per second, ratio to the baseline, peak memory of the build
  process (``os.wait4`` rusage of exactly that child);
* the home page's gzipped size (HTML, and HTML + the site's own CSS/JS it
  loads; Material's shared assets and the search index excluded);
* in Chromium at the largest N: the time of a filter change, measured in the
  page with performance.now() around a change event up to the next frame.

Writes ``bench/results.md``. Usage: ``python -m bench.run [N ...] [--profile N]``
(``make bench`` profiles N = 1,000: where the time goes is part of the results).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench import search as search_bench

ROOT = Path(__file__).resolve().parent.parent
EPOCH = 1795435200  # 2026-11-23, the same reference day as the tests
SIZES = (100, 1000, 5000)
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

def timed_build(project: Path, out: Path, strict: bool = True, profile: Path | None = None) -> dict:
    """Build with mkdocs in a child process; wall time and that child's peak RSS (os.wait4)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    # Python may cache compiled modules, as on any developer's or CI machine with a warm checkout
    # (the Makefile turns this off to keep the tree clean); the same for both builds.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
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
    # rusage of the child includes its own children (the forked side job): CPU is the sum, memory the peak
    return {"seconds": seconds, "pages": pages, "maxrss_mb": usage.ru_maxrss / 1024,
            "cpu_seconds": usage.ru_utime + usage.ru_stime}


def home_sizes(site: Path) -> dict:
    html = (site / "index.html").read_bytes()
    own_assets = [p for p in (site / "assets").glob("*") if p.is_file() and p.suffix in (".css", ".js")]
    loaded = [p for p in own_assets if p.name.encode() in html]
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

REPEATS = 5  # rounds of (full build, baseline) at each N (3 at 5,000)


def _repeats(n: int) -> int:
    return 3 if n >= 5000 else REPEATS


def _best_run(runs: list[dict]) -> dict:
    """Fastest, median and slowest of the repeated builds."""
    seconds = sorted(r["seconds"] for r in runs)
    return {"seconds": seconds[0], "median": statistics.median(seconds), "max": seconds[-1],
            "pages": runs[0]["pages"], "maxrss_mb": max(r["maxrss_mb"] for r in runs),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs)}


def main(argv: list[str]) -> None:
    profile_n = int(argv[argv.index("--profile") + 1]) if "--profile" in argv else None
    sizes = tuple(int(a) for i, a in enumerate(argv) if a.isdigit() and (i == 0 or argv[i - 1] != "--profile")) or SIZES
    if not argv:
        profile_n = 1000
    rows, homes, filters, profile, search = {}, {}, None, None, None
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            print(f"N = {n}: inhoud maken …", flush=True)
            project = make_project(tmp / f"project-{n}", n)
            baseline = make_baseline(tmp / f"baseline-{n}", n)
            fulls, bares = [], []
            for round_ in range(1, _repeats(n) + 1):  # interleaved, so a slow spell of the machine hits both
                print(f"N = {n}: volledige site en kale Material-site bouwen ({round_}/{_repeats(n)}) …", flush=True)
                for folder in (tmp / f"site-{n}", tmp / f"bare-{n}"):
                    shutil.rmtree(folder, ignore_errors=True)
                fulls.append(timed_build(project, tmp / f"site-{n}"))
                bares.append(timed_build(baseline, tmp / f"bare-{n}", strict=False))
            full, bare = _best_run(fulls), _best_run(bares)
            # Each round's full build and baseline ran back to back, under the same conditions.
            full["paired_ratio"] = statistics.median(f["seconds"] / b["seconds"] for f, b in zip(fulls, bares))
            rows[n] = (full, bare)
            homes[n] = home_sizes(tmp / f"site-{n}")
            print(f"  volledig {full['seconds']:.1f} s, kaal {bare['seconds']:.1f} s, "
                  f"verhouding {full['seconds'] / bare['seconds']:.2f}", flush=True)
            if n == max(sizes):
                print(f"N = {n}: filters meten in Chromium …", flush=True)
                filters = (n, filter_timings(tmp / f"site-{n}"))
            if n == search_bench.N:
                print(f"N = {n}: zoeken meten in Chromium …", flush=True)
                search = search_bench.measure(tmp / f"site-{n}", n)
            if profile_n == n:
                print(f"N = {n}: profiel (cProfile) …", flush=True)
                profile = (n, profile_build(project, tmp / f"profile-{n}", tmp))
            if n != max(sizes):
                shutil.rmtree(tmp / f"site-{n}", ignore_errors=True)
                shutil.rmtree(tmp / f"bare-{n}", ignore_errors=True)
    write_results(rows, homes, filters, profile, search)


def write_results(rows, homes, filters, profile=None, search=None) -> None:
    lines = ["# Benchmark results", "",
             f"Written by `make bench` (`python -m bench.run`) on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; "
             f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs. Synthetic valid activities in the real format; "
             "the baseline is a bare Material site with the same N Markdown pages (no hooks, not in nav). "
             f"Each build ran {REPEATS} times ({_repeats(5000)} at 5,000), interleaved with the baseline. "
             "This shared machine has slow spells of up to a third, so the ratio to the baseline is the median of "
             "the ratios per round (each round's two builds ran back to back, under the same conditions), and the "
             "growth from 1,000 to 5,000 compares medians. The table gives every build's fastest, median and "
             "slowest run. "
             "The full build writes feeds and open data in a forked side job while MkDocs renders "
             "the pages (hooks/background.py), so its CPU time is also given.", "",
             "| N | full build (s): fastest (median, slowest) | pages | pages/s | baseline (s): fastest (median, slowest) | ratio: median per round (fastest, medians) | CPU full / baseline (s) | peak memory full / baseline (MB) | home HTML gz (KB) | + own CSS/JS gz (KB) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, (full, bare) in rows.items():
        home = homes[n]
        lines.append(
            f"| {n:,} | {full['seconds']:.1f} ({full['median']:.1f}, {full['max']:.1f}) | {full['pages']:,} | "
            f"{full['pages'] / full['seconds']:.0f} | "
            f"{bare['seconds']:.1f} ({bare['median']:.1f}, {bare['max']:.1f}) | "
            f"{full['paired_ratio']:.2f} ({full['seconds'] / bare['seconds']:.2f}, {full['median'] / bare['median']:.2f}) | "
            f"{full['cpu_seconds']:.1f} / {bare['cpu_seconds']:.1f} | "
            f"{full['maxrss_mb']:.0f} / {bare['maxrss_mb']:.0f} | {home['html_gz'] / 1024:.1f} | "
            f"{(home['html_gz'] + home['own_assets_gz']) / 1024:.1f} |")
    lines += ["", "## Targets", ""]
    checks = []
    if 1000 in rows:
        full, bare = rows[1000]
        ratio = full["paired_ratio"]
        checks.append(("full build ≤ 1.25 × baseline at N = 1,000 (median of paired rounds)", f"{ratio:.2f} ×", ratio <= 1.25))
        size = homes[1000]["html_gz"] / 1024
        checks.append(("home page ≤ 100 KB gzipped at N = 1,000 (HTML with its filter data)", f"{size:.1f} KB", size <= 100))
    if 1000 in rows and 5000 in rows:
        growth = rows[5000][0]["median"] / rows[1000][0]["median"]
        checks.append(("build time linear: N = 5,000 ≤ 5.5 × N = 1,000 (medians)", f"{growth:.2f} ×", growth <= 5.5))
    if filters is not None:
        n, timing = filters
        if timing["max"] is not None:
            checks.append((f"filter change ≤ 50 ms at N = {n:,} (median / slowest)",
                           f"{timing['median']:.1f} / {timing['max']:.1f} ms", timing["max"] <= 50))
    if search is not None:
        checks += search_bench.checks(search)
    lines += ["| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {name} | {value} | {'yes' if ok else '**no**'} |" for name, value, ok in checks]
    if filters is not None:
        n, timing = filters
        early = timing["during_load"]
        lines += ["", f"Filter changes at N = {n:,} in headless Chromium (390 × 844, 2 CPUs), "
                  f"{timing['count']} changes, performance.now() from the change event until after the next frame "
                  f"(so including the wait for that frame). Measured {SETTLE_SECONDS} s after the page went network-idle; "
                  "median per control:", ""]
        lines += [f"- {name}: {value:.1f} ms" for name, value in timing["per_filter"].items()]
        lines += [f"- the same {early['count']} changes right after load, while Material's search worker builds its "
                  f"index: median {early['median']:.1f} ms, slowest {early['max']:.1f} ms",
                  f"- home page load: {timing['load_seconds']:.2f} s"]
    lines += ["", "Own CSS/JS loaded by the home page: " + ", ".join(next(iter(homes.values()))["own_assets"]), ""]
    if search is not None:
        lines += search_bench.report(search)
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

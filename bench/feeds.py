"""Feed time at scale (part of issue 18.8): CPU seconds of the side job that writes every feed,
with all the site's languages against Dutch only, and against languages that share nothing.

Usage: ``python -m bench.feeds [N]`` (default 1,000 synthetic activities, as ``bench/run.py``
makes them); with ``BENCH_SRC=<folder with an older src/>`` the variant ``nl`` also runs
with that code ("voor": the feeds before they had languages). Each variant runs in a fresh process (``time.process_time`` of that process
only; loading the catalog is not counted), best of three.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.run import ROOT, make_project

VARIANTS = ("nl", "talen", "talen-los")

CHILD = r"""
import json, sys, time, datetime as dt
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]) / "hooks"))
from activity_directory.content.loading import load_catalog
from activity_directory.publish import feeds
project, variant, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
catalog, problems = load_catalog(project / "content", project, today=dt.date(2026, 11, 30))
stamp = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)
site = "https://example.org/"
start = time.process_time()
if not hasattr(feeds, "languages_of"):  # the code before feeds had languages (BENCH_SRC)
    from activity_directory.dates import wording
    feeds.languages_of = lambda catalog: [wording.DUTCH]
    feeds.FeedWriter.in_language = lambda self, words: self
    all_feeds = feeds.all_feeds
    feeds.all_feeds = lambda catalog, words: all_feeds(catalog)
languages = feeds.languages_of(catalog) if variant != "nl" else [feeds.languages_of(catalog)[0]]
dutch = feeds.FeedWriter(catalog, site, stamp)
size = count = 0
for words in languages:
    if variant == "talen-los":  # every language on its own: occurrences and all properties again
        writer = feeds.FeedWriter(catalog, site, stamp, words)
    else:  # as hooks/feed_files.write_outputs: the languages share the Dutch writer's work
        writer = dutch.in_language(words)
    every = feeds.all_feeds(catalog, words)
    feeds.compute_stats(catalog, site, writer, every)
    for feed in every:
        data = writer.render(feed)
        path = out / feed.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        size += len(data)
        count += 1
print(json.dumps({"cpu": time.process_time() - start, "feeds": count, "bytes": size,
                  "languages": [w.language.code for w in languages]}))
"""


def run(project: Path, variant: str, src: str | None = None) -> dict:
    best = None
    env = {**os.environ, "PYTHONPATH": src} if src else None
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run([sys.executable, "-c", CHILD, str(project), variant, out],
                                    capture_output=True, text=True, cwd=project, env=env)
        if result.returncode:
            raise RuntimeError(result.stderr[-3000:])
        found = json.loads(result.stdout.strip().splitlines()[-1])
        if best is None or found["cpu"] < best["cpu"]:
            best = found
    return best


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 1000
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", n)
        results = {variant: run(project, variant) for variant in VARIANTS}
        if os.environ.get("BENCH_SRC"):
            results["nl-voor"] = run(project, "nl", os.environ["BENCH_SRC"])
    base = results["nl"]["cpu"]
    for variant, found in results.items():
        print(f"N = {n:,} {variant:10} {found['cpu']:6.2f} s CPU ({found['cpu'] / base:.2f}× nl), "
              f"{found['feeds']:,} feeds, {found['bytes'] / 1e6:.1f} MB, talen {','.join(found['languages'])}")


if __name__ == "__main__":
    main(sys.argv[1:])

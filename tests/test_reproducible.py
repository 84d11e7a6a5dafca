"""Reproducible build: the same content and SOURCE_DATE_EPOCH give a byte-identical
site/ (sitemap, search index and feeds included), whatever the output folder."""

from __future__ import annotations

import gzip
import hashlib
import re

from conftest import REFERENCE_EPOCH, ROOT, build_site


def digests(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, built_site):
    # A second build into a folder with another name and depth than the first.
    other = tmp_path / "elders" / "nog-een-map"
    result = build_site(ROOT, other)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = digests(built_site), digests(other)
    assert set(first) == set(second), sorted(set(first) ^ set(second))[:20]
    different = sorted(name for name in first if first[name] != second[name])
    assert not different, different[:20]
    assert any(n.endswith(".ics") for n in first) and "zoekindex/meta.json" in first
    assert "sitemap.xml.gz" in first


def test_feeds_written_alongside_or_in_the_build_process_are_identical(tmp_path):
    """The side jobs (feeds, open data, …) and a share of the activity pages made in other
    processes during the build, or all in the build process."""
    sites = {}
    for switch in ("1", "0"):
        out = tmp_path / f"site-{switch}"
        result = build_site(ROOT, out, extra_env={"BUILD_PARALLEL": switch})
        assert result.returncode == 0, result.stderr[-3000:]
        assert re.search(r"\d+ agenda-feeds en 4 open-databestanden geschreven", result.stderr), result.stderr[-2000:]
        # Forked, a share of the activity pages is rendered by another process (hooks/page_workers.py),
        # and MkDocs' note about the empty output it got for them in this one is not shown.
        elsewhere = re.search(r"(\d+) activiteitenpagina's gemaakt in (een ander proces|\d+ andere processen)", result.stderr)
        assert (elsewhere is not None and int(elsewhere.group(1)) > 5) == (switch == "1"), result.stderr[-2000:]
        assert "Page skipped" not in result.stderr
        sites[switch] = digests(out)
    forked, serial = sites["1"], sites["0"]
    assert set(forked) == set(serial), sorted(set(forked) ^ set(serial))[:20]
    assert [n for n in forked if forked[n] != serial[n]] == []
    assert sum(n.endswith("agenda.ics") for n in forked) > 50 and "activiteiten.json" in forked


def test_sitemap_dates_follow_source_date_epoch(tmp_path, built_site):
    import datetime as dt

    day = dt.datetime.fromtimestamp(REFERENCE_EPOCH, dt.timezone.utc).date().isoformat()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{day}</lastmod>" in sitemap
    with gzip.open(built_site / "sitemap.xml.gz", "rb") as compressed:
        assert compressed.read().decode("utf-8") == sitemap
    # The gzip header carries a time: the day of SOURCE_DATE_EPOCH, not the wall clock.
    header_time = int.from_bytes((built_site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert REFERENCE_EPOCH - 86400 < header_time <= REFERENCE_EPOCH

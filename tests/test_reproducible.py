"""Reproducible build: the same content and SOURCE_DATE_EPOCH give a byte-identical
site/ (sitemap, search index and feeds included), whatever the output folder."""

from __future__ import annotations

import gzip
import hashlib

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
    assert any(n.endswith(".ics") for n in first) and "search/search_index.json" in first
    assert "sitemap.xml.gz" in first


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

"""Lighthouse (mobile, the default simulated slow 4G and a mid-range phone) on a built site, served
with gzip as every real host does (issue 20.5: home and an activity page ≥ 95, LCP ≤ 2.0 s).

Lighthouse 12.2.3 is pinned in package.json (12.2.3 runs on Node 20; later versions want 22) and
runs Debian's Chromium (``CHROME_PATH``): nothing is downloaded. The server is the standard
library's, with gzip for text files, in a thread of this process.

``python -m bench.lighthouse <site dir> [path ...]`` prints the scores; ``bench.run`` puts them in
``bench/results.md``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TEXT = {".html", ".js", ".css", ".json", ".svg", ".ics", ".xml", ".txt", ".webmanifest"}
# What the bar is about: the home page and an activity page (plus a list page and a page in
# another language, which parents land on from a flyer or a shared link).
DEFAULT_PATHS = ("", "activiteiten/{activity}/", "stadsdelen/{district}/", "en/")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix in TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return io.BytesIO(data)
        return super().send_head()

    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def audit(url: str) -> dict:
    """One Lighthouse run (performance only): score 0–100, LCP, FCP, TBT, CLS and bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
                        f"--output-path={out}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(100 * report["categories"]["performance"]["score"]),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(audits["network-requests"]["details"]["items"]),
    }


def default_paths(site: Path) -> list[str]:
    activity = next(p.parent.name for p in sorted((site / "activiteiten").glob("*/index.html")))
    district = next(p.parent.name for p in sorted((site / "stadsdelen").glob("*/index.html")))
    paths = [p.format(activity=activity, district=district) for p in DEFAULT_PATHS]
    return [p for p in paths if (site / p / "index.html").is_file()]


def run(site: Path, paths: list[str] | None = None) -> dict[str, dict]:
    """``{path: audit}`` for each path of the built ``site``."""
    server, base = serve(site)
    try:
        return {path: audit(base + path) for path in (paths or default_paths(site))}
    finally:
        server.shutdown()


def lines(results: dict[str, dict]) -> list[str]:
    rows = ["| Pagina | Score | LCP | FCP | TBT | CLS | Verzonden | Verzoeken |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for path, r in results.items():
        rows.append(f"| /{path} | {r['score']} | {r['lcp']:.1f} s | {r['fcp']:.1f} s | {r['tbt']:.0f} ms | "
                    f"{r['cls']:.3f} | {r['kib']:.0f} KiB | {r['requests']} |")
    return rows


if __name__ == "__main__":
    site = Path(sys.argv[1])
    print("\n".join(lines(run(site, sys.argv[2:] or None))))

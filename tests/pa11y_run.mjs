// Run pa11y (HTML_CodeSniffer, WCAG2AA) on pages of a served site, in Debian's Chromium.
// stdin:  {"urls": ["http://127.0.0.1:8000/", ...], "viewport": {"width": 390, "height": 844}}
// stdout: {"<url>": [{"code", "message", "selector", "context"}, ...], ...}  (errors only)
// One browser for all pages; pa11y opens a fresh tab for each. Puppeteer never downloads a
// browser here (.puppeteerrc.cjs): it starts /usr/bin/chromium (or $CHROMIUM).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const input = JSON.parse(readFileSync(0, "utf8"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const result = {};
try {
  for (const url of input.urls) {
    const report = await pa11y(url, {
      browser,
      standard: "WCAG2AA",
      runners: ["htmlcs"],
      includeNotices: false,
      includeWarnings: false,
      timeout: 60000,
      viewport: input.viewport || { width: 390, height: 844 },
    });
    result[url] = report.issues
      .filter((issue) => issue.type === "error")
      .map(({ code, message, selector, context }) => ({ code, message, selector, context }));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));

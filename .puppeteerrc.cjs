// pa11y (the HTML_CodeSniffer gate in tests/test_accessibility.py) drives Chromium through
// Puppeteer. Puppeteer must never download a browser of its own (`npm ci` would fetch one from
// a host outside the package registries): it uses Debian's chromium, like Playwright does.
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  "chrome-headless-shell": { skipDownload: true },
  firefox: { skipDownload: true },
  executablePath: "/usr/bin/chromium",
};

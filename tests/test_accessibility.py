"""Accessibility gates: axe-core (WCAG 2.0/2.1 A and AA) and HTML_CodeSniffer (pa11y,
WCAG2AA) in real Chromium on one page of every page type, a keyboard-only walk through
every page type (phone and desktop) and through the home filters, and the phone menu.

Page types come from the built site (tests/gates.py), so pages added later are
checked too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CHROMIUM, ROOT, wait_until
from gates import HOME_FILTERED, representatives

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.browser


def axe_violations(page) -> list[dict]:
    """Run axe-core on the loaded page; violations with their failing nodes.

    The page's CSP forbids injected scripts: the context needs ``bypass_csp``.
    """
    if not AXE.exists():
        pytest.fail("axe-core ontbreekt: 'make test' installeert het (npm ci).")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
             const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, help: v.help,
               nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
           }""", WCAG_TAGS)


def _report(violations) -> str:
    return json.dumps(violations, indent=1, ensure_ascii=False)


def _page_ids(site):
    return [kind for kind, _ in representatives(site)]


@pytest.fixture(scope="module")
def pages_to_check(built_site):
    return representatives(built_site)


def test_every_page_type_is_checked(pages_to_check):
    kinds = {kind for kind, _ in pages_to_check}
    # The types that must exist in any build of the site: the rest is discovered.
    assert {"home", "home+filters", "activiteiten/*", "404", "en/404", "ar/404"} <= kinds, kinds
    assert len(kinds) >= 8, kinds


def test_axe_finds_no_violations_on_any_page_type(browser, site_url, pages_to_check):
    context = browser.new_context(locale="nl-NL", bypass_csp=True, viewport={"width": 390, "height": 844})
    failures = {}
    try:
        for kind, url in pages_to_check:
            tab = context.new_page()
            tab.goto(site_url + url, wait_until="networkidle")
            violations = axe_violations(tab)
            if violations:
                failures[f"{kind} ({url})"] = violations
            tab.close()
    finally:
        context.close()
    assert not failures, _report(failures)


def test_axe_on_wide_screen(browser, site_url, pages_to_check):
    """Desktop layout (sidebar nav visible) of the home page and an activity."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True, viewport={"width": 1280, "height": 900})
    failures = {}
    try:
        for kind, url in pages_to_check:
            if kind not in ("home+filters", "activiteiten/*"):
                continue
            tab = context.new_page()
            tab.goto(site_url + url, wait_until="networkidle")
            violations = axe_violations(tab)
            if violations:
                failures[kind] = violations
            tab.close()
    finally:
        context.close()
    assert not failures, _report(failures)


FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const visible = (node) => {
    const s = getComputedStyle(node);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    return outline || (s.boxShadow && s.boxShadow !== 'none');
  };
  // A visually hidden checkbox shows its focus on its label (chips).
  let shown = visible(el);
  for (let n = el.parentElement, i = 0; !shown && n && i < 2; n = n.parentElement, i++) {
    if (n.tagName === 'LABEL') shown = visible(n);
  }
  const box = (el.closest('label') || el).getBoundingClientRect();
  return {id: el.id, name: el.name || '', value: el.value || '', tag: el.tagName,
          text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
          inForm: !!el.closest('#filters'), shown, w: box.width, h: box.height};
}"""


def test_keyboard_reaches_every_filter_with_visible_focus(page, site_url):
    page.goto(site_url + HOME_FILTERED, wait_until="networkidle")
    toggle = page.locator("#filters-toggle")
    if toggle.count() and page.is_hidden("#filters"):
        toggle.press("Enter")  # the filters fold behind 'Filters (n)'
    controls = page.evaluate("""() => [...document.querySelectorAll(
        '#filters input, #filters select, #filters button, #filters a[href]')]
        .filter(e => !e.disabled && !e.closest('[hidden]') && e.type !== 'hidden')
        .map(e => (e.id || '') + '|' + (e.name || '') + '|' + (e.value || ''))""")
    assert controls, "geen filters gevonden op de homepage"
    page.locator("body").click(position={"x": 1, "y": 1})
    reached, invisible = set(), []
    for _ in range(len(controls) + 60):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if not state["shown"] or state["w"] < 1 or state["h"] < 1:
            invisible.append(state)
        if state["inForm"]:
            reached.add(f"{state['id']}|{state['name']}|{state['value']}")
        if set(controls) <= reached:
            break
    assert not invisible, f"focus niet zichtbaar op: {invisible}"
    missing = [c for c in controls if c not in reached]
    assert not missing, f"niet bereikbaar met Tab: {missing}"


# ---------------------------------------------------------------------------
# Second gate: HTML_CodeSniffer (pa11y, WCAG2AA) on every page type
# ---------------------------------------------------------------------------

PA11Y = ROOT / "node_modules" / "pa11y"


def test_pa11y_finds_no_errors_on_any_page_type(site_url, pages_to_check):
    """pa11y 9.1.1 runs HTML_CodeSniffer in Debian's Chromium (tests/pa11y_run.mjs; no browser download)."""
    if not PA11Y.exists():
        pytest.fail("pa11y ontbreekt: 'make test' installeert het (npm ci).")
    import os
    import subprocess

    request = {"urls": [site_url + url for _, url in pages_to_check], "viewport": {"width": 390, "height": 844}}
    result = subprocess.run(["node", str(ROOT / "tests" / "pa11y_run.mjs")], input=json.dumps(request),
                            capture_output=True, text=True, cwd=ROOT, timeout=600,
                            env={**os.environ, "CHROMIUM": CHROMIUM})
    assert result.returncode == 0, result.stderr[-3000:]
    errors = json.loads(result.stdout)
    assert set(errors) == set(request["urls"]), "every page was checked"
    kinds = {site_url + url: kind for kind, url in pages_to_check}
    failures = {f"{kinds[url]} ({url})": issues for url, issues in errors.items() if issues}
    assert not failures, _report(failures)


# ---------------------------------------------------------------------------
# Keyboard: Tab reaches only what a sighted keyboard user can see
# ---------------------------------------------------------------------------

# Where the focus is, and whether a sighted user sees it: on screen, not transparent, not covered
# (by the sticky header, an overlay or a closed menu). A visually hidden checkbox counts with its label.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.closest('label') || el;
  const describe = (n) => n ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
      (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\\s+/).join('.') : '') : null;
  // A link that wraps has one box per line: it is seen when one of them is on screen and on top.
  let onScreen = false, covered = true, coveredBy = null;
  for (const r of box.getClientRects()) {
    const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
    if (r.width < 1 || r.height < 1 || bottom <= top || right <= left) continue;
    onScreen = true;
    const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
    if (hit === box || box.contains(hit)) { covered = false; break; }
    coveredBy = describe(hit);
  }
  const r = box.getBoundingClientRect();
  return {element: describe(el), name: (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 40),
          onScreen, seen: box.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}),
          covered: onScreen && covered, coveredBy,
          key: describe(el) + '|' + (el.getAttribute('href') || el.name || '') + '|' + Math.round(r.left) + ',' + Math.round(r.top + scrollY)};
}"""


def _walk(tab, key: str, limit: int = 400) -> tuple[list[dict], list[dict]]:
    """Press ``key`` until the focus comes back round; every stop, and the stops a sighted user cannot see."""
    import time

    stops, hidden, first = [], [], None
    for _ in range(limit):
        tab.keyboard.press(key)
        state = tab.evaluate(FOCUSED)
        deadline = time.monotonic() + 1.5  # let transitions (the skip link fades in) and scrolling settle
        while state and not (state["onScreen"] and state["seen"] and not state["covered"]) and time.monotonic() < deadline:
            time.sleep(0.05)
            state = tab.evaluate(FOCUSED)
        if state is None:
            if stops:
                break  # past the last element: the focus left the page
            continue
        if first is not None and state["key"] == first:
            break
        first = first or state["key"]
        stops.append(state)
        if not (state["onScreen"] and state["seen"]) or state["covered"]:
            hidden.append(state)
    return stops, hidden


# Put a focusable element of the content just under the sticky header, focus the one before it
# (without scrolling), and go to the element with the keyboard. The browser only scrolls when the
# element is outside the viewport minus its scroll padding: without padding it stays hidden.
UNDER_HEADER = """([index, direction]) => {
  const focusable = [...document.querySelectorAll('.md-content a[href], .md-content button, .md-content input, .md-content select, .md-content summary, .md-content [tabindex="0"]')]
    .filter(e => !e.disabled && e.checkVisibility() && e.getClientRects().length && e.getBoundingClientRect().height < 80);
  const target = focusable[index], neighbour = focusable[index - direction];
  if (!target || !neighbour) return null;
  const header = document.querySelector('.md-header').getBoundingClientRect();
  neighbour.focus({preventScroll: true});
  window.scrollBy(0, target.getBoundingClientRect().top - header.bottom / 3);
  return target.getBoundingClientRect().top < header.bottom;
}"""


def _under_header(tab) -> tuple[int, list]:
    """How many elements were tried under the header, and those the keyboard left hidden there."""
    tried, hidden = 0, []
    for index, key in ((1, "Tab"), (2, "Tab"), (3, "Shift+Tab")):
        if not tab.evaluate(UNDER_HEADER, [index, 1 if key == "Tab" else -1]):
            continue  # too few links, or the page cannot scroll that far
        tried += 1
        tab.keyboard.press(key)
        state = tab.evaluate(FOCUSED)
        if state is None or state["covered"] or not state["onScreen"]:
            hidden.append(state)
    return tried, hidden


def _keyboard_check(browser, site_url, pages_to_check, viewport, walk: bool):
    context = browser.new_context(locale="nl-NL", viewport=viewport, reduced_motion="reduce")
    failures, counts, tried = {}, {}, 0
    try:
        for kind, url in pages_to_check:
            tab = context.new_page()
            tab.goto(site_url + url, wait_until="networkidle")
            hidden = []
            if walk:
                stops, hidden = _walk(tab, "Tab")
                counts[kind] = len(stops)
            n, under = _under_header(tab)
            tried += n
            if hidden or under:
                failures[f"{kind} ({url})"] = {"Tab bereikt iets onzichtbaars": hidden, "onder de kopbalk": under}
            tab.close()
    finally:
        context.close()
    assert not failures, _report(failures)
    assert all(counts.values()), counts
    assert tried >= len(pages_to_check), tried


def test_keyboard_on_a_phone_reaches_only_what_it_shows(browser, site_url, pages_to_check):
    """On a phone (390 × 844), Tab walks only through what can be seen: not through the closed
    menu, nothing off screen, transparent, under an overlay or under the sticky header."""
    _keyboard_check(browser, site_url, pages_to_check, {"width": 390, "height": 844}, walk=True)


def test_keyboard_focus_never_lands_under_the_sticky_header_on_a_desktop(browser, site_url, pages_to_check):
    _keyboard_check(browser, site_url, pages_to_check, {"width": 1280, "height": 900}, walk=False)


def test_phone_menu_is_a_named_button_and_closed_menu_is_out_of_reach(page, site_url):
    page.goto(site_url + "deze-week/", wait_until="networkidle")
    button = page.get_by_role("button", name="Menu")
    assert button.count() == 1 and button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.get_attribute("inert") is not None, "the closed menu is inert"

    button.focus()
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('__drawer').checked && !document.querySelector('.md-sidebar--primary').hasAttribute('inert')")
    assert button.get_attribute("aria-expanded") == "true"
    wait_until(page, "!!document.activeElement.closest('.md-sidebar--primary')")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused is not None, "opening the menu puts the focus on its first link"
    assert page.locator(".md-content").get_attribute("inert") is not None, "the page behind the open menu is inert"

    page.keyboard.press("Escape")
    wait_until(page, "!document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches('[data-site-menu]')"), "Escape returns the focus to the button"
    assert drawer.get_attribute("inert") is not None and button.get_attribute("aria-expanded") == "false"
    assert page.locator(".md-content").get_attribute("inert") is None


def test_desktop_menu_is_a_column_and_never_inert(browser, site_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(site_url + "deze-week/", wait_until="networkidle")
        assert tab.locator(".md-sidebar--primary").get_attribute("inert") is None
        assert tab.locator(".md-sidebar--primary .md-nav__list a").first.is_visible()
        assert not tab.get_by_role("button", name="Menu").is_visible(), "no menu button where the menu is a column"
    finally:
        context.close()


def test_without_javascript_the_menu_still_opens(browser, site_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "deze-week/")
        label = tab.locator("label.site-menu-label")
        assert label.is_visible() and label.inner_text().strip() == "Menu"
        label.click()
        assert tab.locator(".md-sidebar--primary .md-nav__list a").first.is_visible()
    finally:
        context.close()

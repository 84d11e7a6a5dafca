"""Accessibility gate: axe-core (WCAG 2.0/2.1 A and AA) in real Chromium on one
page of every page type, plus a keyboard-only walk through the home filters.

Page types come from the built site (tests/gates.py), so pages added later are
checked too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
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
    assert {"home", "home+filters", "activiteiten/*", "404"} <= kinds, kinds
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

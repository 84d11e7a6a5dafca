"""The web editor: Decap CMS at ``/admin/``, configured from the one model.

* :func:`config_data` / :func:`config_yaml`: ``/admin/config.yml``. Every key
  of :data:`model.ACTIVITY` becomes a field with a widget that fits its type;
  nothing lists keys by hand. Saves go through the GitHub backend with
  ``publish_mode: editorial_workflow``, so each save is a pull request that the
  checks review.
* :func:`admin_page`: ``/admin/index.html``. It loads Decap CMS from the site
  itself (copied from ``node_modules`` at build time, :func:`vendor_files`),
  then ``/assets/cms.js``, which registers the file format ``activiteit`` (it
  keeps every line the editor did not change) and the widget
  ``keuze-of-blok`` (a word or text, or a block: ``kosten``, ``melding``).
* :func:`rules_data`: the model's rules across keys (``Record.rules``, declarations such as
  ``Compare("tot", "<", "van", ...)``) with the kinds of the keys they read, under ``regels`` of
  the field they belong to (a block, a list of blocks, or for the activity itself the key they
  report at). ``/assets/cms-rules.js`` interprets them, so the editor refuses what ``make check``
  refuses, with the same message.
* :func:`admin_policy`: the page's Content-Security-Policy. Decap needs more
  than the visitors' pages allow (see the comments there); it still loads
  scripts only from the site itself.

Deployment settings come from the environment, never from code
(:class:`Settings`): the repository (``CMS_REPO``, in GitHub Actions
``GITHUB_REPOSITORY``), its branch, the OAuth helper the editors log in
through (``CMS_AUTH_URL``) and, for ``make cms``, the local ``decap-server``
(``CMS_LOCAL_BACKEND``). Other forges: ``CMS_BACKEND`` (``gitlab``, ``gitea``,
``forgejo``), ``CMS_SERVER_URL`` (the forge's address) and ``CMS_APP_ID``
(the OAuth application's ID; these sign in with PKCE, without a server).
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..content.fieldtypes import (
    Boolean, Choice, ContentFile, Date, Either, Email, Field, FieldType, Geo, Key, ListOf, MapOf, Number,
    Phone, Record, Slug, Text, TextOr, Time, Url,
)
from ..content.fieldwalk import walk
from ..content.model import ACTIVITY
from ..publish import safety

CONFIG_PATH = "admin/config.yml"
PAGE_PATH = "admin/index.html"
VENDOR_DIR = "admin/vendor"
ACTIVITIES_FOLDER = "content/activities"
COLLECTION = "activiteiten"
FORMAT = "activiteit"  # registered by overrides/assets/cms.js
EITHER_WIDGET = "keuze-of-blok"  # registered by overrides/assets/cms.js
GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"
PLACEHOLDER_REPO = "gemeente/activiteitengids"

# /admin/ inside a frame of any page (another site's clickjacking): nothing is shown, the rest of the
# page (Decap) is never loaded, and the top window is asked to open /admin/ itself. A meta policy
# cannot say frame-ancestors and GitHub Pages sends no headers, so the page guards itself; its CSP
# allows exactly this script by its hash (never 'unsafe-inline'). The first thing in <head>.
FRAME_GUARD = ("if (window.top !== window.self) { document.documentElement.hidden = true; "
               "try { window.top.location.replace(window.location.href); } catch (e) {} window.stop(); }")

# (package folder in node_modules, files to publish): the Decap bundle with the
# chunks and WebAssembly it loads on demand, and the YAML library cms.js uses.
DECAP = ("decap-cms/dist", ("decap-cms.js", "*.decap-cms.js", "*.wasm"))
YAML_LIBRARY = ("yaml/browser/dist", ("**/*.js",))


# The sign-in routes Decap CMS 3.x has without a server of the site's own (see README, "Signing in
# to the web editor"): CMS_BACKEND names the forge, its default web address and the API path there.
# GitHub needs the small OAuth helper (CMS_AUTH_URL); GitLab, Gitea and Forgejo sign in with PKCE,
# the application's ID (CMS_APP_ID) is all they need.
BACKENDS = {"github": ("https://github.com", ""), "gitlab": ("https://gitlab.com", "/api/v4"),
            "gitea": ("https://gitea.com", "/api/v1"), "forgejo": ("https://codeberg.org", "/api/v1")}


@dataclass(frozen=True)
class Settings:
    """Where the editor saves to; from the environment (see the module docstring)."""

    repo: str = PLACEHOLDER_REPO
    branch: str = "main"
    auth_url: str | None = None  # the OAuth helper's base URL (GitHub OAuth app)
    local_backend: str | None = None  # decap-server's API URL, for `make cms`
    site_url: str | None = None
    backend: str = "github"  # a key of BACKENDS
    server_url: str | None = None  # GitLab/Gitea/Forgejo: the forge's web address (default in BACKENDS)
    app_id: str | None = None  # GitLab/Gitea/Forgejo: the OAuth application's ID (PKCE, no secret)

    @classmethod
    def from_environment(cls, environ=None, site_url: str | None = None) -> "Settings":
        environ = os.environ if environ is None else environ
        backend = (environ.get("CMS_BACKEND") or "github").strip().lower()
        if backend not in BACKENDS:
            raise ValueError(f"CMS_BACKEND={backend!r}: kies uit {', '.join(BACKENDS)}.")
        return cls(
            repo=environ.get("CMS_REPO") or environ.get("GITHUB_REPOSITORY") or PLACEHOLDER_REPO,
            branch=environ.get("CMS_BRANCH") or "main",
            auth_url=environ.get("CMS_AUTH_URL") or None,
            local_backend=environ.get("CMS_LOCAL_BACKEND") or None,
            site_url=site_url or None,
            backend=backend,
            server_url=(environ.get("CMS_SERVER_URL") or "").rstrip("/") or None,
            app_id=environ.get("CMS_APP_ID") or None,
        )

    def server(self) -> str:
        """The forge's web address: where editors sign in (PKCE) and the token comes from."""
        return self.server_url or BACKENDS[self.backend][0]

    def api_root(self) -> str:
        """The forge's API the editor talks to."""
        if self.backend == "github":
            return GITHUB_API if not self.server_url else f"{self.server_url}/api/v3"
        return self.server() + BACKENDS[self.backend][1]

    def backend_data(self) -> dict:
        """The ``backend`` block of config.yml for this route."""
        found: dict = {"name": self.backend, "repo": self.repo, "branch": self.branch}
        if self.backend == "github":
            if self.server_url:
                found["api_root"] = self.api_root()
            if self.auth_url:
                found["base_url"] = self.auth_url
            return found
        found["api_root"] = self.api_root()
        if self.backend != "forgejo":  # Decap's Forgejo route derives it from api_root
            found["base_url"] = self.server()
        if self.backend == "gitlab":
            found["auth_type"] = "pkce"
        if self.app_id:
            found["app_id"] = self.app_id
        return found


# ---------------------------------------------------------------------------
# config.yml
# ---------------------------------------------------------------------------


def _options(kind: Key, site) -> list[dict] | None:
    if site is None:
        return None
    return [{"label": name, "value": key} for key, name in site.registries().get(kind.registry, {}).items()]


def _labels(record: Record) -> str:
    return ", ".join(spec.label or spec.key for spec in record.fields)


def _kind_data(kind: FieldType) -> dict:
    """What cms-rules.js needs to know of a key a rule reads: how to read and show its value."""
    if isinstance(kind, Time):
        return {"soort": "tijd"}
    if isinstance(kind, Date):
        return {"soort": "datum", "min": kind.earliest.isoformat(), "max": kind.latest.isoformat()}
    if isinstance(kind, Number):
        return {"soort": "getal", "min": kind.minimum, "max": kind.maximum, "stap": kind.step}
    if isinstance(kind, Choice):
        return {"soort": "keuze", "opties": list(kind.options)}
    return {"soort": "tekst"}


def rules_data(record: Record, scope: str = "blok") -> dict | None:
    """The ``regels`` of a field: ``record``'s rules and the kinds of the keys they read. ``scope``:
    ``"blok"`` (the field's value is the record, for a list: each item), ``"invoer"`` (the record
    is the whole entry)."""
    if not record.rules:
        return None
    rules = [rule.as_data() for rule in record.rules]
    keys = dict.fromkeys(key for rule in rules for key in (rule["sleutel"], rule["andere"]))
    return {"bereik": scope, "sleutels": {key: _kind_data(record.field(key).type) for key in keys}, "regels": rules}


def _rules_of(kind: FieldType) -> dict | None:
    if isinstance(kind, Either):
        return rules_data(kind.record)
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        return rules_data(kind.item)
    if isinstance(kind, Record):
        return rules_data(kind)
    return None


def widget(kind: FieldType, site) -> dict:
    """The Decap widget (and its options) for one field type."""
    if isinstance(kind, Key):
        if kind.registry == COLLECTION:  # another activity: pick it by its title
            return {"widget": "relation", "collection": COLLECTION, "value_field": "{{slug}}",
                    "search_fields": ["titel"], "display_fields": ["titel"]}
        options = _options(kind, site)
        if options:
            return {"widget": "select", "options": options}
        return {"widget": "string", "pattern": [kind.json_schema()["pattern"], "Alleen kleine letters, cijfers en '-'."]}
    if isinstance(kind, Choice):  # also Weekday
        return {"widget": "select", "options": list(kind.options)}
    if isinstance(kind, Text):
        return {"widget": "string" if kind.single_line and (kind.max_length or 0) <= 160 else "text"}
    if isinstance(kind, Date):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
                "picker_utc": False}  # a day, not a moment: no "UTC" beside the field, "vandaag" is the editor's day
    if isinstance(kind, Time):
        return {"widget": "string", "pattern": [kind.json_schema()["pattern"], "Schrijf een tijd als 09:30."]}
    if isinstance(kind, Number):
        whole = not kind.step or float(kind.step).is_integer()
        found = {"widget": "number", "value_type": "int" if whole and float(kind.minimum).is_integer() and kind.unit != "euro" else "float",
                 "min": kind.minimum, "max": kind.maximum}
        if kind.step:
            found["step"] = kind.step
        return found
    if isinstance(kind, Boolean):
        return {"widget": "boolean", "default": False}
    if isinstance(kind, (Url, Email, Phone, Slug)):
        return {"widget": "string", "pattern": [kind.json_schema().get("pattern", ".+@.+"),
                                                f"Dit moet {kind.explain().replace('`', '')} zijn."]}
    if isinstance(kind, ContentFile):
        # The file goes to content/<folder>/ and the key holds '<folder>/<name>', as the validator expects.
        return {"widget": "image", "choose_url": False, "media_folder": f"/content/{kind.folder}".rstrip("/"),
                "public_folder": kind.folder}
    if isinstance(kind, Geo):
        return {"widget": "list", "collapsed": False, "min": 2, "max": 2,
                "field": {"label": "Getal", "name": "getal", "widget": "number", "value_type": "float"}}
    if isinstance(kind, Either):  # a word like 'gratis', or a block
        return {"widget": EITHER_WIDGET, "options": list(kind.word.options),
                "record_label": f"Anders: {_labels(kind.record).lower()}",
                "fields": [field(spec, site) for spec in kind.record.fields]}
    if isinstance(kind, TextOr):  # a text, or a block with more detail
        return {"widget": EITHER_WIDGET, "text": True, "text_label": "Alleen een tekst",
                "record_label": f"Met meer gegevens: {_labels(kind.record).lower()}",
                "fields": [field(spec, site) for spec in kind.record.fields]}
    if isinstance(kind, Record):
        return {"widget": "object", "collapsed": False, "fields": [field(spec, site) for spec in kind.fields]}
    if isinstance(kind, ListOf):
        item = kind.item
        if isinstance(item, (Key, Choice)):
            inner = widget(item, site)
            if inner["widget"] == "select":
                return {**inner, "multiple": True, "min": kind.min_items, "max": kind.max_items}
        if isinstance(item, Record):
            # collapsed lines show their one-of keys and required keys: 'maandag 09:30 10:15'
            shown = [k for k in item.exactly_one_of] + [f.key for f in item.fields if f.required]
            summary = "".join("{{fields.%s}}" % k for k in item.exactly_one_of) + " " + \
                      " ".join("{{fields.%s}}" % k for k in shown[len(item.exactly_one_of):])
            return {"widget": "list", "min": kind.min_items, "max": kind.max_items, "summary": summary.strip(),
                    "fields": [field(spec, site) for spec in item.fields]}
        return {"widget": "list", "min": kind.min_items, "max": kind.max_items, "collapsed": False,
                "field": {"label": "Waarde", "name": "waarde", **widget(item, site)}}
    if isinstance(kind, MapOf):
        return {"widget": "text"}
    raise TypeError(f"no CMS widget for {type(kind).__name__}")


def field(spec: Field, site) -> dict:
    found = {"label": spec.label or spec.key, "name": spec.key, **widget(spec.type, site)}
    # 'locatie' may be left out when every time has its own (model._location_optional)
    found["required"] = bool(spec.required) and spec.key != "locatie"
    if found["widget"] == "object" and not found["required"]:
        # Decap checks the keys inside a block even when the block is left empty, so an optional
        # block ('foto', a time's own 'locatie') has no required keys here; `make check` (the
        # pull request's check) still asks for them once the block is there.
        for inner in found["fields"]:
            inner["required"] = False
    rules = _rules_of(spec.type)
    if rules:
        found["regels"] = rules
    hint = spec.help
    if found.get("hint"):
        hint = f"{hint} {found['hint']}"
    if hint:
        found["hint"] = hint
    return found


def media_folder() -> str:
    """Where uploads go by default: the folder of the model's first file field, under content/."""
    for _, spec in walk():
        if isinstance(spec.type, ContentFile):
            return widget(spec.type, None)["media_folder"].lstrip("/")
    return "content/fotos"


def _with_entry_rules(fields: list[dict]) -> list[dict]:
    """The activity's own rules go on the field each one reports at (there is no field for the entry)."""
    for rule in ACTIVITY.rules:
        found = next(item for item in fields if item["name"] == rule.key)
        own = rules_data(Record(fields=ACTIVITY.fields, rules=(rule,)), "invoer")
        if "regels" in found:
            found["regels"]["sleutels"].update(own["sleutels"])
            found["regels"]["regels"] += own["regels"]
        else:
            found["regels"] = own
    return fields


def config_data(site=None, settings: Settings | None = None) -> dict:
    settings = settings or Settings()
    backend = settings.backend_data()
    uploads = media_folder()
    data: dict = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "media_folder": uploads,
        "public_folder": "/" + uploads.removeprefix("content/"),
    }
    if settings.local_backend:
        data["local_backend"] = {"url": settings.local_backend}
    if settings.site_url:
        data["site_url"] = data["display_url"] = settings.site_url
    data["collections"] = [{
        "name": COLLECTION,
        "label": "Activiteiten",
        "label_singular": "Activiteit",
        "description": "Eén bestand per activiteit. Verwijder niets: zet 'status' op 'gestopt'.",
        "folder": ACTIVITIES_FOLDER,
        "extension": "md",
        "format": FORMAT,
        "create": True,
        "delete": False,
        "slug": "{{slug}}",
        "identifier_field": "titel",
        "summary": "{{titel}}",
        "sortable_fields": ["titel", "gecontroleerd"],
        "editor": {"preview": False},
        "fields": _with_entry_rules([field(spec, site) for spec in ACTIVITY.fields])
                  + [{"label": "Uitleg", "name": "body", "widget": "markdown", "required": False,
                      "hint": "In gewone zinnen: wat doe je, voor wie, wat is fijn om te weten."}],
    }]
    return data


def config_yaml(site=None, settings: Settings | None = None) -> str:
    header = "# Gemaakt uit het activiteitmodel (activity_directory.editors.cms). Niet met de hand aanpassen.\n"
    return header + yaml.safe_dump(config_data(site, settings), allow_unicode=True, sort_keys=False, width=120)


# ---------------------------------------------------------------------------
# The page and its files
# ---------------------------------------------------------------------------


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def admin_policy(settings: Settings | None = None) -> str:
    """The Content-Security-Policy of ``/admin/``.

    Compared with the visitors' pages (safety.content_security_policy):
    scripts still only come from the site itself (and the frame guard, by its
    hash), but Decap compiles its
    config schema at run time ('unsafe-eval', ajv) and styles its components
    at run time ('unsafe-inline' for styles only, emotion). It talks to the
    forge's API (and, for ``make cms``, the local decap-server), reads back the
    drafts it keeps in the browser (``blob:`` URLs, fetched: without it
    every form logs "Failed to fetch" and a reload restores nothing) and shows
    the editor's avatar after logging in. GitLab, Gitea and Forgejo hand out
    the token on their own address (PKCE), so that address is allowed too.
    """
    settings = settings or Settings()
    scripts = " ".join(["'self'", safety.script_hash(FRAME_GUARD), "'unsafe-eval'"])
    urls = [settings.api_root()] + ([settings.server()] if settings.backend != "github" else [])
    forge = list(dict.fromkeys(_origin(url) for url in urls))
    connect = ["'self'", "blob:", *forge] + ([_origin(settings.local_backend)] if settings.local_backend else [])
    images = GITHUB_AVATARS if settings.backend == "github" else forge[-1]
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: blob: {images}",
        "font-src 'self'",
        f"connect-src {' '.join(connect)}",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def admin_page(site_name: str, settings: Settings | None = None, icon: str = "assets/images/favicon.png") -> str:
    """``/admin/index.html``: Decap CMS and our additions, all from this site. ``icon``: the site's
    favicon, relative to the site's root."""
    policy = html.escape(admin_policy(settings), quote=False).replace("\"", "&quot;")
    name = html.escape(site_name)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<script>{FRAME_GUARD}</script>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Beheer – {name}</title>
<link rel="icon" href="../{html.escape(icon)}">
<link rel="stylesheet" href="../assets/cms.css">
</head>
<body>
<noscript><p>Het beheer werkt alleen als JavaScript aan staat. Je kunt een activiteit ook op GitHub aanpassen:
lees <a href="../redactie/">de uitleg voor redacteuren</a>.</p></noscript>
<script src="../assets/cms-start.js"></script>
<script src="vendor/decap-cms.js"></script>
<script type="module" src="../assets/cms.js"></script>
</body>
</html>
"""


def vendor_files(node_modules: Path) -> dict[str, Path] | None:
    """Site path -> file in ``node_modules`` for Decap and the YAML library; ``None`` when not installed."""
    found: dict[str, Path] = {}
    for folder, patterns in (DECAP, YAML_LIBRARY):
        base = node_modules / folder
        if not base.is_dir():
            return None
        sub = "" if folder == DECAP[0] else "yaml/"
        for pattern in patterns:
            for path in sorted(base.glob(pattern)):
                if path.is_file():
                    found[f"{VENDOR_DIR}/{sub}{path.relative_to(base).as_posix()}"] = path
    return found if f"{VENDOR_DIR}/decap-cms.js" in found else None

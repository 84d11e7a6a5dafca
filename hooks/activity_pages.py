"""Activity pages: ``content/activities/<slug>.md`` → ``/activiteiten/<slug>/``.

Thin: the page's content comes from ``presentation.activity_view``; photos are
made by ``activity_directory.publish.images`` (cached by content), old addresses by
``activity_directory.pages.aliases``. Here they only become MkDocs files:

* the uploads of photos are never published, only their resized copies;
* each old name (``aliases``) gets a static redirect page (``redirect.html``).
"""

from __future__ import annotations

from pathlib import Path

import engine
import languages
from mkdocs.structure.files import File, InclusionLevel

from activity_directory.pages import aliases, presentation

from activity_directory.publish import images, safety
from activity_directory.content.loading import ACTIVITIES_DIR
from activity_directory.content.problems import Problem

PREFIX = "activiteiten/"
CACHE = Path(".cache") / "afbeeldingen"  # in the project folder (not in git)
log = engine.logger("activity_pages")


class _State:
    photos: dict = {}  # slug -> images.PhotoSet of this build


state = _State()


def remove_sources(files) -> None:
    """Activity sources and data files are input, not pages of their own."""
    for file in list(files):
        if file.src_uri.startswith(f"{ACTIVITIES_DIR}/") or (file.src_uri.endswith(".yml") and "/" not in file.src_uri):
            files.remove(file)


def site_url(config) -> str:
    return config.get("site_url") or "http://localhost:8000/"


def image_cache(config) -> images.ImageCache:
    project = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    return images.ImageCache(project / CACHE)


def publish(files, config, variant: images.Variant) -> None:
    """A made image becomes a file of the site (MkDocs copies it from the cache)."""
    if files.get_file_from_path(variant.path) is None:
        files.append(File.generated(config, variant.path, abs_src_path=str(variant.source)))


def files(catalog, files, config) -> None:
    for activity in catalog.activities:
        # Only the editor's Markdown body is the page source; the template shows the rest.
        source = f"---\ntemplate: activity.html\n---\n\n{activity.body}"
        page = File.generated(config, f"{PREFIX}{activity.slug}.md", content=source)
        page.inclusion = InclusionLevel.NOT_IN_NAV  # a nav with every activity makes builds quadratic
        files.append(page)
    _photos(catalog, files, config)
    _old_addresses(catalog, files, config)


def _photos(catalog, files, config) -> None:
    """Uploads stay out of the site (full size, with location data); their resized copies go in."""
    state.photos = {}
    uploads = {a.photo.path for a in catalog.activities if a.photo}
    for file in list(files):
        if file.src_uri in uploads or file.src_uri.startswith(images.FOLDER + "/"):
            files.remove(file)
    if not uploads:
        return
    cache = image_cache(config)
    for activity in catalog.activities:
        if activity.photo is None:
            continue
        try:
            photo = cache.photo(Path(config.docs_dir), activity.photo)
        except images.ImageProblem as problem:
            log.warning(str(Problem(activity.source, activity.key_lines.get("foto", 1), str(problem))))
            continue
        state.photos[activity.slug] = photo
        for variant in photo.variants + ((photo.card,) if photo.card else ()):
            publish(files, config, variant)
    cache.save()


def _old_addresses(catalog, files, config) -> None:
    targets = aliases.alias_targets(catalog)
    if not targets:
        return
    template = config.theme.get_env().get_template("redirect.html")
    policy = safety.content_security_policy()
    for alias, activity in sorted(targets.items()):
        view = aliases.redirect_view(activity, alias, site_url(config), config.site_name)
        page = template.render(redirect=view, csp=policy, icon=config.theme["favicon"])
        files.append(File.generated(config, aliases.redirect_path(alias), content=page))


def activity_of(catalog, page):
    uri = languages.source_uri(page)
    if not uri.startswith(PREFIX) or uri.count("/") != 1:
        return None
    slug = uri[len(PREFIX):-3]
    return catalog.by_slug.get(slug)


def page_markdown(catalog, markdown, page, config):
    activity = activity_of(catalog, page)
    if activity is None:
        return markdown
    translation = catalog.translation(activity.slug, languages.code_of(page))
    page.title = translation.text("titel") or activity.title if translation is not None else activity.title
    if translation is not None and translation.body.strip():
        return translation.body  # the editor's translated body, made safe like the Dutch one
    return markdown


def page_context(catalog, context, page, config) -> None:
    activity = activity_of(catalog, page)
    if activity is not None:
        context["activity"] = presentation.activity_view(catalog, activity, photo=state.photos.get(activity.slug),
                                                         site_url=site_url(config), words=languages.words_of(page))

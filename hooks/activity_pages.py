"""Activity pages: ``content/activities/<slug>.md`` → ``/activiteiten/<slug>/``."""

from __future__ import annotations

from mkdocs.structure.files import File, InclusionLevel

from activity_directory import presentation
from activity_directory.loading import ACTIVITIES_DIR

PREFIX = "activiteiten/"


def remove_sources(files) -> None:
    """Activity sources and data files are input, not pages of their own."""
    for file in list(files):
        if file.src_uri.startswith(f"{ACTIVITIES_DIR}/") or (file.src_uri.endswith(".yml") and "/" not in file.src_uri):
            files.remove(file)


def files(catalog, files, config) -> None:
    for activity in catalog.activities:
        # Only the editor's Markdown body is the page source; the template shows the rest.
        source = f"---\ntemplate: activity.html\n---\n\n{activity.body}"
        page = File.generated(config, f"{PREFIX}{activity.slug}.md", content=source)
        page.inclusion = InclusionLevel.NOT_IN_NAV  # a nav with every activity makes builds quadratic
        files.append(page)


def activity_of(catalog, page):
    uri = page.file.src_uri
    if not uri.startswith(PREFIX) or uri.count("/") != 1:
        return None
    slug = uri[len(PREFIX):-3]
    return catalog.by_slug.get(slug)


def page_markdown(catalog, markdown, page, config):
    activity = activity_of(catalog, page)
    if activity is not None:
        page.title = activity.title
    return markdown


def page_context(catalog, context, page, config) -> None:
    activity = activity_of(catalog, page)
    if activity is not None:
        context["activity"] = presentation.activity_view(catalog, activity)

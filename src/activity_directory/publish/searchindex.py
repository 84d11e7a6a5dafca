"""Search for parents: a compact static index, split into small files fetched on demand.

Plain Python (no MkDocs). :func:`build_index` turns a catalog into files that
``overrides/assets/search.js`` reads in the browser:

* ``zoekindex/meta.json`` (always fetched first, revalidated): the version
  folder, which word shards exist, the words the site itself gives a meaning
  (places from ``wijken.yml``, age groups, "gratis", "inloop"), per activity
  its age range, flags and areas (to rank by place, age and cost), and the
  list pages a query may point to;
* ``zoekindex/<version>/w/<prefix>.json``: the words that start with
  ``prefix`` and, per word, the activities that contain it with a weight
  (title weighs most, the description least);
* ``zoekindex/<version>/t/<length>.json``: every word of the index of that many letters (from
  ``TYPO_MIN``), no postings: a typed word that matches nothing is compared with the words of its
  own length and those one or two letters longer or shorter, whatever letter the typo is in (the
  word shards only hold the words that share its first letters), and then only the shards of the
  few words it is close to are fetched;
* ``zoekindex/<version>/a/<n>.json``: what a result shows (title, place,
  age, cost and the upcoming occurrences with start and end, so the browser
  shows the next one by the reader's clock), for the results numbered
  ``n * per`` up to ``(n + 1) * per`` (``per`` in ``meta.json``). A file per
  result was a thousand files per thousand activities, and creating files is
  a large part of a build; sixteen make a file of about 5 KB gzipped.

Dutch words are found the way parents type them: accents and case never
matter (:func:`normalise`), compounds are split at words the site itself uses
("kleutersport" is also indexed as "sport", "peuterzwemmen" as "zwemmen"),
hyphenated words are joined ("koffie-ochtend" → "koffieochtend"), and elided
compounds are completed ("Peuter- en kleutersport" → "peutersport").
Nothing about one municipality is in this code: places come from the area
tree, so another site's data gives another vocabulary.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from ..content.languages import SOURCE
from ..dates import wording
from ..dates.wording import Wording
from ..pages.directory import day_part, listing_title
from ..pages.listings import AGE_GROUPS, all_listings, area_keys, is_current
from ..content.loading import Catalog
from ..content.model import WEEKDAYS, Activity, Cost
from ..dates.occurrences import occurrences, upcoming
from ..pages.presentation import activity_url

INDEX_DIR = "zoekindex"
RECORDS_PER_FILE = 16
META_FILE = f"{INDEX_DIR}/meta.json"  # Dutch (a public contract); another language: zoekindex/<code>/meta.json
SEARCH_PAGE = "zoeken/"  # public contract: /zoeken/?q=<words>

# The files' shapes (the browser's data contract; tests/browser_types.py renders them for tsc and
# checks every built file against them).

# An occurrence of a result: [start, end, label] in ISO 8601 with offset, plus the index into
# 'p' of its place when the activity has more than one.
SearchOccurrence = tuple[str, str, str] | tuple[str, str, str, int]
# A list page a query can point to: [url, label, count, [[words, any of which must be typed], …]].
SearchListLink = tuple[str, str, int, list[list[str]]]


class SearchDoc(TypedDict):
    """What a search result shows (one record of ``a/<n>.json``)."""
    u: str  # slug
    t: str  # title
    p: list[str]  # place texts
    l: str  # age text
    k: str  # cost text
    o: list[SearchOccurrence]
    s: NotRequired[str]  # status text (stopped, no dates)
    tl: NotRequired[int]  # 1: ``t`` is an editor's translation, in the index's language (else Dutch there)


class SearchShard(TypedDict):
    """``w/<prefix>.json``: words in order, and per word its postings [weight, count, first doc, gaps…]…"""
    w: list[str]
    p: list[list[int]]


class SearchWords(TypedDict):
    """``t/<length>.json``: the index's words of that many letters, in order (no postings)."""
    w: list[str]


class SearchMeta(TypedDict):
    """``zoekindex/meta.json``."""
    v: str  # the version folder, relative to the site's root
    n: int  # results
    per: int  # results per file a/<n>.json
    current: int  # results 0 … current - 1 are current activities
    shards: list[str]  # the prefixes of the files w/<prefix>.json
    typo: list[int]  # the lengths of the files t/<length>.json (words a typo may be meant for)
    url: str  # an activity's address, '{}' for its slug
    stop: list[str]
    ages: dict[str, tuple[float, float]]  # word → [low, high] (high -1: no limit)
    flags: dict[str, int]  # word → flag bit
    places: dict[str, list[int]]  # word → area indices
    age: list[float]  # per result: low, high (-1: no limit)
    flag: list[int]  # per result: 1 free, 2 walk-in, 4 everywhere
    area: list[list[int]]  # per result: its area indices
    lists: list[SearchListLink]


# How much a word counts, by where it stands (small integers keep the shards small).
WEIGHTS = {
    "title": 10, "keywords": 9, "kind": 7, "place": 6, "organisation": 5, "cost": 5,
    "summary": 4, "when": 4, "slug": 3, "signup": 3, "body": 2, "address": 2,
}
# Words too common to mean anything on their own (Dutch function words). They
# are not indexed as words and are no compound parts; a query word that is one
# still matches as the start of a longer word ("voor" → "voorlezen").
STOPWORDS = frozenset("""
aan al als bij bent ben dan dat de der den deze die dit doe doen door een en er het hier hij hoe
in is je jij jou jouw kan kun kunt me met mij mijn na naar niet nog nu of om ons onze ook op over
te ter tot u uit uw van veel voor want was wat we wel wie wij wordt zal ze zich zij zijn zo zoals
""".split())
CONJUNCTIONS = ("en", "of")
RELATED_LESS = 2  # a related word ('verwant' in soorten.yml) weighs this much less than the word the activity has
MIN_WORD = 2  # shorter words are not indexed
MIN_PART = 3  # shortest compound part ("gym", "dag")
TYPO_MIN = 5  # shortest word a typo is forgiven in, and shortest word it may be meant for (search-rank.js TYPO_ONE)
SHARD_LIMIT = 24_000  # bytes of JSON; a bigger shard is split by one more letter
OCCURRENCE_DAYS = 28  # upcoming occurrences stored per activity: the next four weeks and one more …
MIN_OCCURRENCES = 3  # … and at least this many when there are any

FLAG_FREE, FLAG_WALK_IN, FLAG_EVERYWHERE = 1, 2, 4

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Letters that are one letter for a parent who types them but that NFKD keeps apart (search.js has the
# same table, FOLD): Turkish dotless ı with i (İ is I with a dot, which NFKD takes off), Polish ł,
# Arabic teh marbuta with heh, alef maksura with yeh, the tatweel (a stretch, no letter) dropped. The
# Arabic hamza forms of alef (أ إ آ), its diacritics (tashkeel) and Cyrillic ё, ї, й are a letter with
# a mark in NFKD, so they fold with the marks.
FOLD = {"ı": "i", "ł": "l", "Ł": "l",
        "ة": "ه", "ى": "ي", "ـ": ""}
_APOSTROPHE = re.compile(r"(?<=[^\W_])['’‘`](?=[^\W_])")
_HAS_APOSTROPHE = re.compile(r"['’‘`]")
_GROUP = re.compile(r"[^\W_]+(?:-[^\W_]+)*-?")
_DIGIT = re.compile(r"\d")
_DANGLING = re.compile(r"[^\W_]-(?![^\W_])")
_GAP = re.compile(r"[\s,&/]*")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
_TAG = re.compile(r"<[^>]*>")
_ATTR_LIST = re.compile(r"\{:[^}]*\}")


def normalise(text: str) -> str:
    """Lower case without accents: 'Café Été' → 'cafe ete', 'YÜZME' → 'yuzme', 'pływanie' → 'plywanie'.

    ``search.js`` does exactly the same (NFKD, drop every mark, fold the letters of ``FOLD``,
    lower case, join apostrophes: "baby's" → "babys"); a browser test compares the two.
    """
    if not text.isascii():
        text = _NON_ASCII.sub(_drop_mark, unicodedata.normalize("NFKD", text))
    text = text.lower()
    return _APOSTROPHE.sub("", text) if _HAS_APOSTROPHE.search(text) else text


def _drop_mark(match: re.Match) -> str:
    char = match.group(0)
    return "" if unicodedata.category(char).startswith("M") else FOLD.get(char, char)


@dataclass(frozen=True)
class Group:
    """A word as written: its parts ("koffie-ochtend" → koffie, ochtend) and
    whether it ends in a hyphen that leaves out a shared part ("peuter- en …")."""

    parts: tuple[str, ...]
    dangling: bool
    start: int
    end: int


def groups(text: str) -> list[Group]:
    """The words of a normalised text, with their hyphens."""
    found = []
    for match in _GROUP.finditer(text):
        raw = match.group(0)
        dangling = raw.endswith("-") and (match.end() == len(text) or not text[match.end()].isalnum())
        found.append(Group(tuple(p for p in raw.strip("-").split("-") if p), dangling, match.start(), match.end()))
    return found


def plain_text(markdown: str) -> str:
    """The readable words of an editor's Markdown: no link targets, addresses, tags or attribute lists."""
    text = _MARKDOWN_LINK.sub(r" \1 ", markdown)
    text = _TAG.sub(" ", text)
    text = _ATTR_LIST.sub(" ", text)
    return _URL.sub(" ", text)


@functools.lru_cache(maxsize=200_000)
def _indexable(word: str) -> bool:
    return len(word) >= MIN_WORD and word not in STOPWORDS and not word.isdigit()


class Vocabulary:
    """Every word the site uses on its own: the parts compounds are split into."""

    def __init__(self, words=()):
        self.words: set[str] = set()
        self._parts: dict[str, list[str]] = {}
        self.add(words)

    def add(self, words) -> None:
        self.words.update(w for w in words if len(w) >= MIN_PART and w not in STOPWORDS and not _DIGIT.search(w))
        self._parts.clear()

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def parts(self, word: str) -> list[str]:
        """Known words a compound ends in: 'peuterzwemmen' → ['zwemmen'],
        'buitenspeeldag' → ['speeldag', 'dag'] (when the site uses those words)."""
        try:
            return self._parts[word]
        except KeyError:
            found = self._parts[word] = [word[i:] for i in range(MIN_PART, len(word) - MIN_PART + 1) if word[i:] in self.words]
            return found

    def head(self, word: str) -> str | None:
        """The longest known word a compound ends in ('kleutersport' → 'sport')."""
        found = self.parts(word)
        return found[0] if found else None


@dataclass(frozen=True)
class Text:
    """A text split into words once: its words (hyphenated ones also joined)
    and its elided compounds as (first part, word that completes it)."""

    words: tuple[str, ...]
    elisions: tuple[tuple[str, str], ...] = ()


def split(text: str) -> Text:
    """The words of a text (short texts such as place and organisation names repeat: cached)."""
    return _split_short(text) if len(text) < 300 else _split(text)


def _split(text: str) -> Text:
    normalised = normalise(text)
    words: list[str] = []
    for raw in _GROUP.findall(normalised):
        if "-" in raw:
            parts = [p for p in raw.strip("-").split("-") if p]
            words += parts
            if len(parts) > 1 and not any(p.isdigit() for p in parts):  # "65-plus", "activiteit-00012": parts only
                words.append("".join(parts))
        else:
            words.append(raw)
    elisions = []
    if _DANGLING.search(normalised):
        items = groups(normalised)
        for index, group in enumerate(items):
            if group.dangling:
                target = _elided_target(items, index, normalised)
                if target is not None:
                    elisions.append(("".join(group.parts), target.parts[-1] if len(target.parts) == 1 else "-" + target.parts[-1]))
    return Text(tuple(words), tuple(elisions))


_split_short = functools.lru_cache(maxsize=50_000)(_split)


def indexed_words(text: Text, vocabulary: Vocabulary | None = None) -> list[tuple[str, bool]]:
    """Index words of a split text as (word, whole): ``whole`` is False for a
    compound part, which counts a little less than the word itself.

    With a vocabulary, compounds also yield their known parts and elided
    compounds are completed ("Peuter- en kleutersport" → peuter, peutersport,
    kleutersport, sport).
    """
    words = dict.fromkeys(text.words)  # each word once, in text order (a set's order would vary per run)
    found = [(w, True) for w in words if _indexable(w)]
    if vocabulary is not None:
        found += [(part, False) for w in words for part in vocabulary.parts(w) if _indexable(part)]
        for first, target in text.elisions:
            # "-sport": the completing word was itself hyphenated; its last part is the head.
            head = target[1:] if target.startswith("-") else vocabulary.head(target)
            if head and _indexable(first + head):
                found.append((first + head, True))
    return found


def words_of(text: str, vocabulary: Vocabulary | None = None) -> list[tuple[str, bool]]:
    """:func:`indexed_words` of a plain text."""
    return indexed_words(split(text), vocabulary)


def _elided_target(items: list[Group], index: int, text: str) -> Group | None:
    """The word that completes a dangling 'peuter-': the first word after a
    conjunction ('en', 'of'), past other dangling words and commas."""
    seen_conjunction = False
    previous = items[index]
    for group in items[index + 1: index + 8]:
        if not _GAP.fullmatch(text[previous.end:group.start]):
            return None
        previous = group
        if group.dangling:
            continue
        if not seen_conjunction and len(group.parts) == 1 and group.parts[0] in CONJUNCTIONS:
            seen_conjunction = True
            continue
        return group if seen_conjunction else None
    return None


# ---------------------------------------------------------------------------
# What each activity contributes
# ---------------------------------------------------------------------------


def meta_file(code: str = SOURCE) -> str:
    """Where the index of language ``code`` starts: ``zoekindex/meta.json`` for Dutch,
    ``zoekindex/<code>/meta.json`` for another language."""
    return META_FILE if code == SOURCE else f"{INDEX_DIR}/{code}/meta.json"


def _kind_texts(catalog: Catalog, activity: Activity, code: str) -> list[str]:
    """The names and search words of an activity's kinds: Dutch (a parent may type the word on a
    poster) and, in another language, that language's."""
    kinds = [catalog.site.kinds[k] for k in activity.kinds]
    texts = [k.name for k in kinds] + [w for k in kinds for w in k.keywords]
    if code != SOURCE:
        texts += [k.name_in(code) for k in kinds if k.translated(code)] + [w for k in kinds for w in k.keywords_in(code)]
    return texts


def _fields(catalog: Catalog, activity: Activity) -> dict[str, list[str]]:
    """The texts of an activity by field (see WEIGHTS)."""
    site = catalog.site
    areas = site.areas
    places, addresses = [], []
    for location in activity.locations:
        places.append(location.name)
        places += [a.name for a in areas.ancestors(location.area)]
        if location.address:
            addresses.append(location.address)
    when = []
    for slot in activity.slots:
        days = (slot.date.weekday(),) if slot.date is not None else slot.weekdays
        when += [WEEKDAYS[d] for d in days]
        when.append(day_part(slot.start))  # the home page's 'dagdeel' words
    cost = [wording.cost(activity.cost)] + ([activity.cost.note] if activity.cost.note else [])
    signup = ["inloop"] if activity.signup.walk_in else ([activity.signup.note] if activity.signup.note else [])
    return {
        "title": [activity.title],
        "keywords": list(activity.keywords),
        "kind": _kind_texts(catalog, activity, SOURCE),
        "place": places,
        "organisation": [site.organisations[activity.organisation].name],
        "cost": cost,
        "summary": [activity.summary],
        "when": when,
        "slug": [activity.slug, *activity.aliases],  # names the activity had, as in its addresses
        "signup": signup,
        "body": [plain_text(activity.body)],
        "address": addresses,
    }


def _number(value: float | None):
    if value is None:
        return -1
    return int(value) if float(value).is_integer() else value


def _place_text(catalog: Catalog, location, words: Wording = wording.DUTCH) -> str:
    areas = catalog.site.areas
    area = areas.areas[location.area]
    if area.level == "gemeente":
        return words._("%(plek)s, overal in %(gemeente)s") % {"plek": location.name, "gemeente": area.name}
    district = areas.district_of(area.key)
    names = [location.name, area.name] + ([district.name] if district and district.key != area.key else [])
    return ", ".join(dict.fromkeys(names))


def _status_text(activity: Activity, current: bool, words: Wording = wording.DUTCH) -> str | None:
    if activity.status in ("gepauzeerd", "gestopt"):
        return words.status(activity.status)
    return None if current else words.status("afgelopen")


@functools.lru_cache(maxsize=4096)
def _label(day: dt.date, start: dt.time, end: dt.time, today: dt.date, words: Wording = wording.DUTCH) -> str:
    """'ma 30 nov, 09:30–10:15' (no 'vandaag': the index is read on later days too)."""
    if words is wording.DUTCH:
        return f"{wording.short_date(day, today, relative=False)}, {wording.time_range(start, end)}"
    return words._("%(datum)s, %(tijd)s") % {"datum": words.short_date(day, today, relative=False),
                                              "tijd": words.time_range(start, end)}


def result_record(catalog: Catalog, activity: Activity, current: bool | None = None,
                  words: Wording = wording.DUTCH) -> SearchDoc:
    """What a search result shows. Occurrences are [start, end, label(, place)],
    start and end in ISO 8601 with offset (the ``data-start``/``data-end`` contract)."""
    today = catalog.today
    # The next four weeks and one more (a reader up to four weeks late still sees a
    # next date, also after a holiday), and never fewer than MIN_OCCURRENCES.
    limit = today + dt.timedelta(days=OCCURRENCE_DAYS)
    soon = occurrences(activity, catalog.calendar, today, limit + dt.timedelta(days=6))  # a weekly one: the week after
    window = [o for o in soon if o.date < limit]
    after = [o for o in soon if o.date >= limit][:1] or upcoming(activity, catalog.calendar, limit, count=1)
    found = window + after
    if len(found) < MIN_OCCURRENCES:  # rare dates: look further
        found = upcoming(activity, catalog.calendar, today, count=MIN_OCCURRENCES)
    locations = list(activity.locations)
    translation = None if words.language.source else catalog.translation(activity.slug, words.language.code)
    translated_title = translation.text("titel") if translation is not None else None
    record: SearchDoc = {
        "u": activity.slug,
        "t": translated_title or activity.title,
        "p": [_place_text(catalog, loc, words) for loc in locations],
        "l": words.age(activity),
        "k": words.cost(activity.cost),
        "o": [],
    }
    if translated_title:
        record["tl"] = 1
    for o in found:
        label = _label(o.date, o.start.time(), o.end.time(), today, words)
        entry: SearchOccurrence = (o.start.isoformat(), o.end.isoformat(), label)
        if len(locations) > 1:
            entry = (*entry, locations.index(o.location))
        record["o"].append(entry)
    status = _status_text(activity, is_current(catalog, activity) if current is None else current, words)
    if status:
        record["s"] = status
    return record


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------


@dataclass
class SearchIndex:
    """The files of the index (path relative to the site → bytes) and facts for the benchmark."""

    files: dict[str, bytes] = field(default_factory=dict)
    version: str = ""
    documents: int = 0
    words: int = 0
    code: str = SOURCE  # the language


def _dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _postings(docs: dict[int, int]) -> list[int]:
    """{doc: weight} → [weight, count, first doc, gaps…] per weight, heaviest first."""
    by_weight: dict[int, list[int]] = {}
    for doc, weight in docs.items():
        by_weight.setdefault(weight, []).append(doc)
    flat: list[int] = []
    for weight in sorted(by_weight, reverse=True):
        ids = sorted(by_weight[weight])
        flat += [weight, len(ids), ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
    return flat


def _shards(postings: dict[str, dict[int, int]]) -> dict[str, SearchShard]:
    """Words grouped by their first letters; a big group is split by one more letter."""
    def build(words: list[str]) -> SearchShard:
        return {"w": words, "p": [_postings(postings[w]) for w in words]}

    result: dict[str, SearchShard] = {}
    pending = {}
    for word in sorted(postings):
        pending.setdefault(word[:2], []).append(word)
    while pending:
        key, words = pending.popitem()
        shard = build(words)
        longer = [w for w in words if len(w) > len(key)]
        if len(_dumps(shard)) > SHARD_LIMIT and longer:
            short = [w for w in words if len(w) == len(key)]
            if short:
                result[key] = build(short)
            for word in longer:
                pending.setdefault(word[:len(key) + 1], []).append(word)
        else:
            result[key] = shard
    return dict(sorted(result.items()))


def _words_by_length(postings: dict[str, dict[int, int]]) -> dict[int, list[str]]:
    """The index's words of ``TYPO_MIN`` letters or more by length, in order: what a typo is compared
    with. Keyed by length, not by first letters, so a typo in any letter finds its word: one typo
    changes the length by at most one, two by at most two. The length is counted as search.js counts
    it (UTF-16 code units)."""
    found: dict[int, list[str]] = {}
    for word in sorted(postings):
        length = len(word.encode("utf-16-le")) // 2
        if length >= TYPO_MIN:
            found.setdefault(length, []).append(word)
    return dict(sorted(found.items()))


def _ordered(catalog: Catalog, records: dict[str, dict], current: set[str]) -> list[Activity]:
    """Current activities by next date (the tie-break in ranking; the same order as
    ``directory.current_activities``, from the dates the records hold), then the rest by title."""
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)

    def next_start(activity: Activity):
        dates = records[activity.slug]["o"]
        return dt.datetime.fromisoformat(dates[0][0]) if dates else far

    now = sorted((a for a in catalog.activities if a.slug in current), key=lambda a: (next_start(a), a.title.lower(), a.slug))
    rest = sorted((a for a in catalog.activities if a.slug not in current), key=lambda a: (a.title.lower(), a.slug))
    return now + rest


def _place_words(catalog: Catalog) -> dict[str, list[int]]:
    """Words of area names → the areas they name (by index in the area list).

    Words of the municipality's own name mean 'everywhere' and are left out.
    """
    areas = catalog.site.areas
    root_words = {w for w, _ in words_of(areas.root.name)}
    keys = [a.key for a in areas.areas.values() if a.key != areas.root.key]
    result: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        for word, _ in words_of(areas.areas[key].name):
            if word not in root_words and len(word) >= MIN_PART:
                result.setdefault(word, []).append(i)
    return result


def age_search_words(words: Wording) -> dict[str, str]:
    """Per age group, the words a parent searches it by in the language of ``words`` (a message per
    group, so each language names its own: "toddler, toddlers" for 'peuter')."""
    return {
        "baby": words.pgettext("zoekwoorden", "baby, baby's, zuigeling"),
        "peuter": words.pgettext("zoekwoorden", "peuter, peuters, dreumes"),
        "kleuter": words.pgettext("zoekwoorden", "kleuter, kleuters"),
        "kind": words.pgettext("zoekwoorden", "kind, kinderen"),
        "tiener": words.pgettext("zoekwoorden", "tiener, tieners, jongeren"),
        "volwassene": words.pgettext("zoekwoorden", "volwassene, volwassenen"),
        "senior": words.pgettext("zoekwoorden", "senior, senioren, ouderen"),
    }


def _age_words(words: Wording = wording.DUTCH) -> dict[str, tuple[float, float]]:
    """'peuter', 'peuters', … → [low, high] (high -1: no limit), from the age groups; in another
    language also that language's words (the Dutch ones stay)."""
    found: dict[str, tuple[float, float]] = {}
    translated = age_search_words(words) if words is not wording.DUTCH else {}
    for group in AGE_GROUPS:
        value = (_number(group.low), _number(group.high))
        for word in sorted({normalise(group.key), *(w for w, _ in words_of(group.name.split("(")[0]))}):
            if not word.isdigit():
                found.setdefault(word, value)
    for group in AGE_GROUPS:  # after the Dutch words: a Dutch word keeps its Dutch meaning
        value = (_number(group.low), _number(group.high))
        for word, _ in words_of(translated.get(group.key, "")):
            if not word.isdigit() and len(word) >= MIN_WORD:
                found.setdefault(word, value)
    return found


def _flag_words(words: Wording = wording.DUTCH) -> dict[str, int]:
    """The words of the cost and sign-up badges that are facts, not text (Dutch, and in another
    language also its own: "free", "walk-in")."""
    found = {normalise(wording.cost(Cost(True))): FLAG_FREE, "inloop": FLAG_WALK_IN}
    if words is not wording.DUTCH:
        for text, flag in ((words.cost(Cost(True)), FLAG_FREE), (words.walk_in(), FLAG_WALK_IN)):
            written = groups(normalise(text))
            if len(written) == 1 and len(word := "".join(written[0].parts)) >= MIN_PART:  # "walk-in": walkin
                found.setdefault(word, flag)  # (a label of more words, "kayıt gerekmez", is no word to type)
    return found


def _words_by_list(catalog: Catalog, place_words: dict[str, list[int]],
                   age_words: dict[str, tuple[float, float]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The index's words that lead to an area's list (by area key) and to an age group's (by group key)."""
    areas = catalog.site.areas
    keys = [a.key for a in areas.areas.values() if a.key != areas.root.key]
    by_area: dict[str, list[str]] = {}
    for word, indexes in place_words.items():
        for i in indexes:
            by_area.setdefault(keys[i], []).append(word)
    by_group = {g.key: sorted(w for w, v in age_words.items() if v == (_number(g.low), _number(g.high))) for g in AGE_GROUPS}
    return by_area, by_group


def _list_links(catalog: Catalog, place_words: dict[str, list[int]], age_words: dict[str, tuple[float, float]],
                current: set[str], words: Wording = wording.DUTCH) -> list[SearchListLink]:
    """List pages a query can point to: [url, label, count, [[words, any of which must be typed], …]]."""
    if words is not wording.DUTCH:
        return _list_links_in(catalog, place_words, age_words, current, words)
    by_area, by_group = _words_by_list(catalog, place_words, age_words)
    groups_by_key = {g.key: g for g in AGE_GROUPS}
    links: list[SearchListLink] = []
    for listing in all_listings(catalog):
        count = sum(1 for a in listing.activities if a.slug in current)
        if listing.kind in ("stadsdeel", "wijk"):
            needed = [[w] for w in sorted(by_area.get(listing.key, []))]
            label = f"Alles in {listing.title}"
        elif listing.kind == "leeftijd":
            needed = [by_group[listing.key]]
            name = groups_by_key[listing.key].name
            label = f"Alles voor {name[0].lower()}{name[1:]}"
        elif listing.kind == "stadsdeel-leeftijd":
            area_key, group_key = listing.key.split("/")
            needed = [[w] for w in sorted(by_area.get(area_key, []))] + [by_group[group_key]]
            label = listing.title
        elif listing.kind == "soort":
            needed = [sorted({w for w, _ in words_of(listing.title) if len(w) >= MIN_PART})]
            label = f"Alles over {listing.title[0].lower()}{listing.title[1:]}"
        else:
            continue
        if all(needed) and needed:
            links.append((listing.url, label, count, needed))
    return links


def _list_links_in(catalog: Catalog, place_words: dict[str, list[int]], age_words: dict[str, tuple[float, float]],
                   current: set[str], words: Wording) -> list[SearchListLink]:
    """:func:`_list_links` for a page in another language: the same lists, at their address in that
    language, labelled in it, found by its words and by the Dutch ones."""
    code = words.language.code
    _ = words._
    areas = catalog.site.areas
    by_area, by_group = _words_by_list(catalog, place_words, age_words)
    group_names = {g.key: _(g.name) for g in AGE_GROUPS}
    links: list[SearchListLink] = []
    for listing in all_listings(catalog):
        count = sum(1 for a in listing.activities if a.slug in current)
        if listing.kind in ("stadsdeel", "wijk"):
            needed = [[w] for w in sorted(by_area.get(listing.key, []))]
            label = _("Alles in %(gebied)s") % {"gebied": listing.title}
        elif listing.kind == "leeftijd":
            needed = [by_group[listing.key]]
            label = _("Alles voor %(leeftijdsgroep)s") % {"leeftijdsgroep": group_names[listing.key]}
        elif listing.kind == "stadsdeel-leeftijd":
            area_key, group_key = listing.key.split("/")
            needed = [[w] for w in sorted(by_area.get(area_key, []))] + [by_group[group_key]]
            label = _("%(leeftijdsgroep)s in %(gebied)s") % {"leeftijdsgroep": group_names[group_key],
                                                           "gebied": areas.areas[area_key].name}
        elif listing.kind == "soort":
            kind = catalog.site.kinds[listing.key]
            texts = [kind.name, kind.name_in(code), *kind.keywords, *kind.keywords_in(code)]
            needed = [sorted({w for t in texts for w, _w in words_of(t) if len(w) >= MIN_PART})]
            label = _("Alles over %(soort)s") % {"soort": kind.name_in(code)}
        else:
            continue
        if all(needed) and needed:
            links.append((f"{code}/{listing.url}", label, count, needed))
    return links


def build_index(catalog: Catalog, code: str = SOURCE) -> SearchIndex:
    """Every file of the search index of language ``code`` for this catalog (made once per build)."""
    return catalog.cached(("search-index", code), lambda: _build_index(catalog, code))


def build_indexes(catalog: Catalog) -> list[SearchIndex]:
    """The index of every language of the site, Dutch first."""
    return [build_index(catalog, lang.code) for lang in catalog.site.languages] or [build_index(catalog)]


def _dutch_fields(catalog: Catalog) -> tuple[set[str], dict[str, SearchDoc], list[Activity], list[dict[str, Text]]]:
    """What every language's index shares: the current activities, the Dutch records, the order,
    and the split texts per field (the same words in every language: the texts are the editors')."""
    def compute():
        current = {a.slug for a in catalog.activities if is_current(catalog, a)}
        records = {a.slug: result_record(catalog, a, a.slug in current) for a in catalog.activities}
        ordered = _ordered(catalog, records, current)
        # One split per field ('|' keeps an elision from reaching into the next text).
        fields = [{name: split(" | ".join(values)) for name, values in _fields(catalog, a).items() if values} for a in ordered]
        return current, records, ordered, fields
    return catalog.cached(("search-fields",), compute)


def _with_translation(catalog: Catalog, activity: Activity, code: str, texts: dict[str, Text]) -> dict[str, Text]:
    """An activity's texts in the index of ``code``: an editor's translated title and summary are found
    there too, beside the Dutch ones (a parent may search either)."""
    translation = catalog.translation(activity.slug, code)
    if translation is None:
        return texts
    shown = catalog.in_language(activity, code)
    more = {"title": (activity.title, shown.title), "summary": (activity.summary, shown.summary)}
    return {**texts, **{name: split(" | ".join(dict.fromkeys(values))) for name, values in more.items()
                        if values[1] != values[0]}}


def _build_index(catalog: Catalog, code: str = SOURCE) -> SearchIndex:
    site = catalog.site
    words = wording.DUTCH if code == SOURCE else wording.for_language(code)
    current, records, ordered, fields = _dutch_fields(catalog)
    if code != SOURCE:
        records = {a.slug: result_record(catalog, a, a.slug in current, words) for a in catalog.activities}
        fields = [{**texts, "kind": split(" | ".join(_kind_texts(catalog, a, code)))} if a.kinds else texts
                  for a, texts in zip(ordered, fields)]
        fields = [_with_translation(catalog, a, code, texts) for a, texts in zip(ordered, fields)]
    # The vocabulary: every word the site uses on its own, in any text.
    vocabulary = Vocabulary()
    extra = [a.name for a in site.areas.areas.values()] + [k.name for k in site.kinds.values()] + \
            [k.description or "" for k in site.kinds.values()] + [o.name for o in site.organisations.values()]
    if code != SOURCE:
        extra += [t for k in site.kinds.values() for t in (k.name_in(code), *k.keywords_in(code))]
    seen: set[str] = set()
    for text in extra:
        seen.update(split(text).words)
    for texts in fields:
        for text in texts.values():
            seen.update(text.words)
    vocabulary.add(seen)
    related = [tuple(dict.fromkeys(normalise(w).strip().replace("-", "").replace(" ", "") for w in group.split(",")))
               for k in site.kinds.values() for group in k.related]  # a group per item: "peutersport, peutergym"
    postings: dict[str, dict[int, int]] = {}
    for doc, texts in enumerate(fields):
        best: dict[str, int] = {}
        for name, text in texts.items():
            weight = WEIGHTS[name]
            part_weight = max(1, weight - 1)
            for word, whole in indexed_words(text, vocabulary):
                value = weight if whole else part_weight
                if best.get(word, 0) < value:
                    best[word] = value
        for group in related:  # 'verwant': an activity with one of the words is found by the others
            present = [best[w] for w in group if w in best]
            if present:
                value = max(1, max(present) - RELATED_LESS)
                for word in group:
                    best.setdefault(word, value)
        for word, value in best.items():
            postings.setdefault(word, {})[doc] = value
    shards = _shards(postings)

    areas = site.areas
    area_list = [a.key for a in areas.areas.values() if a.key != areas.root.key]
    area_index = {key: i for i, key in enumerate(area_list)}
    ages, flags, doc_areas = [], [], []
    for activity in ordered:
        ages += [_number(activity.age_from), _number(activity.age_to)]
        keys = area_keys(catalog, activity)
        flag = (FLAG_FREE if activity.cost.free else 0) | (FLAG_WALK_IN if activity.signup.walk_in else 0)
        if keys is None:
            flag |= FLAG_EVERYWHERE
        flags.append(flag)
        doc_areas.append(sorted(area_index[k] for k in keys if k in area_index) if keys else [])
    place_words = _place_words(catalog)
    age_words = _age_words(words)

    body = {f"w/{key}.json": _dumps(shard) for key, shard in shards.items()}
    by_length = _words_by_length(postings)
    body.update({f"t/{length}.json": _dumps(SearchWords(w=words_)) for length, words_ in by_length.items()})
    for start in range(0, len(ordered), RECORDS_PER_FILE):  # a file per RECORDS_PER_FILE results
        body[f"a/{start // RECORDS_PER_FILE}.json"] = _dumps(
            [records[a.slug] for a in ordered[start:start + RECORDS_PER_FILE]])
    digest = hashlib.sha256()
    for name in sorted(body):
        digest.update(name.encode() + b"\0" + body[name] + b"\0")
    meta: dict = {
        "n": len(ordered),
        "per": RECORDS_PER_FILE,
        "current": len(current),
        "shards": list(shards),
        "typo": list(by_length),
        "url": activity_url("{}") if code == SOURCE else f"{code}/{activity_url('{}')}",
        "stop": sorted(STOPWORDS),
        "ages": age_words,
        "flags": _flag_words(words),
        "places": place_words,
        "age": ages,
        "flag": flags,
        "area": doc_areas,
        "lists": _list_links(catalog, place_words, age_words, current, words),
    }
    digest.update(_dumps(meta))
    version = digest.hexdigest()[:12]
    folder = INDEX_DIR if code == SOURCE else f"{INDEX_DIR}/{code}"
    published: SearchMeta = {"v": f"{folder}/{version}/", **meta}
    files = {meta_file(code): _dumps(published)}
    files.update({f"{folder}/{version}/{name}": data for name, data in body.items()})
    return SearchIndex(files=files, version=version, documents=len(ordered), words=len(postings), code=code)


def gzipped_size(data: bytes) -> int:
    """Bytes on the wire with gzip (as a web server sends JSON)."""
    return len(gzip.compress(data, 6, mtime=0))


def search_page_view(catalog: Catalog, words: Wording = wording.DUTCH) -> dict:
    """The page ``/zoeken/``: besides the box, the list pages (they work without JavaScript too),
    in the language of ``words`` (their addresses are the Dutch ones: the template links them
    within the page's language)."""
    _ = words._
    sections = (("stadsdeel", _("Per stadsdeel")), ("leeftijd", _("Per leeftijd")), ("soort", _("Per soort")))
    code = words.language.code
    groups_ = []
    for kind, title in sections:
        links = [{"url": listing.url, "label": listing.title if code == SOURCE else listing_title(catalog, listing, words),
                  "count": sum(1 for a in listing.activities if is_current(catalog, a))}
                 for listing in all_listings(catalog) if listing.kind == kind]
        if links:
            groups_.append({"title": title, "links": links})
    return {"groups": groups_, "home": all_listings(catalog)[0].title}

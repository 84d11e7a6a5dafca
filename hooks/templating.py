"""Template helpers for every Jinja environment the build renders with (MkDocs' and our own).

* ``RenderOnce``: ``{% call render_once(key…) %}…{% endcall %}`` renders its body once per key
  and build, and repeats that HTML (``None`` in the key: no cache). The theme's navigation is the
  same on every activity page (none is in the nav, all are at the same depth) and took a fifth
  of an activity page's time; the theme's styles, scripts and header parts (overrides/main.html)
  are the same on every page of one depth and first folder.
* ``prefer_keys_of_plain_dicts``: ``{{ a.title }}`` on a plain dict (our view models) without
  raising an AttributeError first, and without a function call where the template is compiled
  (see there).
* ``with_messages``: ``{{ _("Zoeken") }}``, ``ngettext`` and ``pgettext`` in every template, in
  the language of the page being rendered (its context's ``page_language``; Dutch without one),
  and the filter ``lurl``: the ``url`` of a page's path in that language.
  Every msgid is the Dutch sentence (``activity_directory.content.translations``).
"""

from __future__ import annotations

import jinja2
from jinja2.compiler import CodeGenerator, optimizeconst
from markupsafe import Markup

from activity_directory.content.languages import SOURCE, localized_path
from activity_directory.content.translations import translations

_DICT_ATTRIBUTES = frozenset(dir(dict))


class RenderOnce:
    def __init__(self) -> None:
        self.done: dict[tuple, str] = {}

    def __call__(self, *key, caller):
        if any(part is None or isinstance(part, jinja2.Undefined) for part in key):
            return caller()  # no key (a template rendered without a page, or not through main.html): no cache
        try:
            return self.done[key]
        except KeyError:
            html = self.done[key] = caller()
            return html
        except TypeError:  # a key that cannot be hashed: no cache
            return caller()


class _PlainDictKeys(CodeGenerator):
    """Compiles ``a.b`` to a key lookup in the template's own code when ``a`` is a plain dict that
    has the key ``b`` and ``b`` is not a dict method (the same answer as Jinja's rule, see
    :func:`prefer_keys_of_plain_dicts`); anything else goes to ``environment.getattr`` as
    before. A build reads some 700,000 attributes of view models: each was a Python call."""

    @optimizeconst
    def visit_Getattr(self, node, frame) -> None:
        if self.environment.is_async or node.attr in _DICT_ATTRIBUTES:
            super().visit_Getattr(node, frame)
            return
        name, value = repr(node.attr), self.temporary_identifier()
        self.write(f"({value}[{name}] if type({value} := ")
        self.visit(node.node, frame)
        self.write(f") is dict and {name} in {value} else environment.getattr({value}, {name}))")


def prefer_keys_of_plain_dicts(env):
    """Jinja's ``a.b`` tries ``getattr(a, "b")`` and then ``a["b"]``. For a dict the first try
    fails unless ``b`` is a dict method, and raising and catching that error was about a
    twentieth of a build's CPU time. A plain dict has exactly the attributes of ``dict``, so
    asking for the key first when the name is not one of them gives the same answer as Jinja's
    own rule (a missing key is the same Undefined). Returns ``env``."""
    general = type(env).getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return general(env, obj, attribute)

    env.getattr = getattr_
    env.code_generator_class = _PlainDictKeys  # for templates compiled from now on
    return env


_catalogues: dict = {}  # code -> its messages, for this build (with_messages empties it)


def _messages(context):
    code = context.get("page_language") or SOURCE
    try:
        return _catalogues[code]
    except KeyError:
        found = _catalogues[code] = translations(code)
        return found


@jinja2.pass_context
def _gettext(context, message: str) -> str:
    return _messages(context).gettext(message)


@jinja2.pass_context
def _ngettext(context, singular: str, plural: str, count: int) -> str:
    return _messages(context).ngettext(singular, plural, count)


@jinja2.pass_context
def _pgettext(context, message_context: str, message: str) -> str:
    return _messages(context).pgettext(message_context, message)


@jinja2.pass_context
def _npgettext(context, message_context: str, singular: str, plural: str, count: int) -> str:
    return _messages(context).npgettext(message_context, singular, plural, count)


_constant: dict = {}  # (code, msgid, autoescape) -> what ``_(msgid)`` without placeholders gives, this build


@jinja2.pass_context
def _one_call_gettext(context, message: str, **variables):
    """``_()`` and ``gettext()`` as Jinja's new-style i18n makes them (translate, ``Markup`` where the
    template autoescapes, then always ``% variables``), in one call: Jinja's own are an alias that
    calls a wrapper that calls the callable, each through ``Context.call``; a build with every
    language makes some 600,000 of them (issue 18)."""
    autoescape = context.eval_ctx.autoescape
    if not variables:
        key = (context.get("page_language") or SOURCE, message, autoescape)
        try:
            return _constant[key]
        except KeyError:
            pass
    rv = _messages(context).gettext(message)
    if autoescape:
        rv = Markup(rv)
    rv = rv % variables
    if not variables:
        _constant[key] = rv
    return rv


def with_messages(env):
    """Jinja's i18n extension, new style (named placeholders: ``_("Op %(dag)s", dag=…)``, escaped
    where the template autoescapes), translating to the language of the page. Returns ``env``."""
    _catalogues.clear()  # a catalogue changed while serving is read again
    _constant.clear()
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext)
    env.globals["gettext"] = env.globals["_"] = _one_call_gettext
    url = env.filters.get("url")
    if url is not None and "lurl" not in env.filters:
        @jinja2.pass_context
        def lurl(context, path: str) -> str:
            """``{{ 'stadsdelen/' | lurl }}``: MkDocs' ``url`` of a Dutch page's path, in the page's language."""
            return url(context, localized_path(context.get("page_language") or SOURCE, path))

        env.filters["lurl"] = lurl
    return env
